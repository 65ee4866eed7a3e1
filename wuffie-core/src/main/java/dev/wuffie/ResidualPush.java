package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Arrays;

/**
 * A warm-started solve that works only where the change since the start is: residual push (forward
 * push, Gauss-Southwell style) from the published scores, certified by one power iteration, with a
 * fallback to plain power iteration when the change is spread over the graph. {@link
 * Scorer#scoreWithin} solves an incremental refresh with it.
 *
 * <p><b>The linear form.</b> With {@code P_uv = w_uv / W_u} (zero rows for dangling contributors,
 * rows summing to {@code 1 - T_u / W_u} under teleport weights), the scores are {@code s* = y* /
 * |y*|_1} for the solution of {@code y = d P^T y + c p}, for any {@code c > 0}: dangling and
 * released mass leave the system where they arise instead of coming back through {@code p}
 * everywhere, so a change of a few rows leaves a residual on a few contributors. From the start
 * {@code s0} (the published scores laid out on the new graph, zero for new contributors) and one
 * power iteration {@code s1 = F(s0)}, with {@code a = (1 - d) + d * dangling(s0)}, the estimate
 * {@code x = k s0} has, for {@code c = a}, the residual {@code r = a p + d P^T x - x = k (s1 - s0)
 * + (1 - k) a p} exactly. The scale {@code k} is chosen so that {@code r} has no part along {@code
 * p}: a change of the dangling or released mass, or of the scale of the teleport weights, moves
 * every {@code (s1 - s0)_v} by the same multiple {@code beta} of {@code p_v}, which the median of
 * {@code (s1 - s0)_v / p_v} over a sample of contributors finds; {@code k = a / (a - beta)}.
 *
 * <p><b>Pushes.</b> A push at {@code u} moves {@code r_u} into {@code x_u} and {@code d r_u w_uv /
 * W_u} to each {@code r_v}: the invariant {@code r = a p + d P^T x - x} holds, and {@code |r|_1}
 * falls by at least {@code (1 - d) |r_u|}. Contributors are pushed from a queue while {@code |r_u|}
 * is at least a threshold, the power of two under which the residuals sum to at most half the goal;
 * rounds with a new threshold follow until {@code |r|_1 <= tolerance (1 - d) / (4 d) * sum(x)}.
 *
 * <p><b>The bound.</b> {@code y* - x = (I - d P^T)^-1 r} and {@code |(I - d P^T)^-1|_1 <= 1 / (1 -
 * d)}, so {@code |y* - x|_1 <= |r|_1 / (1 - d)}; normalising at most doubles it relative to {@code
 * sum(x)}, and the L1 change of a power iteration from {@code x / sum(x)} is {@code |r - p
 * sum(r)|_1 / sum(x) <= 2 |r|_1 / sum(x)}. The published bound does not rest on the push's own
 * floating-point sums: one power iteration from {@code x / sum(x)} (negative entries, which
 * rounding can leave where a score fell to nothing, set to zero, which only brings {@code x} nearer
 * {@code y* >= 0}) is the result, and its {@link Scorer#errorBound} is the {@code d / (1 - d)}
 * times its measured change that every solve publishes. The goal makes that at most half the
 * tolerance, and should the certifying iteration miss the tolerance anyway, power iteration goes on
 * from it.
 *
 * <p><b>Fallback.</b> When the first iteration already meets the tolerance, it is the result (one
 * iteration, as a plain warm start). Otherwise the pushes are tried only if they can pay: not when
 * more than {@link #FRONTIER_SHARE} of the contributors lie above the first threshold (a change
 * spread over the graph: under decay with saturation every row moves a little as {@code asOf}
 * moves, and a large change moves everything), and they stop once they have touched {@link
 * #WORK_SHARE} times {@code n + m} edges for each power iteration they would save beyond {@link
 * #FIXED_ITERATIONS} (an estimate, {@code log(|r|_1 / goal) / log(1 / (1 - a))}: a push keeps
 * {@code d (1 - T_u / W_u)} of what it moves in the system, {@code 1 - a} on average over the
 * scores; at most {@link #MAX_ITERATIONS}). Then the solver's power iteration goes on from the best
 * scores so far: from {@code s1} when nothing was pushed, so a spread change costs what a plain
 * warm start costs, plus a few {@code O(n)} passes. Pushes beat iterations when the change is small
 * against the tolerance: on random graphs with hubs, a change whose residual is a hundred times the
 * goal or more reaches most contributors, and iterating over the whole graph is then as cheap or
 * cheaper.
 *
 * <p>Cost: two power iterations ({@code s1} and the certifying one, {@code O(n + m)} each, on the
 * solver's threads); when pushes are tried, the graph's out-edges, formed on first use ({@code O(n
 * + m)}, two passes over the endorsements on one thread; once per graph), and {@code O(1 +
 * out-degree)} per push, with at most {@code |r|_1 / ((1 - d) theta)} pushes per round of threshold
 * {@code theta}. Memory, all released when the call returns: about ten arrays of length {@code n}
 * (doubles and ints); the out-edges, 12 bytes per endorsement (the endorsed contributor and the
 * probability {@code w_uv / W_u}) and 4 per contributor, are {@link OutEdges}' and stay with the
 * graph while it is reachable (a published reputation's graph: a {@link PersonalTrust} query on it
 * reuses them).
 *
 * <p>References: R. Andersen, F. Chung, K. Lang, "Local Graph Partitioning using PageRank Vectors",
 * FOCS 2006 (push); F. McSherry, "A Uniform Approach to Accelerated PageRank Computation", WWW 2005
 * (Gauss-Southwell); H. Zhang, P. Lofgren, A. Goel, "Approximate Personalized PageRank on Dynamic
 * Graphs", KDD 2016 (the residual of a changed graph).
 *
 * <p>Stateless: every call works on arrays of its own, so calls may run on many threads at once.
 */
