package dev.wuffie.rank;

import dev.wuffie.graph.EndorsementGraph;
import java.util.stream.IntStream;

/**
 * Power iteration of {@code k} score vectors at once, over {@code k} graphs of the same
 * contributors (each with its own weights and teleport distribution): one pass over the in-edges
 * per iteration updates every vector, as {@link RankSolver#solveAll} promises.
 *
 * <p>Layout: the vectors are interleaved, the entry of contributor {@code v} in vector {@code s} at
 * {@code v * k + s}, so that the {@code k} entries a contributor's endorsements read lie side by
 * side. The in-edges of every graph are merged into one structure, by endorsed contributor and then
 * by graph: {@code start[v * k + s] .. start[v * k + s + 1]} holds graph {@code s}'s in-edges of
 * {@code v}, in its own order, each as the interleaved slot of its source and its weight. A
 * vector's sums thus run in the order of its graph's own solve; a vector that has converged is
 * frozen (its edges are skipped), so each result is what solving its graph alone gives, to
 * rounding.
 *
 * <p>Memory: per vector, 68 bytes per contributor (its edge range, the inverse out-weight, the
 * released share, the teleport, two iterates and two flows) and 12 bytes per in-edge of its graph.
 * Contributors are cut into chunks that depend on the graphs alone, summed in chunk order, so the
 * results do not depend on the thread count.
 */
final class MultiSweeps {
  private static final int CHUNK_WORK = 1 << 15;

  private MultiSweeps() {}

