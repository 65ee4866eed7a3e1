package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TiersTest {
  private static final Tiers TRUSTED_ELDER =
      Tiers.builder().percentile("trusted", 50).points("elder", 10).build();

  @Test
  void tierOf_percentileAtTheThreshold_promoted_justBelow_not() {
    Tiers tiers = Tiers.builder().percentile("trusted", 75).build();

    assertThat(tiers.tierOf(standing(75.0, 1.0), null)).contains("trusted");
    assertThat(tiers.tierOf(standing(Math.nextDown(75.0), 1.0), null)).isEmpty();
  }

  @Test
  void tierOf_heldTier_keptDownToTheLowWaterMark_droppedBelowIt() {
    Tiers tiers = Tiers.builder().percentile("trusted", 75).build();

    // low water: 75 * 0.9 = 67.5
    assertThat(tiers.tierOf(standing(67.5, 1.0), "trusted")).contains("trusted");
    assertThat(tiers.tierOf(standing(67.4, 1.0), "trusted")).isEmpty();
    assertThat(tiers.tierOf(standing(70, 1.0), null)).isEmpty(); // not held: no low water
  }

  @Test
  void tierOf_customLowWater_scalesEveryThreshold() {
    Tiers tiers = Tiers.builder().points("elder", 10).lowWater(0.5).build();

    assertThat(tiers.tierOf(standing(0, 5.0), "elder")).contains("elder");
    assertThat(tiers.tierOf(standing(0, 4.99), "elder")).isEmpty();
  }

  @Test
  void tierOf_pointsAndPercentile_eachTierReadsItsOwnMeasure() {
    // 100th percentile but 9 points: trusted, not elder; 12 points at the 10th percentile: elder.
    assertThat(TRUSTED_ELDER.tierOf(standing(100, 9), null)).contains("trusted");
    assertThat(TRUSTED_ELDER.tierOf(standing(10, 12), null)).contains("elder");
    assertThat(TRUSTED_ELDER.tierOf(standing(10, 9), null)).isEmpty();
  }

  @Test
  void tierOf_holdingAHigherTier_lowWaterAlsoAppliesToTheTiersBelow() {
    // Held elder: 9.5 points (>= 9) keeps elder; at 8 points it falls to trusted, which it keeps
    // down to 45 (50 * 0.9) because holding elder meant holding trusted.
    assertThat(TRUSTED_ELDER.tierOf(standing(0, 9.5), "elder")).contains("elder");
    assertThat(TRUSTED_ELDER.tierOf(standing(46, 8), "elder")).contains("trusted");
    assertThat(TRUSTED_ELDER.tierOf(standing(46, 8), "trusted")).contains("trusted");
    assertThat(TRUSTED_ELDER.tierOf(standing(46, 8), null)).isEmpty();
    assertThat(TRUSTED_ELDER.tierOf(standing(44, 8), "elder")).isEmpty();
  }

  @Test
  void assign_starGraph_leaderGetsTheHighestTierItReaches() {
    // a, c, d -> b (weight 1); n = 4, b dangling: every contributor gets the base B, and
    // s_b = B + 3 * 0.85 B = 3.55 B; the sum 6.55 B is 1. b's points: 4 * 3.55 / 6.55 = 2.168,
    // its percentile 100; the others tie at percentile 0 with 4 / 6.55 = 0.611 points.
    EndorsementGraph graph =
        EndorsementGraph.builder().add("a", "b", 1).add("c", "b", 1).add("d", "b", 1).build();
    Reputation reputation = Reputation.compute(graph);
    Tiers tiers = Tiers.builder().percentile("top", 90).points("star", 2).build();
    Map<String, String> previous = new HashMap<>(Map.of("a", "top", "b", "top"));

    Map<String, String> assigned = tiers.assign(reputation, previous);

    assertThat(reputation.points("b")).isCloseTo(4 * 3.55 / 6.55, within(1e-9));
    assertThat(assigned).containsExactly(Map.entry("b", "star"));
    assertThat(previous).containsOnlyKeys("a", "b"); // not modified
  }

  @Test
  void tiers_listedLowestFirst_unmodifiable() {
    assertThat(TRUSTED_ELDER.tiers())
        .containsExactly(
            new Tiers.Tier("trusted", Tiers.Measure.PERCENTILE, 50),
            new Tiers.Tier("elder", Tiers.Measure.POINTS, 10));
    assertThatThrownBy(() -> TRUSTED_ELDER.tiers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Tiers.builder().build().tiers()).isEmpty();
  }

  static Stream<Arguments> badTiers() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> Tiers.builder().percentile("top", 0),
            IllegalArgumentException.class,
            "percentile 0.0 of tier 'top' must be in (0, 100]"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().percentile("top", 100.5),
            IllegalArgumentException.class,
            "percentile 100.5 of tier 'top' must be in (0, 100]"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().percentile("top", Double.NaN),
            IllegalArgumentException.class,
            "percentile NaN of tier 'top' must be in (0, 100]"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().points("elder", 0),
            IllegalArgumentException.class,
            "points 0.0 of tier 'elder' must be positive"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().points("elder", Double.POSITIVE_INFINITY),
            IllegalArgumentException.class,
            "points Infinity of tier 'elder' must be positive"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().points("", 1),
            IllegalArgumentException.class,
            "tier name is empty"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().points(null, 1),
            NullPointerException.class,
            "tier name is null"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().percentile("top", 50).points("top", 1),
            IllegalArgumentException.class,
            "tier 'top' is declared twice"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().lowWater(0),
            IllegalArgumentException.class,
            "low-water mark 0.0 must be in (0, 1], e.g. 0.9"),
        Arguments.of(
            (Runnable) () -> Tiers.builder().lowWater(1.5),
            IllegalArgumentException.class,
            "low-water mark 1.5 must be in (0, 1], e.g. 0.9"),
        Arguments.of(
            (Runnable) () -> TRUSTED_ELDER.assign(null, Map.of()),
            NullPointerException.class,
            "reputation is null"),
        Arguments.of(
            (Runnable)
                () ->
                    TRUSTED_ELDER.assign(
                        Reputation.compute(EndorsementGraph.builder().add("a", "b", 1).build()),
                        null),
            NullPointerException.class,
            "previous is null"));
  }

  @ParameterizedTest
  @MethodSource("badTiers")
  void builder_badArgument_throwsWithMessage(
      Runnable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call::run).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void builder_afterARefusedTier_keepsTheTiersItHad() {
    Tiers.Builder builder = Tiers.builder().percentile("top", 50);

    assertThatThrownBy(() -> builder.points("top", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.points("", 3)).isInstanceOf(IllegalArgumentException.class);

    assertThat(builder.points("star", 3).build().tiers())
        .extracting(Tiers.Tier::name)
        .containsExactly("top", "star");
  }

  private static Standing standing(double percentile, double points) {
    return new Standing("x", 1, points / 10, points, percentile);
  }
}
