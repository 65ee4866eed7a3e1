package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TimesTest {

  static Stream<Arguments> durations() {
    return Stream.of(
        arguments("180d", Duration.ofDays(180)),
        arguments("12h", Duration.ofHours(12)),
        arguments("12H", Duration.ofHours(12)),
        arguments("30m", Duration.ofMinutes(30)),
        arguments("45s", Duration.ofSeconds(45)),
        arguments("2w", Duration.ofDays(14)),
        arguments("P180D", Duration.ofDays(180)),
        arguments("PT12H", Duration.ofHours(12)),
        arguments("p1dt12h", Duration.ofHours(36)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void duration_acceptedForm_parses(String text, Duration expected) {
    assertThat(Times.duration(text)).isEqualTo(expected);
  }

  static Stream<Arguments> badDurations() {
    return Stream.of(
        arguments("180", "'180' is not a duration: give " + Times.DURATION_FORMS),
        arguments("180 days", "'180 days' is not a duration"),
        arguments("1.5d", "'1.5d' is not a duration"),
        arguments("1y", "months and years have no fixed length: give days, e.g. 365d"),
        arguments("P1Y", "months and years have no fixed length"),
        arguments("0d", "'0d' must be a positive duration"),
        arguments("PT0S", "'PT0S' must be a positive duration"),
        arguments("-P1D", "'-P1D' must be a positive duration"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDurations")
  void duration_badText_throwsNamingTheForms(String text, String expected) {
    assertThatThrownBy(() -> Times.duration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
  }
}
