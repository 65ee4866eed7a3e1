package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class KindWeightTest {

  @Test
  void weightOf_fixedKind_isTheScaleWhateverTheValue() {
    KindWeight accepted = KindWeight.fixed("accepted", 3);

    assertThat(accepted.weightOf(Double.NaN)).isEqualTo(3.0);
    assertThat(accepted.rated()).isFalse();
    assertThat(accepted.scale()).isEqualTo(3.0);
    assertThat(accepted.neutral()).isZero();
    assertThat(KindWeight.fixed("flag", -2).weightOf(Double.NaN)).isEqualTo(-2.0);
  }

  @Test
  void weightOf_ratedKind_isScaleTimesValueMinusNeutral() {
    KindWeight stars = KindWeight.rated("stars", 3, 0.5); // 1..5 stars, 3 is neutral

    assertThat(stars.weightOf(5)).isEqualTo(1.0);
    assertThat(stars.weightOf(3)).isZero();
    assertThat(stars.weightOf(1)).isEqualTo(-1.0);
    assertThat(stars.rated()).isTrue();
    assertThat(stars.neutral()).isEqualTo(3.0);
    assertThat(stars.scale()).isEqualTo(0.5);
    assertThat(KindWeight.rated("trust", 0, 1).weightOf(-10)).isEqualTo(-10.0);
  }

  @Test
  void equality_isByComponents() {
    assertThat(KindWeight.fixed("upvote", 1)).isEqualTo(new KindWeight("upvote", 1, false, 0));
    assertThat(KindWeight.rated("upvote", 0, 1)).isNotEqualTo(KindWeight.fixed("upvote", 1));
  }

  static Stream<Arguments> badKinds() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> KindWeight.fixed(null, 1), NullPointerException.class, "kind is null"),
        Arguments.of(
            (Runnable) () -> KindWeight.fixed("", 1),
            IllegalArgumentException.class,
            "kind is empty; give every kind a name"),
        Arguments.of(
            (Runnable) () -> KindWeight.fixed("upvote", Double.NaN),
            IllegalArgumentException.class,
            "weight NaN of kind 'upvote' must be finite"),
        Arguments.of(
            (Runnable) () -> KindWeight.rated("stars", 3, Double.NEGATIVE_INFINITY),
            IllegalArgumentException.class,
            "weight -Infinity of kind 'stars' must be finite"),
        Arguments.of(
            (Runnable) () -> KindWeight.rated("stars", Double.POSITIVE_INFINITY, 1),
            IllegalArgumentException.class,
            "neutral Infinity of kind 'stars' must be finite"),
        Arguments.of(
            (Runnable) () -> new KindWeight("upvote", 1, false, 2),
            IllegalArgumentException.class,
            "kind 'upvote' is not rated: its neutral value must be 0"));
  }

  @ParameterizedTest
  @MethodSource("badKinds")
  void constructor_badComponent_throwsWithMessage(
      Runnable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call::run).isInstanceOf(type).hasMessage(message);
  }
}
