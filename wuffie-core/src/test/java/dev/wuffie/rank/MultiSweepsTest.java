package dev.wuffie.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MultiSweepsTest {

  /**
   * {@code k} random graphs over the same {@code n} contributors, each with its own edges (about
   * {@code degree} per contributor), some dangling contributors and some teleport weights.
   */
  private static List<EndorsementGraph> graphs(Random random, int k, int n, int degree) {
    List<EndorsementGraph> graphs = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      EndorsementGraph.Builder builder = EndorsementGraph.builder();
      for (int v = 0; v < n; v++) {
        builder.addContributor("v" + v);
      }
      for (int e = 0; e < n * degree; e++) {
        int u = random.nextInt(n);
        int v = random.nextInt(n);
        if (u != v && u % 7 != s % 7) { // every seventh contributor dangles, another per graph
          builder.add(u, v, 1 + random.nextInt(5));
        }
      }
      for (int u = 0; u < n; u += 3) {
        builder.addTeleportWeight(u, random.nextDouble());
      }
      graphs.add(builder.build());
    }
    return graphs;
  }

  private static List<double[]> teleports(Random random, int k, int n) {
    List<double[]> teleports = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      double[] p = new double[n];
      for (int v = 0; v < n; v++) {
        p[v] = random.nextInt(4) == 0 ? random.nextDouble() : 0;
      }
      p[s] = 1;
      teleports.add(p);
    }
    return teleports;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void solveAll_randomGraphs_equalsEachSolvedAlone(int threads) {
    Random random = new Random(2026);
    int n = 30_000; // several chunks, and parallel with two threads
    List<EndorsementGraph> graphs = graphs(random, 5, n, 3);
    List<double[]> teleports = teleports(random, 5, n);
    RankSolver solver = RankSolver.builder().tolerance(1e-12).threads(threads).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    for (int s = 0; s < graphs.size(); s++) {
      RankResult alone = solver.solve(graphs.get(s), teleports.get(s));
      assertThat(together[s].converged()).isTrue();
      assertThat(together[s].iterations()).as("graph %s", s).isEqualTo(alone.iterations());
      assertThat(together[s].residual()).isCloseTo(alone.residual(), within(1e-15));
      double sum = 0;
      for (int v = 0; v < n; v++) {
        assertThat(together[s].score(v)).isCloseTo(alone.score(v), within(1e-15));
        sum += together[s].score(v);
      }
      assertThat(sum).isCloseTo(1, within(1e-12));
    }
  }

  /**
   * {@code k} graphs over {@code n} contributors that share most of their edges, as the scopes of a
   * ledger share the endorsements between members: a common set of edges with the same weight in
   * every graph, common edges whose weight is larger in some graphs, and edges of each graph's own.
   */
  private static List<EndorsementGraph> overlapping(Random random, int k, int n) {
    int common = 3 * n;
    int[] from = new int[common];
    int[] to = new int[common];
    double[] weight = new double[common];
    for (int e = 0; e < common; e++) {
      from[e] = random.nextInt(n);
      to[e] = random.nextInt(n);
      weight[e] = 1 + random.nextInt(4);
    }
    List<EndorsementGraph> graphs = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      EndorsementGraph.Builder builder = EndorsementGraph.builder();
      for (int v = 0; v < n; v++) {
        builder.addContributor("v" + v);
      }
      for (int e = 0; e < common; e++) {
        if (from[e] != to[e]) {
          double extra = e % 5 == s % 5 ? 0.5 + random.nextInt(3) : 0; // larger in some graphs
          builder.add(from[e], to[e], weight[e] + extra);
        }
      }
      for (int e = 0; e < n; e++) {
        int u = random.nextInt(n);
        int v = random.nextInt(n);
        if (u != v) {
          builder.add(u, v, 0.25 + random.nextInt(5));
        }
      }
      for (int u = s; u < n; u += 4) {
        builder.addTeleportWeight(u, random.nextDouble());
      }
      graphs.add(builder.build());
    }
    return graphs;
  }

  /** Teleport vectors concentrated on a few contributors, more of them for later graphs. */
  private static List<double[]> concentrated(Random random, int k, int n) {
    List<double[]> teleports = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      double[] p = new double[n];
      for (int i = 0; i <= s * 10; i++) {
        p[random.nextInt(n)] += 1 + random.nextDouble();
      }
      teleports.add(p);
    }
    return teleports;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void solveAll_sharedEdges_equalsEachSolvedAlone(int threads) {
    Random random = new Random(16);
    int n = 20_000;
    int k = 6;
    List<EndorsementGraph> graphs = overlapping(random, k, n);
    List<double[]> teleports = concentrated(random, k, n);
    RankSolver solver = RankSolver.builder().tolerance(1e-13).threads(threads).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    java.util.Set<Integer> iterationCounts = new java.util.HashSet<>();
    for (int s = 0; s < k; s++) {
      RankResult alone = solver.solve(graphs.get(s), teleports.get(s));
      assertThat(together[s].converged()).isTrue();
      assertThat(together[s].iterations()).as("graph %s", s).isEqualTo(alone.iterations());
      iterationCounts.add(alone.iterations());
      for (int v = 0; v < n; v++) {
        assertThat(together[s].score(v))
            .as("graph %s, contributor %s", s, v)
            .isCloseTo(alone.score(v), within(1e-12 * alone.score(v) + 1e-300));
      }
    }
    assertThat(iterationCounts)
        .as("graphs that converge after different iterations")
        .hasSizeGreaterThan(1);
  }

  @Test
  void solveAll_sharedEdges_sameOnAnyThreadCount() {
    Random random = new Random(5);
    List<EndorsementGraph> graphs = overlapping(random, 4, 30_000);
    List<double[]> teleports = concentrated(random, 4, 30_000);

    RankResult[] one = RankSolver.builder().threads(1).build().solveAll(graphs, teleports);
    RankResult[] two = RankSolver.builder().threads(2).build().solveAll(graphs, teleports);

    for (int s = 0; s < 4; s++) {
      assertThat(two[s].scores()).containsExactly(one[s].scores());
    }
  }

  @Test
  void solveAll_oneGraph_bitIdenticalToSolve() {
    Random random = new Random(9);
    List<EndorsementGraph> graphs = overlapping(random, 1, 5_000);
    List<double[]> teleports = concentrated(random, 1, 5_000);
    RankSolver solver = RankSolver.builder().tolerance(1e-12).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    RankResult alone = solver.solve(graphs.get(0), teleports.get(0));
    assertThat(together[0].iterations()).isEqualTo(alone.iterations());
    assertThat(together[0].scores()).containsExactly(alone.scores());
  }

  @Test
  void solveAll_manyGraphs_equalsEachSolvedAlone() {
    Random random = new Random(40);
    int k = 40;
    List<EndorsementGraph> graphs = overlapping(random, k, 400);
    List<double[]> teleports = concentrated(random, k, 400);
    RankSolver solver = RankSolver.builder().tolerance(1e-12).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    for (int s = 0; s < k; s++) {
      RankResult alone = solver.solve(graphs.get(s), teleports.get(s));
      assertThat(together[s].iterations()).as("graph %s", s).isEqualTo(alone.iterations());
      for (int v = 0; v < 400; v++) {
        assertThat(together[s].score(v))
            .isCloseTo(alone.score(v), within(1e-12 * alone.score(v) + 1e-300));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 1}) // one entry in ten not zero (stored sparse), or every entry (dense)
  void solveAll_sparseOrDenseTeleports_bitIdenticalToSolve(int every) {
    Random random = new Random(3);
    List<EndorsementGraph> graphs = graphs(random, 3, 50, 2);
    List<double[]> teleports = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      double[] p = new double[50];
      for (int v = s; v < 50; v += every) {
        p[v] = 1 + random.nextDouble();
      }
      teleports.add(p);
    }
    RankSolver solver = RankSolver.builder().tolerance(1e-12).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    for (int s = 0; s < 3; s++) {
      RankResult alone = solver.solve(graphs.get(s), teleports.get(s));
      assertThat(together[s].iterations()).isEqualTo(alone.iterations());
      assertThat(together[s].scores()).containsExactly(alone.scores());
    }
  }

  @Test
  void solveAll_smallGraphs_bitIdenticalToSolve() {
    Random random = new Random(3);
    List<EndorsementGraph> graphs = graphs(random, 3, 50, 2);
    List<double[]> teleports = teleports(random, 3, 50);
    RankSolver solver = RankSolver.builder().tolerance(1e-10).build();

    RankResult[] together = solver.solveAll(graphs, teleports);

    for (int s = 0; s < 3; s++) {
      assertThat(together[s].scores())
          .containsExactly(solver.solve(graphs.get(s), teleports.get(s)).scores());
    }
  }

  @Test
  void solveAll_maxIterations_reportsNotConverged() {
    Random random = new Random(5);
    List<EndorsementGraph> graphs = graphs(random, 2, 40, 2);
    RankSolver solver = RankSolver.builder().tolerance(1e-15).maxIterations(3).build();

    RankResult[] results = solver.solveAll(graphs, teleports(random, 2, 40));

    assertThat(results).allSatisfy(r -> assertThat(r.converged()).isFalse());
    assertThat(results).allSatisfy(r -> assertThat(r.iterations()).isEqualTo(3));
  }

  @Test
  void solveAll_badArguments_clearMessages() {
    Random random = new Random(1);
    List<EndorsementGraph> two = graphs(random, 2, 10, 2);
    EndorsementGraph other = graphs(random, 1, 11, 2).get(0);
    RankSolver solver = RankSolver.defaults();

    assertThatThrownBy(() -> solver.solveAll(List.of(), List.of()))
        .hasMessage("no graphs to solve; give at least one");
    assertThatThrownBy(() -> solver.solveAll(two, teleports(random, 1, 10)))
        .hasMessage("2 graphs but 1 teleport vectors; give one teleport vector per graph");
    assertThatThrownBy(() -> solver.solveAll(List.of(two.get(0), other), teleports(random, 2, 10)))
        .hasMessage(
            "graph 1 has 11 contributors but graph 0 has 10; solve together only graphs of the"
                + " same contributors");
    assertThatThrownBy(() -> solver.solveAll(two, List.of(new double[10], new double[10])))
        .hasMessage("teleport vector sums to 0.0; it needs a positive, finite sum");
  }
}
