package dev.wuffie.rank;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import java.util.Arrays;

/**
 * Weighted, personalised PageRank by power iteration: the stationary distribution of a random walk
 * that follows endorsements in proportion to their weight and jumps to the teleport distribution.
 *
 * <p>For contributors {@code V}, weights {@code w_uv}, out-weights {@code W_u = sum_v w_uv},
 * teleport distribution {@code p} and damping {@code d}, the scores solve
 *
 * <pre>
 * s_v = (1 - d) p_v + d * sum_{u : W_u > 0} s_u w_uv / W_u + d * p_v * sum_{u : W_u = 0} s_u
 * </pre>
 *
 * <p>so the mass of dangling contributors (who endorse nobody) goes back through {@code p}, and
 * {@code sum_v s_v = 1}. A contributor with a {@linkplain EndorsementGraph#teleportWeight(int)
 * teleport weight} {@code T_u} (part of {@code W_u}) sends that share {@code T_u / W_u} of its mass
 * back through {@code p} the same way: the last sum then runs over every {@code u}, of {@code s_u
 * T_u / W_u}, with {@code T_u / W_u = 1} for dangling contributors. This is networkx's {@code
 * pagerank(G, alpha=d, personalization=p, weight='weight')} and igraph's PRPACK. Iteration starts
 * from {@code p} (or from a given vector: a warm start) and stops when the L1 change between two
 * iterates is below the tolerance, or after {@link #maxIterations()}; the {@link RankResult} says
 * which.
 *
 * <pre>{@code
 * RankSolver solver = RankSolver.builder().damping(0.85).tolerance(1e-12).build();
 * RankResult result = solver.solve(graph);
 * RankResult again = solver.solve(graph, teleport, result.scores()); // warm start
 * }</pre>
 *
 * <p>Cost: {@code O(k (n + m))} time for {@code k} iterations over {@code n} contributors and
 * {@code m} endorsements, and five double arrays of length {@code n}. Power iteration runs on
 * several threads for large graphs, with results independent of the thread count.
 *
 * <p>Reference: L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank Citation Ranking: Bringing
 * Order to the Web", Stanford InfoLab, 1999.
 *
 * <p>A solver holds only its settings: it is immutable and safe to use from many threads at once.
 */
public final class RankSolver {
  /** Default damping factor: the probability of following an endorsement, {@value}. */
  public static final double DEFAULT_DAMPING = 0.85;

  /** Default L1 tolerance on the change between two iterates, {@value}. */
  public static final double DEFAULT_TOLERANCE = 1e-10;

  /** Default cap on the number of iterations, {@value}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** Default iteration method: {@link Method#POWER}. */
  public static final Method DEFAULT_METHOD = Method.POWER;

  /** Default stopping rule: {@link Stop#CHANGE}. */
  public static final Stop DEFAULT_STOP = Stop.CHANGE;

  private static final RankSolver DEFAULTS = builder().build();

  /** How the solver iterates. */
  public enum Method {
    /**
     * Plain power iteration (Jacobi): every iteration computes a new vector from the previous one.
     * Runs on {@link #threads()} threads for large graphs.
     */
    POWER,
    /**
     * In-place (Gauss-Seidel) sweeps that use each new score as soon as it is computed: fewer
     * iterations on graphs with long chains of endorsements, on one thread. The result is certified
     * by a final power iteration, so {@link RankResult#residual()} means the same as for {@link
     * #POWER}.
     */
    GAUSS_SEIDEL
  }

  /** When the solver stops. */
  public enum Stop {
    /** When the L1 change of the last (power) iteration is below the tolerance. */
    CHANGE,
    /**
     * When {@code d / (1 - d)} times that change is below the tolerance: the power iteration
     * contracts by {@code d} in L1, so the returned scores are then guaranteed to be within the
     * tolerance (L1) of the exact solution.
     */
    ERROR_BOUND
  }

  private final double damping;
  private final double tolerance;
  private final int maxIterations;
  private final Method method;
  private final Stop stop;
  private final int threads;

  private RankSolver(Builder builder) {
    this.damping = builder.damping;
    this.tolerance = builder.tolerance;
    this.maxIterations = builder.maxIterations;
    this.method = builder.method;
    this.stop = builder.stop;
    this.threads = builder.threads;
  }

