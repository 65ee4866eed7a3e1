package dev.wuffie.jmh;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
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
 * What compiling a ledger costs: {@code Reputation.compute} under a policy whose solver stops after
 * one iteration, so that the time is the compilation (kinds, persons, pair sums, saturation, the
 * graphs, teleport weights) plus one iteration and the ranking. The ledger has one event per R-MAT
 * endorsement, of three kinds (upvote, accepted, thanks), spread over three years, scored with a
 * 365-day half-life.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class CompileBenchmark {
  @Param({"rmat-1M"})
  public String graph;

  private Ledger ledger;
  private ScoringPolicy policy;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    Instant start = Instant.parse("2023-01-01T00:00:00Z");
    long span = Duration.ofDays(3 * 365).toSeconds();
    String[] kinds = {"upvote", "accepted", "thanks"};
    Random random = new Random(Graphs.SEED);
    ledger = Ledger.create();
    for (int e = 0; e < input.size(); e++) {
      ledger.record(
          Endorsement.of(
              input.ids()[input.endorsers()[e]],
              input.ids()[input.endorsed()[e]],
              kinds[random.nextInt(kinds.length)],
              start.plusSeconds((long) (random.nextDouble() * span))));
    }
    policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("thanks", 0.5)
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .solver(RankSolver.builder().maxIterations(1).build())
            .build();
  }

  @Benchmark
  public Reputation compile() {
    return Reputation.compute(ledger, policy);
  }
}
