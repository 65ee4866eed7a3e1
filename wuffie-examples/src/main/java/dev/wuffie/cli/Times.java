package dev.wuffie.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line reads times and durations.
 *
 * <ul>
 *   <li>A time (the input's time field, {@code --as-of}) is Unix seconds, fractions allowed ({@code
 *       1700000000}, {@code 1289241911.72836}), an ISO-8601 instant with {@code Z} or an offset
 *       ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T09:00:00+09:00}), or an ISO-8601 date,
 *       which means its start in UTC ({@code 2026-01-01}).
 *   <li>A duration ({@code --half-life}) is ISO-8601 ({@code P180D}, {@code PT12H}, {@code
 *       P1DT12H}), or a whole number and one unit: {@code s}, {@code m} (minutes), {@code h},
 *       {@code d} or {@code w} ({@code 180d}, {@code 12h}, {@code 2w}). Months and years have no
 *       fixed length and are refused.
 * </ul>
 */
final class Times {
  static final String TIME_FORMS =
      "Unix seconds (1700000000), an ISO-8601 instant (2026-01-01T00:00:00Z) or a date"
          + " (2026-01-01)";
  static final String DURATION_FORMS =
      "ISO-8601 (P180D, PT12H) or a whole number and a unit s, m, h, d or w (180d, 12h)";

  private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,12})([smhdw])");
  private static final int MAX_WHOLE_DIGITS = 18;
  private static final int NANO_DIGITS = 9;
  private static final long[] NANO_PLACES = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };
  private static final long SECONDS_PER_WEEK = 7 * 86_400;

  private Times() {}

  /**
   * Parses a time.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Instant time(String text) {
    try {
      if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
        if (isDate(text)) {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (text.indexOf('T') < 0) {
          return unixSeconds(text);
        }
      }
      return Instant.parse(text);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time: give " + TIME_FORMS, e);
    }
  }

  private static boolean isDate(String text) {
    return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
  }

  /**
   * Unix seconds, exactly: a plain decimal ({@code -?digits[.digits]}, up to 18 digits before the
   * point) is parsed by hand, as it is on every line of a large input; other numbers go through
   * {@link BigDecimal}. Digits beyond nanoseconds are dropped.
   */
  private static Instant unixSeconds(String text) {
    int n = text.length();
    int start = text.charAt(0) == '-' ? 1 : 0;
    int point = text.indexOf('.');
    int wholeEnd = point < 0 ? n : point;
    long whole = 0;
    long nanos = 0;
    boolean plain = wholeEnd > start && wholeEnd - start <= MAX_WHOLE_DIGITS && point != n - 1;
    for (int i = start; plain && i < wholeEnd; i++) {
      char c = text.charAt(i);
      plain = c >= '0' && c <= '9';
      whole = whole * 10 + (c - '0');
    }
    for (int i = point + 1, digits = 0; plain && point >= 0 && i < n; i++, digits++) {
      char c = text.charAt(i);
      plain = c >= '0' && c <= '9';
      if (digits < NANO_DIGITS) {
        nanos += (c - '0') * NANO_PLACES[digits];
      }
    }
    if (plain) {
      return start == 0
          ? Instant.ofEpochSecond(whole, nanos)
          : Instant.ofEpochSecond(-whole, -nanos);
    }
    BigDecimal seconds = new BigDecimal(text);
    BigDecimal floor = seconds.setScale(0, RoundingMode.FLOOR);
    int nano =
        seconds
            .subtract(floor)
            .movePointRight(NANO_DIGITS)
            .setScale(0, RoundingMode.FLOOR)
            .intValue();
    return Instant.ofEpochSecond(floor.longValueExact(), nano);
  }

  /**
   * Parses a positive duration.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Duration duration(String text) {
    Duration duration;
    Matcher shorthand = SHORTHAND.matcher(text.toLowerCase(Locale.ROOT));
    if (shorthand.matches()) {
      long amount = Long.parseLong(shorthand.group(1));
      duration =
          switch (shorthand.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(Math.multiplyExact(amount, SECONDS_PER_WEEK));
          };
    } else {
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        String hint =
            text.matches("(?i)\\d+\\s*(y|mo|months?|years?)|P\\d+[YM].*")
                ? " (months and years have no fixed length: give days, e.g. 365d)"
                : "";
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration: give " + DURATION_FORMS + hint, e);
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' must be a positive duration, e.g. 180d");
    }
    return duration;
  }

  /** Converts {@code --as-of} values. */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return time(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Converts {@code --half-life} values. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
