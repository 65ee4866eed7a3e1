package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The push and its dense sweeps against a 1e-14 power-iteration solve of the same equations (the
 * global solver with the viewers for the teleport vector), with the switch to sweeps forced, ruled
 * out, and left to its rule.
 */
final class PersonalPushTest {
  private static final double D = 0.85;
  private static final RankSolver REFERENCE = RankSolver.builder().tolerance(1e-14).build();

  /** The reference's own L1 error: at most d / (1 - d) times its last change. */
  private static final double REFERENCE_ERROR = D / (1 - D) * 1e-14 + 1e-13;

  private static final long NEVER = Long.MAX_VALUE;
  private static final long AT_ONCE = 0;

  static Stream<Arguments> randomGraphs() {
    return Stream.of(
        // n, endorsements, endorsers (the rest dangle), teleport weights, viewers, accuracy
        Arguments.of(50, 120, 35, false, 1, 1e-4),
        Arguments.of(400, 3000, 300, false, 3, 1e-6),
        Arguments.of(400, 3000, 300, true, 2, 1e-9),
        Arguments.of(2000, 12000, 1500, true, 4, 1e-12),
        Arguments.of(2000, 2500, 1000, false, 1, 1e-3));
  }

  @ParameterizedTest(name = "n={0} m={1} endorsers={2} teleport={3} viewers={4} accuracy={5}")
  @MethodSource("randomGraphs")
  void solve_randomGraphs_everyPathWithinItsBoundOfTheReference(
      int n, int m, int endorsers, boolean teleport, int viewerCount, double accuracy) {
    SplittableRandom random = new SplittableRandom(n * 31L + m);
    EndorsementGraph graph = randomGraph(random, n, m, endorsers, teleport);
    int[] viewers = new int[viewerCount];
    double[] q = new double[viewerCount];
    double[] p = new double[n];
    double total = 0;
    for (int j = 0; j < viewerCount; j++) {
      viewers[j] = j == 0 ? endorsers + 1 : random.nextInt(n); // the first one dangles
      while (p[viewers[j]] > 0) {
        viewers[j] = random.nextInt(n);
      }
      q[j] = 0.5 + random.nextDouble() * 3;
      p[viewers[j]] = q[j];
      total += q[j];
    }
    for (int j = 0; j < viewerCount; j++) {
      q[j] /= total;
    }
    double[] exact = REFERENCE.solve(graph, p).scores();

    PersonalPush.Estimate pushed = PersonalPush.solve(graph, viewers, q, D, accuracy, NEVER);
    PersonalPush.Estimate swept = PersonalPush.solve(graph, viewers, q, D, accuracy, AT_ONCE);
    PersonalPush.Estimate ruled = PersonalPush.solve(graph, viewers, q, D, accuracy);

    assertThat(pushed.sweeps()).isZero();
    assertThat(swept.sweeps()).isPositive();
    for (PersonalPush.Estimate estimate : new PersonalPush.Estimate[] {pushed, swept, ruled}) {
      assertWithinBound(estimate, exact, accuracy);
    }
  }

  @Test
  void solve_localViewer_staysWithThePush() {
    // a viewer in a ring of 5 members, apart from a dense random graph of 3,000
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    SplittableRandom random = new SplittableRandom(11);
    for (int e = 0; e < 30_000; e++) {
      builder.add("m" + random.nextInt(3000), "m" + random.nextInt(3000), 1 + random.nextInt(3));
    }
    for (int i = 0; i < 5; i++) {
      builder.add("ring" + i, "ring" + (i + 1) % 5, 1);
    }
    EndorsementGraph graph = builder.build();
    int viewer = graph.indexOf("ring0").orElseThrow();
    double[] p = new double[graph.size()];
    p[viewer] = 1;

    PersonalPush.Estimate estimate =
        PersonalPush.solve(graph, new int[] {viewer}, new double[] {1}, D, 1e-8);

    assertThat(estimate.sweeps()).isZero();
    assertThat(estimate.contributors()).hasSize(5);
    assertWithinBound(estimate, REFERENCE.solve(graph, p).scores(), 1e-8);
  }

  @Test
  void solve_viewerInADenseGraph_switchesToSweeps() {
    SplittableRandom random = new SplittableRandom(13);
    EndorsementGraph graph = randomGraph(random, 3000, 30_000, 2500, false);
    double[] p = new double[graph.size()];
    p[0] = 1;

    PersonalPush.Estimate estimate =
        PersonalPush.solve(graph, new int[] {0}, new double[] {1}, D, 1e-6);

    assertThat(estimate.sweeps()).isPositive();
    assertWithinBound(estimate, REFERENCE.solve(graph, p).scores(), 1e-6);
  }

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("src/test/resources/reference/karate.csv", "33"),
        Arguments.of("../datasets/wiki-Vote.txt.gz", "30"),
        Arguments.of("../datasets/soc-sign-bitcoinotc.csv.gz", "35"));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("fixtures")
  void solve_fixtureGraphs_pushAndSweepsAgreeWithinTheirBounds(String file, String viewer) {
    EndorsementGraph graph = read(file);
    int v = graph.indexOf(viewer).orElseThrow();
    double[] p = new double[graph.size()];
    p[v] = 1;
    double[] exact = REFERENCE.solve(graph, p).scores();

    for (long denseAt : new long[] {NEVER, AT_ONCE, 64}) {
      PersonalPush.Estimate estimate =
          PersonalPush.solve(graph, new int[] {v}, new double[] {1}, D, 1e-7, denseAt);
      assertWithinBound(estimate, exact, 1e-7);
    }
  }

  /**
   * Every estimate is at most its exact score, the L1 distance is within the stated bound, and the
   * bound within the accuracy asked.
   */
  private static void assertWithinBound(
      PersonalPush.Estimate estimate, double[] exact, double accuracy) {
    double[] x = new double[exact.length];
    for (int i = 0; i < estimate.contributors().length; i++) {
      x[estimate.contributors()[i]] = estimate.scores()[i];
    }
    double distance = 0;
    for (int v = 0; v < exact.length; v++) {
      assertThat(x[v]).isLessThanOrEqualTo(exact[v] + REFERENCE_ERROR);
      distance += Math.abs(exact[v] - x[v]);
    }
    assertThat(distance).isLessThanOrEqualTo(estimate.errorBound() + REFERENCE_ERROR);
    assertThat(estimate.errorBound()).isLessThanOrEqualTo(Math.max(accuracy, 2e-11));
  }

  /** Endorsements only from the first {@code endorsers} members: the others dangle. */
  private static EndorsementGraph randomGraph(
      SplittableRandom random, int n, int m, int endorsers, boolean teleport) {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < n; i++) {
      builder.addContributor("m" + i);
    }
    for (int e = 0; e < m; e++) {
      builder.add(random.nextInt(endorsers), random.nextInt(n), 0.5 + random.nextInt(4));
    }
    if (teleport) {
      for (int u = 0; u < endorsers; u += 3) {
        builder.addTeleportWeight(u, random.nextDouble() * 2);
      }
    }
    return builder.build();
  }

  private static EndorsementGraph read(String name) {
    try {
      return EdgeListReader.create().dropNegative(true).read(Path.of(name)).graph();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
