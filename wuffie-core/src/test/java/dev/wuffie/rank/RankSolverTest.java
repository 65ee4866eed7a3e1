package dev.wuffie.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.graph.JGraphTInterop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

final class RankSolverTest {
  private static final RankSolver TIGHT = RankSolver.builder().tolerance(1e-13).build();

  /** graph file, seed file (or empty), reference name. See reference/README.md. */
  @ParameterizedTest(name = "{2} ({3})")
  @CsvSource({
    "karate.csv, , karate, networkx",
    "karate.csv, , karate, igraph",
    "karate.csv, karate-seeds.csv, karate-seeded, networkx",
    "karate.csv, karate-seeds.csv, karate-seeded, igraph",
    "soc-sign-bitcoinotc.csv.gz, , bitcoinotc, networkx",
    "soc-sign-bitcoinotc.csv.gz, , bitcoinotc, igraph",
    "soc-sign-bitcoinotc.csv.gz, bitcoinotc-seeds.csv, bitcoinotc-seeded, networkx",
    "soc-sign-bitcoinotc.csv.gz, bitcoinotc-seeds.csv, bitcoinotc-seeded, igraph",
    "wiki-Vote.txt.gz, , wiki-Vote, networkx",
    "wiki-Vote.txt.gz, , wiki-Vote, igraph",
    "wiki-Vote.txt.gz, wiki-Vote-seeds.csv, wiki-Vote-seeded, networkx",
    "wiki-Vote.txt.gz, wiki-Vote-seeds.csv, wiki-Vote-seeded, igraph",
  })
  void solve_referenceGraphs_matchesIndependentImplementations(
      String graphFile, String seedFile, String reference, String implementation) {
    EndorsementGraph graph = Fixtures.graph(graphFile);
    String suffix = graphFile.startsWith("karate") ? ".tsv" : ".tsv.gz";
    Map<String, Double> expected = Fixtures.scores(reference + "." + implementation + suffix);
    for (RankSolver.Method method : RankSolver.Method.values()) {
      for (int threads : new int[] {1, 2, 3}) {
        RankSolver solver =
            RankSolver.builder().tolerance(1e-12).method(method).threads(threads).build();
        RankResult result =
            seedFile == null
                ? solver.solve(graph)
                : solver.solve(graph, Fixtures.teleport(graph, seedFile));
        assertMatches(result, graph, expected, implementation, solver);
      }
    }
  }

