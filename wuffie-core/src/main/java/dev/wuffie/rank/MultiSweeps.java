package dev.wuffie.rank;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Power iteration of {@code k} score vectors at once, over {@code k} graphs of the same
 * contributors (each with its own weights and teleport distribution): one pass over the in-edges
 * per iteration updates every vector, as {@link RankSolver#solveAll} promises.
 *
 * <p>Layout: the vectors are interleaved, the entry of contributor {@code v} in vector {@code s} at
 * slot {@code v * k + s}, so that the {@code k} entries of a contributor lie side by side. The
 * in-edges of every graph are merged into one structure by endorsed contributor, in two parts:
 *
 * <ul>
 *   <li><em>shared</em> edges: an endorser {@code u} of {@code v} in every graph is stored once,
 *       with the least of its weights in the graphs; an iteration reads it once and gathers {@code
 *       u}'s {@code k} entries together (adjacent in memory, so the latency of the random access is
 *       paid once for all the vectors);
 *   <li><em>own</em> edges: every other in-edge of a graph, and the excess of a shared edge's
 *       weight in a graph over the stored one where there is any, each with its vector and the slot
 *       of its source in that vector, in the graph's own order.
 * </ul>
 *
 * <p>So a vector's sum over {@code v}'s in-edges adds the same terms as its graph's own solve,
 * those of shared edges first (a weight split into the shared part and an excess adds as two
 * terms): each result equals solving its graph alone to rounding, and bit for bit when no edge is
 * shared. A vector that has converged is frozen (its entries copied), so it stops where its own
 * solve stops.
 *
 * <p>Memory: per vector, 40 bytes per contributor (the inverse out-weight, the released share, the
 * iterate, updated in place, and two flows) and its teleport: 8 bytes per contributor, or, when at
 * most a quarter of the teleport entries are not zero, 12 bytes per entry that is not (and 4 bytes
 * per contributor for all the vectors); 12 bytes per shared edge, once for all the vectors; 16
 * bytes per own edge. An iteration streams the 40 bytes (less, where vectors have converged: their
 * entries are left alone) and the teleport. Contributors are cut into chunks that depend on the
 * graphs alone, summed in chunk order, so the results do not depend on the thread count.
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
    Layout layout = Layout.of(graphs);
    double[] inverseOut = new double[(int) slots];
    double[] release = new double[(int) slots];
    for (int v = 0; v < n; v++) {
      for (int s = 0; s < k; s++) {
        EndorsementGraph graph = graphs[s];
        int slot = v * k + s;
        double out = graph.outWeight(v);
        inverseOut[slot] = out > 0 ? 1.0 / out : 0.0;
        release[slot] = out > 0 ? graph.teleportWeight(v) * inverseOut[slot] : 1.0;
      }
    }
    return new Run(solver, k, n, layout, inverseOut, release, Teleports.of(teleports)).iterate();
  }

  /**
   * The teleport vectors, interleaved as the scores are: dense (a value per slot), or, when at most
   * a quarter of the slots are not zero (a scope's walk restarts at the few members active in it),
   * sparse (per contributor, the vectors where its entry is not zero, and the entries), which an
   * iteration then streams instead of a slot each.
   */
  record Teleports(double[] dense, int[] start, int[] vector, double[] value) {
    static Teleports of(double[][] teleports) {
      int k = teleports.length;
      int n = teleports[0].length;
      long nonZero = 0;
      for (double[] teleport : teleports) {
        for (double p : teleport) {
          nonZero += p != 0 ? 1 : 0;
        }
      }
      if (nonZero * 4 > (long) n * k) {
        double[] dense = new double[n * k];
        for (int v = 0; v < n; v++) {
          for (int s = 0; s < k; s++) {
            dense[v * k + s] = teleports[s][v];
          }
        }
        return new Teleports(dense, null, null, null);
      }
      int[] start = new int[n + 1];
      int[] vector = new int[(int) nonZero];
      double[] value = new double[(int) nonZero];
      int at = 0;
      for (int v = 0; v < n; v++) {
        for (int s = 0; s < k; s++) {
          if (teleports[s][v] != 0) {
            vector[at] = s;
            value[at++] = teleports[s][v];
          }
        }
        start[v + 1] = at;
      }
      return new Teleports(null, start, vector, value);
    }

    /** Puts contributor {@code v}'s {@code k} entries into {@code into}. */
    void read(int v, int k, double[] into) {
      if (dense != null) {
        System.arraycopy(dense, v * k, into, 0, k);
      } else {
        Arrays.fill(into, 0, k, 0.0);
        for (int i = start[v], stop = start[v + 1]; i < stop; i++) {
          into[vector[i]] = value[i];
        }
      }
    }
  }

  /** The merged in-edges of the graphs: shared and own, each by endorsed contributor. */
  record Layout(
      int[] sharedStart,
      int[] sharedSource, // the first slot of the endorser: u * k
      double[] sharedWeight,
      int[] ownStart,
      int[] ownSource, // the slot of the endorser in the edge's vector: u * k + s
      double[] ownWeight,
      int[] ownVector) {

    /** Merges the in-edges of {@code graphs}: two passes, one to count and one to fill. */
    static Layout of(EndorsementGraph[] graphs) {
      int k = graphs.length;
      int n = graphs[0].size();
      int[] sharedStart = new int[n + 1];
      int[] ownStart = new int[n + 1];
      Merger merger = new Merger(graphs);
      for (int v = 0; v < n; v++) {
        merger.merge(v);
        int shared = merger.shared();
        sharedStart[v + 1] = sharedStart[v] + shared;
        ownStart[v + 1] = ownStart[v] + merger.own();
      }
      Layout layout =
          new Layout(
              sharedStart,
              new int[sharedStart[n]],
              new double[sharedStart[n]],
              ownStart,
              new int[ownStart[n]],
              new double[ownStart[n]],
              new int[ownStart[n]]);
      for (int v = 0; v < n; v++) {
        merger.merge(v);
        merger.fill(layout, v, k);
      }
      return layout;
    }
  }

  /**
   * Finds, for one endorsed contributor at a time, the endorsers it has in every graph and the
   * least weight of each; reuses its arrays from one contributor to the next.
   */
  private static final class Merger {
    private final EndorsementGraph[] graphs;
    private final int[] count; // per endorser: the graphs with an edge to the current v
    private final double[] least; // per endorser: the least of those edges' weights
    private final int[] touched; // the endorsers with count > 0, in the order first met
    private int touchedCount;
    private int v = -1;

    Merger(EndorsementGraph[] graphs) {
      this.graphs = graphs;
      int n = graphs[0].size();
      this.count = new int[n];
      this.least = new double[n];
      this.touched = new int[n];
    }

    /** Counts the endorsers of {@code v} over every graph (clearing the last contributor's). */
    void merge(int v) {
      for (int i = 0; i < touchedCount; i++) {
        count[touched[i]] = 0;
      }
      touchedCount = 0;
      this.v = v;
      for (EndorsementGraph graph : graphs) {
        for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
          int u = graph.source(e);
          double w = graph.weight(e);
          if (count[u]++ == 0) {
            touched[touchedCount++] = u;
            least[u] = w;
          } else if (w < least[u]) {
            least[u] = w;
          }
        }
      }
    }

    private boolean shared(int u) {
      return count[u] == graphs.length;
    }

    /** The number of shared in-edges of the current contributor. */
    int shared() {
      int shared = 0;
      for (int i = 0; i < touchedCount; i++) {
        shared += shared(touched[i]) ? 1 : 0;
      }
      return shared;
    }

    /** The number of own in-edges of the current contributor. */
    int own() {
      int own = 0;
      for (EndorsementGraph graph : graphs) {
        for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
          int u = graph.source(e);
          own += !shared(u) || graph.weight(e) != least[u] ? 1 : 0;
        }
      }
      return own;
    }

    /** Writes the current contributor's shared and own in-edges into {@code layout}. */
    void fill(Layout layout, int v, int k) {
      int at = layout.sharedStart()[v];
      for (int i = 0; i < touchedCount; i++) {
        int u = touched[i];
        if (shared(u)) {
          layout.sharedSource()[at] = u * k;
          layout.sharedWeight()[at++] = least[u];
        }
      }
      at = layout.ownStart()[v];
      for (int s = 0; s < k; s++) {
        EndorsementGraph graph = graphs[s];
        for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
          int u = graph.source(e);
          double w = graph.weight(e);
          if (shared(u)) {
            if (w == least[u]) {
              continue;
            }
            w -= least[u];
          }
          layout.ownSource()[at] = u * k + s;
          layout.ownWeight()[at] = w;
          layout.ownVector()[at++] = s;
        }
      }
    }
  }

  /** The working state of one solve. */
  private static final class Run {
    private final RankSolver solver;
    private final int k;
    private final int n;
    private final Layout layout;
    private final double[] inverseOut;
    private final double[] release;
    private final Teleports p;
    private final int[] chunkStart;
    private final boolean parallel;

    Run(
        RankSolver solver,
        int k,
        int n,
        Layout layout,
        double[] inverseOut,
        double[] release,
        Teleports p) {
      this.solver = solver;
      this.k = k;
      this.n = n;
      this.layout = layout;
      this.inverseOut = inverseOut;
      this.release = release;
      this.p = p;
      this.chunkStart = chunks();
      long work =
          (long) n * k + (long) layout.sharedSource().length * k + layout.ownSource().length;
      this.parallel = solver.threads() > 1 && work >= (1 << 18);
    }

    RankResult[] iterate() {
      double d = solver.damping();
      double[] x = new double[n * k];
      double[] flow = new double[x.length];
      double[] nextFlow = new double[x.length];
      double[] dangling = new double[k];
      double[] teleport = new double[k];
      for (int v = 0; v < n; v++) {
        p.read(v, k, teleport);
        for (int s = 0; s < k; s++) {
          int slot = v * k + s;
          x[slot] = teleport[s];
          flow[slot] = x[slot] * inverseOut[slot];
          dangling[s] += x[slot] * release[slot];
        }
      }
      boolean[] active = new boolean[k];
      Arrays.fill(active, true);
      int[] iterations = new int[k];
      double[] residuals = new double[k];
      Arrays.fill(residuals, Double.POSITIVE_INFINITY);
      int remaining = k;
      int chunks = chunkStart.length - 1;
      double[][] chunkResidual = new double[chunks][k];
      double[][] chunkDangling = new double[chunks][k];
      for (int iteration = 1; iteration <= solver.maxIterations() && remaining > 0; iteration++) {
        double[] jump = new double[k];
        for (int s = 0; s < k; s++) {
          jump[s] = (1 - d) + d * dangling[s];
        }
        Step step = new Step(d, jump, active, x, flow, nextFlow);
        IntStream chunkIds = IntStream.range(0, chunks);
        (parallel ? chunkIds.parallel() : chunkIds)
            .forEach(c -> sweep(c, step, chunkResidual[c], chunkDangling[c]));
        Arrays.fill(dangling, 0);
        double[] residual = new double[k];
        for (int c = 0; c < chunks; c++) { // in chunk order: the same sums on any thread count
          for (int s = 0; s < k; s++) {
            residual[s] += chunkResidual[c][s];
            dangling[s] += chunkDangling[c][s];
          }
        }
        double[] swap = flow;
        flow = nextFlow;
        nextFlow = swap;
        for (int s = 0; s < k; s++) {
          if (active[s]) {
            iterations[s] = iteration;
            residuals[s] = residual[s];
            if (solver.done(residual[s])) {
              active[s] = false;
              remaining--;
              freeze(s, flow, nextFlow);
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

    /**
     * Copies vector {@code s}'s flows, which have converged, into the buffer the next iterations
     * write, so that those leave its slots alone: both hold its final flows from then on (its
     * entries, updated in place, stay as they are).
     */
    private void freeze(int s, double[] flow, double[] nextFlow) {
      for (int slot = s; slot < flow.length; slot += k) {
        nextFlow[slot] = flow[slot];
      }
    }

    /** What one iteration reads and writes. */
    private record Step(
        double d, double[] jump, boolean[] active, double[] x, double[] flow, double[] nextFlow) {}

    /**
     * One power iteration of chunk {@code c}, the entries updated in place: a frozen vector's slots
     * are left alone (both flow buffers hold its final flows, see {@link #freeze}), and its own
     * in-edges are not read.
     */
    private void sweep(int c, Step step, double[] residual, double[] dangling) {
      Arrays.fill(residual, 0);
      Arrays.fill(dangling, 0);
      double d = step.d();
      double[] jump = step.jump();
      boolean[] active = step.active();
      double[] x = step.x();
      double[] flow = step.flow();
      double[] nextFlow = step.nextFlow();
      int[] sharedStart = layout.sharedStart();
      int[] sharedSource = layout.sharedSource();
      double[] sharedWeight = layout.sharedWeight();
      int[] ownStart = layout.ownStart();
      int[] ownSource = layout.ownSource();
      double[] ownWeight = layout.ownWeight();
      int[] ownVector = layout.ownVector();
      double[] in = new double[k];
      double[] teleport = new double[k];
      for (int v = chunkStart[c], end = chunkStart[c + 1]; v < end; v++) {
        Arrays.fill(in, 0);
        for (int e = sharedStart[v], stop = sharedStart[v + 1]; e < stop; e++) {
          double w = sharedWeight[e];
          int from = sharedSource[e];
          for (int s = 0; s < k; s++) {
            in[s] += w * flow[from + s];
          }
        }
        for (int e = ownStart[v], stop = ownStart[v + 1]; e < stop; e++) {
          int s = ownVector[e];
          if (active[s]) {
            in[s] += ownWeight[e] * flow[ownSource[e]];
          }
        }
        p.read(v, k, teleport);
        for (int s = 0, slot = v * k; s < k; s++, slot++) {
          if (!active[s]) {
            continue;
          }
          double value = jump[s] * teleport[s] + d * in[s];
          residual[s] += Math.abs(value - x[slot]);
          x[slot] = value; // in place: only the flows are read across contributors
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
      int[] sharedStart = layout.sharedStart();
      int[] ownStart = layout.ownStart();
      for (int v = 0; v < n; v++) {
        work +=
            k + (long) (sharedStart[v + 1] - sharedStart[v]) * k + ownStart[v + 1] - ownStart[v];
        if (work >= CHUNK_WORK && v + 1 < n) {
          starts[count++] = v + 1;
          work = 0;
        }
      }
      starts[count++] = n;
      return Arrays.copyOf(starts, count);
    }
  }
}
