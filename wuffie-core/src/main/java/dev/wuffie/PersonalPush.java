package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;

/**
 * Personalized PageRank from a viewer distribution {@code q} by forward push, to a stated L1 error:
 * the engine of {@link PersonalTrust}.
 *
 * <p><b>The equations.</b> With {@code P_uv = w_uv / W_u} and the leak {@code l_u = T_u / W_u} of
 * {@code u}'s teleport weight ({@code l_u = 1} for a dangling contributor), the personalized scores
 * solve {@code s = (1 - d) q + d M^T s} with {@code M = P + l q^T}: the global equations of {@link
 * dev.wuffie.rank.RankSolver} with {@code q} for the teleport distribution, dangling and leaked
 * mass going back to the viewers. {@code M} is row-stochastic, so {@code s = (1 - d) sum_k d^k
 * (M^T)^k q}.
 *
 * <p><b>The push.</b> Start from the estimate {@code x = 0} and the residual {@code r = (1 - d) q}.
 * A push at {@code u} moves {@code r_u} into {@code x_u}, {@code d r_u P_uv} into each {@code r_v},
 * and {@code d r_u l_u} into a pending mass {@code g} that goes back to the viewers ({@code r += g
 * q}) whenever it could lift a viewer over the threshold, and at the end of each round. Throughout,
 * {@code s = x + R (r + g q)} with {@code R = sum_k d^k (M^T)^k}; every term is non-negative, and
 * {@code |R y|_1 = |y|_1 / (1 - d)} for {@code y >= 0} because {@code M} is stochastic. So
 *
 * <pre>
 *   0 <= s_v - x_v  for every v,   and   |s - x|_1 = (|r|_1 + g) / (1 - d)   exactly:
 * </pre>
 *
 * each estimate is a lower bound of its exact score, and the estimates fall short by the remaining
 * residual over {@code 1 - d} in all. A push lowers {@code |r|_1 + g} by {@code (1 - d) r_u}.
 *
 * <p><b>Rounds.</b> Each round takes the threshold {@code theta}, the least power of two under
 * which the residuals sum to at most half the goal {@code accuracy (1 - d)} (a histogram of the
 * touched residuals by binary exponent), and pushes every contributor whose residual is at least
 * {@code theta}, from a queue, level by level (a level: the contributors queued when the one before
 * it began), until none is. Rounds go on until {@code |r|_1 + g <= accuracy (1 - d)}.
 *
 * <p><b>The switch to sweeps.</b> Pushing scatters each update to a random place, and on graphs
 * where trust spreads everywhere (R-MAT at a million members: about 290 million updates to 1e-4,
 * hubs pushed again and again) that costs far more than reading the graph in order. So before each
 * level the push adds up its cost (one per contributor in it plus its out-edges) and hands over to
 * {@link PersonalSweeps}, dense in-place sweeps over the in-edges, when that level would cost
 * {@code (n + m) / }{@value #DENSE_SHARE} or more, or all levels so far {@value #DENSE_TOTAL} times
 * that. A query that stays local never switches, and then nothing of size {@code n} is touched. The
 * sweeps keep the bound exact (see there).
 *
 * <p>Cost: {@code O(1 + out-degree)} per push, at most {@code (|r|_1 + g) / ((1 - d) theta)} pushes
 * per round, and {@code O(touched)} per round for the histogram; nothing of size {@code n} is
 * allocated or cleared unless the push switches (the work space comes zeroed from {@link OutEdges}'
 * pool and goes back cleared by its list of touched contributors). After a switch, {@code O(n + m)}
 * per sweep and {@code O(n)} to collect and clear. The result holds one entry per contributor with
 * a positive estimate.
 *
 * <p>References: R. Andersen, F. Chung, K. Lang, "Local Graph Partitioning using PageRank Vectors",
 * FOCS 2006; G. Jeh, J. Widom, "Scaling Personalized Web Search", WWW 2003.
 *
 * <p>Stateless; a push runs on the caller's thread with a work space of its own.
 */
final class PersonalPush {
  private static final int EXPONENTS = 2100; // Math.getExponent of a positive double, plus 1075

  /** Added to the bound, over {@code 1 - d}, for floating-point rounding, as the solver does. */
  private static final double ROUNDING = 0x1p-39;

  /** A level of the push that costs a sweep over this share of the graph, or more, switches. */
  static final int DENSE_SHARE = 16;

