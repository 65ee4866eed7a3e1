package dev.wuffie.spring;

import dev.wuffie.jdbc.SqlEventSource;
import java.time.Instant;

/**
 * What the {@link WuffieRunner} has done so far: the last refresh, the last poll of the site's
 * tables and the last write of the score table, with the last failure of each. The health indicator
 * and the meters read it; a site may show it on an admin page.
 *
 * <p>A failure stays until the next success of the same step clears it. Totals count from the
 * application's start. Immutable.
 *
 * @param startedAt when the runner started
 * @param lastRefresh when a refresh last completed, whether it published a new reputation or found
 *     nothing new (so the published one is current); also when the ledger was found empty, with
 *     nothing to score; null before the first
 * @param lastPublished when a refresh last published a new reputation; null before the first
 * @param refreshFailure the last refresh's failure, or null if it succeeded
 * @param lastPoll when a poll of the site's tables last succeeded; null without a source, or before
 *     the first
 * @param lastPollResult what that poll read, or null
 * @param rowsApplied the rows the polls applied to the ledger (events recorded and removed,
 *     contributions, merges)
 * @param rowsSkipped the bad rows the polls skipped (under {@code wuffie.source.bad-rows=skip})
 * @param pollFailure the last poll's failure, or null if it succeeded
 * @param lastWrite when the score table was last written; null without a sink, or before the first
 * @param rowsWritten the rows the score table's writes inserted, updated or deleted
 * @param sinkFailure the last write's failure, or null if it succeeded; a refresh tick writes again
 */
public record WuffieStatus(
    Instant startedAt,
    Instant lastRefresh,
    Instant lastPublished,
    Failure refreshFailure,
    Instant lastPoll,
    SqlEventSource.Poll lastPollResult,
    long rowsApplied,
    long rowsSkipped,
    Failure pollFailure,
    Instant lastWrite,
    long rowsWritten,
    Failure sinkFailure) {

  /**
   * A step that failed.
   *
   * @param at when
   * @param message the exception's message, prefixed by its type when that says more
   */
  public record Failure(Instant at, String message) {

    static Failure of(Instant at, Throwable e) {
      String message = e.getMessage();
      return new Failure(
          at,
          message == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message);
    }
  }
}
