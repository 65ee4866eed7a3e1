package dev.wuffie.spark;

import java.util.function.Supplier;

/**
 * Brings the core's messages back from Spark's executors: a function that throws there fails the
 * task, and the driver sees a {@code SparkException} around it. The first {@link
 * IllegalArgumentException} or {@link NullPointerException} in the chain of causes is what the core
 * said about the input; it is thrown again, the same object (so its type, such as {@link
 * dev.wuffie.UnknownKindException}, survives), with the Spark failure added as suppressed. Any
 * other checked exception from Spark is thrown as an {@link IllegalStateException}.
 */
final class Failures {
  private Failures() {}

  static <T> T unwrapped(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw e;
    } catch (Exception e) { // Spark's own SparkException is checked, but Scala throws it anyway
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
          RuntimeException core = (RuntimeException) cause;
          core.addSuppressed(e);
          throw core;
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
    }
  }
}
