package dev.wuffie.rank;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The working state of one solve: the graph, the teleport vector, the inverse out-weights, and the
 * chunking that makes every parallel sum deterministic.
 *
 * <p>Contributors are cut into chunks of about {@link #CHUNK_WORK} units of work (in-edges plus one
 * per contributor). The cut depends on the graph alone, never on the thread count: each chunk's
 * partial sums are added in chunk order, so the scores are bit-identical whatever the number of
 * threads. Not thread-safe itself; it drives its own worker threads.
 */
final class Sweeps {
  /** Work (in-edges plus contributors) per chunk. */
  static final int CHUNK_WORK = 1 << 15;

  /** Below this much work (edges plus contributors) one thread is faster than several. */
  static final int PARALLEL_MIN_WORK = 1 << 18;

  private final EndorsementGraph graph;
  private final double damping;
  private final double[] teleport;
  private final double[] inverseOut;
  private final double[] release; // teleportWeight / outWeight; null when the graph has none
  private final int[] chunkStart;
  private final int threads;
  private final double[] residuals;
  private final double[] danglings;

  Sweeps(EndorsementGraph graph, double damping, double[] teleport, int threads) {
    this.graph = graph;
    this.damping = damping;
    this.teleport = teleport;
    int n = graph.size();
    this.inverseOut = new double[n];
    for (int u = 0; u < n; u++) {
      double w = graph.outWeight(u);
      inverseOut[u] = w > 0 ? 1.0 / w : 0.0;
    }
    this.release = graph.hasTeleportWeights() ? new double[n] : null;
    if (release != null) {
      for (int u = 0; u < n; u++) {
        release[u] = graph.teleportWeight(u) * inverseOut[u];
      }
    }
    this.chunkStart = chunks(graph);
    int chunks = chunkStart.length - 1;
    long work = (long) n + graph.edgeCount();
    this.threads = work < PARALLEL_MIN_WORK ? 1 : Math.min(threads, chunks);
    this.residuals = new double[chunks];
    this.danglings = new double[chunks];
  }

  /**
   * Fills {@code flow[u] = s[u] / W_u} (zero for dangling {@code u}) and returns the dangling mass:
   * {@code sum_{W_u = 0} s[u]} plus, for graphs with teleport weights, {@code sum s[u] T_u / W_u}.
   */
  double prepare(double[] s, double[] flow) {
    run(
        c -> {
          double dangling = 0;
          for (int u = chunkStart[c], end = chunkStart[c + 1]; u < end; u++) {
            flow[u] = s[u] * inverseOut[u];
            dangling += danglingPart(u, s[u]);
          }
          danglings[c] = dangling;
        });
    return sumInOrder(danglings);
  }

  /**
   * One power iteration from {@code s}, whose flows are {@code flow} and dangling mass {@code
   * dangling}: writes the next iterate into {@code next} and its flows into {@code nextFlow}.
   * Returns the L1 change; {@link #lastDangling()} is then the next iterate's dangling mass.
   */
  double power(double[] s, double[] flow, double dangling, double[] next, double[] nextFlow) {
    double jump = (1 - damping) + damping * dangling;
    run(
        c -> {
          double residual = 0;
          double nextDangling = 0;
          for (int v = chunkStart[c], end = chunkStart[c + 1]; v < end; v++) {
            double in = 0;
            for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
              in += graph.weight(e) * flow[graph.source(e)];
            }
            double value = jump * teleport[v] + damping * in;
            residual += Math.abs(value - s[v]);
            next[v] = value;
            nextFlow[v] = value * inverseOut[v];
            nextDangling += danglingPart(v, value);
          }
          residuals[c] = residual;
          danglings[c] = nextDangling;
        });
    return sumInOrder(residuals);
  }

  /** The dangling mass of the iterate the last {@link #power} call wrote. */
  double lastDangling() {
    return sumInOrder(danglings);
  }

  /**
   * One in-place (Gauss-Seidel) sweep of the score equation: each new score is used as soon as it
   * is computed, and the dangling mass is kept up to date as dangling contributors change, so the
   * rank-one teleport correction of power iteration is kept. Keeps {@code flow[u] = s[u] / W_u};
   * returns the L1 change of {@code s}, and leaves {@code s} normalised to sum 1. Runs on one
   * thread.
   *
   * @param dangling the dangling mass of {@code s} on entry; {@link #lastDangling()} has it on exit
   */
  double gaussSeidel(double[] s, double[] flow, double dangling) {
    double change = 0;
    int n = s.length;
    for (int v = 0; v < n; v++) {
      double in = 0;
      for (int e = graph.inStart(v), stop = graph.inEnd(v); e < stop; e++) {
        in += graph.weight(e) * flow[graph.source(e)];
      }
      double value = ((1 - damping) + damping * dangling) * teleport[v] + damping * in;
      double delta = value - s[v];
      change += Math.abs(delta);
      dangling += danglingPart(v, delta);
      s[v] = value;
      flow[v] = value * inverseOut[v];
    }
    double norm = 0;
    for (int v = 0; v < n; v++) {
      norm += s[v];
    }
    double danglingSum = 0;
    for (int v = 0; v < n; v++) {
      s[v] /= norm;
      flow[v] = s[v] * inverseOut[v];
      danglingSum += danglingPart(v, s[v]);
    }
    Arrays.fill(danglings, 0);
    danglings[0] = danglingSum;
    return change;
  }

  /** The part of {@code mass} at {@code u} that goes back through the teleport distribution. */
  private double danglingPart(int u, double mass) {
    if (inverseOut[u] == 0) {
      return mass;
    }
    return release == null ? 0.0 : mass * release[u];
  }

  /**
   * Runs {@code body} for every chunk index, on the calling thread plus up to {@code threads - 1}
   * tasks of the common fork-join pool. Chunks are claimed one at a time, so a helper that starts
   * late (the pool may be busy) finds nothing left and returns at once: the caller never waits for
   * a helper to be scheduled, only for chunks already being worked on.
   */
  private void run(ChunkBody body) {
    int chunks = chunkStart.length - 1;
    if (threads == 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c);
      }
      return;
    }
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicInteger doneChunks = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
            try {
              body.run(c);
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              doneChunks.incrementAndGet();
            }
          }
        };
    for (int t = 1; t < threads; t++) {
      ForkJoinPool.commonPool().execute(worker);
    }
    worker.run();
    while (doneChunks.get() < chunks) {
      Thread.onSpinWait();
    }
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException e) {
      throw e;
    } else if (thrown instanceof Error e) {
      throw e;
    }
  }

  private static double sumInOrder(double[] parts) {
    double sum = 0;
    for (double part : parts) {
      sum += part;
    }
    return sum;
  }

  /** Chunk boundaries over contributor indices, fixed by the graph's shape. */
  private static int[] chunks(EndorsementGraph graph) {
    int n = graph.size();
    int[] starts = new int[Math.max(2, (int) (((long) n + graph.edgeCount()) / CHUNK_WORK) + 2)];
    int count = 0;
    starts[count++] = 0;
    long work = 0;
    for (int v = 0; v < n; v++) {
      work += 1 + graph.inEnd(v) - graph.inStart(v);
      if (work >= CHUNK_WORK && v + 1 < n) {
        if (count == starts.length - 1) {
          starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[count++] = v + 1;
        work = 0;
      }
    }
    starts[count++] = n;
    return Arrays.copyOf(starts, count);
  }

  /** The work on one chunk. */
  @FunctionalInterface
  private interface ChunkBody {
    void run(int chunk);
  }
}
