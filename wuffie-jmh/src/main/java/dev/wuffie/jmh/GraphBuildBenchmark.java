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
 * Builds a graph from endorsements given as String ids and weights (prepared in setup): wuffie's
 * {@code EndorsementGraph.Builder} against a JGraphT {@code Graph<String, DefaultWeightedEdge>},
 * each adding every contributor and then every endorsement, summing duplicates and dropping
 * self-endorsements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class GraphBuildBenchmark {
  @Param({"rmat-1K", "rmat-100K", "rmat-1M", "rmat-10M", "wiki-Vote", "bitcoin-otc"})
  public String graph;

  /** WUFFIE_1T and WUFFIE_GS build the same graph as WUFFIE. */
  @Param({"WUFFIE", "JGRAPHT"})
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
  public Object build() {
    return implementation.build(ids, endorsers, endorsed, weights).graph();
  }
}