final class ResidualPush {
  /**
   * Fall back to power iteration at once when more than this share of contributors have a residual
   * above the first threshold: the change is spread over the graph.
   */
  static final double FRONTIER_SHARE = 0.125;

  /**
   * The pushes may touch this many times {@code n + m} edges and contributors for each power
   * iteration they save: a push writes to scattered residuals, which costs more per edge than an
   * iteration's gather.
   */
  static final double WORK_SHARE = 0.25;

  /**
   * What the local solve costs beyond its pushes, in power iterations: forming the out-edges (about
   * two) and the certifying iteration.
   */
  static final double FIXED_ITERATIONS = 3;

  /**
   * The most power iterations the pushes are taken to save. Power iteration often contracts faster
   * than the mass a push keeps says (on a synthetic Q&A site of 200,000 members it needs 7 to 10
   * iterations where that estimate says 50), and pushes that run on past what they save cost more
   * than the iterations would: each writes to scattered residuals.
   */
  static final double MAX_ITERATIONS = 8;

  /** Rounds of pushes, each with a lower threshold, before falling back. */
  static final int MAX_ROUNDS = 40;

  private static final int SAMPLE = 4096; // contributors sampled for the spread of a change

  private static final int EXPONENTS = 2100; // Math.getExponent of a positive double, plus 1075

  private ResidualPush() {}

  /**
   * How a solve went: the result (of the certifying power iteration, or of the fallback), the power
   * iterations it took in all, whether it was local (the first iteration or the pushes with their
   * certifying iteration met the tolerance; false: the solver's iteration finished the job), and
   * how many pushes there were.
   */
  record Outcome(RankResult result, int iterations, boolean local, long pushes) {}

