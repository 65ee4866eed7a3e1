package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.rank.RankSolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class PersonalTrustTest {
  private static final Path REFERENCE = Path.of("src/test/resources/reference");
  private static final double D = 0.85;

  // a endorses b (1) and c (3), b endorses a back, c endorses no one
  private static final EndorsementGraph SMALL =
      EndorsementGraph.builder().add("a", "b", 1).add("a", "c", 3).add("b", "a", 1).build();

  /**
   * The networkx fixtures' graphs, viewers and files: networkx {@code pagerank(G, alpha=0.85,
   * personalization=viewers, weight='weight', tol=1e-12)}, the command in each file's first line.
   */
  static Stream<Arguments> references() {
    String karate = "src/test/resources/reference/karate.csv";
    String wiki = "../datasets/wiki-Vote.txt.gz";
    String otc = "../datasets/soc-sign-bitcoinotc.csv.gz";
    return Stream.of(
        Arguments.of(karate, Map.of("33", 1.0), "karate-from-33.networkx.tsv"),
        Arguments.of(karate, Map.of("0", 1.0, "33", 3.0), "karate-from-0-and-33.networkx.tsv"),
        Arguments.of(wiki, Map.of("30", 1.0), "wiki-Vote-from-30.networkx.tsv.gz"),
        Arguments.of(wiki, Map.of("3352", 1.0), "wiki-Vote-from-3352.networkx.tsv.gz"),
        Arguments.of(wiki, Map.of("30", 1.0, "6", 3.0), "wiki-Vote-from-30-and-6.networkx.tsv.gz"),
        Arguments.of(otc, Map.of("1", 1.0), "bitcoinotc-from-1.networkx.tsv.gz"),
        Arguments.of(otc, Map.of("35", 1.0), "bitcoinotc-from-35.networkx.tsv.gz"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("references")
  void trustFrom_referenceGraphs_withinTheStatedBoundOfNetworkx(
      String graphFile, Map<String, Double> viewers, String reference) throws IOException {
    Reputation reputation = Reputation.compute(graph(graphFile));
    Map<String, Double> expected = scores("personal/" + reference);
    // networkx stops once its L1 change is below n * 1e-12, so it is within 0.85 / 0.15 times
    // that of the exact scores: 4.1e-8 on wiki-Vote's 7,115 members
    double networkx = D / (1 - D) * expected.size() * 1e-12;

    for (double accuracy : new double[] {PersonalTrust.DEFAULT_ACCURACY, 1e-6, 1e-9}) {
      PersonalTrust trust = reputation.trustFrom(viewers, accuracy);

      double distance = 0;
      double sum = 0;
      for (Map.Entry<String, Double> node : expected.entrySet()) {
        double score = trust.score(node.getKey());
        distance += Math.abs(score - node.getValue());
        sum += score;
        // every score is a lower bound of the exact one
        assertThat(score).isLessThanOrEqualTo(node.getValue() + networkx);
      }
      assertThat(trust.errorBound()).isLessThanOrEqualTo(accuracy);
      assertThat(distance).isLessThanOrEqualTo(trust.errorBound() + networkx);
      assertThat(sum).isBetween(1 - trust.errorBound(), 1.0 + 1e-12);
    }
  }

  @Test
  void trustFrom_smallGraph_isTheHandDerivedSolution() {
    // s_a = (1 - d) + d s_b + d s_c (c's mass comes back to the viewer a), s_b = d s_a / 4,
    // s_c = 3 d s_a / 4: s_a = (1 - d) / (1 - d^2) = 1 / (1 + d)
    PersonalTrust trust = Reputation.compute(SMALL).trustFrom(Map.of("a", 1.0), 1e-12);

    assertThat(trust.score("a")).isCloseTo(1 / (1 + D), within(1e-11));
    assertThat(trust.score("b")).isCloseTo(D / (4 * (1 + D)), within(1e-11));
    assertThat(trust.score("c")).isCloseTo(3 * D / (4 * (1 + D)), within(1e-11));
    assertThat(trust.top(5))
        .containsExactly(
            new PersonalTrust.Trusted("c", trust.score("c")),
            new PersonalTrust.Trusted("b", trust.score("b")));
    assertThat(trust.viewers()).containsExactly(Map.entry("a", 1.0));
  }

  @Test
  void trustFrom_danglingViewer_keepsAllTrust() {
    PersonalTrust trust = Reputation.compute(SMALL).trustFrom("c");

    // every walk stays at c: its score is 1, reached to the accuracy by pushes of d^k (1 - d)
    assertThat(trust.score("c")).isCloseTo(1.0, within(trust.errorBound())).isLessThan(1.0);
    assertThat(trust.errorBound()).isLessThanOrEqualTo(PersonalTrust.DEFAULT_ACCURACY);
    assertThat(trust.score("a")).isZero();
    assertThat(trust.top(3)).isEmpty();
    assertThat(trust.reached()).isEqualTo(1);
  }

  @Test
  void trustFrom_seedsAndTeleportWeights_equalsTheGlobalScoresSeededWithTheViewers() {
    // released (teleport) weight goes back to the viewers, as to the seeds in the global solve
    SplittableRandom random = new SplittableRandom(7);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < 300; i++) {
      builder.addContributor("m" + i);
    }
    for (int e = 0; e < 1500; e++) {
      builder.add(random.nextInt(250), random.nextInt(300), 1 + random.nextInt(4));
    }
    for (int u = 0; u < 300; u += 3) {
      builder.addTeleportWeight(u, random.nextDouble() * 2);
    }
    EndorsementGraph graph = builder.build();
    Map<String, Double> viewers = Map.of("m3", 1.0, "m17", 2.5, "m260", 0.5);
    RankSolver solver = RankSolver.builder().tolerance(1e-14).build();

    Reputation global = Reputation.compute(graph, solver, viewers);
    PersonalTrust trust = global.trustFrom(viewers, 1e-9);

    double distance = 0;
    for (String id : graph.ids()) {
      distance += Math.abs(trust.score(id) - global.score(id));
    }
    assertThat(distance).isLessThanOrEqualTo(trust.errorBound() + global.errorBound());
    assertThat(trust.viewers()).containsOnlyKeys("m3", "m17", "m260");
    assertThat(trust.viewers().get("m17")).isCloseTo(0.625, within(1e-15));
  }

  @Test
  void trustFromCircleOf_member_isTrustFromItsEndorseesByWeight() {
    Reputation reputation = Reputation.compute(SMALL);

    PersonalTrust circle = reputation.trustFromCircleOf("a");
    PersonalTrust direct = reputation.trustFrom(Map.of("b", 1.0, "c", 3.0));

    assertThat(circle.viewers()).isEqualTo(direct.viewers());
    for (String id : List.of("a", "b", "c")) {
      assertThat(circle.score(id))
          .isCloseTo(direct.score(id), within(circle.errorBound() + direct.errorBound()));
    }
    // from b (weight 1/4) the walk reaches a; from c (3/4) it returns to the viewers
    assertThat(circle.score("a")).isGreaterThan(0);
    assertThat(circle.top(1)).extracting(PersonalTrust.Trusted::id).containsExactly("a");
  }

  @Test
  void top_equalScores_orderedByIdAndViewersExcluded() {
    EndorsementGraph star =
        EndorsementGraph.builder()
            .add("hub", "zed", 1)
            .add("hub", "amy", 1)
            .add("hub", "kim", 1)
            .add("amy", "hub", 1)
            .build();
    PersonalTrust trust = Reputation.compute(star).trustFrom("hub");

    assertThat(trust.top(10))
        .extracting(PersonalTrust.Trusted::id)
        .containsExactly("amy", "kim", "zed");
    assertThat(trust.top(2)).extracting(PersonalTrust.Trusted::id).containsExactly("amy", "kim");
    assertThat(trust.top(0)).isEmpty();
  }

  @Test
  void trustFrom_repeatedAndConcurrentQueries_giveIdenticalScores() throws Exception {
    Reputation reputation = Reputation.compute(graph("../datasets/wiki-Vote.txt.gz"));
    List<String> viewers = List.of("30", "3352", "6", "15", "4037", "28", "2565", "1297");
    Map<String, Map<String, Double>> first = new HashMap<>();
    for (String viewer : viewers) {
      first.put(viewer, top(reputation.trustFrom(viewer)));
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Map<String, Double>>> again = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (String viewer : viewers) {
          again.add(pool.submit(() -> top(reputation.trustFrom(viewer))));
        }
      }
      for (int i = 0; i < again.size(); i++) {
        assertThat(again.get(i).get()).isEqualTo(first.get(viewers.get(i % viewers.size())));
      }
    } finally {
      pool.shutdown();
    }
  }

  static Stream<Arguments> badQueries() {
    Map<String, Double> nullWeight = new HashMap<>();
    nullWeight.put("a", null);
    Map<String, Double> nullId = new HashMap<>();
    nullId.put(null, 1.0);
    return Stream.of(
        bad(r -> r.trustFrom("nobody"), "unknown contributor 'nobody'"),
        bad(r -> r.trustFrom((String) null), "viewer id is null"),
        bad(r -> r.trustFrom(Map.of()), "no viewers; give at least one viewer"),
        bad(r -> r.trustFrom(Map.of("a", -1.0)), "weight -1.0 of viewer 'a' is negative"),
        bad(r -> r.trustFrom(Map.of("a", Double.NaN)), "weight NaN of viewer 'a'"),
        bad(r -> r.trustFrom(Map.of("a", 0.0)), "weights sum to 0.0"),
        bad(r -> r.trustFrom(nullWeight), "the weight of viewer 'a' is null"),
        bad(r -> r.trustFrom(nullId), "a viewer id is null"),
        bad(r -> r.trustFrom(Map.of("a", 1.0), 0), "accuracy 0.0 is not in [1.0E-12, 1]"),
        bad(r -> r.trustFrom(Map.of("a", 1.0), 2), "accuracy 2.0 is not in"),
        bad(r -> r.trustFromCircleOf("c"), "'c' endorses no one, so its circle is empty"),
        bad(r -> r.trustFrom("a").score("nobody"), "unknown contributor 'nobody'"),
        bad(r -> r.trustFrom("a").top(-1), "k = -1"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badQueries")
  void trustFrom_badArguments_sayWhatIsWrong(Consumer<Reputation> call, String message) {
    Reputation reputation = Reputation.compute(SMALL);

    assertThatThrownBy(() -> call.accept(reputation)).hasMessageContaining(message);
  }

  private static Arguments bad(Consumer<Reputation> call, String message) {
    return Arguments.of(call, message);
  }

  private static Map<String, Double> top(PersonalTrust trust) {
    Map<String, Double> top = new LinkedHashMap<>();
    trust.top(50).forEach(t -> top.put(t.id(), t.score()));
    top.put("errorBound", trust.errorBound());
    return top;
  }

  private static EndorsementGraph graph(String name) {
    try {
      return EdgeListReader.create().dropNegative(true).read(Path.of(name)).graph();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads "node<TAB>score" lines, plain or gzipped, skipping '#' lines. */
  private static Map<String, Double> scores(String name) throws IOException {
    Map<String, Double> scores = new LinkedHashMap<>();
    try (InputStream raw = Files.newInputStream(REFERENCE.resolve(name));
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.startsWith("#")) {
          String[] fields = line.split("\t");
          scores.put(fields[0], Double.parseDouble(fields[1]));
        }
      }
    }
    return scores;
  }
}
