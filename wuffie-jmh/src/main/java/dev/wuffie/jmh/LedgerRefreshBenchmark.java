package dev.wuffie.jmh;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * scratch ({@code COLD}: {@code Reputation.compute}) or by a {@code LiveReputation} whose last
 * refresh scored the ledger before the new upvotes ({@code WARM}: an incremental refresh, from the
 * kept compilation and those scores, to the same L1 error bound). Both include compiling the
 * ledger.
 *
 * <p>Before each {@code WARM} invocation (not timed), the new upvotes are retracted, the live
 * reputation refreshed, and the upvotes recorded again, so that every timed refresh starts from the
 * scores before them; the ledger keeps the retracted copies, which scoring skips. Its {@link #main}
 * prints the iteration counts: {@code java -cp wuffie-jmh/target/benchmarks.jar
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
  private Ledger ledger;
  private List<Endorsement> added;
  private long[] addedIds = new long[0];
  private LiveReputation live;

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
    ledger = ledger(input);
    Graphs.Endorsements withNew =
        Graphs.withNew(input, RefreshBenchmark.NEW_FRACTION, Graphs.SEED + 1);
    added = new ArrayList<>();
    for (int e = input.size(); e < withNew.size(); e++) {
      added.add(
          Endorsement.of(
              withNew.ids()[withNew.endorsers()[e]],
              withNew.ids()[withNew.endorsed()[e]],
              "upvote",
              Instant.EPOCH));
    }
    live =
        LiveReputation.builder(ledger, policy)
            .accuracy(RankBenchmark.L1_ERROR) // the same bound as COLD's
            .exactEvery(java.time.Duration.ofDays(1))
            .build();
    if (start == RefreshBenchmark.Start.COLD) {
      ledger.recordAll(added);
    }
  }

  /** For {@code WARM}: publishes the reputation before the new upvotes, then records them. */
  @Setup(Level.Invocation)
  public void rewind() {
    if (start == RefreshBenchmark.Start.WARM) {
      for (long id : addedIds) {
        ledger.retract(id);
      }
      live.refresh();
      long first = ledger.recordAll(added);
      addedIds = new long[added.size()];
      for (int i = 0; i < addedIds.length; i++) {
        addedIds[i] = first + i;
      }
    }
  }

  @Benchmark
  public Reputation refresh() {
    return start == RefreshBenchmark.Start.WARM
        ? live.refresh().current()
        : Reputation.compute(ledger, policy);
  }

  /** Prints the iterations of a cold and a warm refresh for each graph named (default rmat-1M). */
  public static void main(String[] args) {
    for (String name : args.length == 0 ? new String[] {"rmat-1M"} : args) {
      LedgerRefreshBenchmark warm = new LedgerRefreshBenchmark();
      warm.graph = name;
      warm.start = RefreshBenchmark.Start.WARM;
      warm.setUp();
      warm.rewind();
      Reputation warmResult = warm.refresh();
      Reputation coldResult = Reputation.compute(warm.ledger, warm.policy);
      System.out.printf(
          "%s: %,d contributors, %,d events; cold %d iterations, warm %d (%.2fx fewer)%n",
          name,
          coldResult.size(),
          warm.ledger.liveEventCount(),
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
