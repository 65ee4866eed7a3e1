package dev.wuffie.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One step at a time, on a graph small enough to follow by hand: a -> b (3), a -> c (1) and a
 * teleport weight of 4 on a (W_a = 8), b -> c (2), c dangling; d = 0.5, p = (1/2, 1/4, 1/4), from s
 * = (1/4, 1/4, 1/2). Every value below is a binary fraction, so the sums are exact.
 */
final class SweepsTest {
  private static final double[] P = {0.5, 0.25, 0.25};

  private EndorsementGraph graph;
  private double[] s;
  private double[] flow;

  @BeforeEach
  void buildTheGraph() {
    EndorsementGraph.Builder builder =
        EndorsementGraph.builder().add("a", "b", 3).add("a", "c", 1).add("b", "c", 2);
    builder.addTeleportWeight(0, 4);
    graph = builder.build();
    assertThat(graph.ids()).containsExactly("a", "b", "c");
    s = new double[] {0.25, 0.25, 0.5};
    flow = new double[3];
  }

  @Test
  void prepare_flowsAreScoreOverOutWeight_danglingMassCountsTeleportWeights() {
    Sweeps sweeps = new Sweeps(graph, 0.5, P, 1);

    double dangling = sweeps.prepare(s, flow);

    assertThat(flow).containsExactly(0.25 / 8, 0.25 / 2, 0);
    assertThat(dangling).isEqualTo(0.5 + 0.25 * 4 / 8); // c's mass and half of a's
  }

  @Test
  void power_oneIteration_nextIterateResidualAndItsDanglingMass() {
    Sweeps sweeps = new Sweeps(graph, 0.5, P, 1);
    double dangling = sweeps.prepare(s, flow);
    double[] next = new double[3];
    double[] nextFlow = new double[3];

    double residual = sweeps.power(s, flow, dangling, next, nextFlow);

    // jump = (1 - d) + d * 0.625 = 0.8125;
    // a: 0.8125 / 2; b: 0.8125 / 4 + 0.5 * 3/32; c: 0.8125 / 4 + 0.5 * (1/32 + 2/8)
    assertThat(next).containsExactly(0.40625, 0.25, 0.34375);
    assertThat(nextFlow).containsExactly(0.40625 / 8, 0.125, 0);
    assertThat(residual).isEqualTo(0.15625 + 0 + 0.15625);
    assertThat(sweeps.lastDangling()).isEqualTo(0.34375 + 0.40625 / 2);
  }

  @Test
  void gaussSeidel_usesEachNewScoreAtOnce_normalisesAndKeepsTheDanglingMass() {
    Sweeps sweeps = new Sweeps(graph, 0.5, P, 1);
    double dangling = sweeps.prepare(s, flow);

    double change = sweeps.gaussSeidel(s, flow, dangling);

    // a: 0.8125 / 2 = 13/32 (dangling mass becomes 0.625 + (13/32 - 1/4) / 2 = 0.703125);
    // b: 0.8515625 / 4 + 0.5 * 3 * 13/256 = 37/128; c: 0.8515625 / 4 + 0.5 * (13/256 + 2 * 37/256)
    // = 49/128. Their sum is 69/64; divided by it: (26/69, 37/138, 49/138).
    assertThat(change).isEqualTo(0.15625 + 0.0390625 + 0.1171875);
    assertThat(s[0]).isCloseTo(26.0 / 69, within(1e-16));
    assertThat(s[1]).isCloseTo(37.0 / 138, within(1e-16));
    assertThat(s[2]).isCloseTo(49.0 / 138, within(1e-16));
    assertThat(flow[0]).isCloseTo(26.0 / 69 / 8, within(1e-16));
    assertThat(flow[1]).isCloseTo(37.0 / 138 / 2, within(1e-16));
    assertThat(sweeps.lastDangling()).isCloseTo(49.0 / 138 + 13.0 / 69, within(1e-16));
  }

  @Test
  void power_graphLargeEnoughForThreads_bitIdenticalWhateverTheThreadCount() {
    int n = 40_000;
    Random random = new Random(7);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int v = 0; v < n; v++) {
      builder.addContributor("c" + v);
    }
    for (int k = 0; k < 260_000; k++) {
      builder.add(random.nextInt(n), random.nextInt(n), 1 + random.nextInt(5));
    }
    for (int u = 0; u < n; u += 3) {
      builder.addTeleportWeight(u, 0.5);
    }
    EndorsementGraph big = builder.build();
    assertThat((long) big.size() + big.edgeCount()).isGreaterThan(Sweeps.PARALLEL_MIN_WORK);
    double[] p = new double[n];
    Arrays.fill(p, 1.0 / n);
    double[] start = new double[n];
    for (int v = 0; v < n; v++) {
      start[v] = random.nextDouble();
    }
    double sum = Arrays.stream(start).sum();
    for (int v = 0; v < n; v++) {
      start[v] /= sum;
    }

    double[][] one = step(big, p, start, 1);
    double[][] four = step(big, p, start, 4);

    for (int k = 0; k < one.length; k++) {
      assertThat(four[k]).isEqualTo(one[k]);
    }
  }

  /** {next, nextFlow, {residual, lastDangling}} after one power iteration on {@code threads}. */
  private static double[][] step(EndorsementGraph graph, double[] p, double[] s, int threads) {
    Sweeps sweeps = new Sweeps(graph, 0.85, p, threads);
    int n = graph.size();
    double[] flow = new double[n];
    double dangling = sweeps.prepare(s, flow);
    double[] next = new double[n];
    double[] nextFlow = new double[n];
    double residual = sweeps.power(s, flow, dangling, next, nextFlow);
    return new double[][] {next, nextFlow, {residual, sweeps.lastDangling(), dangling}};
  }
}
