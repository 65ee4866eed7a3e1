package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.wuffie.io.EdgeListFormat.EDGES;

import dev.wuffie.graph.EndorsementGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 * The input is parsed as bytes, in large chunks. Into a graph, an id seen before is found by its
 * bytes without making a String, and a plain decimal weight or timestamp is parsed without one; an
 * input of more than 8,192 records is parsed on a second thread, started for the call and ended
 * before it returns, while the calling thread builds the graph: the result, and any error, are the
 * same as with one thread. Records are parsed on the calling thread, which then runs the consumer.
 *
 * <p>A reader holds only its settings: it is immutable and safe to share between threads.
 */
public final class EdgeListReader {
  private static final int CHUNK_RECORDS = 8192;
  private static final int CHUNKS_IN_FLIGHT = 4;
  private static final int KINDS_REMEMBERED = 16;

  private final boolean dropNegative;

  private EdgeListReader(boolean dropNegative) {
    this.dropNegative = dropNegative;
  }

  /** A reader that rejects negative weights. */
  public static EdgeListReader create() {
    return new EdgeListReader(false);
  }

  /**
   * Returns a reader that drops (and counts) negative weights if {@code dropNegative}, or rejects
   * them otherwise, when reading a graph. Records are passed on with their weights as given.
   */
  public EdgeListReader dropNegative(boolean dropNegative) {
    return new EdgeListReader(dropNegative);
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
    Parser parser = new Parser(new TextRecords(in, source), dropNegative);
    Interner interner = new Interner();
    Chunk chunk = new Chunk();
    boolean more = parser.fill(chunk);
    interner.add(chunk);
    if (more) {
      readRestInParallel(parser, interner, chunk);
    }
    if (parser.count == 0) {
      throw EdgeListFormat.EDGES.noRecords(source);
    }
    return new Result(
        interner.builder.build(), parser.count, parser.droppedNegative, parser.headerSkipped);
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
   * Reads the input after its first chunk: a helper thread parses and checks the records, chunk
   * after chunk, while this thread interns their ids and adds them to the graph builder. A failure
   * of the helper is thrown here once the chunks before it are in the builder. This returns, or
   * throws, only once the helper has stopped using the input; if this thread fails, the helper
   * stops after the chunk it is parsing. Waiting ignores interrupts, as reading the input does, and
   * keeps the interrupt status.
   */
  private static void readRestInParallel(Parser parser, Interner interner, Chunk first)
      throws IOException {
    // The chunks go round: free, filled by the helper, parsed, added by this thread, free again.
    BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    BlockingQueue<Chunk> parsed = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 1);
    free.add(first);
    for (int i = 1; i < CHUNKS_IN_FLIGHT; i++) {
      free.add(new Chunk());
    }
    Thread helper = new Thread(() -> parser.fillAll(free, parsed), "wuffie-edge-list-parser");
    helper.setDaemon(true);
    helper.start();
    boolean interrupted = false;
    boolean done = false;
    Chunk chunk = null;
    try {
      while (!done) {
        try {
          chunk = parsed.take();
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        if (chunk.failure instanceof IOException failure) {
          throw failure;
        } else if (chunk.failure instanceof RuntimeException failure) {
          throw failure;
        } else if (chunk.failure instanceof Error failure) {
          throw failure;
        }
        interner.add(chunk);
        done = chunk.last;
        free.add(chunk);
        chunk = null;
      }
    } finally {
      if (!done) {
        parser.stopped = true;
        if (chunk != null && chunk.failure == null) {
          free.add(chunk); // wakes the helper if it waits for a free chunk
        }
      }
      while (helper.isAlive()) {
        try {
          helper.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Endorsements read and checked, to be added to the graph. */
  private static final class Chunk {
    private final IdTable.Keys ids = new IdTable.Keys(2 * CHUNK_RECORDS); // endorser, endorsed
    private final double[] weights = new double[CHUNK_RECORDS];
    private int count;
    private boolean last;
    private Throwable failure;

    /**
     * Adds the endorsement of the current record; a negative weight is one dropped by {@code
     * dropNegative}: its contributors still enter the graph.
     */
    void add(TextRecords records, double weight) {
      ids.add(records.bytes(), records.start(0), records.end(0));
      ids.add(records.bytes(), records.start(1), records.end(1));
      weights[count++] = weight;
    }

    boolean isFull() {
      return count == CHUNK_RECORDS;
    }

    void clear() {
      ids.clear();
      count = 0;
    }
  }

  /** Reads records, checks them and collects them into chunks; counts them. */
  private static final class Parser {
    private final TextRecords records;
    private final boolean dropNegative;
    private long count;
    private long droppedNegative;
    private boolean headerSkipped;
    private volatile boolean stopped;

    Parser(TextRecords records, boolean dropNegative) {
      this.records = records;
      this.dropNegative = dropNegative;
    }

    /**
     * Fills {@code chunk} with the next records, up to its capacity; false if the input ended.
     *
     * @throws InputFormatException on a malformed record
     * @throws IOException if reading fails
     */
    boolean fill(Chunk chunk) throws IOException {
      chunk.clear();
      while (!chunk.isFull()) {
        if (!records.next()) {
          return false;
        }
        if (count == 0 && !headerSkipped && EdgeListFormat.isHeader(records)) {
          headerSkipped = true;
          continue;
        }
        EDGES.checkFields(records);
        int fields = records.fieldCount();
        double weight = fields >= 3 && !records.isEmpty(2) ? EDGES.weight(records, true) : 1.0;
        if (fields == 4 && !records.isEmpty(3)) {
          EdgeListFormat.checkTimestamp(records); // the timestamp is only checked
        }
        count++;
        if (weight < 0) {
          if (!dropNegative) {
            throw records.error(
                "negative weight "
                    + records.field(2)
                    + " for "
                    + records.field(0)
                    + " -> "
                    + records.field(1)
                    + "; weights must be >= 0: drop negative ratings with dropNegative(true)"
                    + " (--drop-negative on the command line, or --distrust to apply them as"
                    + " distrust)");
          }
          droppedNegative++;
        }
        chunk.add(records, weight);
      }
      return true;
    }

    /**
     * Fills the chunks of {@code free} and passes them on to {@code parsed} until the input ends
     * (the last chunk is marked as such), a failure (passed on in the last chunk) or {@link
     * #stopped}.
     */
    void fillAll(BlockingQueue<Chunk> free, BlockingQueue<Chunk> parsed) {
      Chunk chunk = null;
      try {
        boolean more = true;
        while (more) {
          chunk = free.take();
          if (stopped) {
            return;
          }
          more = fill(chunk);
          chunk.last = !more;
          parsed.add(chunk);
          chunk = null;
        }
      } catch (IOException | RuntimeException | Error e) {
        fail(chunk, e, parsed);
      } catch (InterruptedException e) { // nobody else knows this thread
        fail(chunk, new InterruptedIOException("reading was interrupted"), parsed);
      }
    }

    private static void fail(Chunk chunk, Throwable failure, BlockingQueue<Chunk> parsed) {
      Chunk failed = chunk == null ? new Chunk() : chunk;
      failed.failure = failure;
      failed.last = true;
      parsed.add(failed);
    }
  }

  /**
   * Adds chunks to the graph builder. Ids are interned a batch at a time by their bytes (see {@link
   * IdTable}): only an id not seen before is decoded to a String and added to the builder, which
   * gives it the next index, in the order of the input.
   */
  private static final class Interner {
    private static final int BATCH = 1024; // ids

    private final EndorsementGraph.Builder builder = EndorsementGraph.builder();
    private final IdTable indexByIdBytes = new IdTable();
    private final int[] indices = new int[2 * CHUNK_RECORDS];

    void add(Chunk chunk) {
      IdTable.Keys ids = chunk.ids;
      for (int from = 0; from < ids.size(); from += BATCH) {
        int to = Math.min(ids.size(), from + BATCH);
        indexByIdBytes.getOrAddAll(
            ids, from, to, indices, i -> builder.addContributor(ids.utf8(i)));
      }
      for (int r = 0; r < chunk.count; r++) {
        if (chunk.weights[r] >= 0) {
          builder.add(indices[2 * r], indices[2 * r + 1], chunk.weights[r]);
        }
      }
    }
  }
}
