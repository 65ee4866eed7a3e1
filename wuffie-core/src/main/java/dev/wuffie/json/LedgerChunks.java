package dev.wuffie.json;

import dev.wuffie.LedgerEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The chunks of {@link LedgerLines}, read ahead on a second thread once the input holds more than
 * one chunk, so that the next chunk is parsed while the caller applies the one in hand. At most
 * three chunks are held: the one in hand, one waiting and one being read. The reading thread is a
 * daemon that {@link #close()} stops and waits for, so that nothing reads the input after the
 * caller is done with it; it is never interrupted (an interrupt would close a channel's stream
 * under its owner). A small input, of one chunk, is read on the caller's thread alone.
 *
 * <p>Also an {@link Iterator} for {@link dev.wuffie.Ledger#applyBatches(Iterator)}, which throws a
 * bad line or a failed read as a {@link Failure}. Used by one thread.
 */
final class LedgerChunks implements Iterator<List<LedgerEntry>>, AutoCloseable {
  private final LedgerLines lines;
  private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(1);
  private volatile boolean closed;
  private Thread reader; // null until the input proves larger than a chunk
  private boolean ended;
  private LedgerLines.Chunk next; // read, not yet returned
  private LedgerLines.Chunk last = LedgerLines.Chunk.END; // returned last
  private long offset; // of the chunk returned last, among all entries
  private long total; // entries returned

  LedgerChunks(LedgerLines lines) {
    this.lines = lines;
  }

  /** The next chunk, empty at the end of the input. */
  LedgerLines.Chunk take() throws IOException {
    if (next == null) {
      next = read();
    }
    LedgerLines.Chunk chunk = next;
    next = null;
    last = chunk;
    offset = total;
    total += chunk.entries().size();
    return chunk;
  }

  /** The chunk returned last. */
  LedgerLines.Chunk last() {
    return last;
  }

  /** The position of the first entry of the chunk returned last, among all entries. */
  long offset() {
    return offset;
  }

  /** The number of entries returned. */
  long total() {
    return total;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = read();
      } catch (IOException e) {
        throw new Failure(e);
      }
    }
    return !next.entries().isEmpty();
  }

  @Override
  public List<LedgerEntry> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      return take().entries();
    } catch (IOException e) {
      throw new AssertionError(e); // read already by hasNext()
    }
  }

  private LedgerLines.Chunk read() throws IOException {
    if (ended) {
      return LedgerLines.Chunk.END;
    }
    if (reader == null) {
      LedgerLines.Chunk chunk = readOrEnd();
      if (lines.isFull(chunk)) {
        reader = new Thread(this::readAhead, "wuffie-ledger-reader");
        reader.setDaemon(true);
        reader.start();
      }
      return chunk;
    }
    Object item;
    try {
      item = ahead.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
    if (item instanceof LedgerLines.Chunk chunk) {
      ended = chunk.entries().isEmpty();
      return chunk;
    } else if (item instanceof IOException e) {
      ended = true;
      throw e;
    } else if (item instanceof RuntimeException e) {
      ended = true;
      throw e;
    }
    ended = true;
    throw (Error) item;
  }

  /** A chunk on this thread: the end is remembered, and so is a failure. */
  private LedgerLines.Chunk readOrEnd() throws IOException {
    try {
      LedgerLines.Chunk chunk = lines.next();
      ended = chunk.entries().isEmpty();
      return chunk;
    } catch (IOException | RuntimeException | Error e) {
      ended = true;
      throw e;
    }
  }

  /** The reading thread: chunks, then the end or a failure, into {@link #ahead}. */
  private void readAhead() {
    Object item;
    do {
      try {
        item = lines.next();
      } catch (IOException | RuntimeException | Error e) {
        item = e;
      }
    } while (put(item) && item instanceof LedgerLines.Chunk chunk && !chunk.entries().isEmpty());
  }

  /** Hands {@code item} to the caller; false if it is closed. */
  private boolean put(Object item) {
    try {
      while (!closed) {
        if (ahead.offer(item, 10, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // nobody interrupts this thread; end quietly if so
    }
    return false;
  }

  /** Stops reading ahead and waits for the reading thread to end: it reads nothing after this. */
  @Override
  public void close() {
    closed = true;
    if (reader != null) {
      boolean interrupted = false;
      while (reader.isAlive()) {
        try {
          reader.join();
        } catch (InterruptedException e) {
          interrupted = true; // the input must not be read after we return: wait on
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A bad line or a failed read, thrown through the {@link Iterator}. */
  static final class Failure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Failure(IOException cause) {
      super(cause);
    }
  }
}
