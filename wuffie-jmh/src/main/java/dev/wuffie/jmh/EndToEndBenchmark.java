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
 * Scores endorsements given as String ids and weights (prepared in setup): builds the graph and
 * scores it until the L1 error is guaranteed to be at most {@value RankBenchmark#L1_ERROR}, as
 * {@link GraphBuildBenchmark} followed by {@link RankBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class EndToEndBenchmark {
  @Param({"rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc"})
  public String graph;

  @Param({"WUFFIE", "WUFFIE_GS", "JGRAPHT"})
  public Implementation implementation;

  private String[] ids;
  private String[] endorsers;
  private String[] endorsed;
  private double[] weights;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    ids = input.ids();
    endorsers = input.endorserIds();
    endorsed = input.endorsedIds();
    weights = input.weights();
  }

  @Benchmark
  public Object score() {
    return implementation.build(ids, endorsers, endorsed, weights).solve(RankBenchmark.L1_ERROR);
  }
}
