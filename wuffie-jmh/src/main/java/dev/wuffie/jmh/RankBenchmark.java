package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scores an already built graph with a fixed number of iterations: wuffie's solver against
 * JGraphT's {@code PageRank} on the same R-MAT graph, so the two compare per iteration.
 *
 * <p>JGraphT is given a tolerance of 0, so it too runs exactly {@code iterations} iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RankBenchmark {
  /** Which engine scores the graph. */
  public enum Implementation {
    WUFFIE,
    JGRAPHT
  }

  @Param({"1000", "100000", "1000000"})
  public int endorsements;

  @Param({"WUFFIE", "JGRAPHT"})
  public Implementation implementation;

  @Param({"20"})
  public int iterations;

  private EndorsementGraph wuffieGraph;
  private RankSolver solver;
  private Graph<Integer, DefaultWeightedEdge> jgraphtGraph;

  @Setup
  public void setUp() {
    Graphs.Edges edges = Graphs.rmat(Math.max(10, endorsements / 10), endorsements, 42);
    switch (implementation) {
      case WUFFIE -> {
        wuffieGraph = Graphs.wuffie(edges);
        // A tolerance below any reachable residual: exactly `iterations` iterations run.
        solver = RankSolver.builder().tolerance(Double.MIN_VALUE).maxIterations(iterations).build();
      }
      case JGRAPHT -> jgraphtGraph = Graphs.jgrapht(edges);
    }
  }

  @Benchmark
  public Object rank() {
    return switch (implementation) {
      case WUFFIE -> {
        RankResult result = solver.solve(wuffieGraph);
        yield result;
      }
      case JGRAPHT -> {
        Map<Integer, Double> scores =
            new PageRank<>(jgraphtGraph, RankSolver.DEFAULT_DAMPING, iterations, 0.0).getScores();
        yield scores;
      }
    };
  }
}