  private static void assertMatches(
      RankResult result,
      EndorsementGraph graph,
      Map<String, Double> expected,
      String implementation,
      RankSolver solver) {
    assertThat(result.converged()).as("%s", solver).isTrue();
    assertThat(graph.ids()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    double maxDifference = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double ours = result.score(graph.indexOf(e.getKey()).getAsInt());
      maxDifference = Math.max(maxDifference, Math.abs(ours - e.getValue()));
    }
    // networkx stops at an L1 change below n * tol, so it is itself ~1e-10 off; igraph's PRPACK
    // is within ~1e-13 of the exact solution (reference/README.md).
    assertThat(maxDifference)
        .as("%s", solver)
        .isLessThanOrEqualTo(implementation.equals("igraph") ? 1e-12 : 1e-9);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3", "4", "5"})
  void solve_randomGraphsWithoutDanglingNodes_matchesJGraphTPageRank(long seed) {
    Graph<Integer, DefaultWeightedEdge> jgrapht = randomJGraphT(new Random(seed), 300, 5);
    EndorsementGraph graph = JGraphTInterop.toEndorsementGraph(jgrapht);

    RankResult ours = TIGHT.solve(graph);
    PageRank<Integer, DefaultWeightedEdge> theirs = new PageRank<>(jgrapht, 0.85, 10_000, 1e-15);

    for (Integer v : jgrapht.vertexSet()) {
      double score = ours.score(graph.indexOf(String.valueOf(v)).getAsInt());
      assertThat(score).isCloseTo(theirs.getVertexScore(v), within(1e-11));
    }
  }

  @Test
  void solve_largeGraph_bitIdenticalWhateverTheThreadCount() {
    EndorsementGraph graph = largeRandomGraph(new Random(3), 60_000, 400_000);
    double[] teleport = new double[graph.size()];
    Arrays.fill(teleport, 0, 100, 1.0);

    RankSolver.Builder builder = RankSolver.builder().tolerance(1e-12);
    RankResult one = builder.threads(1).build().solve(graph, teleport);
    RankResult two = builder.threads(2).build().solve(graph, teleport);
    RankResult seven = builder.threads(7).build().solve(graph, teleport);

    assertThat(one.converged()).isTrue();
    assertThat(two.scores()).isEqualTo(one.scores());
    assertThat(seven.scores()).isEqualTo(one.scores());
    assertThat(two.iterations()).isEqualTo(one.iterations());
    assertThat(two.residual()).isEqualTo(one.residual());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"soc-sign-bitcoinotc.csv.gz", "wiki-Vote.txt.gz"})
  void solve_gaussSeidel_needsFewerIterationsForTheSameAnswer(String name) {
    EndorsementGraph graph = Fixtures.graph(name);
    RankSolver.Builder builder =
        RankSolver.builder().tolerance(1e-12).stop(RankSolver.Stop.ERROR_BOUND);

    RankResult power = builder.method(RankSolver.Method.POWER).build().solve(graph);
    RankResult gaussSeidel = builder.method(RankSolver.Method.GAUSS_SEIDEL).build().solve(graph);

    assertThat(gaussSeidel.converged()).isTrue();
    assertThat(gaussSeidel.iterations()).isLessThan(power.iterations());
    for (int v = 0; v < graph.size(); v++) {
      assertThat(gaussSeidel.score(v)).isCloseTo(power.score(v), within(1e-12));
    }
  }

  @Test
  void solve_errorBoundStop_isWithinToleranceOfExactAnswer() {
    EndorsementGraph graph = Fixtures.graph("soc-sign-bitcoinotc.csv.gz");
    RankResult exact =
        RankSolver.builder().tolerance(1e-15).maxIterations(10_000).build().solve(graph);

    for (RankSolver.Method method : RankSolver.Method.values()) {
      RankResult bounded =
          RankSolver.builder()
              .tolerance(1e-6)
              .method(method)
              .stop(RankSolver.Stop.ERROR_BOUND)
              .build()
              .solve(graph);
      double error = 0;
      for (int v = 0; v < graph.size(); v++) {
        error += Math.abs(bounded.score(v) - exact.score(v));
      }
      assertThat(error).as("%s", method).isLessThan(1e-6);
      assertThat(0.85 / 0.15 * bounded.residual()).isLessThan(1e-6);
    }
  }

  @Test
  void solve_gaussSeidelWarmStartFromAnswer_convergesAfterOneSweepAndOneCheck() {
    EndorsementGraph graph = Fixtures.graph("wiki-Vote.txt.gz");
    RankSolver solver =
        RankSolver.builder().tolerance(1e-12).method(RankSolver.Method.GAUSS_SEIDEL).build();
    double[] teleport = Fixtures.teleport(graph, "wiki-Vote-seeds.csv");
    RankResult cold = solver.solve(graph, teleport);

    RankResult warm = solver.solve(graph, teleport, cold.scores());

    assertThat(warm.converged()).isTrue();
    assertThat(warm.iterations()).isEqualTo(2);
  }

