package dev.wuffie.spring;

import dev.wuffie.Refresh;
import dev.wuffie.jdbc.SqlEventSource;

/** Told by the {@link WuffieRunner} of every poll and refresh it runs, with its duration. */
interface RunObserver {
  /** Observes nothing. */
  RunObserver NONE = new RunObserver() {};

  /** A refresh completed; {@link Refresh#unchanged()} says whether it published anything. */
  default void refreshed(Refresh refresh, long nanos) {}

  /** A refresh failed. */
  default void refreshFailed(long nanos) {}

  /** A poll completed. */
  default void polled(SqlEventSource.Poll poll, long nanos) {}

  /** A poll failed. */
  default void pollFailed(long nanos) {}
}
