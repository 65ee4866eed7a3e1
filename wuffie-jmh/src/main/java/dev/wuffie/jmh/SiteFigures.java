package dev.wuffie.jmh;

import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import dev.wuffie.RefreshListener;
import dev.wuffie.Reputation;
import dev.wuffie.jdbc.SqlEventSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The site-integration figures: a site's SQL database in, scores out, live. Generates a synthetic
 * Q&A site ({@link SyntheticSite}: 200,000 members, 2,000,000 votes by default) in PostgreSQL (an
 * embedded server) and in H2 (a file database), reads it with wuffie-jdbc's {@link SqlEventSource}
 * into a {@link LiveReputation}, and prints one table per database:
 *
 * <ul>
 *   <li>the first load: the first poll (every vote and answer), in seconds and votes per second,
 *       then the first refresh (a cold solve), and the heap used after a GC at its end;
 *   <li>a refresh after 1,000 new votes: the poll that reads them plus the refresh (median of 3);
 *   <li>the time from a vote's commit until a published {@code Reputation} includes it, with {@code
 *       refreshEvery(1s)}, median and max of 20 votes, in two set-ups: the source's {@code
 *       pollEvery(200ms)} (which refreshes after each poll that read rows), and polls every 200 ms
 *       that do not refresh, so that only {@code refreshEvery(1s)} publishes;
 *   <li>the restart at full size, both ways: (a) reading the site's database again into an empty
 *       ledger, (b) restoring the source's checkpoint (written after the 1,000-vote refreshes) and
 *       polling the rows after it; each restarted reputation's scores are compared with those of
 *       the source that never stopped, every one with {@code doubleToRawLongBits}, and the program
 *       fails if one differs;
 *   <li>the peak resident memory ({@code VmHWM} of {@code /proc/self/status}), and an idle poll.
 * </ul>
 *
 * <pre>
 * java -Xmx2g -cp wuffie-jmh/target/benchmarks.jar dev.wuffie.jmh.SiteFigures \
 *     [--votes N] [--members M] [--database postgresql|h2|both] [--probes P]
 * </pre>
 *
 * <p><b>Why a main, not a JMH benchmark.</b> The first load of 2,000,000 rows is a single cold
 * event: it happens once per process, its cost includes growing the ledger and the heap, and
 * repeating it in a warmed-up fork would measure something a site never sees. The latency depends
 * on schedules and wall-clock time, not on a hot loop. So each figure is measured once (or over a
 * few repeats, as said), the way a site would meet it, and generating and inserting the site's data
 * is timed apart and not counted.
 *
 * <p><b>Set-up.</b> One single-threaded scheduler runs everything the live site does: {@code
 * refreshEvery(1s)} from the start, the polls, and the measured first load and refreshes (submitted
 * to it, so that a scheduled refresh never competes with them on this 2-core machine). The poll
 * period, 200 ms, keeps the wait for the next poll small against a refresh of seconds, while an
 * idle poll costs a few milliseconds (printed: it reads the overlap again and finds nothing new).
 * Connections come from a {@link ConnectionPool}, as a site's would. Each latency probe is one vote
 * inserted in its own transaction after a random pause of up to 1 s (so that commits fall anywhere
 * in the schedules' cycles); its time is the site's latest, so a published reputation includes it
 * exactly when its {@link Reputation#asOf()} has reached that time, which a {@link RefreshListener}
 * checks. With {@code --database both}, each database is measured in a JVM of its own with the same
 * options, so that neither's memory or warm-up carries into the other's figures.
 */
public final class SiteFigures {
  private static final String USAGE =
      "usage: SiteFigures [--votes N] [--members M] [--database postgresql|h2|both] [--probes P]";
  private static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
  private static final Duration POLL_EVERY = Duration.ofMillis(200);
  private static final int NEW_VOTES = 1_000;
  private static final int REFRESH_REPEATS = 3;
  private static final int ROWS_AFTER_CHECKPOINT = 10_000;
  private static final int MAX_PAUSE_MILLIS = 1_000;
  private static final int IDLE_POLLS = 11;
  private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(5);

  private final Options options;
  private final String database;
  private final SyntheticSite site;
  private final FigureTable table = new FigureTable();
  private final Probes probes = new Probes();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "site-scheduler");
            t.setDaemon(true);
            return t;
          });
  private SiteDatabase db;
  private LiveReputation live;
  private SqlEventSource source;
  private Path checkpoint;

  /** What to measure. */
  record Options(long votes, int members, List<String> databases, int probes) {
    static Options parse(String[] args) {
      long votes = 2_000_000;
      int members = 200_000;
      List<String> databases = List.of("postgresql", "h2");
      int probes = 20;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--votes" -> votes = number(args[i], value);
          case "--members" -> members = (int) Math.min(Integer.MAX_VALUE, number(args[i], value));
          case "--probes" -> probes = (int) Math.min(Integer.MAX_VALUE, number(args[i], value));
          case "--database" ->
              databases =
                  switch (value) {
                    case "postgresql", "h2" -> List.of(value);
                    case "both" -> List.of("postgresql", "h2");
                    default ->
                        throw new IllegalArgumentException(
                            "--database " + value + ": give postgresql, h2 or both");
                  };
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (votes < 1 || members < 2 || probes < 1) {
        throw new IllegalArgumentException("give at least 1 vote, 2 members and 1 probe");
      }
      return new Options(votes, members, databases, probes);
    }

    private static long number(String option, String value) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " " + value + ": give a whole number", e);
      }
    }

    List<String> args(String database) {
      return List.of(
          "--votes",
          "" + votes,
          "--members",
          "" + members,
          "--probes",
          "" + probes,
          "--database",
          database);
    }
  }

  private SiteFigures(Options options, String database) {
    this.options = options;
    this.database = database;
    this.site = new SyntheticSite(options.members(), options.votes());
  }

  /** Measures and prints the figures; exits 2 on bad options, 1 if a measurement fails. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.databases().size() == 1) {
      new SiteFigures(options, options.databases().get(0)).run();
      return;
    }
    for (String database : options.databases()) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), SiteFigures.class.getName()));
      command.addAll(options.args(database));
      int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (exit != 0) {
        System.err.println("the " + database + " run failed (exit " + exit + ")");
        System.exit(1);
      }
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "%nSiteFigures on %s: %,d votes, %,d members, %,d answers%n",
        database, site.initialVotes(), site.members(), site.answers());
    System.out.println(Machine.describe());
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "wuffie-site-" + database);
    try (SiteDatabase started = SiteDatabase.start(database, directory)) {
      db = started;
      long start = System.nanoTime();
      db.bulkLoad(site);
      System.out.printf(
          "set-up, not a figure: the site generated and written in %.1f s (%s); %s%n",
          seconds(start), db.bulkMethod(), db.size());
      Machine.resetPeakRss();
      checkpoint = directory.resolve("checkpoint.zip");
      live =
          LiveReputation.builder(Ledger.create(), SyntheticSite.POLICY)
              .refreshEvery(REFRESH_EVERY, scheduler)
              .listener(probes)
              .build();
      source = SyntheticSite.source(db.dataSource(), live).build();
      firstLoad();
      refreshAfterNewVotes();
      writeCheckpoint();
      latency("refreshEvery(1s) + pollEvery(200ms)", true);
      latency("refreshEvery(1s) only, polls every 200 ms", false);
      Optional<Long> oneSite = Machine.peakRss();
      Map<String, Long> expected = stopTheLiveSite();
      restartFromDatabase(expected);
      restartFromCheckpoint(expected);
      oneSite.ifPresent(
          rss ->
              table.add(
                  "peak RSS (VmHWM): first load, refreshes, probes", mib(rss), "MiB", "5.3 GB"));
      Machine.peakRss()
          .ifPresent(rss -> table.add("peak RSS (VmHWM) with the restarts", mib(rss), "MiB", null));
    } finally {
      scheduler.shutdownNow();
      System.out.println();
      table.print(database);
    }
  }

  private void firstLoad() throws Exception {
    long[] nanos = new long[3];
    Reputation first =
        onScheduler(
            () -> {
              nanos[0] = System.nanoTime();
              SqlEventSource.Poll poll = source.poll();
              nanos[1] = System.nanoTime();
              Reputation r = live.refresh().current();
              nanos[2] = System.nanoTime();
              if (poll.recorded() != site.initialVotes()) {
                throw new IllegalStateException("the first poll recorded " + poll);
              }
              return r;
            });
    double poll = (nanos[1] - nanos[0]) / 1e9;
    double refresh = (nanos[2] - nanos[1]) / 1e9;
    table.add(
        String.format(
            "first load: the first poll, %,d votes and %,d answers",
            site.initialVotes(), site.answers()),
        fixed(poll),
        "s",
        "6.5 s");
    table.add("first load rate", grouped(site.initialVotes() / poll), "votes/s", "307,692 votes/s");
    table.add(
        String.format("first refresh (a cold solve, %d iterations)", first.iterations()),
        fixed(refresh),
        "s",
        null);
    table.add("first load to first published scores", fixed(poll + refresh), "s", null);
    table.add(
        "heap used after a GC, end of the first load"
            + (database.equals("h2") ? " (H2's engine included)" : ""),
        mib(Machine.heapAfterGc()),
        "MiB",
        null);
  }

  private void refreshAfterNewVotes() throws Exception {
    double[] poll = new double[REFRESH_REPEATS];
    double[] refresh = new double[REFRESH_REPEATS];
    int[] iterations = new int[REFRESH_REPEATS];
    for (int r = 0; r < REFRESH_REPEATS; r++) {
      insertVotes(NEW_VOTES);
      int k = r;
      onScheduler(
          () -> {
            long t0 = System.nanoTime();
            SqlEventSource.Poll p = source.poll();
            long t1 = System.nanoTime();
            iterations[k] = live.refresh().current().iterations();
            poll[k] = (t1 - t0) / 1e9;
            refresh[k] = (System.nanoTime() - t1) / 1e9;
            if (p.recorded() != NEW_VOTES) {
              throw new IllegalStateException("the poll after 1,000 votes recorded " + p);
            }
            return null;
          });
    }
    double[] total = new double[REFRESH_REPEATS];
    Arrays.setAll(total, r -> poll[r] + refresh[r]);
    int median = medianIndex(total);
    table.add(
        String.format(
            "refresh after 1,000 new votes: poll + refresh, median of %d (%s)",
            REFRESH_REPEATS, list(total)),
        fixed(total[median]),
        "s",
        "3.1 s");
    table.add(
        String.format("  poll / refresh (incremental, %d iterations)", iterations[median]),
        fixed(poll[median]) + " / " + fixed(refresh[median]),
        "s",
        null);
  }

  private void writeCheckpoint() throws Exception {
    long start = System.nanoTime();
    source.checkpoint(checkpoint);
    table.add(
        "checkpoint write (one zip: LedgerJson lines, the source's cursors and ids)",
        fixed(seconds(start)),
        "s",
        null);
    table.add("  checkpoint size", fixed(Files.size(checkpoint) / 1e6), "MB", null);
    insertVotes(ROWS_AFTER_CHECKPOINT); // rows after the checkpoint, besides the probes' votes
    onScheduler(
        () -> {
          source.poll();
          return live.refresh();
        });
  }

  /**
   * Probes the time from a vote's commit to its publication, with the source's {@code pollEvery}
   * ({@code refreshAfterPoll}) or with polls that leave publishing to {@code refreshEvery}.
   */
  private void latency(String setUp, boolean refreshAfterPoll) throws Exception {
    ScheduledFuture<?> polling =
        refreshAfterPoll
            ? source.pollEvery(POLL_EVERY, scheduler)
            : scheduler.scheduleWithFixedDelay(
                this::pollQuietly, 0, POLL_EVERY.toNanos(), TimeUnit.NANOSECONDS);
    SplittableRandom pauses = new SplittableRandom(Graphs.SEED);
    double[] latency = new double[options.probes()];
    try {
      for (int p = 0; p < latency.length; p++) {
        Thread.sleep(pauses.nextInt(MAX_PAUSE_MILLIS + 1));
        SyntheticSite.Vote vote = site.nextVote();
        CompletableFuture<Long> published = probes.await(vote.millis());
        db.insert(List.of(vote));
        long committed = System.nanoTime();
        try {
          latency[p] =
              (published.get(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS) - committed) / 1e9;
        } catch (TimeoutException e) {
          throw new IllegalStateException(
              "vote " + vote.id() + " was not published within " + PROBE_TIMEOUT, e);
        }
      }
    } finally {
      polling.cancel(false);
      onScheduler(() -> null); // the last poll or refresh has ended
    }
    double[] sorted = latency.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    table.add(
        String.format("vote commit to published scores, %s: median of %d", setUp, n),
        fixed((sorted[(n - 1) / 2] + sorted[n / 2]) / 2),
        "s",
        refreshAfterPoll ? "3.7 s with refreshEvery(5s)" : null);
    table.add("  max", fixed(sorted[sorted.length - 1]), "s", null);
  }

  /**
   * Stops the live site (its schedule and polls), reads the last rows into it, and returns its
   * scores computed from scratch: what a source that never stopped publishes.
   */
  private Map<String, Long> stopTheLiveSite() throws Exception {
    live.close();
    scheduler.shutdown();
    if (!scheduler.awaitTermination(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the site's scheduler did not stop");
    }
    source.poll(); // reads the last rows, if any
    double[] idle = new double[IDLE_POLLS];
    for (int p = 0; p < idle.length; p++) {
      long start = System.nanoTime();
      if (source.poll().changed()) {
        throw new IllegalStateException("an idle poll found new rows");
      }
      idle[p] = seconds(start) * 1000;
    }
    Arrays.sort(idle);
    table.add(
        String.format(
            "an idle poll (nothing new; the overlap read again): median of %d", IDLE_POLLS),
        fixed(idle[IDLE_POLLS / 2]),
        "ms",
        null);
    Map<String, Long> scores = bits(Reputation.compute(live.ledger(), SyntheticSite.POLICY));
    System.out.printf(
        "the source that never stopped: %s, cursors %s%n", live.ledger(), source.cursors());
    live = null; // the restarts below start from nothing
    source = null;
    return scores;
  }

  private void restartFromDatabase(Map<String, Long> expected) throws Exception {
    Machine.heapAfterGc();
    LiveReputation restarted =
        LiveReputation.builder(Ledger.create(), SyntheticSite.POLICY).build();
    SqlEventSource reading = SyntheticSite.source(db.dataSource(), restarted).build();
    long t0 = System.nanoTime();
    reading.poll();
    long t1 = System.nanoTime();
    Reputation scores = restarted.refresh().current();
    long t2 = System.nanoTime();
    compare(expected, scores, "restart (a)");
    table.add(
        "restart (a), the database read again: to the first published scores",
        fixed((t2 - t0) / 1e9),
        "s",
        "4.5 s");
    table.add(
        "  poll / refresh", fixed((t1 - t0) / 1e9) + " / " + fixed((t2 - t1) / 1e9), "s", null);
  }

  private void restartFromCheckpoint(Map<String, Long> expected) throws Exception {
    Machine.heapAfterGc();
    LiveReputation restarted =
        LiveReputation.builder(Ledger.create(), SyntheticSite.POLICY).build();
    SqlEventSource reading = SyntheticSite.source(db.dataSource(), restarted).build();
    long t0 = System.nanoTime();
    reading.restore(checkpoint);
    long t1 = System.nanoTime();
    SqlEventSource.Poll rowsAfter = reading.poll();
    long t2 = System.nanoTime();
    Reputation scores = restarted.refresh().current();
    long t3 = System.nanoTime();
    compare(expected, scores, "restart (b)");
    table.add(
        String.format(
            "restart (b), the checkpoint + the %,d votes after it: to the first published scores",
            rowsAfter.recorded()),
        fixed((t3 - t0) / 1e9),
        "s",
        "21 s");
    table.add(
        "  restore / poll / refresh",
        fixed((t1 - t0) / 1e9) + " / " + fixed((t2 - t1) / 1e9) + " / " + fixed((t3 - t2) / 1e9),
        "s",
        null);
    table.add(
        "restarted scores bit-identical to the never-stopped source's (both restarts)",
        String.format("%,d of %,d", expected.size(), expected.size()),
        "scores",
        null);
  }

  /**
   * Fails unless {@code actual} has exactly the ids of {@code expected}, each with its score's
   * bits.
   */
  private static void compare(Map<String, Long> expected, Reputation actual, String what) {
    List<String> differ = new ArrayList<>();
    for (String id : actual.ids()) {
      Long bits = expected.get(id);
      if (bits == null || bits != Double.doubleToRawLongBits(actual.score(id))) {
        differ.add(
            String.format(
                "%s: %s, expected %s",
                id, actual.score(id), bits == null ? "no score" : Double.longBitsToDouble(bits)));
      }
    }
    if (!differ.isEmpty() || actual.size() != expected.size()) {
      throw new IllegalStateException(
          String.format(
              "%s: %,d scores of %,d (expected %,d) differ from the source that never stopped;"
                  + " the first: %s",
              what,
              differ.size(),
              actual.size(),
              expected.size(),
              differ.subList(0, Math.min(5, differ.size()))));
    }
    System.out.printf(
        "%s: all %,d scores equal the never-stopped source's, bit for bit%n", what, actual.size());
  }

  private static Map<String, Long> bits(Reputation reputation) {
    Map<String, Long> bits = new HashMap<>();
    for (String id : reputation.ids()) {
      bits.put(id, Double.doubleToRawLongBits(reputation.score(id)));
    }
    return bits;
  }

  private void insertVotes(int count) throws SQLException {
    List<SyntheticSite.Vote> votes = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      votes.add(site.nextVote());
    }
    db.insert(votes);
  }

  private void pollQuietly() {
    try {
      source.poll();
    } catch (SQLException e) {
      System.err.println("a poll failed; the next one tries again: " + e);
    }
  }

  /** Runs {@code task} on the site's scheduler, between its scheduled tasks, and waits for it. */
  private <T> T onScheduler(Callable<T> task) throws Exception {
    try {
      return scheduler.submit(task).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Completes a future with the time a published reputation first reaches the awaited vote. */
  private static final class Probes implements RefreshListener {
    private volatile Awaited awaited;

    private record Awaited(long millis, CompletableFuture<Long> published) {}

    /**
     * A future of the {@link System#nanoTime()} at which the vote of {@code millis} is published.
     */
    CompletableFuture<Long> await(long millis) {
      Awaited next = new Awaited(millis, new CompletableFuture<>());
      awaited = next;
      return next.published();
    }

    @Override
    public void refreshed(Refresh refresh) {
      long now = System.nanoTime();
      Awaited a = awaited;
      Optional<Instant> asOf = refresh.current().asOf();
      if (a != null && asOf.isPresent() && asOf.get().toEpochMilli() >= a.millis()) {
        a.published().complete(now);
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int medianIndex(double[] values) {
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    return order[(values.length - 1) / 2];
  }

  private static String fixed(double value) {
    return String.format(value < 10 ? "%.2f" : "%.1f", value);
  }

  private static String grouped(double value) {
    return String.format("%,.0f", value);
  }

  private static String mib(long bytes) {
    return String.format("%,d", bytes >> 20);
  }

  private static String list(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double v : values) {
      out.append(out.length() == 0 ? "" : ", ").append(fixed(v));
    }
    return out.toString();
  }
}
