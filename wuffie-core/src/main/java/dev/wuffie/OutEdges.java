package dev.wuffie;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The out-edges of an {@link EndorsementGraph}, which stores its endorsements by endorsed
 * contributor: for each endorser {@code u}, the contributors it endorsed and the probability {@code
 * w_uv / W_u} that a walk at {@code u} steps to each. A forward push ({@link PersonalPush}, {@link
 * ResidualPush}) moves mass along them.
 *
 * <p>{@link #of(EndorsementGraph)} forms them once per graph, on first use, and keeps them as long
 * as the graph is reachable (a weak map keyed by the graph's identity): every query on the same
 * graph shares them, and the graph itself is neither copied nor changed. Besides them it keeps a
 * small pool of {@link PushSpace}s, the dense work arrays of a push, so that a query does not
 * allocate and zero {@code O(n)} arrays.
 *
 * <p>Cost: forming is {@code O(n + m)}, two passes over the endorsements on one thread. Memory,
 * kept with the graph: 12 bytes per endorsement (an int target and a double probability) and 4
 * bytes per contributor (the offsets); plus, once queries have run, up to {@link #POOLED} work
 * spaces of 25 bytes per contributor each (see {@link PushSpace}).
 *
 * <p>Thread-safe: the arrays are immutable once formed; {@link #of} forms them at most once per
 * graph, and threads that ask meanwhile wait for it.
 */
final class OutEdges {
  /** The most idle work spaces kept per graph; more concurrent queries allocate their own. */
  static final int POOLED = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final Map<EndorsementGraph, Holder> FORMED =
      Collections.synchronizedMap(new WeakHashMap<>());

  final int[] start; // out-edges of u: start[u] <= k < start[u + 1]
  final int[] targets;
  final double[] probabilities; // w_uv / W_u
  private final int n;
  private final ArrayDeque<PushSpace> pool = new ArrayDeque<>();

  private OutEdges(int[] start, int[] targets, double[] probabilities) {
    this.start = start;
    this.targets = targets;
    this.probabilities = probabilities;
    this.n = start.length - 1;
  }

  /** The out-edges of {@code graph}, formed on the first call for it. */
  static OutEdges of(EndorsementGraph graph) {
    return FORMED.computeIfAbsent(graph, g -> new Holder()).get(graph);
  }

  /** A work space of {@code n} zeroed entries: pooled, or new; give it back with {@link #free}. */
  PushSpace take() {
    synchronized (pool) {
      PushSpace space = pool.poll();
      if (space != null) {
        return space;
      }
    }
    return new PushSpace(n);
  }

  /** Zeroes what {@code space} touched and pools it, unless the pool is full. */
  void free(PushSpace space) {
    space.clear();
    synchronized (pool) {
      if (pool.size() < POOLED) {
        pool.push(space);
      }
    }
  }

  /** By a counting sort on the endorser of the graph's in-edges. */
  private static OutEdges form(EndorsementGraph graph) {
    int n = graph.size();
    int m = graph.edgeCount();
    int[] start = new int[n + 1];
    for (int e = 0; e < m; e++) {
      start[graph.source(e) + 1]++;
    }
    for (int u = 0; u < n; u++) {
      start[u + 1] += start[u];
    }
    int[] cursor = Arrays.copyOf(start, n);
    int[] targets = new int[m];
    double[] probabilities = new double[m];
    for (int v = 0; v < n; v++) {
      for (int e = graph.inStart(v), end = graph.inEnd(v); e < end; e++) {
        int u = graph.source(e);
        int k = cursor[u]++;
        targets[k] = v;
        double out = graph.outWeight(u);
        probabilities[k] = out > 0 ? graph.weight(e) / out : 0; // zero-weight endorsements only
      }
    }
    return new OutEdges(start, targets, probabilities);
  }

  /** Forms one graph's out-edges at most once; holds no reference to the graph. */
  private static final class Holder {
    private volatile OutEdges edges;

    OutEdges get(EndorsementGraph graph) {
      OutEdges formed = edges;
      if (formed == null) {
        synchronized (this) {
          formed = edges;
          if (formed == null) {
            formed = form(graph);
            edges = formed;
          }
        }
      }
      return formed;
    }
  }

  /**
   * The dense work arrays of one push over {@code n} contributors: the estimate and the residual (8
   * bytes each per contributor), a queue (4), flags (1), and the list of contributors touched (up
   * to 4), by which {@link #clear()} zeroes them in {@code O(touched)} instead of {@code O(n)}
   * (unless {@code dense}: after {@link PersonalSweeps}, in {@code O(n)}). Not thread-safe: one
   * push at a time.
   */
  static final class PushSpace {
    static final byte TOUCHED = 1;
    static final byte QUEUED = 2;

    final double[] x;
    final double[] r;
    final byte[] flags;
    final int[] queue; // circular, n + 1 slots
    int[] touched = new int[64];
    int touchedCount;
    boolean dense; // x and r may be non-zero anywhere, not only where touched

    PushSpace(int n) {
      x = new double[n];
      r = new double[n];
      flags = new byte[n];
      queue = new int[n + 1];
    }

    /** Records that {@code v} now holds a residual or an estimate, unless it did already. */
    void touch(int v) {
      if ((flags[v] & TOUCHED) == 0) {
        flags[v] |= TOUCHED;
        if (touchedCount == touched.length) {
          touched = Arrays.copyOf(touched, Math.min(x.length, 2 * touched.length));
        }
        touched[touchedCount++] = v;
      }
    }

    void clear() {
      if (dense) {
        Arrays.fill(x, 0);
        Arrays.fill(r, 0);
        Arrays.fill(flags, (byte) 0);
        touchedCount = 0;
        dense = false;
        return;
      }
      for (int i = 0; i < touchedCount; i++) {
        int v = touched[i];
        x[v] = 0;
        r[v] = 0;
        flags[v] = 0;
      }
      touchedCount = 0;
    }
  }
}
