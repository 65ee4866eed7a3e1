package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import dev.wuffie.Reputation;
import dev.wuffie.jdbc.SqlEventSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * wuffie's Micrometer meters (the module README lists them): timers of the refreshes and polls the
 * {@link WuffieRunner} runs, counters of the rows the source read and the sink wrote, and gauges of
 * the ledger and the published reputation. Thread-safe.
 */
final class WuffieMetrics implements RunObserver {
  private final Timer published;
  private final Timer unchanged;
  private final Timer refreshFailed;
  private final DistributionSummary iterations;
  private final Timer pollSucceeded;
  private final Timer pollFailed;
  private final Counter recorded;
  private final Counter removed;
  private final Counter contributions;
  private final Counter merges;
  private final Counter skipped;
  private final Counter ignored;

  WuffieMetrics(MeterRegistry registry, LiveReputation live, SinkListener sink) {
    published = refreshTimer(registry, "published");
    unchanged = refreshTimer(registry, "unchanged");
    refreshFailed = refreshTimer(registry, "failed");
    iterations =
        DistributionSummary.builder("wuffie.refresh.iterations")
            .description("Solver iterations of each refresh that published a new reputation")
            .register(registry);
    pollSucceeded = pollTimer(registry, "success");
    pollFailed = pollTimer(registry, "failure");
    recorded = rows(registry, "recorded");
    removed = rows(registry, "removed");
    contributions = rows(registry, "contributions");
    merges = rows(registry, "merges");
    skipped = rows(registry, "skipped");
    ignored = rows(registry, "ignored");
    Gauge.builder("wuffie.ledger.events", live, l -> l.ledger().eventCount())
        .description("Events recorded in the ledger, retracted ones included")
        .register(registry);
    Gauge.builder("wuffie.ledger.events.live", live, l -> l.ledger().liveEventCount())
        .description("Events recorded in the ledger and not retracted")
        .register(registry);
    Gauge.builder("wuffie.reputation.contributors", live, l -> latest(l, Reputation::size))
        .description("Contributors of the published reputation")
        .register(registry);
    Gauge.builder(
            "wuffie.reputation.refused.events", live, l -> latest(l, Reputation::refusedEvents))
        .description("Live events the published reputation left out: the policy cannot weigh them")
        .register(registry);
    Gauge.builder("wuffie.reputation.converged", live, l -> latest(l, r -> r.converged() ? 1 : 0))
        .description("1 if the published reputation's solve converged, 0 if not")
        .register(registry);
    if (sink != null) {
      sinkRows(registry, sink, "upserted", SinkListener::upserted);
      sinkRows(registry, sink, "deleted", SinkListener::deleted);
    }
  }

  @Override
  public void refreshed(Refresh refresh, long nanos) {
    (refresh.unchanged() ? unchanged : published).record(nanos, TimeUnit.NANOSECONDS);
    if (!refresh.unchanged()) {
      iterations.record(refresh.current().iterations());
    }
  }

  @Override
  public void refreshFailed(long nanos) {
    refreshFailed.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void polled(SqlEventSource.Poll poll, long nanos) {
    pollSucceeded.record(nanos, TimeUnit.NANOSECONDS);
    recorded.increment(poll.recorded());
    removed.increment(poll.removed());
    contributions.increment(poll.contributions());
    merges.increment(poll.merges());
    skipped.increment(poll.skipped());
    ignored.increment(poll.ignored());
  }

  @Override
  public void pollFailed(long nanos) {
    pollFailed.record(nanos, TimeUnit.NANOSECONDS);
  }

  private static double latest(
      LiveReputation live, java.util.function.ToDoubleFunction<Reputation> value) {
    return live.latest().map(value::applyAsDouble).orElse(Double.NaN);
  }

  private static Timer refreshTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("wuffie.refresh")
        .description("Refreshes of the scores that the wuffie runner ran")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Timer pollTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("wuffie.source.poll")
        .description("Polls of the site's tables")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter rows(MeterRegistry registry, String outcome) {
    return Counter.builder("wuffie.source.rows")
        .description("Rows the polls read, by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static void sinkRows(
      MeterRegistry registry,
      SinkListener sink,
      String operation,
      java.util.function.ToDoubleFunction<SinkListener> count) {
    FunctionCounter.builder("wuffie.sink.rows", sink, count)
        .description("Rows of the score table written, by operation")
        .tag("operation", operation)
        .register(registry);
  }
}
