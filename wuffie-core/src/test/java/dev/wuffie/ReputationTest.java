package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ReputationTest {
  // bob is endorsed by alice and carol; dave and erin are symmetric leaves that endorse nobody.
  private static final EndorsementGraph GRAPH =
      EndorsementGraph.builder()
          .add("alice", "bob", 1)
          .add("carol", "bob", 3)
          .add("carol", "alice", 1)
          .add("bob", "alice", 1)
          .add("bob", "erin", 1)
          .add("bob", "dave", 1)
          .build();

  @Test
  void compute_smallGraph_ranksByScoreThenId() {
    Reputation reputation = Reputation.compute(GRAPH);

    assertThat(reputation.size()).isEqualTo(5);
    assertThat(reputation.top(5))
        .extracting(Standing::id)
        .containsExactly("bob", "alice", "dave", "erin", "carol");
    assertThat(reputation.score("dave")).isEqualTo(reputation.score("erin"));
    assertThat(reputation.rank("dave")).isEqualTo(3);
    assertThat(reputation.rank("erin")).isEqualTo(4);
    assertThat(reputation.converged()).isTrue();
    double sum = reputation.top(5).stream().mapToDouble(Standing::score).sum();
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void percentile_ties_shareThePercentileOfStrictlyLowerOthers() {
    Reputation reputation = Reputation.compute(GRAPH);

    assertThat(reputation.percentile("bob")).isEqualTo(100.0);
    assertThat(reputation.percentile("alice")).isEqualTo(75.0);
    assertThat(reputation.percentile("dave")).isEqualTo(25.0);
    assertThat(reputation.percentile("erin")).isEqualTo(25.0);
    assertThat(reputation.percentile("carol")).isEqualTo(0.0);
    assertThat(reputation.standing("alice"))
        .isEqualTo(
            new Standing("alice", 2, reputation.score("alice"), reputation.points("alice"), 75.0));
  }

  @Test
  void compute_singleContributor_scoresOneAtHundredthPercentile() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    builder.addContributor("solo");

    Reputation reputation = Reputation.compute(builder.build());

    assertThat(reputation.standing("solo")).isEqualTo(new Standing("solo", 1, 1.0, 1.0, 100.0));
  }

  @Test
  void compute_withSeeds_teleportsOnlyToSeeds() {
    Reputation reputation = Reputation.compute(GRAPH, RankSolver.defaults(), Map.of("carol", 1.0));

    // carol receives no endorsement: all her score is teleport and dangling mass.
    assertThat(reputation.score("carol")).isGreaterThan(0.15);
    assertThat(reputation.score("carol")).isGreaterThan(Reputation.compute(GRAPH).score("carol"));
    assertThat(reputation.rank("bob")).isEqualTo(1);
  }

  @Test
  void top_kLargerThanSize_returnsEveryone() {
    Reputation reputation = Reputation.compute(GRAPH);

    assertThat(reputation.top(50)).hasSize(5);
    assertThat(reputation.top(0)).isEmpty();
    assertThat(reputation.top(2)).extracting(Standing::rank).containsExactly(1, 2);
  }

  @Test
  void find_unknownId_isEmpty() {
    Reputation reputation = Reputation.compute(GRAPH);

    assertThat(reputation.find("mallory")).isEmpty();
    assertThat(reputation.find(null)).isEmpty();
    assertThat(reputation.find("bob")).map(Standing::rank).contains(1);
    assertThat(reputation.contains("mallory")).isFalse();
  }

  static Stream<Arguments> badReads() {
    return Stream.of(
        Arguments.of(
            (Consumer<Reputation>) r -> r.score("mallory"),
            "unknown contributor 'mallory': it is not in the scored graph; check contains(id) or"
                + " use find(id)"),
        Arguments.of((Consumer<Reputation>) r -> r.rank("x"), "unknown contributor 'x'"),
        Arguments.of((Consumer<Reputation>) r -> r.percentile("y"), "unknown contributor 'y'"),
        Arguments.of((Consumer<Reputation>) r -> r.score(null), "contributor id is null"),
        Arguments.of((Consumer<Reputation>) r -> r.top(-1), "k = -1; ask for top(k) with k >= 0"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badReads")
  void read_badArgument_throwsWithMessage(Consumer<Reputation> call, String message) {
    Reputation reputation = Reputation.compute(GRAPH);

    assertThatThrownBy(() -> call.accept(reputation)).hasMessageContaining(message);
  }

  static Stream<Arguments> badSeeds() {
    Map<String, Double> nullWeight = new HashMap<>();
    nullWeight.put("bob", null);
    return Stream.of(
        Arguments.of(
            Map.of("mallory", 1.0, "bob", 1.0),
            "1 seed(s) are not contributors of the graph: [mallory]"),
        Arguments.of(Map.of("bob", -1.0), "weight -1.0 of seed 'bob' must be finite and >= 0"),
        Arguments.of(Map.of("bob", Double.NaN), "weight NaN of seed 'bob'"),
        Arguments.of(Map.of("bob", 0.0), "seed weights sum to 0.0"),
        Arguments.of(nullWeight, "weight of seed 'bob' is null"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSeeds")
  void compute_badSeeds_throwsWithMessage(Map<String, Double> seeds, String message) {
    assertThatThrownBy(() -> Reputation.compute(GRAPH, RankSolver.defaults(), seeds))
        .hasMessageContaining(message);
  }

  @Test
  void explain_contributionWhoseMergedAuthorsAreNotNextToEachOther_countsEachEventOnce() {
    // post has authors alice, bob and alice-old (a third each); alice-old is alice's. carol's
    // upvote of post credits alice 1/3 + 1/3 = 2/3, her thanks credits 1: carol's term splits
    // 2/3 : 1 = 0.4 : 0.6 over the two, one event each.
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Ledger ledger = Ledger.create();
    ledger.addContribution("post", t0, "alice", "bob", "alice-old");
    ledger.merge("alice-old", "alice");
    ledger.record(Endorsement.ofContribution("carol", "post", "upvote", t0));
    ledger.record(Endorsement.of("carol", "alice", "thanks", t0));

    Explanation.Term carol =
        Reputation.compute(ledger, ScoringPolicy.builder().build())
            .explain("alice")
            .endorsers()
            .get(0);

    assertThat(carol.endorser()).isEqualTo("carol");
    assertThat(carol.parts())
        .extracting(Explanation.Part::kind, Explanation.Part::endorsements)
        .containsExactly(tuple("thanks", 1), tuple("upvote", 1));
    assertThat(carol.parts().get(0).amount()).isCloseTo(0.6 * carol.amount(), within(1e-15));
    assertThat(carol.parts().get(1).amount()).isCloseTo(0.4 * carol.amount(), within(1e-15));
  }
}
