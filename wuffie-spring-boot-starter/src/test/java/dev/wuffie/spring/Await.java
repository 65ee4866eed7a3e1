package dev.wuffie.spring;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, boundedly, for something a background thread does: no timing is asserted. */
final class Await {
  /** Long enough for a loaded CI machine; a test that passes never waits this long. */
  static final Duration BOUND = Duration.ofSeconds(60);

  private Await() {}

  /**
   * Returns once {@code condition} holds; throws if it still does not after {@link #BOUND}.
   *
   * @param what what is awaited, for the failure message
   */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still waiting after " + BOUND + " for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
