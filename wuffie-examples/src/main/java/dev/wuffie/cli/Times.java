package dev.wuffie.cli;

import dev.wuffie.io.EdgeListFormat;
import java.time.Duration;
import java.time.Instant;
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
 *   <li>A time ({@code --as-of}) is read as the input's time field is, by {@link
 *       EdgeListFormat#parseTime}: Unix seconds, an ISO-8601 instant or a date.
 *   <li>A duration ({@code --half-life}) is ISO-8601 ({@code P180D}, {@code PT12H}, {@code
 *       P1DT12H}), or a whole number and one unit: {@code s}, {@code m} (minutes), {@code h},
 *       {@code d} or {@code w} ({@code 180d}, {@code 12h}, {@code 2w}). Months and years have no
 *       fixed length and are refused.
 * </ul>
 */
final class Times {
  static final String DURATION_FORMS =
      "ISO-8601 (P180D, PT12H) or a whole number and a unit s, m, h, d or w (180d, 12h)";

  private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,12})([smhdw])");
  private static final long SECONDS_PER_WEEK = 7 * 86_400;

  private Times() {}

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
        return EdgeListFormat.parseTime(value);
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
