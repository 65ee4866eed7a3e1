package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class SeedsTest {
  private static final EndorsementGraph GRAPH =
      EndorsementGraph.builder().add("alice", "bob", 1).add("bob", "carol", 1).build();

  static Stream<Arguments> badSeeds() {
    Map<String, Double> nullId = new HashMap<>();
    nullId.put(null, 1.0);
    Map<String, Double> nullWeight = new HashMap<>();
    nullWeight.put("bob", null);
    return Stream.of(
        Arguments.of(nullId, NullPointerException.class, "seed id is null"),
        Arguments.of(Map.of("", 1.0), IllegalArgumentException.class, "seed id is empty"),
        Arguments.of(nullWeight, NullPointerException.class, "weight of seed 'bob' is null"),
        Arguments.of(
            Map.of("bob", -1.0),
            IllegalArgumentException.class,
            "weight -1.0 of seed 'bob' must be finite and >= 0"),
        Arguments.of(
            Map.of("bob", Double.POSITIVE_INFINITY),
            IllegalArgumentException.class,
            "weight Infinity of seed 'bob' must be finite and >= 0"),
        Arguments.of(
            Map.of("bob", 0.0),
            IllegalArgumentException.class,
            "seed weights sum to 0.0; give at least one seed a positive weight"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badSeeds")
  void policyAndGraph_badSeeds_refusedAlikeWithMessage(
      Map<String, Double> seeds, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> ScoringPolicy.builder().seeds(seeds))
        .isInstanceOf(type)
        .hasMessage(message);
    assertThatThrownBy(() -> Reputation.compute(GRAPH, RankSolver.defaults(), seeds))
        .isInstanceOf(type)
        .hasMessage(message);
  }

  @Test
  void teleport_seedsNamingOneIndex_addUpInIterationOrder() {
    Map<String, Double> seeds = new LinkedHashMap<>();
    seeds.put("bob-old", 0.1);
    seeds.put("alice", 2.0);
    seeds.put("bob", 0.2);
    Map<String, Integer> index = Map.of("alice", 0, "bob", 1, "bob-old", 1);

    double[] teleport =
        Seeds.teleport(seeds, 3, id -> index.getOrDefault(id, -1), "ledger", "fix them");

    assertThat(teleport).containsExactly(2.0, 0.1 + 0.2, 0.0);
  }

  @Test
  void teleport_manyUnknownSeeds_namesTheFirstTenById() {
    Map<String, Double> seeds = new LinkedHashMap<>();
    for (int i = 12; i >= 0; i--) {
      seeds.put("x" + i, 1.0);
    }

    assertThatThrownBy(() -> Seeds.teleport(seeds, 1, id -> -1, "graph", "remove them"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "13 seed(s) are not contributors of the graph: [x0, x1, x10, x11, x12, x2, x3, x4,"
                + " x5, x6]...; remove them");
  }

  @Test
  void ledgerScoring_seedNotAContributor_saysHowToFix() {
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("alice", "bob", "upvote", Instant.EPOCH));
    ScoringPolicy policy = ScoringPolicy.builder().seeds(Map.of("nobody", 1.0, "bob", 1.0)).build();

    assertThatThrownBy(() -> Reputation.compute(ledger, policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "1 seed(s) are not contributors of the ledger: [nobody]; remove them from the policy"
                + " or add them with Ledger.addContributor");
  }
}
