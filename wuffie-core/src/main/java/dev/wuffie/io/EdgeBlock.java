package dev.wuffie.io;

import static dev.wuffie.io.EdgeListFormat.EDGES;

import java.io.IOException;
import java.util.Arrays;

/**
 * A block of whole lines of an edge list and the endorsements parsed from it, so that blocks can be
 * parsed on several threads at once and their endorsements then taken in the order of the input
 * (see {@link EdgeListReader}).
 *
 * <p>{@link #parse} reads the lines with the grammar of {@link EdgeListFormat#EDGES}. A line of the
 * common shape, two ids and up to two plain decimals separated by single commas or single tabs,
 * with no blanks and only ASCII, is parsed in one pass over its bytes; any other line goes through
 * {@link TextRecords}, which gives the same result for the lines the quick pass takes. An id is
 * kept as its number when it is a small one written the usual way ({@code 0}, {@code 42}, not
 * {@code 042} or {@code +42}): its String is then never needed until the id is new to the graph.
 * Other ids are kept as bytes in {@link #otherIds}.
 *
 * <p>A block does not know what comes before it, so two things are left to the reader that takes
 * the blocks in order: whether the block's first record is the input's first, and so may be a
 * header ({@link #headerLike}); and line numbers, which count from the block's start ({@link
 * #lines}) in the messages of {@link #failure} and {@link #firstFailure}.
 *
 * <p>Not thread-safe: one thread fills a block, another parses it, and the reader then takes it;
 * each hands it on through a synchronising queue or {@link #markParsed()}.
 */
final class EdgeBlock {
  /** Ids {@code 0 .. DENSE_IDS - 1} written the usual way are kept as numbers. */
  static final int DENSE_IDS = 1 << 24;

  private static final int DENSE_DIGITS = 8; // 10^8 - 1 < 2^31; DENSE_IDS has 8 digits
  private static final int INITIAL_RECORDS = 1 << 10;

  /** The text: whole lines, the last one without a line end only at the end of the input. */
  byte[] bytes;

  int length;

  /** Whether the text follows a CR, so that an LF at its start ends the line before it. */
  boolean afterCr;

  /** How many lines the block holds (after {@link #parse}, unless it failed). */
  long lines;

  /** How many endorsements were parsed. */
  int count;

  /**
   * The endorser and the endorsed id of each endorsement: {@code >= 0}, an id that is that number;
   * else {@code -1 - i} for {@link #otherIds} key {@code i}.
   */
  int[] ids = new int[2 * INITIAL_RECORDS];

  /** The weight of each endorsement: negative for one to drop (with {@code dropNegative}). */
  double[] weights = new double[INITIAL_RECORDS];

  final IdTable.Keys otherIds = new IdTable.Keys(INITIAL_RECORDS);

  /**
   * Whether the block's first record looks like a header ({@link EdgeListFormat#isHeader}): it is
   * skipped if it is the input's first record. Endorsement 0 is that record, unless it was
   * malformed ({@link #firstFailure}).
   */
  boolean headerLike;

  /** Why the block's first record, which looks like a header, is malformed; or null. */
  InputFormatException firstFailure;

  /** The failure that ended parsing (a malformed line, or a bug), or null. */
  Throwable failure;

  private boolean parsed;

  /** An empty block for up to {@code capacity} bytes of text (more if a line needs them). */
  EdgeBlock(int capacity) {
    bytes = new byte[capacity];
  }

  /** Empties the block for new text; its arrays are kept. */
  void clear() {
    length = 0;
    afterCr = false;
    lines = 0;
    count = 0;
    otherIds.clear();
    headerLike = false;
    firstFailure = null;
    failure = null;
    synchronized (this) {
      parsed = false;
    }
  }

  /**
   * Parses the text, naming {@code source} in messages; a negative weight is an error unless {@code
   * dropNegative}. Never throws: a failure is kept in {@link #failure}.
   */
  void parse(String source, boolean dropNegative) {
    TextRecords records = new TextRecords(bytes, 0, length, afterCr, source);
    boolean first = true;
    try {
      while (true) {
        // The first record may be a header: it goes through TextRecords, which tells.
        int next = first ? -1 : plainLine(bytes, records.position(), length);
        if (next >= 0) {
          records.skipLine(next);
          continue;
        }
        if (!records.next()) {
          break;
        }
        boolean header = first && EdgeListFormat.isHeader(records);
        first = false;
        try {
          add(records, dropNegative);
        } catch (InputFormatException e) {
          if (!header) {
            throw e;
          }
          firstFailure = e;
        }
        headerLike |= header;
      }
      lines = records.lineNumber();
    } catch (IOException | RuntimeException | Error e) { // in memory: an InputFormatException
      failure = e;
    }
  }

  /** Marks the block parsed, and wakes a thread waiting for it. */
  synchronized void markParsed() {
    parsed = true;
    notifyAll();
  }

  /** Whether the block has been parsed. */
  synchronized boolean isParsed() {
    return parsed;
  }

