package dev.wuffie.jmh;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
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
 * What a live site's refresh costs: a ledger of upvotes (one per R-MAT endorsement) is scored under
 * the default policy, 0.1% new upvotes arrive, and the new ledger is scored again, either from
 * scratch ({@code COLD}) or starting from the previous reputation ({@code WARM}, as {@code
 * LiveReputation.refresh()} does). Both include compiling the ledger. Its {@link #main} prints the
 * iteration counts: {@code java -cp wuffie-jmh/target/benchmarks.jar
 * dev.wuffie.jmh.LedgerRefreshBenchmark [graph...]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx16g")
public class LedgerRefreshBenchmark {
  @Param({"rmat-100K", "rmat-1M"})
  public String graph;

  @Param({"COLD", "WARM"})
  public RefreshBenchmark.Start start;

  private ScoringPolicy policy;
  private LedgerSnapshot updated;
  private Reputation before;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    policy =
        ScoringPolicy.builder()
            .solver(
                RankSolver.builder()
                    .stop(RankSolver.Stop.ERROR_BOUND)
                    .tolerance(RankBenchmark.L1_ERROR)
                    .build())
            .build();
    Ledger ledger = ledger(input);
    before = Reputation.compute(ledger, policy);
    Graphs.Endorsements added =
        Graphs.withNew(input, RefreshBenchmark.NEW_FRACTION, Graphs.SEED + 1);
    for (int e = input.size(); e < added.size(); e++) {
      ledger.record(
          Endorsement.of(
              added.ids()[added.endorsers()[e]],
              added.ids()[added.endorsed()[e]],
              "upvote",
              Instant.EPOCH));
    }
    updated = ledger.snapshot();
  }

  @Benchmark
  public Reputation refresh() {
    return Reputation.compute(
        updated, policy, start == RefreshBenchmark.Start.WARM ? before : null);
  }

  /** Prints the iterations of a cold and a warm refresh for each graph named (default rmat-1M). */
  public static void main(String[] args) {
    for (String name : args.length == 0 ? new String[] {"rmat-1M"} : args) {
      LedgerRefreshBenchmark cold = new LedgerRefreshBenchmark();
      cold.graph = name;
      cold.start = RefreshBenchmark.Start.COLD;
      cold.setUp();
      Reputation coldResult = cold.refresh();
      cold.start = RefreshBenchmark.Start.WARM;
      Reputation warmResult = cold.refresh();
      System.out.printf(
          "%s: %,d contributors, %,d events; cold %d iterations, warm %d (%.2fx fewer)%n",
          name,
          coldResult.size(),
          cold.updated.eventCount(),
          coldResult.iterations(),
          warmResult.iterations(),
          (double) coldResult.iterations() / warmResult.iterations());
    }
  }

  /** A ledger with one upvote per endorsement of {@code input}. */
  static Ledger ledger(Graphs.Endorsements input) {
    Ledger ledger = Ledger.create();
    for (int e = 0; e < input.size(); e++) {
      ledger.record(
          Endorsement.of(
              input.ids()[input.endorsers()[e]],
              input.ids()[input.endorsed()[e]],
              "upvote",
              Instant.EPOCH));
    }
    return ledger;
  }
}
