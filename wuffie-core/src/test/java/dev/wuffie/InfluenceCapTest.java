package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the influence cap. What the cap means: no endorser's term {@code d s_u w_uv /
 * W_u} exceeds {@code cap * s_v}, and a weight is lowered only as far as that needs, so the scores
 * are the capped fixed point: {@code w'_uv = min(w_uv, cap s_v W_u / (d s_u))} with {@code s} the
 * scores of the weights {@code w'} (what is taken goes to the endorser's teleport weight). Every
 * lowered endorsement's term is then exactly {@code cap * s_v}. {@code tools/reference_policy.py}
 * finds that fixed point; the hand derivations below solve it in closed form. The invariant test
 * (no term over the cap on Bitcoin OTC) is in {@link ScoringPolicyTest}.
 */
final class InfluenceCapTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * The policy stops lowering weights once every term is within a relative 1e-6 of the cap (its
   * slack), so scores can differ from the exact fixed point by about that share of a score.
   */
  private static final double CAPPED = 1e-6;

  @Test
  void influenceCap_soleEndorserOverTheCap_loweredToExactlyTheCap() {
    // a -> b (one upvote), cap 0.25, p = (1/2, 1/2), d = 0.85; b is dangling. Uncapped, a supplies
    // 0.85 * 20/57 of b's 37/57, 46%: over the cap. Let a keep the fraction x of its weight, and
    // f = d s_a x be its term. Then s_a = 0.075 + 0.425 (s_b + s_a (1 - x)) = 0.5 - f/2 (using
    // s_b = 1 - s_a), and the cap binds: f = 0.25 s_b = 0.25 (0.5 + f/2), so f = 1/7,
    // s_a = 3/7, s_b = 4/7 and x = f / (d s_a) = 1/2.55.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ScoringPolicy policy =
        ScoringPolicy.builder().influenceCap(0.25).solver(PolicyReference.EXACT).build();

    Reputation reputation = Reputation.compute(ledger, policy);

    assertThat(reputation.score("a")).isCloseTo(3.0 / 7, within(CAPPED));
    assertThat(reputation.score("b")).isCloseTo(4.0 / 7, within(CAPPED));
    EndorsementGraph graph = reputation.graph();
    int a = graph.indexOf("a").getAsInt();
    assertThat(graph.weight(a, graph.indexOf("b").getAsInt())).isCloseTo(1 / 2.55, within(CAPPED));
    assertThat(graph.outWeight(a)).isEqualTo(1.0); // the rest is a's teleport weight
    assertThat(reputation.explain("b").endorsers().get(0).amount())
        .isCloseTo(0.25 * reputation.score("b"), within(CAPPED));
  }

  @Test
  void influenceCap_chainOfTwoEndorsementsOverTheCap_bothExactlyAtTheCap() {
    // x -> u -> v (one upvote each), cap 0.25, p = 1/3; v is dangling. Uncapped, x supplies
    // 0.85 s_x of s_u = 1.85 s_x (46%) and u supplies 0.85 s_u of s_v (also over 25%). At the
    // capped fixed point every contributor gets the same base B from teleport and returned mass;
    // x has no endorser, so s_x = B, and both terms bind: s_u = B + 0.25 s_u, s_v = B + 0.25 s_v,
    // so s_u = s_v = B / 0.75. The sum is 1: B (1 + 8/3) = 1, B = 3/11: s = (3/11, 4/11, 4/11).
    // (Kept fractions 1/2.55 for x -> u and 1/3.4 for u -> v: both in (0, 1], so both are
    // lowered, and neither further than the cap needs.)
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("x", "u", "upvote", T0));
    ledger.record(Endorsement.of("u", "v", "upvote", T0));
    ScoringPolicy policy =
        ScoringPolicy.builder().influenceCap(0.25).solver(PolicyReference.EXACT).build();

    Reputation reputation = Reputation.compute(ledger, policy);

    assertThat(reputation.score("x")).isCloseTo(3.0 / 11, within(CAPPED));
    assertThat(reputation.score("u")).isCloseTo(4.0 / 11, within(CAPPED));
    assertThat(reputation.score("v")).isCloseTo(4.0 / 11, within(CAPPED));
    PolicyReference reference = PolicyReference.load("influence-cap-chain");
    reference.assertScores(reputation, CAPPED);
  }

  @Test
  void influenceCap_seededGraphWithSeveralEndorsersOverTheCap_matchesReference() {
    PolicyReference reference = PolicyReference.load("influence-cap");

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, CAPPED);
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, CAPPED);
    }
  }

  @Test
  void influenceCap_bitcoinOtcSlice_isTheCappedFixedPoint() {
    PolicyReference reference = PolicyReference.load("bitcoinotc-cap");

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, CAPPED);
  }
}