  /**
   * A solver with every default: damping 0.85, tolerance 1e-10, at most 1000 iterations, power
   * iteration on all available processors, stopping on the L1 change.
   */
  public static RankSolver defaults() {
    return DEFAULTS;
  }

  /** Returns a builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder preset with this solver's settings: damping, tolerance, iteration cap,
   * method, stopping rule and threads. Change what differs and build; this solver is not affected.
   *
   * <pre>{@code
   * RankSolver tighter = solver.toBuilder().tolerance(1e-12).build();
   * }</pre>
   */
  public Builder toBuilder() {
    return new Builder()
        .damping(damping)
        .tolerance(tolerance)
        .maxIterations(maxIterations)
        .method(method)
        .stop(stop)
        .threads(threads);
  }

  /** The damping factor {@code d}, in {@code [0, 1)}. */
  public double damping() {
    return damping;
  }

  /** The L1 tolerance on the change between two iterates. */
  public double tolerance() {
    return tolerance;
  }

  /** The cap on iterations. */
  public int maxIterations() {
    return maxIterations;
  }

  /** The iteration method. */
  public Method method() {
    return method;
  }

  /** The stopping rule. */
  public Stop stop() {
    return stop;
  }

  /** The most threads a solve uses (graphs below about 250,000 edges use one). */
  public int threads() {
    return threads;
  }

  /**
   * Scores {@code graph} with a uniform teleport distribution, starting from it.
   *
   * @throws NullPointerException if {@code graph} is null
   * @throws IllegalArgumentException if the graph has no contributors
   */
  public RankResult solve(EndorsementGraph graph) {
    checkGraph(graph);
    double[] uniform = new double[graph.size()];
    Arrays.fill(uniform, 1.0 / graph.size());
    return iterate(graph, uniform, uniform.clone());
  }

  /**
   * Scores {@code graph} with the teleport distribution proportional to {@code teleport}, starting
   * from it.
   *
   * @param teleport one non-negative weight per contributor index (seeds: zero for the others),
   *     normalised to sum 1; not modified
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the graph has no contributors, or {@code teleport} has the
   *     wrong length, a negative or non-finite entry, or sums to zero
   */
  public RankResult solve(EndorsementGraph graph, double[] teleport) {
    checkGraph(graph);
    double[] p = normalised(teleport, graph.size(), "teleport");
    return iterate(graph, p, p.clone());
  }

  /**
   * Scores {@code graph} with the teleport distribution proportional to {@code teleport}, starting
   * from {@code start} (a warm start, typically an earlier result's scores).
   *
   * @param teleport one non-negative weight per contributor index, normalised to sum 1
   * @param start one non-negative value per contributor index, normalised to sum 1; not modified
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the graph has no contributors, or either vector has the
   *     wrong length, a negative or non-finite entry, or sums to zero
   */
  public RankResult solve(EndorsementGraph graph, double[] teleport, double[] start) {
    checkGraph(graph);
    double[] p = normalised(teleport, graph.size(), "teleport");
    double[] s = normalised(start, graph.size(), "start");
    return iterate(graph, p, s);
  }

