package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import dev.wuffie.jdbc.BadRowException;
import dev.wuffie.jdbc.SqlEventSource;
import dev.wuffie.spring.WuffieStatus.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs wuffie inside the application: at startup it restores the source's checkpoint or reads the
 * site's tables from the start, and publishes the first scores; then, on a thread of its own, it
 * polls the site's tables every {@code wuffie.source.poll-every} (refreshing after each poll that
 * read something new) and refreshes every {@code wuffie.refresh-every}; at shutdown it stops both,
 * writes a last checkpoint and closes the live reputation.
 *
 * <p>A failure at startup (a query the database refuses, a missing column, a bad row under {@code
 * wuffie.source.bad-rows=fail}, a damaged checkpoint, a score table that cannot be read) stops the
 * application with a {@link WuffieConfigurationException} naming the property. Later failures are
 * logged as warnings and kept in the {@link #status()} (the health indicator turns DOWN), and the
 * next tick tries again.
 *
 * <p>Thread-safe. Spring starts and stops it as a {@link SmartLifecycle}; it cannot start again
 * once stopped (the live reputation is closed).
 */
public final class WuffieRunner implements SmartLifecycle {
  private static final Log LOG = LogFactory.getLog(WuffieRunner.class);
  private static final List<String> QUERIES =
      List.of("events", "contributions", "removals", "merges");

  private final LiveReputation live;
  private final SqlEventSource source; // null: none
  private final SinkListener sink; // null: none
  private final RunObserver observer;
  private final Duration refreshEvery;
  private final Duration pollEvery;
  private final Path checkpoint; // null: none
  private final Duration checkpointEvery; // null: at shutdown only
  private final Duration shutdownTimeout;
  private final Clock clock;

  private final Object lifecycle = new Object();
  private ScheduledExecutorService scheduler; // guarded by lifecycle; null unless running
  private boolean stopped; // guarded by lifecycle
  private volatile boolean stopping;

  private final Object state = new Object();
  private Instant startedAt; // the fields below guarded by state
  private Instant lastRefresh;
  private Instant lastPublished;
  private Failure refreshFailure;
  private Instant lastPoll;
  private SqlEventSource.Poll lastPollResult;
  private long rowsApplied;
  private long rowsSkipped;
  private Failure pollFailure;

  WuffieRunner(
      LiveReputation live,
      SqlEventSource source,
      SinkListener sink,
      RunObserver observer,
      WuffieProperties properties,
      Clock clock) {
    this.live = live;
    this.source = source;
    this.sink = sink;
    this.observer = observer;
    this.refreshEvery =
        Settings.positive(properties.getRefreshEvery(), "wuffie.refresh-every", "PT1M (a minute)");
    this.pollEvery =
        Settings.positive(properties.getSource().getPollEvery(), "wuffie.source.poll-every", "10s");
    this.checkpoint = source == null ? null : properties.getSource().getCheckpoint().getPath();
    Duration every = properties.getSource().getCheckpoint().getEvery();
    this.checkpointEvery =
        every == null ? null : Settings.positive(every, "wuffie.source.checkpoint.every", "1h");
    this.shutdownTimeout =
        Settings.positive(properties.getShutdownTimeout(), "wuffie.shutdown-timeout", "30s");
    this.clock = clock;
  }

  /** What the runner has done so far. Never blocks for long. */
  public WuffieStatus status() {
    synchronized (state) {
      return new WuffieStatus(
          startedAt,
          lastRefresh,
          lastPublished,
          refreshFailure,
          lastPoll,
          lastPollResult,
          rowsApplied,
          rowsSkipped,
          pollFailure,
          sink == null ? null : sink.lastWrite(),
          sink == null ? 0 : sink.upserted() + sink.deleted(),
          sink == null ? null : sink.failure());
    }
  }

  /** The live reputation this runner refreshes. */
  public LiveReputation live() {
    return live;
  }

  /**
   * Prepares the score table, loads the source (from the checkpoint if there is one, else from the
   * start), publishes the first scores, and schedules the polls and refreshes.
   *
   * @throws WuffieConfigurationException if a step fails; nothing is scheduled then
   * @throws IllegalStateException if the runner was stopped before
   */
  @Override
  public void start() {
    synchronized (lifecycle) {
      if (scheduler != null) {
        return;
      }
      if (stopped) {
        throw new IllegalStateException(
            "the wuffie runner was stopped and its live reputation closed; it cannot start again");
      }
      synchronized (state) {
        startedAt = clock.instant();
      }
      if (sink != null) {
        sink.prepare();
      }
      if (source != null) {
        restore();
        firstPoll();
      }
      firstRefresh();
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "wuffie-runner");
                thread.setDaemon(true);
                return thread;
              });
      if (source != null) {
        s.scheduleWithFixedDelay(
            this::pollTick, pollEvery.toNanos(), pollEvery.toNanos(), TimeUnit.NANOSECONDS);
      }
      s.scheduleWithFixedDelay(
          this::refreshTick, refreshEvery.toNanos(), refreshEvery.toNanos(), TimeUnit.NANOSECONDS);
      if (checkpoint != null && checkpointEvery != null) {
        s.scheduleWithFixedDelay(
            this::checkpointTick,
            checkpointEvery.toNanos(),
            checkpointEvery.toNanos(),
            TimeUnit.NANOSECONDS);
      }
      scheduler = s;
    }
  }

  /**
   * Stops polling and refreshing (waiting up to {@code wuffie.shutdown-timeout} for a poll or
   * refresh in progress), writes the checkpoint if one is configured, and closes the live
   * reputation.
   */
  @Override
  public void stop() {
    ScheduledExecutorService s;
    synchronized (lifecycle) {
      if (scheduler == null) {
        return;
      }
      s = scheduler;
      scheduler = null;
      stopped = true;
      stopping = true;
    }
    s.shutdown(); // cancels the periodic tasks; one in progress runs to its end
    try {
      if (!s.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn(
            "a wuffie poll or refresh was still running after wuffie.shutdown-timeout ("
                + shutdownTimeout
                + "); interrupting it");
        s.shutdownNow();
        s.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      s.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (checkpoint != null) {
      try {
        source.checkpoint(checkpoint);
      } catch (IOException | RuntimeException e) {
        LOG.error("writing the wuffie checkpoint to " + checkpoint + " at shutdown failed", e);
      }
    }
    live.close();
  }

  @Override
  public boolean isRunning() {
    synchronized (lifecycle) {
      return scheduler != null;
    }
  }

  private void restore() {
    if (checkpoint == null || !Files.exists(checkpoint)) {
      return;
    }
    try {
      source.restore(checkpoint);
      LOG.info("restored the wuffie checkpoint " + checkpoint + ": " + source);
    } catch (IOException | RuntimeException e) {
      throw new WuffieConfigurationException(
          "wuffie.source.checkpoint.path",
          "cannot restore the checkpoint "
              + checkpoint
              + ": "
              + e.getMessage()
              + "; move the file away to read the site's tables from the start",
          e);
    }
  }

  private void firstPoll() {
    long start = System.nanoTime();
    try {
      polled(source.poll(), System.nanoTime() - start);
    } catch (BadRowException e) {
      throw new WuffieConfigurationException(
          "wuffie.source." + e.query() + ".sql",
          "the first poll failed: "
              + e.getMessage()
              + " (in the application's properties: wuffie.source.bad-rows=skip)",
          e);
    } catch (SQLException | RuntimeException e) {
      throw new WuffieConfigurationException(
          propertyOf(e.getMessage()), "the first poll failed: " + e.getMessage(), e);
    }
  }

  /** The property of the query that {@code message} names ("the events query ..."). */
  private static String propertyOf(String message) {
    for (String query : QUERIES) {
      if (message != null && message.contains("the " + query + " query")) {
        return "wuffie.source." + query + ".sql";
      }
    }
    return "wuffie.source";
  }

  private void firstRefresh() {
    try {
      refresh(true);
    } catch (RuntimeException e) {
      throw new WuffieConfigurationException(
          "wuffie.policy", "the first refresh failed: " + e.getMessage(), e);
    }
  }

  private void pollTick() {
    if (stopping) {
      return;
    }
    long start = System.nanoTime();
    SqlEventSource.Poll poll;
    try {
      poll = source.poll();
    } catch (SQLException | RuntimeException e) {
      synchronized (state) {
        pollFailure = Failure.of(clock.instant(), e);
      }
      observer.pollFailed(System.nanoTime() - start);
      LOG.warn("polling the site's tables failed; the next poll tries again", e);
      return;
    }
    polled(poll, System.nanoTime() - start);
    if (poll.changed() && !stopping) {
      refresh(false);
    }
  }

  private void polled(SqlEventSource.Poll poll, long nanos) {
    synchronized (state) {
      lastPoll = clock.instant();
      lastPollResult = poll;
      rowsApplied += poll.recorded() + poll.removed() + poll.contributions() + poll.merges();
      rowsSkipped += poll.skipped();
      pollFailure = null;
    }
    observer.polled(poll, nanos);
  }

  private void refreshTick() {
    if (stopping) {
      return;
    }
    if (sink != null) {
      sink.retry();
    }
    refresh(false);
  }

  private void checkpointTick() {
    if (stopping) {
      return;
    }
    try {
      source.checkpoint(checkpoint);
    } catch (IOException | RuntimeException e) {
      LOG.warn("writing the wuffie checkpoint to " + checkpoint + " failed; retrying later", e);
    }
  }

  /** Refreshes, unless the ledger is empty; at startup a failure is thrown, else kept. */
  private void refresh(boolean startup) {
    if (live.ledger().contributorCount() == 0) {
      synchronized (state) {
        lastRefresh = clock.instant(); // nothing to score: the (empty) state is current
        refreshFailure = null;
      }
      return;
    }
    long start = System.nanoTime();
    Refresh refresh;
    try {
      refresh = live.refresh();
    } catch (RuntimeException e) {
      if (startup) {
        throw e;
      }
      if (stopping) {
        return; // closed under our feet at shutdown
      }
      synchronized (state) {
        refreshFailure = Failure.of(clock.instant(), e);
      }
      observer.refreshFailed(System.nanoTime() - start);
      LOG.warn("refreshing the wuffie scores failed; the next refresh tries again", e);
      return;
    }
    long nanos = System.nanoTime() - start;
    synchronized (state) {
      lastRefresh = clock.instant();
      if (!refresh.unchanged()) {
        lastPublished = lastRefresh;
      }
      refreshFailure = null;
    }
    observer.refreshed(refresh, nanos);
  }
}