  /** Solves every graph with the teleport vector of the same index (each normalised to sum 1). */
  static RankResult[] solve(RankSolver solver, EndorsementGraph[] graphs, double[][] teleports) {
    int k = graphs.length;
    int n = graphs[0].size();
    long slots = (long) n * k;
    long edges = 0;
    for (EndorsementGraph graph : graphs) {
      edges += graph.edgeCount();
    }
    if (slots >= Integer.MAX_VALUE || edges >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              "%s graphs of %s contributors with %s edges in all are too many to solve together;"
                  + " solve them in smaller groups",
              k, n, edges));
    }
    int[] start = new int[(int) slots + 1];
    int[] source = new int[(int) edges];
    double[] weight = new double[(int) edges];
    double[] inverseOut = new double[(int) slots];
    double[] release = new double[(int) slots];
    double[] p = new double[(int) slots];
    int next = 0;
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < k; s++) {
        EndorsementGraph graph = graphs[s];
        int slot = v * k + s;
        start[slot] = next;
        for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
          source[next] = graph.source(e) * k + s;
          weight[next++] = graph.weight(e);
        }
        double out = graph.outWeight(v);
        inverseOut[slot] = out > 0 ? 1.0 / out : 0.0;
        release[slot] = out > 0 ? graph.teleportWeight(v) * inverseOut[slot] : 1.0;
        p[slot] = teleports[s][v];
      }
    }
    start[(int) slots] = next;
    return new MultiSweeps.Run(solver, k, n, start, source, weight, inverseOut, release, p)
        .iterate();
  }

  /** The working state of one solve. */
  private static final class Run {
    private final RankSolver solver;
    private final int k;
    private final int n;
    private final int[] start;
    private final int[] source;
    private final double[] weight;
    private final double[] inverseOut;
    private final double[] release;
    private final double[] p;
    private final int[] chunkStart;
    private final boolean parallel;

    Run(
        RankSolver solver,
        int k,
        int n,
        int[] start,
        int[] source,
        double[] weight,
        double[] inverseOut,
        double[] release,
        double[] p) {
      this.solver = solver;
      this.k = k;
      this.n = n;
      this.start = start;
      this.source = source;
      this.weight = weight;
      this.inverseOut = inverseOut;
      this.release = release;
      this.p = p;
      this.chunkStart = chunks();
      long work = (long) n * k + source.length;
      this.parallel = solver.threads() > 1 && work >= (1 << 18);
    }

    RankResult[] iterate() {
      double d = solver.damping();
      double[] x = p.clone();
      double[] flow = new double[x.length];
      double[] nextX = new double[x.length];
      double[] nextFlow = new double[x.length];
      double[] dangling = new double[k];
      for (int v = 0; v < n; v++) {
        for (int s = 0; s < k; s++) {
          int slot = v * k + s;
          flow[slot] = x[slot] * inverseOut[slot];
          dangling[s] += x[slot] * release[slot];
        }
      }
      boolean[] active = new boolean[k];
      java.util.Arrays.fill(active, true);
      int[] iterations = new int[k];
      double[] residuals = new double[k];
      java.util.Arrays.fill(residuals, Double.POSITIVE_INFINITY);
      int remaining = k;
      int chunks = chunkStart.length - 1;
      double[][] chunkResidual = new double[chunks][k];
      double[][] chunkDangling = new double[chunks][k];
      for (int iteration = 1; iteration <= solver.maxIterations() && remaining > 0; iteration++) {
        double[] jump = new double[k];
        for (int s = 0; s < k; s++) {
          jump[s] = (1 - d) + d * dangling[s];
        }
        double[] from = x;
        double[] fromFlow = flow;
        double[] to = nextX;
        double[] toFlow = nextFlow;
        IntStream chunkIds = IntStream.range(0, chunks);
        (parallel ? chunkIds.parallel() : chunkIds)
            .forEach(
                c ->
                    sweep(
                        c,
                        d,
                        jump,
                        active,
                        from,
                        fromFlow,
                        to,
                        toFlow,
                        chunkResidual[c],
                        chunkDangling[c]));
        java.util.Arrays.fill(dangling, 0);
        double[] residual = new double[k];
        for (int c = 0; c < chunks; c++) { // in chunk order: the same sums on any thread count
          for (int s = 0; s < k; s++) {
            residual[s] += chunkResidual[c][s];
            dangling[s] += chunkDangling[c][s];
          }
        }
        x = to;
        flow = toFlow;
        nextX = from;
        nextFlow = fromFlow;
        for (int s = 0; s < k; s++) {
          if (active[s]) {
            iterations[s] = iteration;
            residuals[s] = residual[s];
            if (solver.done(residual[s])) {
              active[s] = false;
              remaining--;
            }
          }
        }
      }
      RankResult[] results = new RankResult[k];
      for (int s = 0; s < k; s++) {
        double[] scores = new double[n];
        for (int v = 0; v < n; v++) {
          scores[v] = x[v * k + s];
        }
        results[s] = RankResult.of(scores, !active[s], iterations[s], residuals[s], solver);
      }
      return results;
    }

    /** One power iteration of chunk {@code c}: a frozen vector's entries are copied. */
    private void sweep(
        int c,
        double d,
        double[] jump,
        boolean[] active,
        double[] x,
        double[] flow,
        double[] next,
        double[] nextFlow,
        double[] residual,
        double[] dangling) {
      java.util.Arrays.fill(residual, 0);
      java.util.Arrays.fill(dangling, 0);
      for (int v = chunkStart[c], end = chunkStart[c + 1]; v < end; v++) {
        for (int s = 0, slot = v * k; s < k; s++, slot++) {
          if (!active[s]) {
            next[slot] = x[slot];
            nextFlow[slot] = flow[slot];
            continue;
          }
          double in = 0;
          for (int e = start[slot], stop = start[slot + 1]; e < stop; e++) {
            in += weight[e] * flow[source[e]];
          }
          double value = jump[s] * p[slot] + d * in;
          residual[s] += Math.abs(value - x[slot]);
          next[slot] = value;
          nextFlow[slot] = value * inverseOut[slot];
          dangling[s] += value * release[slot];
        }
      }
    }

    /** Chunk boundaries over contributors, fixed by the graphs' shape. */
    private int[] chunks() {
      int[] starts = new int[n + 1];
      int count = 0;
      starts[count++] = 0;
      long work = 0;
      for (int v = 0; v < n; v++) {
        work += k + start[(v + 1) * k] - start[v * k];
        if (work >= CHUNK_WORK && v + 1 < n) {
          starts[count++] = v + 1;
          work = 0;
        }
      }
      starts[count++] = n;
      return java.util.Arrays.copyOf(starts, count);
    }
  }
}
