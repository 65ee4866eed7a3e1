package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known answers for reciprocal damping: a hand derivation on five contributors and {@code
 * tools/reference_policy.py} on mutual pairs of unequal weights. The direction test is in {@link
 * ScoringPolicyTest}.
 */
final class ReciprocalWeightTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void reciprocalWeight_mutualPairHalved_knownScores() {
    // a <-> b, e -> c -> d, one upvote each (weight 1, W = 1). a and b endorse each other, so both
    // weights are halved: w_ab = w_ba = 1/2 and T_a = T_b = 1/2. With p = 1/5 every contributor
    // gets the same base B = 0.03 + 0.17 L; e has no endorser, so s_e = B, and
    //   s_c = B + 0.85 s_e = 1.85 B, s_d = B + 0.85 s_c = 2.5725 B,
    //   s_a = B + 0.85 s_b / 2, s_b = B + 0.85 s_a / 2 => s_a = s_b = B / 0.575 = 40/23 B.
    // The sum is 1: B (5.4225 + 80/23) = 1 => B = 9200/81887, and
    //   s_a = s_b = 16000/81887, s_c = 17020/81887, s_d = 23667/81887, s_e = 9200/81887.
    Ledger ledger = Ledger.create();
    for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}, {"c", "d"}, {"e", "c"}}) {
      ledger.record(Endorsement.of(pair[0], pair[1], "upvote", T0));
    }
    ScoringPolicy policy =
        ScoringPolicy.builder().reciprocalWeight(0.5).solver(PolicyReference.EXACT).build();

    Reputation reputation = Reputation.compute(ledger, policy);

    assertThat(reputation.score("a")).isCloseTo(16000.0 / 81887, within(1e-15));
    assertThat(reputation.score("b")).isCloseTo(16000.0 / 81887, within(1e-15));
    assertThat(reputation.score("c")).isCloseTo(17020.0 / 81887, within(1e-15));
    assertThat(reputation.score("d")).isCloseTo(23667.0 / 81887, within(1e-15));
    assertThat(reputation.score("e")).isCloseTo(9200.0 / 81887, within(1e-15));
    EndorsementGraph graph = reputation.graph();
    int c = graph.indexOf("c").getAsInt();
    assertThat(graph.weight(c, graph.indexOf("d").getAsInt())).isEqualTo(1.0);
    assertThat(graph.teleportWeight(c)).isZero();
  }

  @Test
  void reciprocalWeight_mutualPairsOfUnequalWeight_matchesReference() {
    PolicyReference reference = PolicyReference.load("reciprocal");

    Reputation reputation = reference.compute();

    reference.assertScores(reputation, PolicyReference.TOLERANCE);
    EndorsementGraph graph = reputation.graph();
    for (com.fasterxml.jackson.databind.JsonNode w : reference.weights()) {
      int u = graph.indexOf(w.get(0).asText()).getAsInt();
      int v = graph.indexOf(w.get(1).asText()).getAsInt();
      assertThat(graph.weight(u, v)).as("%s", w).isCloseTo(w.get(2).asDouble(), within(1e-15));
    }
    reference
        .byId("teleportWeight")
        .forEach(
            (id, t) ->
                assertThat(graph.teleportWeight(graph.indexOf(id).getAsInt()))
                    .as("teleport weight of %s", id)
                    .isCloseTo(t, within(1e-15)));
    for (String id : reference.explained()) {
      reference.assertExplanation(reputation, id, PolicyReference.TOLERANCE);
    }
  }
}