  @Test
  void solve_realGraphs_scoresAreNonNegativeAndSumToOne() {
    for (String name : List.of("soc-sign-bitcoinotc.csv.gz", "wiki-Vote.txt.gz", "karate.csv")) {
      RankResult result = RankSolver.defaults().solve(Fixtures.graph(name));
      assertThat(Arrays.stream(result.scores()).min().getAsDouble()).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.stream(result.scores()).sum()).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void solve_relabelledAndReorderedContributors_permutesScores() {
    Random random = new Random(7);
    List<String[]> edges = randomEdges(random, 200, 4);
    EndorsementGraph original = build(edges, e -> {});
    List<String[]> shuffled = new ArrayList<>(edges);
    Collections.shuffle(shuffled, random);
    EndorsementGraph relabelled =
        build(
            shuffled.stream().map(e -> new String[] {"x" + e[0], "x" + e[1], e[2]}).toList(),
            e -> {});

    RankResult a = TIGHT.solve(original);
    RankResult b = TIGHT.solve(relabelled);

    for (String id : original.ids()) {
      double before = a.score(original.indexOf(id).getAsInt());
      double after = b.score(relabelled.indexOf("x" + id).getAsInt());
      assertThat(after).isCloseTo(before, within(1e-12));
    }
  }

  @Test
  void solve_graphOrderedForLocality_givesTheSameScoresById() {
    Random random = new Random(13);
    List<String[]> edges = randomEdges(random, 500, 6);
    EndorsementGraph plain = build(edges, b -> {});
    EndorsementGraph.Builder builder = EndorsementGraph.builder().orderForLocality(true);
    for (String[] e : edges) {
      builder.add(e[0], e[1], Double.parseDouble(e[2]));
    }
    EndorsementGraph ordered = builder.build();

    RankResult a = TIGHT.solve(plain);
    RankResult b = TIGHT.solve(ordered);

    assertThat(ordered.ids()).containsExactlyInAnyOrderElementsOf(plain.ids());
    for (String id : plain.ids()) {
      assertThat(b.score(ordered.indexOf(id).getAsInt()))
          .isCloseTo(a.score(plain.indexOf(id).getAsInt()), within(1e-12));
    }
  }

  @Test
  void solve_addedEndorsement_neverLowersEndorsedScore() {
    Random random = new Random(11);
    for (int trial = 0; trial < 50; trial++) {
      List<String[]> edges = randomEdges(random, 40, 3);
      String u = String.valueOf(random.nextInt(40));
      String v = String.valueOf(random.nextInt(40));
      if (u.equals(v)) {
        continue;
      }
      EndorsementGraph before = build(edges, b -> {});
      EndorsementGraph after = build(edges, b -> b.add(u, v, 1 + random.nextInt(5)));
      if (!before.contains(u) || !before.contains(v)) {
        continue;
      }
      double was = TIGHT.solve(before).score(before.indexOf(v).getAsInt());
      double is = TIGHT.solve(after).score(after.indexOf(v).getAsInt());
      assertThat(is).as("trial %s: %s -> %s", trial, u, v).isGreaterThanOrEqualTo(was - 1e-12);
    }
  }

  @Test
  void solve_symmetricGraph_givesEqualScoresToSymmetricContributors() {
    // A star: every leaf endorses the hub with weight 2, the hub endorses every leaf with 1.
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int leaf = 0; leaf < 6; leaf++) {
      builder.add("leaf" + leaf, "hub", 2).add("hub", "leaf" + leaf, 1);
    }
    EndorsementGraph star = builder.build();
    // A ring: every contributor endorses the next one.
    EndorsementGraph.Builder ringBuilder = EndorsementGraph.builder();
    for (int i = 0; i < 5; i++) {
      ringBuilder.add("r" + i, "r" + ((i + 1) % 5), 1);
    }

    RankResult starScores = TIGHT.solve(star);
    RankResult ringScores = TIGHT.solve(ringBuilder.build());

    double leaf0 = starScores.score(star.indexOf("leaf0").getAsInt());
    for (int leaf = 1; leaf < 6; leaf++) {
      assertThat(starScores.score(star.indexOf("leaf" + leaf).getAsInt()))
          .isCloseTo(leaf0, within(1e-15));
    }
    assertThat(starScores.score(star.indexOf("hub").getAsInt())).isGreaterThan(leaf0);
    for (int i = 0; i < 5; i++) {
      assertThat(ringScores.score(i)).isCloseTo(0.2, within(1e-15));
    }
  }

