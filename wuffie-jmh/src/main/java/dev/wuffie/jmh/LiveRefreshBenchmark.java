package dev.wuffie.jmh;

import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import java.time.Duration;
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
 * What a live site's refresh costs as its history grows: the {@link SyntheticSite} with {@code
 * votes} votes (a fifth as many answers, a tenth as many members, a 365-day half-life) in a {@link
 * LiveReputation}, which has published once. Before each measured refresh (not timed), 1,000 new
 * votes are recorded, each the site's latest, a second apart; then:
 *
 * <ul>
 *   <li>{@code exact}: {@link LiveReputation#refreshExact()}, a full compile and a solve from
 *       scratch, which is what every refresh cost before refreshes were incremental;
 *   <li>{@code incremental}: {@link LiveReputation#refresh()}, from the kept compilation and the
 *       last scores, to the default accuracy (an L1 error bound of 1e-6);
 *   <li>{@code idle}: {@link LiveReputation#refresh()} once more with nothing new (the 1,000 votes
 *       were taken in by an untimed refresh).
 * </ul>
 *
 * <p>The ratios {@code incremental / exact} are the targets (1/20 at 2M votes, 1/100 at
 * 10M). Its {@link #main} prints the iterations and error bounds of a few refreshes: {@code java
 * -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.LiveRefreshBenchmark 2000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
public class LiveRefreshBenchmark {
  /** New votes before each measured refresh. */
  static final int NEW_VOTES = 1_000;

  @Param({"2000000", "10000000"})
  public long votes;

  private SyntheticSite site;
  private LiveReputation live;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    site = new SyntheticSite((int) Math.max(1, votes / 10), votes);
    live = site(site);
    live.refresh();
  }

  /** Records 1,000 new votes; for {@code idle}, also takes them in. */
  @Setup(Level.Iteration)
  public void newVotes(org.openjdk.jmh.infra.BenchmarkParams params) {
    live.recordAll(site.nextEndorsements(NEW_VOTES));
    if (params.getBenchmark().endsWith("idle")) {
      live.refresh();
    }
  }

  @Benchmark
  public Refresh exact() {
    return live.refreshExact();
  }

  @Benchmark
  public Refresh incremental() {
    return live.refresh();
  }

  @Benchmark
  public Refresh idle() {
    return live.refresh();
  }

  /**
   * A live reputation over {@code site}'s history ({@link SyntheticSite#ledger()}), not yet
   * refreshed.
   */
  static LiveReputation site(SyntheticSite site) throws Exception {
    return LiveReputation.builder(site.ledger(), SyntheticSite.POLICY)
        .exactEvery(Duration.ofDays(365))
        .build();
  }

  /**
   * Prints, for the site of {@code args[0]} votes (default 2,000,000), the first refresh and then
   * ten rounds of 1,000 new votes: each refresh's time, iterations and error bound, incremental and
   * exact.
   */
  public static void main(String[] args) throws Exception {
    long votes = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    SyntheticSite site = new SyntheticSite((int) Math.max(1, votes / 10), votes);
    LiveReputation live = site(site);
    report("first (exact)", live::refresh);
    for (int round = 0; round < 10; round++) {
      live.recordAll(site.nextEndorsements(NEW_VOTES));
      report("1,000 new votes, incremental", live::refresh);
      report("nothing new", live::refresh);
    }
    live.recordAll(site.nextEndorsements(NEW_VOTES));
    report("1,000 new votes, exact", live::refreshExact);
  }

  private static void report(String what, java.util.function.Supplier<Refresh> refresh) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Refresh r = refresh.get();
    long micros = (System.nanoTime() - start) / 1000;
    cpu = threads.getCurrentThreadCpuTime() - cpu;
    System.out.printf(
        "%-30s %9.1f ms (%7.1f ms CPU on the refreshing thread)  %4d iterations  error bound %.2e"
            + "  %d contributors%n",
        what,
        micros / 1000.0,
        cpu / 1e6,
        r.current().iterations(),
        r.current().errorBound(),
        r.current().size());
  }
}
