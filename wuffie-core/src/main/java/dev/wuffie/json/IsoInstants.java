package dev.wuffie.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads the instants that {@link Instant#toString()} writes for years 0 to 9999 ({@code
 * 2026-11-01T12:00:00Z}, with 3, 6 or 9 digits of fraction if it has any) without {@link
 * java.time.format.DateTimeFormatter}, which allocates a map per parse and dominates reading a
 * ledger file, and without {@link java.time.LocalDate}. Any fraction of 1 to 9 digits is read too.
 * Anything else (an offset, a leap second, a year beyond 9999, a day that the month does not have)
 * is not read here: callers fall back to {@link Instant#parse}, which reads it or explains why not,
 * so the two always agree.
 */
final class IsoInstants {
  private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
  private static final int[] SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };
  private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  private static final long DAYS_0000_TO_1970 = 719_528; // from 0000-01-01 to 1970-01-01

  private IsoInstants() {}

  /** The instant in {@code text}, or null if it is not in the form above. */
  static Instant parse(String text) {
    if (text.length() > SHORTEST + 10) {
      return null;
    }
    // A char beyond Latin-1 becomes '?' (a surrogate pair one '?'), which is none of the digits
    // and signs read here.
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return parse(bytes, 0, bytes.length);
  }

  /** The instant in the ASCII bytes {@code text[from, to)}, or null if not in the form above. */
  static Instant parse(byte[] text, int from, int to) {
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
        || month < 1
        || month > 12
        || day < 1
        || day > DAYS_IN_MONTH[month]
        || (month == 2 && day == 29 && !isLeap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      return null; // Instant.parse says what is wrong, such as February 30
    }
    int nanos = 0;
    if (length > SHORTEST) {
      int fraction = length - SHORTEST - 1;
      if (text[from + 19] != '.' || (nanos = digits(text, from + 20, fraction)) < 0) {
        return null;
      }
      nanos *= SCALE[fraction];
    }
    long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /**
   * Days from 1970-01-01 to the valid date {@code year-month-day}, {@code year >= 0}: the days of
   * the years before it (with a leap day every 4 years but 100, and every 400), of the months
   * before it (counted as if February had 30 days, then corrected), and of the month.
   */
  static long epochDay(int year, int month, int day) {
    long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
    days += (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      days -= isLeap(year) ? 1 : 2;
    }
    return days - DAYS_0000_TO_1970;
  }

  /** The value of the {@code count} decimal digits at {@code at}, or -1 if one is not a digit. */
  private static int digits(byte[] text, int at, int count) {
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