  /**
   * Scores {@code graphs}, which hold the same contributors at the same indices with weights of
   * their own, each with the teleport distribution proportional to the {@code teleports} vector of
   * the same index, starting from it: the result of index {@code s} is what {@link
   * #solve(EndorsementGraph, double[]) solve(graphs.get(s), teleports.get(s))} gives by power
   * iteration, to within rounding, whatever {@link #method()} is set. The vectors are iterated
   * together, one pass over the in-edges of every graph per iteration; a vector that meets the
   * stopping rule stops there while the others go on, and each result reports its own iterations.
   *
   * <pre>{@code
   * RankResult[] byTopic = solver.solveAll(List.of(brewing, baking), List.of(pBrewing, pBaking));
   * }</pre>
   *
   * <p>Cost: {@code O(k n + m_s k + m_o)} per iteration for {@code k} graphs of {@code n}
   * contributors, where {@code m_s} edges are in every graph (stored once, with their least weight)
   * and {@code m_o} are the others plus the excess weights of shared edges; the {@code k} entries
   * of a contributor lie side by side, so a shared edge costs one random memory access for all the
   * graphs. Memory: 40 bytes per contributor and graph, the teleport vectors (8 bytes per entry, or
   * 12 bytes per entry that is not zero when at most a quarter are not), 16 bytes per other edge,
   * and 12 bytes per shared edge.
   *
   * @throws NullPointerException if an argument or an element is null
   * @throws IllegalArgumentException if there are no graphs, the lists' sizes differ, the graphs'
   *     contributors differ in number (or there are none), or a teleport vector is bad as for
   *     {@link #solve(EndorsementGraph, double[])}
   */
  public RankResult[] solveAll(
      java.util.List<EndorsementGraph> graphs, java.util.List<double[]> teleports) {
    checkNotNull(graphs, "graphs is null");
    checkNotNull(teleports, "teleports is null");
    checkArgument(!graphs.isEmpty(), "no graphs to solve; give at least one");
    checkArgument(
        graphs.size() == teleports.size(),
        "%s graphs but %s teleport vectors; give one teleport vector per graph",
        graphs.size(),
        teleports.size());
    EndorsementGraph[] all = graphs.toArray(new EndorsementGraph[0]);
    double[][] p = new double[all.length][];
    for (int s = 0; s < all.length; s++) {
      checkNotNull(all[s], "graph %s is null", s);
      checkGraph(all[s]);
      checkArgument(
          all[s].size() == all[0].size(),
          "graph %s has %s contributors but graph 0 has %s; solve together only graphs of the"
              + " same contributors",
          s,
          all[s].size(),
          all[0].size());
      p[s] = normalised(teleports.get(s), all[s].size(), "teleport");
    }
    return MultiSweeps.solve(this, all, p);
  }

  private RankResult iterate(EndorsementGraph graph, double[] p, double[] start) {
    Sweeps sweeps = new Sweeps(graph, damping, p, threads);
    return method == Method.POWER ? power(sweeps, start) : gaussSeidel(sweeps, start);
  }

