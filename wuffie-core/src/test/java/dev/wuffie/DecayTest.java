package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers for decay: a hand derivation on two contributors, and {@code
 * tools/reference_policy.py} on a case with ages of 0 to 3 half-lives, repeats and an event after
 * {@code asOf}. The direction tests (an inactive contributor falls over time) are in {@link
 * ScoringPolicyTest}.
 */
final class DecayTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void halfLife_oneEndorsementOneHalfLifeOld_halfOfItsWeightLeaksToTeleport() {
    // a upvoted b one half-life before asOf; linear saturation. W_a = f(1) = 1 (undecayed),
    // w_ab = f(1/2) = 1/2, so a's teleport weight is T_a = 1/2. With p = (1/2, 1/2), d = 0.85
    // and b dangling (its mass L_b = s_b returns through p):
    //   s_a = (1 - d)/2 + d/2 (s_b + s_a T_a / W_a) = 0.075 + 0.425 (1 - s_a) + 0.2125 s_a
    //   => 1.2125 s_a = 0.5 => s_a = 40/97, s_b = 57/97.
    // Without the leak (T_a = 0) the decay would cancel in w_ab / W_a: s_a = 0.5/1.425 = 20/57.
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", T0.minus(Duration.ofDays(30))));
    ScoringPolicy policy =
        ScoringPolicy.builder()
            .saturation(Saturation.linear())
            .decay(Decay.halfLife(Duration.ofDays(30)))
            .asOf(T0)
            .solver(PolicyReference.EXACT)
            .build();

    Reputation reputation = Reputation.compute(ledger, policy);

    EndorsementGraph graph = reputation.graph();
    int a = graph.indexOf("a").getAsInt();
    assertThat(graph.outWeight(a)).isEqualTo(1.0);
    assertThat(graph.weight(a, graph.indexOf("b").getAsInt())).isEqualTo(0.5);
    assertThat(graph.teleportWeight(a)).isEqualTo(0.5);
    assertThat(reputation.score("a")).isCloseTo(40.0 / 97, within(1e-15));
    assertThat(reputation.score("b")).isCloseTo(57.0 / 97, within(1e-15));
    // explain(b): teleport (1 - d)/2, returned d/2 (s_b + s_a/2), the term from a d s_a / 2
    Explanation b = reputation.explain("b");
    assertThat(b.teleport()).isCloseTo(0.075, within(1e-15));
    assertThat(b.returned()).isCloseTo(0.425 * (57.0 / 97 + 20.0 / 97), within(1e-15));
    assertThat(b.endorsers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.endorser()).isEqualTo("a");
              assertThat(t.amount()).isCloseTo(0.85 * 20.0 / 97, within(1e-15));
            });
  }

  @Test
  void halfLife_asOfBeforeTheLatestEvent_matchesReference() {
    PolicyReference reference = PolicyReference.load("decay");

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, PolicyReference.TOLERANCE);
    assertThat(reputation.asOf()).contains(Instant.parse("2024-07-01T00:00:00Z"));
    EndorsementGraph graph = reputation.graph();
    reference
        .byId("teleportWeight")
        .forEach(
            (id, t) ->
                assertThat(graph.teleportWeight(graph.indexOf(id).getAsInt()))
                    .as("teleport weight of %s", id)
                    .isCloseTo(t, within(1e-15)));
    reference
        .byId("outWeight")
        .forEach(
            (id, w) ->
                assertThat(graph.outWeight(graph.indexOf(id).getAsInt()))
                    .as("out-weight of %s", id)
                    .isCloseTo(w, within(1e-15)));
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, PolicyReference.TOLERANCE);
    }
  }
}