  /**
   * Solves {@code graph} from {@code start} to the tolerance of {@code solver}, whose stopping rule
   * must be {@link RankSolver.Stop#ERROR_BOUND}.
   *
   * @param teleport the teleport weights, by contributor index, not normalised
   * @param start the warm start, by contributor index, not normalised; not modified
   */
  static Outcome solve(
      EndorsementGraph graph, double[] teleport, double[] start, RankSolver solver) {
    int n = graph.size();
    double d = solver.damping();
    double[] s0 = normalised(start);
    RankSolver once = solver.toBuilder().maxIterations(1).build();
    RankResult first = once.solve(graph, teleport, s0);
    if (first.converged()) {
      return new Outcome(first, 1, true, 0);
    }
    double[] s1 = first.scores();
    double[] p = normalised(teleport);
    double a = (1 - d) + d * dangling(graph, s0);
    double beta = spread(s0, s1, p);
    double kappa = a - beta > 0 ? a / (a - beta) : 1;
    double[] x = new double[n];
    double[] r = new double[n];
    for (int v = 0; v < n; v++) {
      x[v] = kappa * s0[v];
      r[v] = kappa * (s1[v] - s0[v]) + (1 - kappa) * a * p[v];
    }
    Pusher pusher = new Pusher(graph, d, 1 - a, x, r);
    pusher.run(solver.tolerance() * (1 - d) / (4 * d));
    if (pusher.pushes == 0) {
      RankResult rest = solver.solve(graph, teleport, s1);
      return new Outcome(rest, 1 + rest.iterations(), false, 0);
    }
    RankResult certified = once.solve(graph, teleport, nonNegative(x));
    if (certified.converged()) { // whether or not the pushes reached their goal
      return new Outcome(certified, 2, true, pusher.pushes);
    }
    RankResult rest = solver.solve(graph, teleport, certified.scores());
    return new Outcome(rest, 2 + rest.iterations(), false, pusher.pushes);
  }

  /**
   * The part of the change {@code s1 - s0} that lies along {@code p}, {@code beta}: the median of
   * {@code (s1 - s0)_v / p_v} over (a sample of at most about {@value #SAMPLE}) contributors with
   * {@code p_v > 0}. Where the change left no residual, {@code (s1 - s0)_v = beta p_v} exactly: a
   * changed dangling or released mass, or a changed scale of the teleport weights, comes back
   * through {@code p} to every contributor.
   */
  private static double spread(double[] s0, double[] s1, double[] p) {
    int positive = 0;
    for (double pv : p) {
      positive += pv > 0 ? 1 : 0;
    }
    int stride = Math.max(1, positive / SAMPLE);
    double[] ratios = new double[positive / stride + 1];
    int count = 0;
    int seen = 0;
    for (int v = 0; v < p.length && count < ratios.length; v++) {
      if (p[v] > 0 && seen++ % stride == 0) {
        ratios[count++] = (s1[v] - s0[v]) / p[v];
      }
    }
    Arrays.sort(ratios, 0, count);
    return count == 0 ? 0 : ratios[count / 2];
  }

  /** The mass of {@code s} that goes back through the teleport distribution. */
  private static double dangling(EndorsementGraph graph, double[] s) {
    double mass = 0;
    for (int u = 0; u < s.length; u++) {
      double out = graph.outWeight(u);
      mass += out == 0 ? s[u] : s[u] * (graph.teleportWeight(u) / out);
    }
    return mass;
  }

