package dev.wuffie.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Teleport weights: out-weight that goes back through the teleport distribution. */
final class TeleportWeightTest {

  @ParameterizedTest(name = "seed {0}, {1}")
  @CsvSource({"1, POWER", "2, POWER", "3, GAUSS_SEIDEL", "4, GAUSS_SEIDEL"})
  void solve_graphWithTeleportWeights_matchesDenseLinearSolve(long seed, RankSolver.Method method) {
    Random random = new Random(seed);
    int n = 40;
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < n; i++) {
      builder.addContributor("c" + i);
    }
    for (int k = 0; k < 160; k++) {
      builder.add(random.nextInt(n), random.nextInt(n), 1 + random.nextInt(5));
    }
    for (int k = 0; k < 25; k++) {
      builder.addTeleportWeight(random.nextInt(n), random.nextDouble() * 3);
    }
    EndorsementGraph graph = builder.build();
    double[] teleport = new double[n];
    for (int i = 0; i < n; i++) {
      teleport[i] = random.nextInt(3);
    }
    teleport[0] = 1;

    RankResult result =
        RankSolver.builder().tolerance(1e-14).method(method).build().solve(graph, teleport);
    double[] exact = denseSolve(graph, normalised(teleport), RankSolver.DEFAULT_DAMPING);

    for (int v = 0; v < n; v++) {
      assertThat(result.score(v)).as("contributor %s", v).isCloseTo(exact[v], within(1e-12));
    }
  }

  @Test
  void solve_teleportWeightOnly_actsLikeADanglingContributor() {
    EndorsementGraph dangling =
        EndorsementGraph.builder().add("a", "b", 1).add("c", "a", 2).build();
    EndorsementGraph.Builder builder = EndorsementGraph.builder().add("a", "b", 1).add("c", "a", 2);
    builder.addTeleportWeight(builder.addContributor("b"), 7);
    EndorsementGraph released = builder.build();

    double[] expected = RankSolver.defaults().solve(dangling).scores();
    double[] actual = RankSolver.defaults().solve(released).scores();

    assertThat(released.outWeight(1)).isEqualTo(7);
    assertThat(actual).containsExactly(expected, within(1e-15));
  }

  @Test
  void solve_largeGraphWithTeleportWeights_bitIdenticalWhateverTheThreadCount() {
    Random random = new Random(7);
    int n = 30_000;
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < n; i++) {
      builder.addContributor("c" + i);
    }
    for (int k = 0; k < 300_000; k++) {
      builder.add(random.nextInt(n), random.nextInt(n / 10 + 1 + random.nextInt(n - n / 10)), 1);
    }
    for (int k = 0; k < 5_000; k++) {
      builder.addTeleportWeight(random.nextInt(n), random.nextDouble());
    }
    EndorsementGraph graph = builder.build();

    double[] one = RankSolver.builder().threads(1).build().solve(graph).scores();
    double[] two = RankSolver.builder().threads(2).build().solve(graph).scores();
    double[] four = RankSolver.builder().threads(4).build().solve(graph).scores();

    assertThat(two).isEqualTo(one);
    assertThat(four).isEqualTo(one);
    assertThat(java.util.Arrays.stream(one).sum()).isCloseTo(1.0, within(1e-9));
  }

  private static double[] normalised(double[] vector) {
    double sum = java.util.Arrays.stream(vector).sum();
    double[] result = new double[vector.length];
    for (int i = 0; i < vector.length; i++) {
      result[i] = vector[i] / sum;
    }
    return result;
  }

  /**
   * Solves {@code (I - d M) s = (1 - d) p} by Gaussian elimination, where column {@code u} of
   * {@code M} sends {@code w_uv / W_u} to each {@code v} and {@code T_u / W_u} (all of it for a
   * dangling {@code u}) through {@code p}.
   */
  private static double[] denseSolve(EndorsementGraph graph, double[] p, double d) {
    int n = graph.size();
    double[][] a = new double[n][n + 1];
    for (int v = 0; v < n; v++) {
      a[v][v] = 1;
      a[v][n] = (1 - d) * p[v];
    }
    for (int u = 0; u < n; u++) {
      double out = graph.outWeight(u);
      double back = out == 0 ? 1 : graph.teleportWeight(u) / out;
      for (int v = 0; v < n; v++) {
        a[v][u] -= d * back * p[v];
        if (out > 0) {
          a[v][u] -= d * graph.weight(u, v) / out;
        }
      }
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = 0; row < n; row++) {
        if (row != col) {
          double factor = a[row][col] / a[col][col];
          for (int k = col; k <= n; k++) {
            a[row][k] -= factor * a[col][k];
          }
        }
      }
    }
    double[] s = new double[n];
    for (int v = 0; v < n; v++) {
      s[v] = a[v][n] / a[v][v];
    }
    return s;
  }
}
