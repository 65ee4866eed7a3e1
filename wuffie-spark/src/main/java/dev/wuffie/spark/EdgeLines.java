package dev.wuffie.spark;

import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One line of an edge list in the command line's format ({@link dev.wuffie.io.EdgeListReader}):
 * {@code endorser<sep>endorsed[<sep>weight[<sep>time]]}, with {@code <sep>} a comma, a tab or a run
 * of spaces, decided per line in that order, fields trimmed. Parsed line by line, as Spark reads
 * the file in splits: a header is recognised only as the first line of a file.
 */
final class EdgeLines {
  private static final Set<String> HEADER_NAMES = Set.of("source", "src", "from", "endorser");

  private EdgeLines() {}

  /**
   * The line at byte {@code offset} of {@code source} as {@code (endorser, endorsed, weight)}, or
   * null for a blank, comment or header line.
   *
   * @throws IllegalArgumentException if the line is malformed, naming the source and offset
   */
  static Row parse(String source, long offset, String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%")) {
      return null;
    }
    String[] fields;
    if (trimmed.indexOf(',') >= 0) {
      fields = trimmed.split(",", -1);
    } else if (trimmed.indexOf('\t') >= 0) {
      fields = trimmed.split("\t", -1);
    } else {
      fields = trimmed.split(" +", -1);
    }
    for (int i = 0; i < fields.length; i++) {
      fields[i] = fields[i].strip();
    }
    if (offset == 0 && isHeader(fields)) {
      return null;
    }
    if (fields.length < 2 || fields.length > 4) {
      throw problem(
          source,
          offset,
          "expected endorser<sep>endorsed[<sep>weight[<sep>timestamp]] with <sep> a comma, tab or"
              + " spaces, but found "
              + fields.length
              + " field(s)");
    }
    double weight = 1;
    if (fields.length > 2 && !fields[2].isEmpty()) {
      weight = number(source, offset, "weight", fields[2]);
    }
    if (fields.length > 3 && !fields[3].isEmpty()) {
      number(source, offset, "timestamp", fields[3]);
    }
    return RowFactory.create(fields[0], fields[1], weight);
  }

  private static boolean isHeader(String[] fields) {
    if (fields.length == 2) {
      return HEADER_NAMES.contains(fields[0].toLowerCase(java.util.Locale.ROOT));
    }
    for (int i = 2; i < fields.length; i++) {
      if (!fields[i].isEmpty() && !isNumber(fields[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double number(String source, long offset, String field, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw problem(source, offset, field + " '" + text + "' is not a number");
    }
  }

  private static IllegalArgumentException problem(String source, long offset, String what) {
    return new IllegalArgumentException(
        String.format("%s: the line at byte %,d: %s", source, offset, what));
  }
}
