package dev.wuffie.jmh;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
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
 * What scoring every scope costs next to one global score on the same ledger: {@code scoring =
 * global} is {@code Reputation.compute(ledger, policy)}, {@code scopes} is {@code
 * ScopedReputation.compute(ledger, policy)} over its {@code tags} tags (issue 16's target: 20
 * scopes at most 3x one global score). Both compile the ledger and solve to the default tolerance.
 *
 * <p>The ledger: the R-MAT endorsements of {@code graph}; every member authored three
 * contributions, each with one tag drawn uniformly from {@code tags}; nine endorsements in ten are
 * upvotes or accepted answers of one of the endorsed member's contributions, one in ten thanks the
 * member (an endorsement between members, which counts in every scope). Times spread over three
 * years, scored with a 365-day half-life and the activity prior.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class ScopesBenchmark {
  /** The contributions each member authored. */
  static final int CONTRIBUTIONS_PER_MEMBER = 3;

  @Param({"rmat-1M"})
  public String graph;

  @Param({"20"})
  public int tags;

  @Param({"global", "scopes"})
  public String scoring;

  private Ledger ledger;
  private ScoringPolicy policy;

  @Setup
  public void setUp() {
    Graphs.Endorsements input = Graphs.load(graph);
    Instant start = Instant.parse("2023-01-01T00:00:00Z");
    long span = Duration.ofDays(3 * 365).toSeconds();
    Random random = new Random(Graphs.SEED);
    ledger = Ledger.builder().maxFuture(Duration.ofDays(365_000)).build();
    String[] ids = input.ids();
    for (String id : ids) {
      for (int k = 0; k < CONTRIBUTIONS_PER_MEMBER; k++) {
        ledger.addContribution(
            LedgerEntry.contribution(
                    id + "/" + k, start.plusSeconds((long) (random.nextDouble() * span)), id)
                .tagged("tag-" + random.nextInt(tags)));
      }
    }
    for (int e = 0; e < input.size(); e++) {
      String endorser = ids[input.endorsers()[e]];
      String endorsed = ids[input.endorsed()[e]];
      Instant time = start.plusSeconds((long) (random.nextDouble() * span));
      int draw = random.nextInt(10);
      if (draw == 0) {
        ledger.record(Endorsement.of(endorser, endorsed, "thanks", time));
      } else {
        String work = endorsed + "/" + random.nextInt(CONTRIBUTIONS_PER_MEMBER);
        ledger.record(
            Endorsement.ofContribution(endorser, work, draw < 8 ? "upvote" : "accepted", time));
      }
    }
    policy =
        ScoringPolicy.builder()
            .kind("upvote", 1)
            .kind("accepted", 3)
            .kind("thanks", 1)
            .decay(Decay.halfLife(Duration.ofDays(365)))
            .activityPrior()
            .build();
  }

  @Benchmark
  public Object score() {
    return scoring.equals("global")
        ? Reputation.compute(ledger, policy)
        : ScopedReputation.compute(ledger, policy);
  }
}
