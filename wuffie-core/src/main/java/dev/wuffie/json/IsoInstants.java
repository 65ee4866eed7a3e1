package dev.wuffie.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants that {@link Instant#toString()} writes for years 0 to 9999 ({@code
 * 2026-11-01T12:00:00Z}, with 3, 6 or 9 digits of fraction if it has any) without {@link
 * java.time.format.DateTimeFormatter}, which allocates a map per parse and dominates reading a
 * ledger file. Any fraction of 1 to 9 digits is read too. Anything else (an offset, a leap second,
 * a year beyond 9999) is not read here: callers fall back to {@link Instant#parse}, which reads it
 * or explains why not, so the two always agree.
 */
final class IsoInstants {
  private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
  private static final int[] SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private IsoInstants() {}

  /** The instant in {@code text}, or null if it is not in the form above. */
  static Instant parse(String text) {
    return text.length() > SHORTEST + 10 ? null : parse(text.toCharArray(), 0, text.length());
  }

  /** The instant in {@code text[from, to)}, or null if it is not in the form above. */
  static Instant parse(char[] text, int from, int to) {
    int length = to - from;
    if (length < SHORTEST
        || length > SHORTEST + 10
        || length == SHORTEST + 1
        || text[to - 1] != 'Z'
        || text[from + 4] != '-'
        || text[from + 7] != '-'
        || text[from + 10] != 'T'
        || text[from + 13] != ':'
        || text[from + 16] != ':') {
      return null;
    }
    int year = digits(text, from, 4);
    int month = digits(text, from + 5, 2);
    int day = digits(text, from + 8, 2);
    int hour = digits(text, from + 11, 2);
    int minute = digits(text, from + 14, 2);
    int second = digits(text, from + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > SHORTEST) {
      int fraction = length - SHORTEST - 1;
      if (text[from + 19] != '.' || (nanos = digits(text, from + 20, fraction)) < 0) {
        return null;
      }
      nanos *= SCALE[fraction];
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // no such day, such as February 30: Instant.parse says so
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The value of the {@code count} decimal digits at {@code at}, or -1 if one is not a digit. */
  private static int digits(char[] text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