  /**
   * Waits until the block is parsed; returns whether the wait was interrupted (it goes on waiting,
   * so that no thread still works on the block when this returns).
   */
  synchronized boolean awaitParsed() {
    boolean interrupted = false;
    while (!parsed) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  /**
   * Checks the current record of {@code records} and adds its endorsement.
   *
   * @throws InputFormatException if it is malformed
   */
  private void add(TextRecords records, boolean dropNegative) throws InputFormatException {
    EDGES.checkFields(records);
    int fields = records.fieldCount();
    double weight = fields >= 3 && !records.isEmpty(2) ? EDGES.weight(records, true) : 1.0;
    if (fields == 4 && !records.isEmpty(3)) {
      EdgeListFormat.checkTimestamp(records); // the timestamp is only checked
    }
    if (weight < 0 && !dropNegative) {
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
    byte[] b = records.bytes();
    int endorser = id(b, records.start(0), records.end(0));
    int endorsed = id(b, records.start(1), records.end(1));
    add(endorser, endorsed, weight);
  }

  private void add(int endorser, int endorsed, double weight) {
    if (count == weights.length) {
      weights = Arrays.copyOf(weights, 2 * count);
      ids = Arrays.copyOf(ids, 4 * count);
    }
    ids[2 * count] = endorser;
    ids[2 * count + 1] = endorsed;
    weights[count++] = weight;
  }

  /** The id {@code b[from, to)}: its number if it is a small one, else an {@link #otherIds} key. */
  private int id(byte[] b, int from, int to) {
    int length = to - from;
    if (length <= DENSE_DIGITS && (b[from] != '0' || length == 1)) {
      int value = 0;
      int i = from;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        value = 10 * value + (b[i] - '0');
      }
      if (i == to && value < DENSE_IDS) {
        return value;
      }
    }
    return otherId(b, from, to);
  }

  private int otherId(byte[] b, int from, int to) {
    otherIds.add(b, from, to);
    return -otherIds.size();
  }

  /**
   * Parses the line at {@code b[from, ...)} if it has the common shape: {@code
   * id<sep>id[<sep>weight[<sep>timestamp]]}, {@code <sep>} one comma or one tab throughout (a line
   * of tabs holds no comma), ids of ASCII characters above the space other than commas, the weight
   * a plain decimal of at least zero and the timestamp a plain decimal (see {@link Bytes}), ended
   * by LF, CRLF, CR or the end of the text. Such a line holds no blank to trim, is not a comment
   * and cannot be a header, so {@link TextRecords} and {@link #add(TextRecords, boolean)} would
   * read it the same. Adds its endorsement and returns where the next line starts; or returns -1,
   * having added nothing, for any other line.
   */
  private int plainLine(byte[] b, int from, int end) {
    int i = from;
    // The endorser, as a number while it is one: stops at the first byte that is not an id's.
    int endorser = 0;
    boolean endorserNumber = true;
    byte c = 0;
    for (; i < end && (c = b[i]) > ' ' && c != ','; i++) {
      endorser = 10 * endorser + (c - '0');
      endorserNumber &= c >= '0' && c <= '9';
    }
    int endorserEnd = i;
    if (i == from || i == end || (c != ',' && c != '\t') || b[from] == '#' || b[from] == '%') {
      return -1;
    }
    byte separator = c;
    int endorsedStart = ++i;
    int endorsed = 0;
    boolean endorsedNumber = true;
    for (; i < end && (c = b[i]) > ' ' && c != ','; i++) {
      endorsed = 10 * endorsed + (c - '0');
      endorsedNumber &= c >= '0' && c <= '9';
    }
    int endorsedEnd = i;
    if (i == endorsedStart) {
      return -1;
    }
    double weight = 1.0;
    if (i < end && b[i] == separator) {
      int weightStart = ++i;
      i = fieldEnd(b, i, end);
      weight = Bytes.plainDecimal(b, weightStart, i);
      if (!(weight >= 0)) { // NaN: not a plain decimal
        return -1;
      }
      if (i < end && b[i] == separator) {
        int timeStart = ++i;
        i = fieldEnd(b, i, end);
        if (!Bytes.isPlainDecimal(b, timeStart, i)) {
          return -1;
        }
      }
    }
    int next;
    if (i == end) {
      next = end;
    } else if (b[i] == '\n') {
      next = i + 1;
    } else if (b[i] == '\r') {
      next = i + 1 < end && b[i + 1] == '\n' ? i + 2 : i + 1;
    } else {
      return -1; // a blank, a separator too many, a byte that is not ASCII, ...
    }
    add(
        endorserNumber ? number(b, from, endorserEnd, endorser) : otherId(b, from, endorserEnd),
        endorsedNumber
            ? number(b, endorsedStart, endorsedEnd, endorsed)
            : otherId(b, endorsedStart, endorsedEnd),
        weight);
    return next;
  }

  /**
   * The id {@code b[from, to)}, all digits, whose value (if it did not overflow) is {@code value}.
   */
  private int number(byte[] b, int from, int to, int value) {
    int length = to - from;
    if (length <= DENSE_DIGITS && (length == 1 || b[from] != '0') && value < DENSE_IDS) {
      return value;
    }
    return otherId(b, from, to);
  }

  /** The end of the field at {@code i}: the first byte that is a blank, a comma or not ASCII. */
  private static int fieldEnd(byte[] b, int i, int end) {
    while (i < end && b[i] > ' ' && b[i] != ',') {
      i++;
    }
    return i;
  }
}