  private RankResult power(Sweeps sweeps, double[] s) {
    int n = s.length;
    double[] flow = new double[n];
    double[] next = new double[n];
    double[] nextFlow = new double[n];
    double dangling = sweeps.prepare(s, flow);
    double residual = Double.POSITIVE_INFINITY;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      residual = sweeps.power(s, flow, dangling, next, nextFlow);
      dangling = sweeps.lastDangling();
      double[] swap = s;
      s = next;
      next = swap;
      swap = flow;
      flow = nextFlow;
      nextFlow = swap;
      if (done(residual)) {
        return RankResult.of(s, true, iteration, residual, this);
      }
    }
    return RankResult.of(s, false, iteration, residual, this);
  }

  /**
   * In-place (Gauss-Seidel) sweeps. When a sweep changes the scores by less than the tolerance
   * allows, one power iteration from them certifies the result: its L1 change is what {@link Stop}
   * judges and what the result reports, exactly as for {@link Method#POWER}.
   */
  private RankResult gaussSeidel(Sweeps sweeps, double[] s) {
    int n = s.length;
    double[] flow = new double[n];
    double[] next = new double[n];
    double[] nextFlow = new double[n];
    double dangling = sweeps.prepare(s, flow);
    double residual = Double.POSITIVE_INFINITY;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      residual = sweeps.gaussSeidel(s, flow, dangling);
      dangling = sweeps.lastDangling();
      if (!done(residual) || iteration == maxIterations) {
        continue;
      }
      iteration++;
      residual = sweeps.power(s, flow, dangling, next, nextFlow);
      if (done(residual) || iteration == maxIterations) {
        return RankResult.of(next, done(residual), iteration, residual, this);
      }
      dangling = sweeps.lastDangling();
      double[] swap = s;
      s = next;
      next = swap;
      swap = flow;
      flow = nextFlow;
      nextFlow = swap;
    }
    return RankResult.of(s, false, iteration, residual, this);
  }

  /** Whether an iteration whose L1 change was {@code residual} meets the stopping rule. */
  boolean done(double residual) {
    return stop == Stop.CHANGE
        ? residual < tolerance
        : damping / (1 - damping) * residual < tolerance;
  }

  private static void checkGraph(EndorsementGraph graph) {
    checkNotNull(graph, "graph is null");
    checkArgument(
        graph.size() > 0,
        "graph has no contributors; add at least one endorsement or contributor before scoring");
  }

  private static double[] normalised(double[] values, int n, String name) {
    checkNotNull(values, "%s vector is null", name);
    checkArgument(
        values.length == n,
        "%s vector has %s entries but the graph has %s contributors; give one per contributor"
            + " index",
        name,
        values.length,
        n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = values[i];
      checkArgument(
          Double.isFinite(x) && x >= 0,
          "%s[%s] = %s; every entry must be finite and >= 0",
          name,
          i,
          x);
      sum += x;
    }
    checkArgument(
        sum > 0 && Double.isFinite(sum),
        "%s vector sums to %s; it needs a positive, finite sum",
        name,
        sum);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = values[i] / sum;
    }
    return out;
  }

  /**
   * Whether {@code o} is a solver with the same damping, tolerance, iteration cap, method and
   * stopping rule. The thread count is not compared: it never changes the scores.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof RankSolver other
        && Double.compare(damping, other.damping) == 0
        && Double.compare(tolerance, other.tolerance) == 0
        && maxIterations == other.maxIterations
        && method == other.method
        && stop == other.stop;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(damping, tolerance, maxIterations, method, stop);
  }

  @Override
  public String toString() {
    return "RankSolver{damping="
        + damping
        + ", tolerance="
        + tolerance
        + ", maxIterations="
        + maxIterations
        + ", method="
        + method
        + ", stop="
        + stop
        + ", threads="
        + threads
        + "}";
  }

  /**
   * Builds a {@link RankSolver}. Defaults: damping {@value #DEFAULT_DAMPING}, tolerance {@value
   * #DEFAULT_TOLERANCE}, max iterations {@value #DEFAULT_MAX_ITERATIONS}, {@link Method#POWER},
   * {@link Stop#CHANGE}, threads = {@link Runtime#availableProcessors()}. Each setter checks its
   * argument at once. Not thread-safe.
   */
  public static final class Builder {
    private double damping = DEFAULT_DAMPING;
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private Method method = DEFAULT_METHOD;
    private Stop stop = DEFAULT_STOP;
    private int threads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * Sets the damping factor: the probability of following an endorsement rather than jumping.
     *
     * @throws IllegalArgumentException if {@code damping} is not in {@code [0, 1)}
     */
    public Builder damping(double damping) {
      checkArgument(
          damping >= 0 && damping < 1,
          "damping %s is outside [0, 1); 0.85 is the usual choice",
          damping);
      this.damping = damping;
      return this;
    }

    /**
     * Sets the L1 tolerance: iteration stops once an iteration changes the scores by less.
     *
     * @throws IllegalArgumentException if {@code tolerance} is not a positive finite number
     */
    public Builder tolerance(double tolerance) {
      checkArgument(
          tolerance > 0 && Double.isFinite(tolerance),
          "tolerance %s must be a positive finite number, such as 1e-10",
          tolerance);
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Sets the cap on iterations.
     *
     * @throws IllegalArgumentException if {@code maxIterations < 1}
     */
    public Builder maxIterations(int maxIterations) {
      checkArgument(maxIterations >= 1, "maxIterations %s must be at least 1", maxIterations);
      this.maxIterations = maxIterations;
      return this;
    }

    /**
     * Sets the iteration method.
     *
     * @throws NullPointerException if {@code method} is null
     */
    public Builder method(Method method) {
      this.method = checkNotNull(method, "method is null; use Method.POWER or Method.GAUSS_SEIDEL");
      return this;
    }

    /**
     * Sets the stopping rule.
     *
     * @throws NullPointerException if {@code stop} is null
     */
    public Builder stop(Stop stop) {
      this.stop = checkNotNull(stop, "stop is null; use Stop.CHANGE or Stop.ERROR_BOUND");
      return this;
    }

    /**
     * Sets the most threads a power iteration uses. The scores are bit-identical whatever the
     * number: every parallel sum is cut into the same chunks and added in the same order. Graphs
     * with less than about 250,000 edges and contributors always run on the calling thread; larger
     * ones use it plus {@code threads - 1} tasks of the common fork-join pool.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1, "threads %s must be at least 1", threads);
      this.threads = threads;
      return this;
    }

    /** Builds the solver. */
    public RankSolver build() {
      return new RankSolver(this);
    }
  }
}
