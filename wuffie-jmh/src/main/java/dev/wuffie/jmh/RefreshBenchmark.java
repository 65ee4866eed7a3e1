package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankResult;
import dev.wuffie.rank.RankSolver;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * Refreshes scores after {@value #NEW_FRACTION} of new endorsements (0.1%): solves the graph, adds
 * the new endorsements, rebuilds, and times solving the new graph to a guaranteed L1 error of
 * {@value RankBenchmark#L1_ERROR}, starting from the previous scores ({@code WARM}) or from the
 * teleport vector ({@code COLD}). wuffie only: JGraphT's {@code PageRank} takes no start vector.
 * {@link Iterations} prints the iteration counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class RefreshBenchmark {
  /** The share of new endorsements. */
  static final double NEW_FRACTION = 0.001;

  /** Where the refresh starts. */
  public enum Start {
    /** From the teleport vector, as a first solve does. */
    COLD,
    /** From the scores of the graph before the new endorsements. */
    WARM
  }

  @Param({"rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc"})
  public String graph;

  @Param({"WUFFIE", "WUFFIE_GS"})
  public Implementation implementation;

  @Param({"COLD", "WARM"})
  public Start start;

  private RankSolver solver;
  private EndorsementGraph updated;
  private double[] teleport;
  private double[] from;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    solver = implementation.solver(RankBenchmark.L1_ERROR);
    RankResult before = solver.solve(Graphs.wuffie(input));
    updated = Graphs.wuffie(Graphs.withNew(input, NEW_FRACTION, Graphs.SEED + 1));
    teleport = new double[updated.size()];
    Arrays.fill(teleport, 1.0 / updated.size());
    from = start == Start.WARM ? before.scores() : teleport;
  }

  @Benchmark
  public RankResult refresh() {
    return solver.solve(updated, teleport, from);
  }
}
