package dev.wuffie.io;

import java.util.Arrays;

/**
 * Makes Strings of the fields of a column of few distinct values, such as the kind: it remembers
 * the first few values it meets and returns the same String for the same bytes, found by comparing
 * them. That saves decoding a String on every line, and its user hashes a String whose hash is
 * already cached. (Ids are too many for that: looking them up by their bytes, one at a time, costs
 * more than decoding them.)
 *
 * <p>Not thread-safe.
 */
final class FewStrings {
  private final byte[][] bytes;
  private final String[] strings;
  private int size;

  /** Strings that remember up to {@code capacity} values. */
  FewStrings(int capacity) {
    bytes = new byte[capacity][];
    strings = new String[capacity];
  }

  /** Field {@code i} of the current record of {@code records}, as a String. */
  String field(TextRecords records, int i) {
    byte[] line = records.bytes();
    int from = records.start(i);
    int to = records.end(i);
    for (int k = 0; k < size; k++) {
      if (Arrays.equals(bytes[k], 0, bytes[k].length, line, from, to)) {
        return strings[k];
      }
    }
    String field = records.field(i);
    if (size < strings.length) {
      bytes[size] = Arrays.copyOfRange(line, from, to);
      strings[size++] = field;
    }
    return field;
  }
}
