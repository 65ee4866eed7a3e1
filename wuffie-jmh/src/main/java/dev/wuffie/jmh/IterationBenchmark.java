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
 * Scores an already built graph with a fixed number of iterations, so that wuffie and JGraphT
 * compare like for like. Each call also pays a per-call setup (wuffie: the inverse out-weights and
 * work arrays; JGraphT: copying the graph into index arrays), so the time of one iteration is the
 * difference between the {@code iterations=21} and {@code iterations=1} runs, divided by 20.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class IterationBenchmark {
  @Param({"rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc"})
  public String graph;

  @Param({"WUFFIE", "WUFFIE_1T", "WUFFIE_GS", "JGRAPHT"})
  public Implementation implementation;

  @Param({"1", "21"})
  public int iterations;

  private Implementation.Scorer scorer;

  @Setup
  public void setUp() {
    scorer = implementation.build(Graphs.load(graph));
  }

  @Benchmark
  public Object iterate() {
    return scorer.iterate(iterations);
  }
}