  /** Pushes that cost this many times a switching level in all switch too. */
  static final int DENSE_TOTAL = 16;

  private PersonalPush() {}

  /**
   * The estimates (contributors with a positive one, in no order), the bound {@code |s - x|_1}, the
   * number of pushes (a dense sweep counts one per contributor) and of dense sweeps.
   */
  record Estimate(
      int[] contributors, double[] scores, double errorBound, long pushes, int sweeps) {}

  /**
   * Pushes from the viewers {@code viewers} with the probabilities {@code q} (positive, summing to
   * 1) until the L1 error is at most {@code accuracy}, switching to dense sweeps by the rule of the
   * class comment.
   */
  static Estimate solve(
      EndorsementGraph graph, int[] viewers, double[] q, double d, double accuracy) {
    long sweepWork = (long) graph.size() + graph.edgeCount();
    return solve(graph, viewers, q, d, accuracy, Math.max(1, sweepWork / DENSE_SHARE));
  }

  /**
   * As {@link #solve(EndorsementGraph, int[], double[], double, double)}, switching to dense sweeps
   * at the first level of the push that would cost {@code denseAt} or more (pushes plus out-edges),
   * or once the pushes have cost {@code DENSE_TOTAL * denseAt} in all: {@code Long.MAX_VALUE} never
   * switches, {@code 0} sweeps from the start.
   */
  static Estimate solve(
      EndorsementGraph graph, int[] viewers, double[] q, double d, double accuracy, long denseAt) {
    OutEdges edges = OutEdges.of(graph);
    OutEdges.PushSpace space = edges.take();
    try {
      Run run = new Run(graph, edges, space, viewers, q, d, denseAt);
      for (int j = 0; j < viewers.length; j++) {
        space.touch(viewers[j]);
        space.r[viewers[j]] += (1 - d) * q[j];
      }
      double goal = accuracy * (1 - d);
      double remaining = run.pushRounds(goal);
      if (remaining >= 0) {
        return run.estimate(remaining / (1 - d) + ROUNDING / (1 - d) + 1e-12, 0);
      }
      space.dense = true;
      PersonalSweeps sweeps = new PersonalSweeps(graph, space.x, space.r, viewers, q, d);
      double slack = ROUNDING / (1 - d) + 1e-12;
      int count = sweeps.sweepUntil(Math.max(accuracy - slack, accuracy / 2));
      run.pushes += (long) count * graph.size();
      return run.denseEstimate(sweeps.error() + slack, count);
    } finally {
      edges.free(space);
    }
  }

  /** One push: its arrays, and the pending mass on its way back to the viewers. */
  private static final class Run {
    private final EndorsementGraph graph;
    private final OutEdges edges;
    private final OutEdges.PushSpace space;
    private final int[] viewers;
    private final double[] q;
    private final double d;
    private final double flushAt; // theta / max(q): the pending mass that lifts a viewer to theta
    private final int n;
    private final long denseAt;
    private long work;
    private double pending;
    private long pushes;
    private int head;
    private int tail;

    Run(
        EndorsementGraph graph,
        OutEdges edges,
        OutEdges.PushSpace space,
        int[] viewers,
        double[] q,
        double d,
        long denseAt) {
      this.graph = graph;
      this.edges = edges;
      this.space = space;
      this.viewers = viewers;
      this.q = q;
      this.d = d;
      this.flushAt = 1 / Arrays.stream(q).max().orElse(1);
      this.n = graph.size();
      this.denseAt = denseAt;
    }

    /**
     * Rounds of pushes until {@code |r|_1 + g <= goal}; returns {@code |r|_1 + g}, summed afresh
     * over the touched contributors, or -1 when the switch rule calls for dense sweeps.
     */
    double pushRounds(double goal) {
      double[] mass = new double[EXPONENTS];
      while (true) {
        flush(Double.POSITIVE_INFINITY);
        Arrays.fill(mass, 0);
        double total = 0;
        double[] r = space.r;
        for (int i = 0; i < space.touchedCount; i++) {
          double rv = r[space.touched[i]];
          if (rv > 0) {
            total += rv;
            mass[Math.getExponent(rv) + 1075] += rv;
          }
        }
        if (total <= goal) {
          return total;
        }
        // the least power of two under which the residuals sum to at most half the goal
        int b = 0;
        for (double below = 0; b < EXPONENTS && below + mass[b] <= goal / 2; b++) {
          below += mass[b];
        }
        if (!pushAbove(Math.scalb(1.0, b - 1075))) {
          return -1;
        }
      }
    }