  private static double[] normalised(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] / sum;
    }
    return out;
  }

  /** {@code x} with its negative entries set to zero (the solver normalises it). */
  private static double[] nonNegative(double[] x) {
    double[] out = new double[x.length];
    for (int v = 0; v < x.length; v++) {
      out[v] = Math.max(0, x[v]);
    }
    return out;
  }

  /** The pushes of one solve, on its estimate {@code x} and residual {@code r}, in place. */
  private static final class Pusher {
    private final EndorsementGraph graph;
    private final double d;
    private final double retained; // 1 - a: the share of pushed residual that stays, on average
    private final double[] x;
    private final double[] r;
    private final int n;
    private long maxWork;
    private int[] outStart; // the graph's out-edges, taken at the first push
    private int[] targets;
    private double[] probabilities; // w_uv / W_u of each out-edge
    private int[] queue;
    private boolean[] queued;
    private long work;
    long pushes;

    Pusher(EndorsementGraph graph, double d, double retained, double[] x, double[] r) {
      this.graph = graph;
      this.d = d;
      this.retained = retained;
      this.x = x;
      this.r = r;
      this.n = graph.size();
    }

    /**
     * Pushes until {@code |r|_1 <= goal * sum(x)}, or until a limit of the class javadoc stops it
     * (the certifying iteration judges the result either way). Each round passes over the
     * contributors twice: once for {@code |r|_1}, {@code sum(x)} and the residuals by binary
     * exponent, once to queue those above the threshold.
     */
    void run(double goal) {
      double[] mass = new double[EXPONENTS];
      int[] count = new int[EXPONENTS];
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Arrays.fill(mass, 0);
        Arrays.fill(count, 0);
        double total = 0;
        double sum = 0;
        for (int v = 0; v < n; v++) {
          double a = Math.abs(r[v]);
          total += a;
          sum += x[v];
          if (a > 0) {
            int b = Math.getExponent(a) + 1075;
            mass[b] += a;
            count[b]++;
          }
        }
        double target = goal * sum;
        if (total <= target) {
          return;
        }
        if (round == 0) {
          // the rounds of pushes a plain warm start would iterate, less what the local solve costs
          double saved =
              Math.min(MAX_ITERATIONS, Math.log(total / target) / Math.log(1 / retained))
                  - FIXED_ITERATIONS;
          maxWork = (long) (WORK_SHARE * saved * ((double) n + graph.edgeCount()));
        }
        // the least power of two under which the residuals sum to at most half the target
        int b = 0;
        for (double below = 0; b < EXPONENTS && below + mass[b] <= target / 2; b++) {
          below += mass[b];
        }
        long above = 0;
        for (int c = b; c < EXPONENTS; c++) {
          above += count[c];
        }
        if (round == 0 && above > FRONTIER_SHARE * n || maxWork <= 0) {
          return; // spread over the graph, or so small that iterating costs no more
        }
        if (!pushAbove(Math.scalb(1.0, b - 1075))) {
          return;
        }
      }
    }

    /**
     * Pushes every contributor whose residual is at least {@code theta}, and those that reach it
     * meanwhile, from a queue. Returns false if the work limit stopped it.
     */
    private boolean pushAbove(double theta) {
      if (outStart == null) {
        formOutEdges();
      }
      int head = 0;
      int tail = 0;
      for (int v = 0; v < n; v++) {
        if (Math.abs(r[v]) >= theta) {
          queue[tail++] = v;
          queued[v] = true;
        }
      }
      while (head != tail) {
        int u = queue[head];
        head = head == n ? 0 : head + 1;
        queued[u] = false;
        double ru = r[u];
        if (!(Math.abs(ru) >= theta)) {
          continue;
        }
        r[u] = 0;
        x[u] += ru;
        pushes++;
        double moved = d * ru;
        int start = outStart[u];
        int end = outStart[u + 1];
        for (int k = start; k < end; k++) {
          int v = targets[k];
          double rv = r[v] + moved * probabilities[k];
          r[v] = rv;
          if (!queued[v] && Math.abs(rv) >= theta) {
            queued[v] = true;
            queue[tail] = v;
            tail = tail == n ? 0 : tail + 1;
          }
        }
        work += 1 + end - start;
        if (work > maxWork) {
          return false;
        }
      }
      return true;
    }

    /**
     * The graph's out-edges ({@link OutEdges}: formed at the first push on this graph, and kept
     * with it for the next solve or a {@link PersonalTrust} query on it); and the queue.
     */
    private void formOutEdges() {
      OutEdges edges = OutEdges.of(graph);
      outStart = edges.start;
      targets = edges.targets;
      probabilities = edges.probabilities;
      queue = new int[n + 1];
      queued = new boolean[n];
    }
  }
}
