package dev.wuffie;

/**
 * Told of every refresh of a {@link LiveReputation}, on the thread that ran it. Keep it quick, or
 * hand the work to another thread: the next refresh waits for listeners to return.
 */
public interface RefreshListener {

  /** A refresh published a new reputation. */
  void refreshed(Refresh refresh);

  /** An automatic refresh failed; the last published reputation stays. Does nothing by default. */
  default void failed(RuntimeException failure) {}
}
