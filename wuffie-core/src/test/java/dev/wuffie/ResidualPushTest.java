package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The residual push against a tight power-iteration solve, on random graphs with dangling
 * contributors and teleport weights, under a uniform teleport or seeds, after a small change (some
 * endorsers' rows changed, new contributors): the result is within the bound it states, which is
 * within the tolerance, and the push did the work; after a large change it falls back.
 */
final class ResidualPushTest {
  private static final int N = 3000;

  /**
   * The tolerance of the local solves: on graphs this small, a tighter one makes the residual reach
   * every contributor a few times over, and the solve rightly falls back to iterating.
   */
  private static final double TOLERANCE = 1e-4;

  /** A reference: a solve to an error bound far below any tested one. */
  private static final RankSolver EXACT =
      RankSolver.builder().tolerance(1e-14).stop(RankSolver.Stop.ERROR_BOUND).build();

  @ParameterizedTest(name = "seed {0}, seeds {1}, teleport weights {2}, new contributors {3}")
  @CsvSource({
    "1, false, false, 0",
    "2, false, true, 0",
    "9, true, false, 0",
    "4, true, true, 0",
    "5, false, true, 3",
    "6, true, true, 3",
    "7, false, false, 1"
  })
  void smallChange_isPushedLocally_withinItsBound(
      long seed, boolean seeds, boolean teleportWeights, int fresh) {
    SplittableRandom random = new SplittableRandom(seed);
    Row[] before = randomWeights(random, N, teleportWeights);
    Row[] after = changed(random, before, 1, fresh);
    EndorsementGraph old = graph(before);
    EndorsementGraph next = graph(after);
    double[] teleport = teleport(random, next.size(), seeds);
    double[] start =
        Arrays.copyOf(EXACT.solve(old, Arrays.copyOf(teleport, N)).scores(), N + fresh);

    ResidualPush.Outcome outcome = ResidualPush.solve(next, teleport, start, solver(TOLERANCE));

    assertThat(outcome.local()).isTrue();
    assertThat(outcome.pushes()).isPositive();
    assertThat(outcome.iterations()).isEqualTo(2);
    assertWithinBound(outcome, next, teleport, TOLERANCE);
  }

  @ParameterizedTest(name = "accuracy {0}")
  @CsvSource({"1e-6", "1e-10"})
  void boundHolds_atEachAccuracy(double tolerance) {
    SplittableRandom random = new SplittableRandom(11);
    Row[] before = randomWeights(random, N, true);
    Row[] after = changed(random, before, 20, 2);
    EndorsementGraph next = graph(after);
    double[] teleport = teleport(random, next.size(), false);
    double[] start =
        Arrays.copyOf(EXACT.solve(graph(before), Arrays.copyOf(teleport, N)).scores(), N + 2);

    ResidualPush.Outcome outcome = ResidualPush.solve(next, teleport, start, solver(tolerance));

    assertWithinBound(outcome, next, teleport, tolerance);
  }

  @Test
  void noChange_firstIterationIsTheResult() {
    SplittableRandom random = new SplittableRandom(21);
    EndorsementGraph graph = graph(randomWeights(random, N, true));
    double[] teleport = teleport(random, N, false);
    double[] start = EXACT.solve(graph, teleport).scores();

    ResidualPush.Outcome outcome = ResidualPush.solve(graph, teleport, start, solver(1e-8));

    assertThat(outcome.local()).isTrue();
    assertThat(outcome.iterations()).isEqualTo(1);
    assertThat(outcome.pushes()).isZero();
    assertWithinBound(outcome, graph, teleport, 1e-8);
  }

  @Test
  void largeChange_fallsBackToPowerIteration_withinItsBound() {
    SplittableRandom random = new SplittableRandom(31);
    EndorsementGraph before = graph(randomWeights(random, N, true));
    EndorsementGraph after = graph(randomWeights(random, N, true)); // every row changed
    double[] teleport = teleport(random, N, false);
    double[] start = EXACT.solve(before, teleport).scores();

    ResidualPush.Outcome outcome = ResidualPush.solve(after, teleport, start, solver(1e-8));

    assertThat(outcome.local()).isFalse();
    assertThat(outcome.pushes()).isZero(); // spread: no push was tried
    assertThat(outcome.iterations()).isGreaterThan(10);
    assertWithinBound(outcome, after, teleport, 1e-8);
  }

  @Test
  void changedTeleportScale_isNoChange() {
    SplittableRandom random = new SplittableRandom(41);
    EndorsementGraph graph = graph(randomWeights(random, N, true));
    double[] teleport = teleport(random, N, true);
    double[] start = EXACT.solve(graph, teleport).scores();
    double[] scaled = Arrays.stream(teleport).map(t -> 3.5 * t).toArray();

    ResidualPush.Outcome outcome = ResidualPush.solve(graph, scaled, start, solver(1e-8));

    assertThat(outcome.iterations()).isEqualTo(1);
    assertWithinBound(outcome, graph, teleport, 1e-8);
  }

  private static RankSolver solver(double tolerance) {
    return RankSolver.builder().tolerance(tolerance).stop(RankSolver.Stop.ERROR_BOUND).build();
  }

  private static void assertWithinBound(
      ResidualPush.Outcome outcome, EndorsementGraph graph, double[] teleport, double tolerance) {
    RankResult exact = EXACT.solve(graph, teleport);
    double bound = Scorer.errorBound(outcome.result());
    double l1 = 0;
    for (int v = 0; v < graph.size(); v++) {
      l1 += Math.abs(outcome.result().score(v) - exact.score(v));
    }
    assertThat(outcome.result().converged()).isTrue();
    assertThat(bound).isLessThanOrEqualTo(tolerance + Scorer.errorBound(exact));
    assertThat(l1).isLessThanOrEqualTo(bound + Scorer.errorBound(exact));
    assertThat(Arrays.stream(outcome.result().scores()).sum()).isCloseTo(1, within(1e-12));
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(value);
  }

  /**
   * Random rows over {@code n} contributors: a fifth of them endorse nobody (dangling), the rest
   * endorse 1 to 8 others, mostly among the next 30 (a community), else drawn towards low indices
   * (a few contributors get many endorsements); with {@code teleportWeights}, a third of them have
   * one.
   */
  private static Row[] randomWeights(SplittableRandom random, int n, boolean teleportWeights) {
    Row[] rows = new Row[n];
    for (int u = 0; u < n; u++) {
      rows[u] = row(random, n, u, teleportWeights);
    }
    return rows;
  }

  private static Row row(SplittableRandom random, int n, int u, boolean teleportWeights) {
    int k = random.nextInt(5) > 0 ? 1 + random.nextInt(8) : 0;
    int[] to = new int[k];
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      to[i] =
          random.nextInt(10) < 9
              ? (u + 1 + random.nextInt(30)) % n // a community of neighbours
              : (int) (n * Math.pow(random.nextDouble(), 2));
      w[i] = 1 + random.nextInt(4);
    }
    return new Row(to, w, teleportWeights && random.nextInt(3) == 0 ? random.nextDouble() * 2 : 0);
  }

  /** An endorser's endorsements (repeats are summed, self-endorsements dropped by the builder). */
  private record Row(int[] to, double[] weights, double teleportWeight) {
    Row plus(int v, double weight) {
      int[] t = Arrays.copyOf(to, to.length + 1);
      double[] w = Arrays.copyOf(weights, weights.length + 1);
      t[to.length] = v;
      w[to.length] = weight;
      return new Row(t, w, teleportWeight);
    }
  }

  /**
   * {@code rows} with {@code changes} endorsers' rows drawn anew, and {@code fresh} new
   * contributors (after the old ones) who endorse a few and are endorsed by one.
   */
  private static Row[] changed(SplittableRandom random, Row[] rows, int changes, int fresh) {
    int n = rows.length + fresh;
    Row[] next = Arrays.copyOf(rows, n);
    for (int k = 0; k < changes; k++) {
      int u = random.nextInt(rows.length);
      next[u] = row(random, n, u, rows[u].teleportWeight() > 0);
    }
    for (int u = rows.length; u < n; u++) {
      next[u] = row(random, n, u, false);
      int endorser = random.nextInt(rows.length);
      next[endorser] = next[endorser].plus(u, 2);
    }
    return next;
  }

  private static EndorsementGraph graph(Row[] rows) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int v = 0; v < rows.length; v++) {
      builder.addContributor("c" + v);
    }
    for (int u = 0; u < rows.length; u++) {
      for (int i = 0; i < rows[u].to().length; i++) {
        builder.add(u, rows[u].to()[i], rows[u].weights()[i]);
      }
      builder.addTeleportWeight(u, rows[u].teleportWeight());
    }
    return builder.build();
  }

  /** Uniform weights, or seeds: a tenth of the contributors with weights 1 to 3. */
  private static double[] teleport(SplittableRandom random, int n, boolean seeds) {
    double[] teleport = new double[n];
    for (int v = 0; v < n; v++) {
      teleport[v] = !seeds ? 1 : random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
    }
    teleport[0] = 1;
    return teleport;
  }
}
