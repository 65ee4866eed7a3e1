package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.wuffie.graph.EndorsementGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads an endorsement edge list: into an {@link EndorsementGraph} ({@link #read}), or record by
 * record ({@link #readRecords}).
 *
 * <p>The format is {@link EdgeListFormat}'s: one endorsement per line, {@code
 * endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind]]]}, where {@code <sep>} is a comma, a tab
 * or a run of spaces (decided per line, in that order) and fields are trimmed. Blank lines and
 * lines starting with {@code #} or {@code %} are skipped, and a first line that looks like one is
 * taken as a header. LF, CRLF and CR line ends are accepted; gzip-compressed input is recognised by
 * its first bytes and read transparently; text must be UTF-8. A weight must be a finite number.
 *
 * <p>Into a graph: the lines are {@link EdgeListFormat#EDGES} (no kind), a missing or empty weight
 * counts 1, and the time is checked and otherwise ignored. As in {@link EndorsementGraph.Builder},
 * duplicate pairs are summed and self-endorsements dropped. A negative weight is an error unless
 * {@link #dropNegative(boolean)} is set, in which case the endorsement is dropped and counted while
 * both contributors stay in the graph.
 *
 * <p>Record by record: the lines are {@link EdgeListFormat#EVENTS}, all five columns, and each is
 * passed on as an {@link EdgeRecord}, its weight, time and kind as given (or absent), negative
 * weights included: what they mean is the consumer's to decide.
 *
 * <pre>{@code
 * EdgeListReader.Result read = EdgeListReader.create().dropNegative(true).read(path);
 * Reputation reputation = Reputation.compute(read.graph());
 *
 * List<EdgeRecord> records = new ArrayList<>();
 * EdgeListReader.create().readRecords(path, records::add);
 * }</pre>
 *
 * <p>Cost: one pass over the input, then, for a graph, {@link EndorsementGraph.Builder#build()}.
 * The input is parsed as bytes. Into a graph, it is cut into blocks of whole lines (1 MiB), which
 * worker threads, one per processor (at most 8), started for the call and ended before it returns,
 * parse while the calling thread reads the next blocks and adds the parsed ones to the graph, in
 * the order of the input: the result, and any error, are the same as with one thread. An input of
 * less than 64 KiB is parsed on the calling thread. A line of the common shape ({@code 12,34,1.5},
 * comma or tab) is parsed in one pass over its bytes; an id seen before is found without making a
 * String, by its value if it is a number below 2^24 written the usual way, else by its bytes; a
 * plain decimal weight or timestamp is parsed without a String. Records are parsed on the calling
 * thread, which then runs the consumer.
 *
 * <p>A reader holds only its settings: it is immutable and safe to share between threads.
 */
public final class EdgeListReader {
  private static final int KINDS_REMEMBERED = 16;
  private static final int MAX_WORKERS = 8;
  private static final int BLOCKS_PER_WORKER = 3;
  private static final int BLOCK_BYTES = 1 << 20;
  private static final int FIRST_BLOCK_BYTES = 1 << 16;
  private static final EdgeBlock NO_MORE_BLOCKS = new EdgeBlock(0);

  private final boolean dropNegative;
  private final int blockBytes;

  private EdgeListReader(boolean dropNegative, int blockBytes) {
    this.dropNegative = dropNegative;
    this.blockBytes = blockBytes;
  }

  /** A reader that rejects negative weights. */
  public static EdgeListReader create() {
    return new EdgeListReader(false, BLOCK_BYTES);
  }

  /**
   * Returns a reader that drops (and counts) negative weights if {@code dropNegative}, or rejects
   * them otherwise, when reading a graph. Records are passed on with their weights as given.
   */
  public EdgeListReader dropNegative(boolean dropNegative) {
    return new EdgeListReader(dropNegative, blockBytes);
  }

  /**
   * Returns a reader that cuts its input into blocks of {@code blockBytes} (for tests: small blocks
   * put many block ends among few lines).
   */
  EdgeListReader blockBytes(int blockBytes) {
    return new EdgeListReader(dropNegative, blockBytes);
  }

  /**
   * Receives the records of {@link #readRecords}, one at a time, in the order of the input.
   *
   * @param <X> the exception the consumer may throw, which ends the read
   */
  @FunctionalInterface
  public interface RecordConsumer<X extends Exception> {
    /**
     * Takes {@code record}.
     *
     * @throws X if the record is refused: reading stops, and {@link #readRecords} throws it
     */
    void accept(EdgeRecord record) throws X;
  }

  /** What a read produced. */
  public record Result(
      EndorsementGraph graph, long records, long droppedNegative, boolean headerSkipped) {}

  /**
   * Reads the edge list at {@code path}.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException on a malformed record (naming file and line), or if the file holds
   *     no endorsement
   * @throws IOException if reading fails
   */
  public Result read(Path path) throws IOException {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads an edge list from {@code in} (not closed), naming it {@code source} in error messages.
   *
   * @throws InputFormatException on a malformed record, or if the input holds no endorsement
   * @throws IOException if reading fails
   */
  public Result read(InputStream in, String source) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    LineBlocks blocks = new LineBlocks(Gzip.decompressing(in, source), source);
    Interner interner = new Interner(source);
    EdgeBlock first = new EdgeBlock(Math.min(blockBytes, FIRST_BLOCK_BYTES));
    if (blocks.fill(first)) {
      readInParallel(blocks, first, interner, source);
    } else {
      first.parse(source, dropNegative);
      interner.add(first);
    }
    LineBlocks.Failure failure = blocks.failure();
    if (failure != null) {
      throw failure.exception(interner.lines);
    }
    if (interner.records == 0) {
      throw EdgeListFormat.EDGES.noRecords(source);
    }
    return new Result(
        interner.builder.build(),
        interner.records,
        interner.droppedNegative,
        interner.headerSkipped);
  }

  /**
   * Reads the edge list at {@code path} record by record, passing each to {@code consumer}; returns
   * how many there were (the header, blank lines and comments excluded).
   *
   * @param <X> the exception {@code consumer} may throw
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException on a malformed record (naming file and line), or if the file holds
   *     no record; the records before it have been passed on
   * @throws IOException if reading fails
   * @throws X if {@code consumer} throws it: reading stops there
   */
  public <X extends Exception> long readRecords(Path path, RecordConsumer<X> consumer)
      throws IOException, X {
    checkNotNull(path, "path is null");
    try (InputStream in = Files.newInputStream(path)) {
      return readRecords(in, path.toString(), consumer);
    }
  }

  /**
   * Reads an edge list from {@code in} (not closed) record by record, passing each to {@code
   * consumer}, and naming the input {@code source} in error messages; returns how many records
   * there were.
   *
   * @param <X> the exception {@code consumer} may throw
   * @throws InputFormatException on a malformed record, or if the input holds no record; the
   *     records before it have been passed on
   * @throws IOException if reading fails
   * @throws X if {@code consumer} throws it: reading stops there
   */
  public <X extends Exception> long readRecords(
      InputStream in, String source, RecordConsumer<X> consumer) throws IOException, X {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    checkNotNull(consumer, "consumer is null");
    TextRecords records = new TextRecords(in, source);
    FewStrings kinds = new FewStrings(KINDS_REMEMBERED);
    long count = 0;
    boolean first = true;
    while (records.next()) {
      if (first) {
        first = false;
        if (EdgeListFormat.isHeader(records)) {
          continue;
        }
      }
      consumer.accept(EdgeListFormat.EVENTS.record(records, true, records.lineNumber(), kinds));
      count++;
    }
    if (count == 0) {
      throw EdgeListFormat.EVENTS.noRecords(source);
    }
    return count;
  }

  /**
   * Reads the blocks after {@code first} while worker threads, started for the call, parse them;
   * this thread takes the parsed blocks in order and adds their endorsements to the graph. A
   * failure is thrown once the blocks before it have been taken. This returns, or throws, only once
   * the workers have stopped. Waiting ignores interrupts, as reading the input does, and keeps the
   * interrupt status.
   */
  private void readInParallel(LineBlocks blocks, EdgeBlock first, Interner interner, String source)
      throws IOException {
    int workers = Math.max(1, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
    BlockingQueue<EdgeBlock> toParse = new LinkedBlockingQueue<>();
    AtomicBoolean stopped = new AtomicBoolean();
    Thread[] threads = new Thread[workers];
    for (int t = 0; t < workers; t++) {
      threads[t] =
          new Thread(() -> parseAll(toParse, stopped, source), "wuffie-edge-list-parser-" + t);
      threads[t].setDaemon(true);
      threads[t].start();
    }
    Deque<EdgeBlock> inFlight = new ArrayDeque<>();
    Deque<EdgeBlock> free = new ArrayDeque<>();
    boolean interrupted = false;
    try {
      inFlight.add(first);
      toParse.add(first);
      boolean more = true;
      while (more) {
        EdgeBlock block;
        if (!free.isEmpty()) {
          block = free.poll();
        } else if (inFlight.size() < workers * BLOCKS_PER_WORKER) {
          block = new EdgeBlock(blockBytes);
        } else {
          block = inFlight.poll();
          interrupted |= block.awaitParsed();
          interner.add(block);
        }
        more = blocks.fill(block);
        inFlight.add(block);
        toParse.add(block);
        while (!inFlight.isEmpty() && inFlight.peek().isParsed()) {
          EdgeBlock parsed = inFlight.poll();
          interner.add(parsed);
          free.add(parsed);
        }
      }
      while (!inFlight.isEmpty()) {
        EdgeBlock block = inFlight.poll();
        interrupted |= block.awaitParsed();
        interner.add(block);
      }
    } finally {
      stopped.set(true);
      for (int t = 0; t < workers; t++) {
        toParse.add(NO_MORE_BLOCKS);
      }
      for (Thread thread : threads) {
        while (thread.isAlive()) {
          try {
            thread.join();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A worker: parses blocks until it takes {@link #NO_MORE_BLOCKS}; skips them once stopped. */
  private void parseAll(BlockingQueue<EdgeBlock> toParse, AtomicBoolean stopped, String source) {
    while (true) {
      EdgeBlock block;
      try {
        block = toParse.take();
      } catch (InterruptedException e) { // nobody else knows this thread: go on
        continue;
      }
      if (block == NO_MORE_BLOCKS) {
        return;
      }
      if (!stopped.get()) {
        block.parse(source, dropNegative);
      }
      block.markParsed();
    }
  }

  /**
   * Takes parsed blocks, in the order of the input: numbers their ids in the order they first
   * appear and adds their endorsements to the graph builder; counts records and lines; throws the
   * first failure. An id that is a small number is found in an array indexed by it; any other id by
   * its bytes in an {@link IdTable} (looked up a batch at a time), which numbers them in the order
   * they first appear, and then in an array indexed by that number. Only an id new to the graph is
   * made a String and added to the builder, which gives it the next index.
   */
  private static final class Interner {
    private static final int BATCH = 1024; // ids

    private final String source;
    private final EndorsementGraph.Builder builder = EndorsementGraph.builder();
    private int[] indexByNumber = new int[0];
    private final IdTable otherIds = new IdTable();
    private int[] indexByOther = new int[0];
    private int[] otherNumbers = new int[BATCH];
    private long records;
    private long droppedNegative;
    private boolean headerSkipped;
    private long lines;

    Interner(String source) {
      this.source = source;
    }

    /**
     * Adds the endorsements of {@code block}, parsed; skips its first record if it is the input's
     * first and a header.
     *
     * @throws IOException the block's failure (with line numbers counted from the input's start)
     */
    void add(EdgeBlock block) throws IOException {
      int from = 0;
      if (block.headerLike && records == 0 && !headerSkipped) {
        headerSkipped = true;
        from = block.firstFailure == null ? 1 : 0;
      } else if (block.firstFailure != null) {
        throw numbered(block.firstFailure);
      }
      if (block.failure instanceof InputFormatException failure) {
        throw numbered(failure);
      } else if (block.failure instanceof IOException failure) {
        throw failure;
      } else if (block.failure instanceof RuntimeException failure) {
        throw failure;
      } else if (block.failure instanceof Error failure) {
        throw failure;
      }
      numberOtherIds(block.otherIds);
      int[] ids = block.ids;
      double[] weights = block.weights;
      for (int r = from; r < block.count; r++) {
        int endorser = index(ids[2 * r], block.otherIds);
        int endorsed = index(ids[2 * r + 1], block.otherIds);
        if (weights[r] >= 0) {
          builder.add(endorser, endorsed, weights[r]);
        } else {
          droppedNegative++;
        }
      }
      records += block.count - from;
      lines += block.lines;
    }

    /** Numbers the ids of {@code keys}: new ones get the next numbers, in order. */
    private void numberOtherIds(IdTable.Keys keys) {
      if (otherNumbers.length < keys.size()) {
        otherNumbers = new int[Math.max(keys.size(), 2 * otherNumbers.length)];
      }
      for (int from = 0; from < keys.size(); from += BATCH) {
        int to = Math.min(keys.size(), from + BATCH);
        otherIds.getOrAddAll(keys, from, to, otherNumbers, i -> otherIds.size());
      }
      if (indexByOther.length < otherIds.size()) {
        int length = indexByOther.length;
        indexByOther = Arrays.copyOf(indexByOther, Math.max(otherIds.size(), 2 * length));
        Arrays.fill(indexByOther, length, indexByOther.length, -1);
      }
    }

    /** The graph index of the id {@code id} of a block (see {@link EdgeBlock#ids}). */
    private int index(int id, IdTable.Keys keys) {
      if (id >= 0) {
        if (id >= indexByNumber.length) {
          int length = indexByNumber.length;
          int grown = Math.max(1024, Integer.highestOneBit(id) << 1);
          indexByNumber = Arrays.copyOf(indexByNumber, Math.min(EdgeBlock.DENSE_IDS, grown));
          Arrays.fill(indexByNumber, length, indexByNumber.length, -1);
        }
        int index = indexByNumber[id];
        if (index < 0) {
          index = indexByNumber[id] = builder.addContributor(Integer.toString(id));
        }
        return index;
      }
      int key = -1 - id;
      int number = otherNumbers[key];
      int index = indexByOther[number];
      if (index < 0) {
        index = indexByOther[number] = builder.addContributor(keys.utf8(key));
      }
      return index;
    }

    private InputFormatException numbered(InputFormatException e) {
      return e.line() <= 0 ? e : new InputFormatException(source, lines + e.line(), e.problem());
    }
  }
}