    /**
     * Pushes every contributor whose residual is at least {@code theta}, level by level from a FIFO
     * queue (a level: those queued when the one before it began); false, having stopped between two
     * pushes, if a level would cost {@code denseAt} or more, or all of them {@code DENSE_TOTAL}
     * times that.
     */
    private boolean pushAbove(double theta) {
      double[] x = space.x;
      double[] r = space.r;
      byte[] flags = space.flags;
      int[] queue = space.queue;
      int[] start = edges.start;
      int[] targets = edges.targets;
      double[] probabilities = edges.probabilities;
      head = 0;
      tail = 0;
      for (int i = 0; i < space.touchedCount; i++) {
        int v = space.touched[i];
        if (r[v] >= theta) {
          enqueue(v);
        }
      }
      int levelEnd = head;
      while (head != tail) {
        if (head == levelEnd) {
          levelEnd = tail;
          long level = 0;
          for (int i = head; i != levelEnd; i = i == n ? 0 : i + 1) {
            level += 1 + start[queue[i] + 1] - start[queue[i]];
          }
          work += level;
          if (level >= denseAt || work / DENSE_TOTAL >= denseAt) {
            return false;
          }
        }
        int u = queue[head];
        head = head == n ? 0 : head + 1;
        flags[u] &= ~OutEdges.PushSpace.QUEUED;
        double ru = r[u];
        r[u] = 0;
        x[u] += ru;
        pushes++;
        double moved = d * ru;
        int end = start[u + 1];
        for (int k = start[u]; k < end; k++) {
          int v = targets[k];
          double rv = r[v] + moved * probabilities[k];
          r[v] = rv;
          byte flag = flags[v];
          if ((flag & OutEdges.PushSpace.TOUCHED) == 0) {
            space.touch(v);
          }
          if ((flag & OutEdges.PushSpace.QUEUED) == 0 && rv >= theta) {
            enqueue(v);
          }
        }
        pending += moved * leak(u);
        if (pending >= theta * flushAt) {
          flush(theta);
        }
      }
      return true;
    }

    /** The share of a walk at {@code u} that goes back to the viewers: dangling or released. */
    private double leak(int u) {
      double out = graph.outWeight(u);
      return out == 0 ? 1 : graph.teleportWeight(u) / out;
    }

    /** Hands the pending mass back to the viewers; queues those it lifts to {@code theta}. */
    private void flush(double theta) {
      if (pending == 0) {
        return;
      }
      double[] r = space.r;
      for (int j = 0; j < viewers.length; j++) {
        int v = viewers[j];
        r[v] += pending * q[j];
        if ((space.flags[v] & OutEdges.PushSpace.QUEUED) == 0 && r[v] >= theta) {
          enqueue(v);
        }
      }
      pending = 0;
    }

    private void enqueue(int v) {
      space.flags[v] |= OutEdges.PushSpace.QUEUED;
      space.queue[tail] = v;
      tail = tail == n ? 0 : tail + 1;
    }

    /** The touched contributors with a positive estimate, and the bound. */
    Estimate estimate(double errorBound, int sweeps) {
      double[] x = space.x;
      int count = 0;
      for (int i = 0; i < space.touchedCount; i++) {
        count += x[space.touched[i]] > 0 ? 1 : 0;
      }
      int[] contributors = new int[count];
      double[] scores = new double[count];
      int at = 0;
      for (int i = 0; i < space.touchedCount; i++) {
        int v = space.touched[i];
        if (x[v] > 0) {
          contributors[at] = v;
          scores[at++] = x[v];
        }
      }
      return new Estimate(contributors, scores, errorBound, pushes, sweeps);
    }

    /** After dense sweeps: every contributor with a positive estimate, and the bound. */
    Estimate denseEstimate(double errorBound, int sweeps) {
      double[] x = space.x;
      int count = 0;
      for (int v = 0; v < n; v++) {
        count += x[v] > 0 ? 1 : 0;
      }
      int[] contributors = new int[count];
      double[] scores = new double[count];
      int at = 0;
      for (int v = 0; v < n; v++) {
        if (x[v] > 0) {
          contributors[at] = v;
          scores[at++] = x[v];
        }
      }
      return new Estimate(contributors, scores, errorBound, pushes, sweeps);
    }
  }
}
