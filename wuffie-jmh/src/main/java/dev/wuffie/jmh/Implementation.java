package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * The engines the benchmarks compare, as their {@code implementation} parameter: each constant
 * builds its own graph from the same String ids and weights and scores it with damping {@value
 * #DAMPING} and a uniform teleport (both engines send dangling contributors' mass back uniformly,
 * so they compute the same vector).
 */
public enum Implementation {
  /** wuffie's power iteration on 2 threads (what the default solver uses on a 2-core machine). */
  WUFFIE(RankSolver.Method.POWER, 2),
  /** wuffie's power iteration on 1 thread. */
  WUFFIE_1T(RankSolver.Method.POWER, 1),
  /** wuffie's Gauss-Seidel sweeps (one thread; the certifying power iteration on 2). */
  WUFFIE_GS(RankSolver.Method.GAUSS_SEIDEL, 2),
  /** JGraphT 1.5.2's {@code PageRank} on a {@code Graph<String, DefaultWeightedEdge>}. */
  JGRAPHT(null, 0) {
    @Override
    Scorer build(String[] ids, String[] from, String[] to, double[] weights) {
      return new JGraphTScorer(Graphs.jgrapht(ids, from, to, weights));
    }
  };

  /** The damping factor of every run. */
  static final double DAMPING = RankSolver.DEFAULT_DAMPING;

  /** JGraphT's cap on iterations when it runs to a tolerance; every input here stops well below. */
  static final int JGRAPHT_MAX_ITERATIONS = 1000;

  private final RankSolver.Method method;
  private final int threads;

  Implementation(RankSolver.Method method, int threads) {
    this.method = method;
    this.threads = threads;
  }

  /** Builds this engine's graph from endorsements given as ids and weights. */
  Scorer build(String[] ids, String[] from, String[] to, double[] weights) {
    return new WuffieScorer(Graphs.wuffie(ids, from, to, weights), this);
  }

  /** Builds this engine's graph from {@code input}. */
  Scorer build(Graphs.Endorsements input) {
    return build(input.ids(), input.endorserIds(), input.endorsedIds(), input.weights());
  }

  /**
   * wuffie's solver with this constant's method and threads that stops once the L1 error of the
   * scores is guaranteed to be at most {@code l1} ({@link RankSolver.Stop#ERROR_BOUND}).
   */
  RankSolver solver(double l1) {
    return RankSolver.builder()
        .damping(DAMPING)
        .method(method)
        .threads(threads)
        .stop(RankSolver.Stop.ERROR_BOUND)
        .tolerance(l1)
        .build();
  }

  /**
   * wuffie's solver with this constant's method and threads that runs exactly {@code k} iterations.
   */
  RankSolver fixed(int k) {
    // A tolerance no iteration reaches: exactly k iterations run.
    return RankSolver.builder()
        .damping(DAMPING)
        .method(method)
        .threads(threads)
        .tolerance(Double.MIN_VALUE)
        .maxIterations(k)
        .build();
  }

  /** One engine's built graph, ready to score. */
  interface Scorer {
    /** The graph itself (for footprint measurements). */
    Object graph();

    /** Scores the graph until the L1 error of the scores is guaranteed to be at most {@code l1}. */
    Object solve(double l1);

    /** Runs exactly {@code iterations} iterations and returns the scores. */
    Object iterate(int iterations);
  }

  /** wuffie: an {@link EndorsementGraph} and the implementation that gives the solver settings. */
  record WuffieScorer(EndorsementGraph graph, Implementation implementation) implements Scorer {
    @Override
    public RankResult solve(double l1) {
      return implementation.solver(l1).solve(graph);
    }

    @Override
    public RankResult iterate(int iterations) {
      return implementation.fixed(iterations).solve(graph);
    }
  }

  /**
   * JGraphT: a {@code Graph<String, DefaultWeightedEdge>} and its {@code PageRank}, which stops
   * when no score changes by more than its tolerance in one iteration (max norm).
   */
  record JGraphTScorer(Graph<String, DefaultWeightedEdge> graph) implements Scorer {
    /**
     * The JGraphT tolerance that guarantees an L1 error of at most {@code l1}: a max change below
     * {@code t} bounds the L1 change by {@code n t}, and the iteration contracts by {@code d} in
     * L1, so the error is at most {@code d / (1 - d) n t}.
     */
    static double toleranceFor(double l1, int n) {
      return l1 * (1 - DAMPING) / (DAMPING * n);
    }

    @Override
    public Map<String, Double> solve(double l1) {
      double tolerance = toleranceFor(l1, graph.vertexSet().size());
      return new PageRank<>(graph, DAMPING, JGRAPHT_MAX_ITERATIONS, tolerance).getScores();
    }

    @Override
    public Map<String, Double> iterate(int iterations) {
      // JGraphT rejects a tolerance of 0; no iteration changes every score by less than this.
      return new PageRank<>(graph, DAMPING, iterations, Double.MIN_VALUE).getScores();
    }
  }
}
