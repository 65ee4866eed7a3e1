package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers for distrust: a hand derivation with the floor, and {@code
 * tools/reference_policy.py} with strength 0.5, rated kinds and a distruster that trusts nobody.
 * The expected values never come from the implementation's own trust scores.
 */
final class DistrustTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void distrust_downvoteTakingMoreThanTheScore_flooredAtZeroAndRenormalised() {
    // Trust: a -> b, b -> a, c -> a (one upvote each, log saturation: weight 1); a downvotes d.
    // n = 4, p = 1/4, d = 0.85; d is dangling, so every contributor gets the base
    // 0.0375 + 0.2125 s_d. d and c have no trust endorser: s_d = 0.0375 + 0.2125 s_d, so
    // s_d = 1/21 and s_c = 1/21. Then s_b = 1/21 + 0.85 s_a and s_a = 1/21 + 0.85 (s_b + s_c)
    // give 0.2775 s_a = 2.7/21: s_a = 120/259 = 360/777, s_b = 49/111 = 343/777 (sum 1).
    // a gave trust W_a = 1 and distrust Delta_a = f(1) = 1, so it takes s_a * 1 / (1 + 1) =
    // 60/259 from d, more than s_d: d is floored at 0 and the others divided by 1 - 1/21 = 20/21:
    // a = 18/37, b = 343/740, c = 1/20, d = 0.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0));
    ledger.record(Endorsement.of("b", "a", "upvote", T0));
    ledger.record(Endorsement.of("c", "a", "upvote", T0));
    ledger.record(Endorsement.of("a", "d", "downvote", T0));

    Reputation reputation =
        Reputation.compute(ledger, ScoringPolicy.builder().solver(PolicyReference.EXACT).build());

    assertThat(reputation.score("a")).isCloseTo(18.0 / 37, within(1e-15));
    assertThat(reputation.score("b")).isCloseTo(343.0 / 740, within(1e-15));
    assertThat(reputation.score("c")).isCloseTo(1.0 / 20, within(1e-15));
    assertThat(reputation.score("d")).isZero();
    assertThat(reputation.result().score(reputation.graph().indexOf("a").getAsInt()))
        .isCloseTo(360.0 / 777, within(1e-15));
    // explain(d), every amount divided by 20/21: teleport 0.0375, returned 0.2125 s_d (d's own
    // dangling mass), the discount 60/259 and the floor 60/259 - 1/21 given back.
    Explanation d = reputation.explain("d");
    double scale = 21.0 / 20;
    assertThat(d.teleport()).isCloseTo(0.0375 * scale, within(1e-15));
    assertThat(d.returned()).isCloseTo(0.2125 / 21 * scale, within(1e-15));
    assertThat(d.endorsers()).isEmpty();
    assertThat(d.distrusters())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.endorser()).isEqualTo("a");
              assertThat(t.amount()).isCloseTo(9.0 / 37, within(1e-15)); // 60/259 * 21/20
              assertThat(t.parts())
                  .singleElement()
                  .extracting(Explanation.Part::kind, Explanation.Part::endorsements)
                  .containsExactly("downvote", 1);
            });
    assertThat(d.floor()).isCloseTo(1001.0 / 5180, within(1e-15)); // (60/259 - 1/21) * 21/20
    assertThat(d.total()).isCloseTo(0, within(1e-15));
  }

  @Test
  void distrust_strengthHalfRatedKindsAndADistrusterWithoutTrust_matchesReference() {
    PolicyReference reference = PolicyReference.load("distrust");

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, PolicyReference.TOLERANCE);
    reference
        .trust()
        .forEach(
            (id, trust) ->
                assertThat(reputation.result().score(reputation.graph().indexOf(id).getAsInt()))
                    .as("trust score of %s", id)
                    .isCloseTo(trust, within(PolicyReference.TOLERANCE)));
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, PolicyReference.TOLERANCE);
    }
  }

  @Test
  void distrust_strengthZero_scoresAreTheTrustScores() {
    PolicyReference reference = PolicyReference.load("distrust");

    Reputation ignored =
        Reputation.compute(
            reference.ledger(),
            reference.policy(PolicyReference.EXACT).toBuilder().distrustStrength(0).build());

    reference
        .trust()
        .forEach(
            (id, trust) ->
                assertThat(ignored.score(id))
                    .as(id)
                    .isCloseTo(trust, within(PolicyReference.TOLERANCE)));
    assertThat(ignored.explain("d").distrusters()).isEmpty();
  }
}
