package dev.wuffie.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines on stderr for a long job: once the job has run for {@value #DELAY_SECONDS} s, a
 * daemon thread prints what it is doing (bytes read so far, building the graph, scoring) every
 * {@value #PERIOD_SECONDS} s until {@link #close()}. A disabled instance (stderr is not a terminal)
 * prints nothing and starts no thread.
 *
 * <p>Thread-safe: the job thread sets the phase and counts bytes; the timer thread only reads them.
 */
final class Progress implements AutoCloseable {
  private static final long DELAY_SECONDS = 2;
  private static final long PERIOD_SECONDS = 2;

  private final PrintWriter err;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer;
  private volatile Supplier<String> phase = () -> "starting";

  private Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    if (enabled) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "wuffie-progress");
                thread.setDaemon(true);
                return thread;
              });
      timer.scheduleAtFixedRate(this::report, DELAY_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    } else {
      timer = null;
    }
  }

  /** Starts reporting to {@code err} if {@code enabled}. */
  static Progress start(PrintWriter err, boolean enabled) {
    return new Progress(err, enabled);
  }

  /** Wraps {@code in} so that the progress lines show how much of {@code name} has been read. */
  InputStream reading(InputStream in, String name, long size) {
    CountingInputStream counting = new CountingInputStream(in);
    phase =
        () -> {
          long read = counting.count;
          if (size <= 0) {
            return String.format(Locale.ROOT, "reading %s: %.1f MB", name, read / 1e6);
          }
          if (read >= size) {
            return String.format(
                Locale.ROOT, "read %s (%.1f MB), building the graph", name, size / 1e6);
          }
          return String.format(
              Locale.ROOT,
              "reading %s: %.1f of %.1f MB (%.0f%%)",
              name,
              read / 1e6,
              size / 1e6,
              100.0 * read / size);
        };
    return counting;
  }

  /** Sets what the progress lines say the job is doing. */
  void phase(String description) {
    phase = () -> description;
  }

  /** Stops reporting; no line is printed after this returns. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void report() {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    err.println("wuffie: " + phase.get() + " (" + seconds + " s)");
    err.flush();
  }

  /** Counts the bytes read through it; the count is written by one thread, read by another. */
  private static final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