  @Test
  void solve_danglingOnlyGraph_returnsTeleportDistribution() {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    builder.addContributor("a");
    builder.addContributor("b");
    builder.addContributor("c");
    EndorsementGraph graph = builder.build();

    RankResult result = TIGHT.solve(graph, new double[] {1, 3, 0});

    assertThat(result.scores()).containsExactly(new double[] {0.25, 0.75, 0}, within(1e-15));
  }

  @Test
  void solve_warmStartFromAnswer_convergesInOneIteration() {
    EndorsementGraph graph = Fixtures.graph("wiki-Vote.txt.gz");
    double[] teleport = Fixtures.teleport(graph, "wiki-Vote-seeds.csv");
    RankResult cold = TIGHT.solve(graph, teleport);

    RankResult warm = TIGHT.solve(graph, teleport, cold.scores());

    assertThat(cold.iterations()).isGreaterThan(20);
    assertThat(warm.converged()).isTrue();
    assertThat(warm.iterations()).isEqualTo(1);
  }

  @Test
  void solve_tooFewIterations_reportsNotConverged() {
    EndorsementGraph graph = Fixtures.graph("karate.csv");

    RankResult result = RankSolver.builder().maxIterations(3).build().solve(graph);

    assertThat(result.converged()).isFalse();
    assertThat(result.iterations()).isEqualTo(3);
    assertThat(result.residual()).isGreaterThan(RankSolver.DEFAULT_TOLERANCE);
    assertThat(Arrays.stream(result.scores()).sum()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void solve_zeroDamping_returnsTeleportAfterOneIteration() {
    EndorsementGraph graph = Fixtures.graph("karate.csv");

    RankResult result = RankSolver.builder().damping(0).build().solve(graph);

    assertThat(result.iterations()).isEqualTo(1);
    assertThat(result.scores()).containsOnly(1.0 / 34);
  }

  @Test
  void toBuilder_changedSetting_keepsEveryOtherAndLeavesTheSolver() {
    RankSolver solver =
        RankSolver.builder()
            .damping(0.5)
            .tolerance(1e-7)
            .maxIterations(17)
            .method(RankSolver.Method.GAUSS_SEIDEL)
            .stop(RankSolver.Stop.ERROR_BOUND)
            .threads(3)
            .build();

    RankSolver same = solver.toBuilder().build();
    RankSolver changed = solver.toBuilder().tolerance(1e-9).build();

    assertThat(same.toString()).isEqualTo(solver.toString());
    assertThat(changed.toString())
        .isEqualTo(
            "RankSolver{damping=0.5, tolerance=1.0E-9, maxIterations=17, method=GAUSS_SEIDEL,"
                + " stop=ERROR_BOUND, threads=3}");
    assertThat(solver.tolerance()).isEqualTo(1e-7);
    assertThat(RankSolver.defaults().toBuilder().build().toString())
        .isEqualTo(RankSolver.defaults().toString());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(
            (Runnable) () -> RankSolver.builder().damping(1.0), "damping 1.0 is outside [0, 1)"),
        Arguments.of(
            (Runnable) () -> RankSolver.builder().damping(-0.1), "damping -0.1 is outside"),
        Arguments.of((Runnable) () -> RankSolver.builder().damping(Double.NaN), "damping NaN"),
        Arguments.of(
            (Runnable) () -> RankSolver.builder().tolerance(0), "tolerance 0.0 must be a positive"),
        Arguments.of(
            (Runnable) () -> RankSolver.builder().tolerance(Double.POSITIVE_INFINITY),
            "tolerance Infinity must be"),
        Arguments.of(
            (Runnable) () -> RankSolver.builder().maxIterations(0),
            "maxIterations 0 must be at least 1"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSettings")
  void builder_badSetting_throwsWithMessage(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  static Stream<Arguments> badInputs() {
    EndorsementGraph two = EndorsementGraph.builder().add("a", "b", 1).build();
    EndorsementGraph empty = EndorsementGraph.builder().build();
    RankSolver solver = RankSolver.defaults();
    return Stream.of(
        Arguments.of((Runnable) () -> solver.solve(null), "graph is null"),
        Arguments.of((Runnable) () -> solver.solve(empty), "graph has no contributors"),
        Arguments.of(
            (Runnable) () -> solver.solve(two, new double[] {1}),
            "teleport vector has 1 entries but the graph has 2 contributors"),
        Arguments.of(
            (Runnable) () -> solver.solve(two, new double[] {1, -1}),
            "teleport[1] = -1.0; every entry must be finite and >= 0"),
        Arguments.of(
            (Runnable) () -> solver.solve(two, new double[] {Double.NaN, 1}), "teleport[0] = NaN"),
        Arguments.of(
            (Runnable) () -> solver.solve(two, new double[] {0, 0}),
            "teleport vector sums to 0.0; it needs a positive, finite sum"),
        Arguments.of(
            (Runnable) () -> solver.solve(two, new double[] {1, 1}, new double[] {1, 2, 3}),
            "start vector has 3 entries"),
        Arguments.of((Runnable) () -> solver.solve(two, null), "teleport vector is null"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void solve_badInput_throwsWithMessage(Runnable call, String message) {
    assertThatThrownBy(call::run).hasMessageContaining(message);
  }

  /** A random graph with skewed in-degrees (a few popular contributors) and dangling nodes. */
  private static EndorsementGraph largeRandomGraph(Random random, int n, int m) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int v = 0; v < n; v++) {
      builder.addContributor(Integer.toString(v));
    }
    for (int e = 0; e < m; e++) {
      int u = random.nextInt(n - n / 10); // the last tenth is dangling
      int v = (int) (n * Math.pow(random.nextDouble(), 3)); // low indices are popular
      builder.add(Integer.toString(u), Integer.toString(v), 1 + random.nextInt(10));
    }
    return builder.build();
  }

  private static Graph<Integer, DefaultWeightedEdge> randomJGraphT(
      Random random, int n, int outDegree) {
    Graph<Integer, DefaultWeightedEdge> g =
        new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < n; v++) {
      g.addVertex(v);
    }
    for (int u = 0; u < n; u++) {
      // Every vertex endorses at least one other, so there are no dangling vertices (JGraphT
      // spreads dangling mass uniformly, not through the teleport vector).
      for (int k = 0; k < 1 + random.nextInt(outDegree); k++) {
        int v = random.nextInt(n);
        if (v != u && !g.containsEdge(u, v)) {
          g.setEdgeWeight(g.addEdge(u, v), 0.5 + random.nextInt(10));
        }
      }
      if (g.outDegreeOf(u) == 0) {
        g.setEdgeWeight(g.addEdge(u, (u + 1) % n), 1.0);
      }
    }
    return g;
  }

  /** Random edges over ids "0".."n-1" with some dangling contributors and duplicate pairs. */
  private static List<String[]> randomEdges(Random random, int n, int outDegree) {
    List<String[]> edges = new ArrayList<>();
    for (int u = 0; u < n; u++) {
      if (random.nextInt(5) == 0) {
        continue; // dangling
      }
      for (int k = 0; k < 1 + random.nextInt(outDegree); k++) {
        edges.add(
            new String[] {
              String.valueOf(u),
              String.valueOf(random.nextInt(n)),
              String.valueOf(1 + random.nextInt(9))
            });
      }
    }
    return edges;
  }

  private static EndorsementGraph build(
      List<String[]> edges, Consumer<EndorsementGraph.Builder> extra) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (String[] e : edges) {
      builder.add(e[0], e[1], Double.parseDouble(e[2]));
    }
    extra.accept(builder);
    return builder.build();
  }
}
