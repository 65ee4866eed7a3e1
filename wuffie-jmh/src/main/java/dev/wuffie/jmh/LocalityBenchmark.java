package dev.wuffie.jmh;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.rank.RankSolver;
import java.util.SplittableRandom;
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
 * What numbering contributors for locality buys: 20 power iterations (2 threads) over the same
 * R-MAT graph, first with contributors numbered in a random order (as ids arrive on a real site),
 * then with {@link EndorsementGraph.Builder#orderForLocality(boolean)}. Divide by 20 for the time
 * of one iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class LocalityBenchmark {
  private static final int ITERATIONS = 20;

  @Param({"rmat-1M", "rmat-10M"})
  public String graph;

  @Param({"false", "true"})
  public boolean orderForLocality;

  private EndorsementGraph endorsementGraph;
  private RankSolver solver;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    int n = input.contributors();
    int[] label = shuffled(n, Graphs.SEED);
    EndorsementGraph.Builder builder =
        EndorsementGraph.builder().orderForLocality(orderForLocality);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[label[i]] = i;
    }
    for (int i = 0; i < n; i++) {
      builder.addContributor(input.ids()[index[i]]);
    }
    for (int e = 0; e < input.size(); e++) {
      builder.add(label[input.endorsers()[e]], label[input.endorsed()[e]], input.weights()[e]);
    }
    endorsementGraph = builder.build();
    solver =
        RankSolver.builder()
            .tolerance(Double.MIN_VALUE)
            .maxIterations(ITERATIONS)
            .threads(2)
            .build();
  }

  @Benchmark
  public Object iterate() {
    return solver.solve(endorsementGraph);
  }

  private static int[] shuffled(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = label[i];
      label[i] = label[j];
      label[j] = t;
    }
    return label;
  }
}
