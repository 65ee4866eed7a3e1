package dev.wuffie.jmh;

import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.graph.EndorsementGraph;
import java.util.List;
import java.util.Map;
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
 * One personalized-trust query, "members you would trust": {@link Reputation#trustFrom(String)}
 * from a random viewer (a fixed-seed sequence over all contributors) to an L1 error of {@code
 * accuracy} (the 1e-4, and the looser 1e-3 and 1e-2 a site may choose instead), then its
 * {@code top(10)}. Sample-time mode, so JMH reports the percentiles (p99 is the target: 10
 * ms on a 1M-member, 10M-endorsement graph, at 1e-4). The graph's out-edges are formed once, in the
 * setup, by a first query.
 *
 * <p>Its {@link #main} prints, for the first viewers (50 unless a second argument says), the
 * pushes, the contributors reached, the times and the error bounds, at the accuracy of a third
 * argument (1e-4 unless given): {@code java -cp wuffie-jmh/target/benchmarks.jar
 * dev.wuffie.jmh.PersonalTrustBenchmark rmat-10M 50 1e-4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class PersonalTrustBenchmark {
  private static final int VIEWERS = 1 << 12;

  @Param({"rmat-10M"})
  public String graph;

  /** The L1 error allowed. */
  @Param({"1e-4", "1e-3", "1e-2"})
  public double accuracy;

  private Reputation reputation;
  private String[] viewers;
  private int next;

  @Setup
  public void setUp() {
    EndorsementGraph built = Graphs.wuffie(Graphs.load(graph));
    reputation = Reputation.compute(built);
    SplittableRandom random = new SplittableRandom(Graphs.SEED);
    viewers = new String[VIEWERS];
    for (int i = 0; i < VIEWERS; i++) {
      viewers[i] = built.id(random.nextInt(built.size()));
    }
    reputation.trustFrom(viewers[0]);
  }

  @Benchmark
  public List<PersonalTrust.Trusted> query() {
    String viewer = viewers[next++ & (VIEWERS - 1)];
    return reputation.trustFrom(Map.of(viewer, 1.0), accuracy).top(10);
  }

  /** Prints the work of queries on the graph named by the first argument (or rmat-10M). */
  public static void main(String[] args) {
    PersonalTrustBenchmark benchmark = new PersonalTrustBenchmark();
    benchmark.graph = args.length > 0 ? args[0] : "rmat-10M";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    benchmark.accuracy = args.length > 2 ? Double.parseDouble(args[2]) : 1e-4;
    benchmark.setUp();
    long[] pushes = new long[count];
    int[] reached = new int[count];
    long[] nanos = new long[count];
    double worstBound = 0;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      PersonalTrust trust =
          benchmark.reputation.trustFrom(Map.of(benchmark.viewers[i], 1.0), benchmark.accuracy);
      trust.top(10);
      nanos[i] = System.nanoTime() - start;
      pushes[i] = trust.pushes();
      reached[i] = trust.reached();
      worstBound = Math.max(worstBound, trust.errorBound());
    }
    java.util.Arrays.sort(pushes);
    java.util.Arrays.sort(reached);
    java.util.Arrays.sort(nanos);
    System.out.printf(
        "%s at %s: pushes median %d p99 %d; reached median %d p99 %d; ms median %.2f p99 %.2f;"
            + " worst error bound %.3g%n",
        benchmark.graph,
        benchmark.accuracy,
        pushes[count / 2],
        pushes[count * 99 / 100],
        reached[count / 2],
        reached[count * 99 / 100],
        nanos[count / 2] / 1e6,
        nanos[count * 99 / 100] / 1e6,
        worstBound);
  }
}
