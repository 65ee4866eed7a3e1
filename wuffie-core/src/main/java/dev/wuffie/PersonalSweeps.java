package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;

/**
 * The dense phase of {@link PersonalPush}: in-place (Gauss-Seidel) sweeps of the personalized
 * equations over every contributor, reading the graph's in-edges as the global solver does, once
 * the push's frontier has grown so large that a sweep costs less than pushing it.
 *
 * <p><b>The bound.</b> With {@code F(x) = (1 - d) q + d M^T x} (see {@link PersonalPush} for {@code
 * M}), an estimate with {@code 0 <= x <= F(x)} (a sub-solution) lies below the exact scores, {@code
 * x <= s}: {@code F} is monotone and its iterates from {@code x} rise to {@code s}. Since {@code s}
 * sums to 1, the L1 error is then exactly {@code |s - x|_1 = 1 - sum x}. The push hands over such
 * an {@code x} (its residual {@code F(x) - x = r + g q} is non-negative), and each update here sets
 * one {@code x_v} to {@code F(x)_v} from the current, never smaller, estimates, which keeps {@code
 * x <= F(x)}. So the sweeps need no residual at all: they stop when {@code 1 - sum x} is below the
 * goal, summed with compensation. Each sweep lowers the error by at least a factor {@code d}, as a
 * power iteration does; by reusing the values of the sweep itself it does better (on R-MAT graphs
 * about {@code d^1.8}).
 *
 * <p>Cost: {@code O(n + m)} per sweep on one thread, reading each in-edge once in order and the
 * endorser's flow {@code x_u / W_u} at random; the flows take the push's residual array, so nothing
 * is allocated.
 *
 * <p>Not thread-safe: one run per work space.
 */
final class PersonalSweeps {
  /**
   * Sweeps before giving up on a goal that rounding keeps out of reach (a sweep does at least what
   * a power iteration does, so 1e-12 takes fewer than 200).
   */
  static final int MAX_SWEEPS = 1000;

  private final EndorsementGraph graph;
  private final double d;
  private final double[] x;
  private final double[] flow;
  private final int[] viewers; // ascending
  private final double[] q; // in the order of viewers
  private double leaked; // sum_u l_u x_u: the mass that goes back to the viewers
  private double sum; // sum x, compensated
  private double compensation;

  /**
   * Takes over the estimate {@code x} of the push; {@code flow} is overwritten (it was the push's
   * residual).
   */
  PersonalSweeps(
      EndorsementGraph graph, double[] x, double[] flow, int[] viewers, double[] q, double d) {
    this.graph = graph;
    this.d = d;
    this.x = x;
    this.flow = flow;
    Integer[] order = new Integer[viewers.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(viewers[a], viewers[b]));
    this.viewers = new int[viewers.length];
    this.q = new double[viewers.length];
    for (int j = 0; j < order.length; j++) {
      this.viewers[j] = viewers[order[j]];
      this.q[j] = q[order[j]];
    }
    for (int u = 0, n = graph.size(); u < n; u++) {
      double out = graph.outWeight(u);
      flow[u] = out > 0 ? x[u] / out : 0;
      leaked += x[u] * leak(u);
    }
  }

  /**
   * Sweeps until {@code 1 - sum x <= goal} (or {@link #MAX_SWEEPS}); returns the sweeps taken.
   * {@link #error()} is then {@code 1 - sum x}.
   */
  int sweepUntil(double goal) {
    int sweeps = 0;
    while (sweeps < MAX_SWEEPS) {
      sum = 0;
      compensation = 0;
      int from = 0;
      for (int j = 0; j < viewers.length; j++) {
        sweep(from, viewers[j]);
        update(viewers[j], (1 - d) * q[j] + d * q[j] * leaked + d * in(viewers[j]));
        from = viewers[j] + 1;
      }
      sweep(from, graph.size());
      sweeps++;
      if (error() <= goal) {
        break;
      }
    }
    return sweeps;
  }

  /** {@code 1 - sum x} after the last sweep, at least zero. */
  double error() {
    return Math.max(0, 1 - sum);
  }

  /** Updates the contributors {@code from <= v < to}, none of them a viewer. */
  private void sweep(int from, int to) {
    for (int v = from; v < to; v++) {
      update(v, d * in(v));
    }
  }

  /** {@code sum_{u -> v} w_uv x_u / W_u}. */
  private double in(int v) {
    double in = 0;
    for (int e = graph.inStart(v), end = graph.inEnd(v); e < end; e++) {
      in += graph.weight(e) * flow[graph.source(e)];
    }
    return in;
  }

  /** Raises {@code x_v} to {@code value} (never lowers it) and adds it to the sum. */
  private void update(int v, double value) {
    double old = x[v];
    if (value > old) {
      x[v] = value;
      double out = graph.outWeight(v);
      if (out > 0) {
        flow[v] = value / out;
      }
      leaked += (value - old) * leak(v);
    } else {
      value = old;
    }
    double y = value - compensation; // Kahan: n terms, error independent of n
    double t = sum + y;
    compensation = (t - sum) - y;
    sum = t;
  }

  /** The share of a walk at {@code u} that goes back to the viewers: dangling or released. */
  private double leak(int u) {
    double out = graph.outWeight(u);
    return out == 0 ? 1 : graph.teleportWeight(u) / out;
  }
}
