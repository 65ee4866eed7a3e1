package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.jdbc.SqlEventSource;
import dev.wuffie.spring.WuffieStatus.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The actuator health of wuffie, named {@code wuffie}: DOWN when the last refresh, poll or
 * score-table write failed (the details say which, with the message), or when no refresh has
 * completed within {@code wuffie.health.max-age}; UP otherwise. The details give the age of the
 * last refresh, the published reputation's convergence and error bound, the scopes kept (their
 * count and first tags), the source's last poll and the sink's writes. Thread-safe.
 */
final class WuffieHealthIndicator implements HealthIndicator {
  /** The most scope tags the details list. */
  static final int LISTED_SCOPES = 20;

  private final WuffieRunner runner;
  private final SqlEventSource source; // null: none
  private final String table; // null: no sink
  private final Duration maxAge;
  private final Clock clock;

  WuffieHealthIndicator(
      WuffieRunner runner, SqlEventSource source, String table, Duration maxAge, Clock clock) {
    this.runner = runner;
    this.source = source;
    this.table = table;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  public Health health() {
    WuffieStatus status = runner.status();
    Instant now = clock.instant();
    List<String> down = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();

    LiveReputation live = runner.live();
    Optional<Reputation> latest = live.latest();
    details.put("contributors", latest.map(Reputation::size).orElse(0));
    details.put("events", live.ledger().eventCount());
    if (status.lastRefresh() == null) {
      down.add("no refresh has completed since the start");
    } else {
      Duration age = Duration.between(status.lastRefresh(), now);
      details.put("lastRefresh", status.lastRefresh().toString());
      details.put("refreshAge", age.toString());
      if (age.compareTo(maxAge) > 0) {
        down.add(
            "no refresh completed for "
                + age
                + ", longer than wuffie.health.max-age ("
                + maxAge
                + ")");
      }
    }
    if (status.lastPublished() != null) {
      details.put("lastPublished", status.lastPublished().toString());
    }
    latest.ifPresent(
        r -> {
          details.put("converged", r.converged());
          details.put("iterations", r.iterations());
          details.put("residual", r.residual());
          details.put("errorBound", r.errorBound());
          details.put("refusedEvents", r.refusedEvents());
        });
    live.scopes().ifPresent(s -> details.put("scopes", scopes(s.scopes())));
    failure("refresh", status.refreshFailure(), details, down);

    if (source != null) {
      Map<String, Object> polls = new LinkedHashMap<>();
      if (status.lastPoll() != null) {
        polls.put("lastPoll", status.lastPoll().toString());
        polls.put("pollAge", Duration.between(status.lastPoll(), now).toString());
        SqlEventSource.Poll poll = status.lastPollResult();
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("recorded", poll.recorded());
        rows.put("removed", poll.removed());
        rows.put("contributions", poll.contributions());
        rows.put("merges", poll.merges());
        rows.put("skipped", poll.skipped());
        rows.put("ignored", poll.ignored());
        polls.put("lastPollRows", rows);
      }
      polls.put("rowsApplied", status.rowsApplied());
      polls.put("rowsSkipped", status.rowsSkipped());
      polls.put("cursors", source.cursors());
      failure("poll", status.pollFailure(), polls, down);
      details.put("source", polls);
    }
    if (table != null) {
      Map<String, Object> sink = new LinkedHashMap<>();
      sink.put("table", table);
      if (status.lastWrite() != null) {
        sink.put("lastWrite", status.lastWrite().toString());
      }
      sink.put("rowsWritten", status.rowsWritten());
      failure("write", status.sinkFailure(), sink, down);
      details.put("sink", sink);
    }
    Health.Builder health = down.isEmpty() ? Health.up() : Health.down();
    if (!down.isEmpty()) {
      health.withDetail("reason", String.join("; ", down));
    }
    return health.withDetails(details).build();
  }

  /** The scopes' count and their first {@link #LISTED_SCOPES} tags. */
  private static Map<String, Object> scopes(Set<String> tags) {
    Map<String, Object> scopes = new LinkedHashMap<>();
    scopes.put("count", tags.size());
    scopes.put("tags", tags.stream().limit(LISTED_SCOPES).toList());
    return scopes;
  }

  private static void failure(
      String step, Failure failure, Map<String, Object> details, List<String> down) {
    if (failure != null) {
      details.put("failure", failure.message());
      details.put("failedAt", failure.at().toString());
      down.add("the last " + step + " failed: " + failure.message());
    }
  }
}
