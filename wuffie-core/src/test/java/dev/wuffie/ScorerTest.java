package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ScorerTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private static Ledger ring(String prefix, int n) {
    Ledger ledger = Ledger.create();
    for (int i = 0; i < n; i++) {
      ledger.record(Endorsement.of(prefix + i, prefix + (i + 1) % n, "upvote", T0));
      ledger.record(Endorsement.of(prefix + i, prefix + (i * 7 + 3) % n, "upvote", T0));
    }
    return ledger;
  }

  @Test
  void score_previousSharingNoContributor_startsCold() {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    Ledger ledger = ring("a", 50);
    Reputation unrelated = Reputation.compute(ring("b", 50), policy);

    Reputation warm = new Scorer(policy).score(ledger.snapshot(), unrelated);
    Reputation cold = Reputation.compute(ledger, policy);

    assertThat(warm.iterations()).isEqualTo(cold.iterations());
    for (String id : cold.ids()) {
      assertThat(warm.score(id)).as(id).isEqualTo(cold.score(id));
    }
  }

  @Test
  void score_previousOfTheSameLedger_startsFromItsTrustScores() {
    ScoringPolicy policy = ScoringPolicy.builder().build();
    Ledger ledger = ring("a", 50);
    Reputation cold = Reputation.compute(ledger, policy);

    Reputation warm = new Scorer(policy).score(ledger.snapshot(), cold);

    // Started at the fixed point: the first iteration already changes less than the tolerance.
    assertThat(warm.iterations()).isEqualTo(1);
    assertThat(warm.converged()).isTrue();
  }

  @Test
  void score_graphWithoutSeeds_hasNoPolicyNoTimeAndUnsplitTerms() {
    EndorsementGraph graph =
        EndorsementGraph.builder().add("a", "b", 1).add("b", "c", 2).add("c", "a", 1).build();

    Reputation reputation = Scorer.score(graph, RankSolver.defaults(), Map.of());

    assertThat(reputation.policy()).isEmpty();
    assertThat(reputation.asOf()).isEmpty();
    assertThat(reputation.explain("b").endorsers())
        .singleElement()
        .satisfies(term -> assertThat(term.parts()).isEmpty());
    assertThat(reputation.explain("b").total()).isCloseTo(reputation.score("b"), within(1e-9));
  }
}
