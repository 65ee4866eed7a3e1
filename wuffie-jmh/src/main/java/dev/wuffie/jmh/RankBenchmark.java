package dev.wuffie.jmh;

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
 * Scores an already built graph until the L1 error of the scores is guaranteed to be at most
 * {@value #L1_ERROR}: wuffie with {@code Stop.ERROR_BOUND} against JGraphT's {@code PageRank} on
 * the same graph, with the max-norm tolerance that gives JGraphT the same guarantee ({@link
 * Implementation.JGraphTScorer#toleranceFor}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class RankBenchmark {
  /** The guaranteed L1 error of the scores. */
  static final double L1_ERROR = 1e-10;

  @Param({"rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc"})
  public String graph;

  @Param({"WUFFIE", "WUFFIE_1T", "WUFFIE_GS", "JGRAPHT"})
  public Implementation implementation;

  private Implementation.Scorer scorer;

  @Setup
  public void setUp() {
    scorer = implementation.build(Graphs.load(graph));
  }

  @Benchmark
  public Object rank() {
    return scorer.solve(L1_ERROR);
  }
}
