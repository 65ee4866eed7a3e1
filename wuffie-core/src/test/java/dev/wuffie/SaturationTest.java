package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers for saturation: the stock functions, a hand derivation on three contributors for
 * each, and {@code tools/reference_policy.py} on serial votes next to single ones.
 */
final class SaturationTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final double D = 0.85;

  static Stream<Arguments> repeatedUpvotes() {
    // f(3) / (f(3) + f(1)): the share of a's out-weight that goes to b
    return Stream.of(
        Arguments.of(Saturation.log(), 2.0 / 3), // log2(4) = 2, log2(2) = 1
        Arguments.of(Saturation.sqrt(), Math.sqrt(3) / (Math.sqrt(3) + 1)),
        Arguments.of(Saturation.linear(), 3.0 / 4));
  }

  @ParameterizedTest
  @MethodSource("repeatedUpvotes")
  void saturate_threeUpvotesAgainstOne_splitsTheEndorsersScoreByF(
      Saturation saturation, double shareOfB) {
    // a upvotes b three times and c once; b and c are dangling. With p = 1/3 every contributor
    // gets the same base (1 - d)/3 + d/3 (s_b + s_c), and a has no endorser, so s_a is the base:
    //   s_a = (1 - d)/3 + d/3 (1 - s_a) => s_a = 1 / (3 + d), whatever f is;
    //   s_b = s_a (1 + d x_b), s_c = s_a (1 + d (1 - x_b)), x_b = f(3) / (f(3) + f(1)).
    Ledger ledger = Ledger.create();
    for (int k = 0; k < 3; k++) {
      ledger.record(Endorsement.of("a", "b", "upvote", T0));
    }
    ledger.record(Endorsement.of("a", "c", "upvote", T0));
    ScoringPolicy policy =
        ScoringPolicy.builder().saturation(saturation).solver(PolicyReference.EXACT).build();

    Reputation reputation = Reputation.compute(ledger, policy);

    double sa = 1 / (3 + D);
    assertThat(reputation.score("a")).isCloseTo(sa, within(1e-15));
    assertThat(reputation.score("b")).isCloseTo(sa * (1 + D * shareOfB), within(1e-15));
    assertThat(reputation.score("c")).isCloseTo(sa * (1 + D * (1 - shareOfB)), within(1e-15));
    Explanation.Term fromA = reputation.explain("b").endorsers().get(0);
    assertThat(fromA.parts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo("upvote");
              assertThat(p.endorsements()).isEqualTo(3);
              assertThat(p.amount()).isCloseTo(D * sa * shareOfB, within(1e-15));
            });
  }

  @Test
  void stockFunctions_knownValues() {
    assertThat(Saturation.log().saturate(0)).isZero();
    assertThat(Saturation.log().saturate(7)).isEqualTo(3.0);
    assertThat(Saturation.log().saturate(100)).isCloseTo(6.658211482751795, within(1e-15));
    assertThat(Saturation.sqrt().saturate(2.25)).isEqualTo(1.5);
    assertThat(Saturation.linear().saturate(42.5)).isEqualTo(42.5);
    assertThat(Saturation.named("sqrt")).isSameAs(Saturation.sqrt());
    assertThat(Saturation.named("linear")).hasToString("linear");
  }

  @ParameterizedTest
  @ValueSource(strings = {"log", "sqrt", "linear"})
  void saturation_serialVotesNextToSingleOnes_matchesReference(String name) {
    PolicyReference reference = PolicyReference.load("saturation-" + name);

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, PolicyReference.TOLERANCE);
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, PolicyReference.TOLERANCE);
    }
  }
}
