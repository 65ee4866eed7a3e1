package dev.wuffie.json;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import dev.wuffie.LiveReputation;
import dev.wuffie.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads and writes a {@link Ledger} as JSON Lines: one {@link LedgerEntry} per line, in the format
 * documented in {@link dev.wuffie.json}. A file can be written whole from a snapshot ({@link
 * #write(LedgerSnapshot, Path)}) or grown one line at a time as a site records ({@link
 * #line(LedgerEntry)}); reading applies the whole file to a ledger as one batch, or nothing, and
 * {@link #importInto(Path, LiveReputation)} feeds one into a running live reputation.
 *
 * <pre>{@code
 * LedgerJson.write(ledger.snapshot(), Path.of("ledger.jsonl"));   // atomic: old file or new
 * Ledger restored = Ledger.create();
 * LedgerJson.defaults().read(Path.of("ledger.jsonl"), restored);  // same snapshot content
 * }</pre>
 *
 * <p><b>Writing</b> a snapshot emits a line for each of its {@linkplain LedgerSnapshot#entries()
 * entries}: every contributor, then every contribution, every event in id order, every merge and
 * every retraction, so that reading the file into an empty ledger gives a snapshot with the same
 * content: the same contributors in the same order, events, values, times (to the millisecond),
 * retractions, shares (bit for bit), contributions' tags and the same person for every contributor.
 * A contribution's tags are written as {@code "tags": ["brewing", ...]} after its authors, and only
 * when it has some, so a file of a ledger without tags reads as it did before tags. A merge is
 * written as the account and the person it ends up belonging to, which resolves the same now and
 * after any later merge. {@link #write(LedgerSnapshot, Path)} writes a temporary file in the same
 * directory, forces it to the device and moves it over the target atomically, so a reader or a
 * crash never sees half a file.
 *
 * <p><b>Reading</b> streams the input line by line (plain or gzip-compressed UTF-8, a byte order
 * mark allowed; blank lines are skipped), checks each line, and applies the entries to the ledger
 * in chunks of 8,192 with {@link Ledger#applyBatches}, as one: all of them or, if one is refused,
 * none. Every problem is an {@link InputFormatException} whose message names the file, the line,
 * the column when there is one, what was wrong and how to fix it; it is the problem of the first
 * bad line, and the ledger is then unchanged. Event ids in {@code retract} lines count from the
 * ledger's first event, as the ids {@link Ledger#record} returned: read an export into an empty
 * ledger.
 *
 * <p><b>Limits</b> against hostile or mistaken input, each with its default and a {@link Builder}
 * setting: a line may hold at most {@link #DEFAULT_MAX_LINE_BYTES} bytes, an id (of a contributor,
 * a contribution, an author or a kind) at most {@link #DEFAULT_MAX_ID_LENGTH} characters, and a
 * file at most {@link #DEFAULT_MAX_ENTRIES} entries. Breaking one is an error naming the line, the
 * limit and how to raise it.
 *
 * <p>Cost: reading is one pass over the input, at about a million entries a second on two cores
 * (see wuffie-jmh's README). A line in the writer's form is read from its bytes without Jackson;
 * any other line goes through Jackson. A file of more than one chunk is parsed on a second thread
 * (a daemon that ends before the read returns) while the calling thread applies the chunk before,
 * so a validator must be safe to call from another thread. Memory: at most three chunks of entries,
 * besides what the ledger keeps. The ledger's lock is held from the first chunk to the last, so
 * other threads' mutations and snapshots wait for the read (see {@link Ledger#applyBatches}).
 * Writing is one pass over the snapshot.
 *
 * <p>Instances hold only their limits: they are immutable and safe to share between threads.
 */
public final class LedgerJson {
  /** The default of {@link Builder#maxLineBytes(int)}: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  /** The default of {@link Builder#maxIdLength(int)}: 1,024 characters. */
  public static final int DEFAULT_MAX_ID_LENGTH = 1024;

  /** The default of {@link Builder#maxEntries(int)}: 10 million entries. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000_000;

  /** The most entries that {@code read} and {@code importInto} hold at a time. */
  static final int CHUNK_ENTRIES = 1 << 13;

  private static final LedgerJson DEFAULTS = builder().build();
  private static final String BATCH_ELEMENT = "batch element ";

  private final int maxLineBytes;
  private final int maxIdLength;
  private final int maxEntries;
  private final Consumer<? super Endorsement> validator; // null if none
  private final ObjectReader reader;

  private LedgerJson(Builder builder) {
    this.maxLineBytes = builder.maxLineBytes;
    this.maxIdLength = builder.maxIdLength;
    this.maxEntries = builder.maxEntries;
    this.validator = builder.validator;
    this.reader =
        Json.MAPPER
            .readerFor(LedgerEntry.class)
            .withAttribute(LedgerEntryDeserializer.MAX_ID_LENGTH, maxIdLength);
  }

  /** A reader with the default limits and no validator. */
  public static LedgerJson defaults() {
    return DEFAULTS;
  }

  /** A builder of readers, starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The longest line read, in bytes before its line end. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** The longest id read, in characters (UTF-16 units, as {@link String#length()} counts). */
  public int maxIdLength() {
    return maxIdLength;
  }

  /** The most entries one file may hold. */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * Reads the JSON Lines file {@code path} and applies its entries to {@code ledger}, all or none.
   *
   * @return the number of entries applied
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException if a line is malformed, breaks a limit, or holds an entry that the
   *     ledger (or the validator) refuses; the message names the file and line. The ledger is then
   *     unchanged.
   * @throws IOException if reading fails
   */
  public int read(Path path, Ledger ledger) throws IOException {
    checkNotNull(path, "path is null");
    checkNotNull(ledger, "ledger is null");
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString(), ledger);
    }
  }

  /**
   * Reads JSON Lines from {@code in} (not closed), naming it {@code source} in messages, and
   * applies its entries to {@code ledger}, all or none.
   *
   * @return the number of entries applied
   * @throws InputFormatException as by {@link #read(Path, Ledger)}; the ledger is then unchanged
   * @throws IOException if reading fails
   */
  public int read(InputStream in, String source, Ledger ledger) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    checkNotNull(ledger, "ledger is null");
    return read(in, source, ledger, CHUNK_ENTRIES);
  }

  /** As {@link #read(InputStream, String, Ledger)}, in chunks of {@code chunk} entries. */
  int read(InputStream in, String source, Ledger ledger, int chunk) throws IOException {
    LedgerChunks chunks = new LedgerChunks(new LedgerLines(in, source, this, chunk, maxEntries));
    try (chunks) {
      ledger.applyBatches(chunks);
      return (int) chunks.total();
    } catch (LedgerChunks.Failure e) {
      throw e.getCause();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw refused(e, source, chunks);
    }
  }

  /**
   * Reads the JSON Lines file {@code path} into {@code live}, in chunks, without ever holding the
   * whole file: as by {@link #importInto(InputStream, String, LiveReputation)}.
   *
   * @return the number of entries imported
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InputFormatException if a line is malformed, breaks a limit, or holds an entry that the
   *     policy, the ledger or the validator refuses; the message names the file and line, and the
   *     entries before that line are imported
   * @throws IOException if reading fails
   */
  public long importInto(Path path, LiveReputation live) throws IOException {
    checkNotNull(path, "path is null");
    checkNotNull(live, "live reputation is null");
    try (InputStream in = Files.newInputStream(path)) {
      return importInto(in, path.toString(), live);
    }
  }

  /**
   * Reads JSON Lines from {@code in} (not closed), naming it {@code source} in messages, into the
   * ledger of {@code live}: in chunks of 8,192 entries, each checked against the policy and applied
   * as by {@link LiveReputation#apply(List)} (so an event of a kind the policy does not know is
   * refused, and the imported entries count towards its {@link LiveReputation.Builder#refreshAfter
   * refreshAfter}). This is how a site loads a large export into a running service: only one chunk
   * is ever held, and the service keeps recording, refreshing and publishing between chunks.
   *
   * <p><b>A bad line</b> stops the import there: every entry before it is imported, it and every
   * line after it are not, and the {@link InputFormatException} names the file and the line, as
   * {@link #read(InputStream, String, Ledger)} would. So the file can be fixed and its rest, from
   * that line on, imported again. Not all or nothing, unlike {@code read}: to undo what was
   * imported, other threads' events recorded in between would have to be undone too, and to keep
   * them out, the ledger would have to be locked for the whole import, stopping the service. A site
   * that wants all or nothing reads the file into the ledger with {@link #read(InputStream, String,
   * Ledger)} before the service starts. {@link #maxEntries()} does not apply here: it bounds what
   * one read holds, and an import holds one chunk.
   *
   * <pre>{@code
   * long imported = LedgerJson.defaults().importInto(Path.of("export.jsonl"), live);
   * live.refresh();
   * }</pre>
   *
   * <p>Cost: one pass over the input, about as fast as {@code read}; memory: a few chunks of
   * entries, a few MB, besides what the ledger keeps. A refused chunk is applied again one entry at
   * a time, to import the entries before the bad line.
   *
   * <p>Thread safety: safe to call while other threads use {@code live}; their events land between
   * chunks. Each chunk is applied under the ledger's lock, as {@link dev.wuffie.Ledger#apply(List)}
   * says.
   *
   * @return the number of entries imported
   * @throws InputFormatException as by {@link #importInto(Path, LiveReputation)}
   * @throws IOException if reading fails; the chunks before are imported
   */
  public long importInto(InputStream in, String source, LiveReputation live) throws IOException {
    checkNotNull(in, "input stream is null");
    checkNotNull(source, "source name is null");
    checkNotNull(live, "live reputation is null");
    return importInto(in, source, live::apply, CHUNK_ENTRIES);
  }

  /** As above, handing the chunks of {@code chunk} entries to {@code sink}. */
  long importInto(InputStream in, String source, Sink sink, int chunk) throws IOException {
    LedgerLines lines = new LedgerLines(in, source, this, chunk, Long.MAX_VALUE);
    try (LedgerChunks chunks = new LedgerChunks(lines)) {
      for (LedgerLines.Chunk c = chunks.take(); !c.entries().isEmpty(); c = chunks.take()) {
        try {
          sink.apply(c.entries());
        } catch (IllegalArgumentException | IllegalStateException e) {
          applyUpToRefused(c, sink, source);
        }
      }
      return chunks.total();
    }
  }

  /**
   * Applies the entries of {@code chunk}, which {@code sink} refused, one at a time, up to the
   * first one it refuses: an error naming that entry's line.
   */
  private static void applyUpToRefused(LedgerLines.Chunk chunk, Sink sink, String source)
      throws InputFormatException {
    for (int i = 0; i < chunk.entries().size(); i++) {
      try {
        sink.apply(List.of(chunk.entries().get(i)));
      } catch (IllegalArgumentException | IllegalStateException refusal) {
        String message = String.valueOf(refusal.getMessage());
        if (message.startsWith(BATCH_ELEMENT + "0: ")) {
          message = message.substring(BATCH_ELEMENT.length() + 3);
        }
        throw new InputFormatException(source, chunk.lineOf(i), 0, message);
      }
    }
  }

  /** Where {@link #importInto(InputStream, String, Sink, int)} hands its chunks. */
  @FunctionalInterface
  interface Sink {
    /** Applies {@code entries}, all or none, as {@link LiveReputation#apply(List)}. */
    void apply(List<LedgerEntry> entries);
  }

  /**
   * Writes everything {@code snapshot} holds to the file {@code path} as JSON Lines, atomically:
   * through a temporary file in the same directory that is forced to the device and then moved over
   * {@code path}, so that {@code path} holds either its old content or the whole new one. Where the
   * file system cannot move atomically, the move replaces the file non-atomically. If writing
   * fails, {@code path} is left as it was and the temporary file is deleted.
   *
   * @throws IOException if writing, forcing or moving fails
   */
  public static void write(LedgerSnapshot snapshot, Path path) throws IOException {
    write(snapshot, path, UnaryOperator.identity());
  }

  /** As {@link #write(LedgerSnapshot, Path)}, with the file's stream wrapped first (for tests). */
  static void write(LedgerSnapshot snapshot, Path path, UnaryOperator<OutputStream> wrapper)
      throws IOException {
    checkNotNull(snapshot, "snapshot is null");
    checkNotNull(path, "path is null");
    AtomicFiles.write(path, out -> write(snapshot, out), wrapper);
  }

  /**
   * Writes everything {@code snapshot} holds to {@code out} (flushed, not closed) as JSON Lines.
   *
   * @throws IOException if writing fails
   */
  public static void write(LedgerSnapshot snapshot, OutputStream out) throws IOException {
    checkNotNull(snapshot, "snapshot is null");
    checkNotNull(out, "output stream is null");
    try (JsonGenerator g =
        Json.MAPPER
            .getFactory()
            .createGenerator(out)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.setRootValueSeparator(null);
      for (Iterator<LedgerEntry> entries = snapshot.entries().iterator(); entries.hasNext(); ) {
        writeLine(g, entries.next());
      }
      g.flush();
    }
  }

  /**
   * One entry as a line of JSON, without a line end: what a site appends to its ledger file as it
   * records, so that the file can be read back with {@link #read(Path, Ledger)}.
   */
  public static String line(LedgerEntry entry) {
    checkNotNull(entry, "entry is null");
    try {
      return Json.MAPPER.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing " + entry + " failed", e);
    }
  }

  private static void writeLine(JsonGenerator g, LedgerEntry entry) throws IOException {
    Json.MAPPER.writeValue(g, entry);
    g.writeRaw('\n');
  }

  /**
   * The entry on one line, read by the full deserializer (package-private for the test that holds
   * {@link CanonicalLine} to it).
   */
  LedgerEntry parse(CharBuffer chars, String source, long line) throws IOException {
    try (JsonParser p =
        Json.MAPPER
            .getFactory()
            .createParser(
                chars.array(), chars.arrayOffset() + chars.position(), chars.remaining())) {
      if (p.nextToken() == null) {
        throw new InputFormatException(source, line, 0, "no JSON found; " + LedgerFormat.SHAPES);
      }
      LedgerEntry entry = reader.readValue(p);
      if (entry == null) {
        throw new InputFormatException(source, line, 1, "found null; " + LedgerFormat.SHAPES);
      }
      if (p.nextToken() != null) {
        throw error(
            source,
            line,
            p.currentTokenLocation(),
            "more content after the entry; a line holds exactly one entry");
      }
      return entry;
    } catch (JsonParseException e) {
      throw error(
          source,
          line,
          e.getLocation(),
          Json.problem(e)
              + "; a line of a ledger file is one JSON object, such as {\"contributor\":\"alice\"}");
    } catch (JsonProcessingException e) {
      throw error(source, line, e.getLocation(), Json.problem(e));
    }
  }

  private static InputFormatException error(
      String source, long line, JsonLocation at, String problem) {
    long column = at == null ? 0 : Math.max(0, at.getColumnNr());
    return new InputFormatException(source, line, column, problem);
  }

  /** The ledger's refusal of the batch, with the line of the entry it names. */
  private static InputFormatException refused(
      RuntimeException e, String source, LedgerChunks chunks) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith(BATCH_ELEMENT)) {
      int colon = message.indexOf(": ");
      try {
        long element =
            Long.parseLong(message.substring(BATCH_ELEMENT.length(), colon)) - chunks.offset();
        if (element >= 0 && element < chunks.last().entries().size()) {
          return new InputFormatException(
              source, chunks.last().lineOf((int) element), 0, message.substring(colon + 2));
        }
      } catch (NumberFormatException | IndexOutOfBoundsException ignored) {
        // not the ledger's own prefix: report it as it is
      }
    }
    return new InputFormatException(source, 0, 0, "the ledger refused the file: " + message);
  }

  /** The validator of events, or null if none. */
  Consumer<? super Endorsement> validator() {
    return validator;
  }

  /**
   * Sets up a {@link LedgerJson} reader. Defaults: {@link #DEFAULT_MAX_LINE_BYTES}, {@link
   * #DEFAULT_MAX_ID_LENGTH}, {@link #DEFAULT_MAX_ENTRIES}, no validator. Not thread-safe.
   */
  public static final class Builder {
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private int maxIdLength = DEFAULT_MAX_ID_LENGTH;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private Consumer<? super Endorsement> validator;

    private Builder() {}

    /**
     * The longest line to read, in bytes before its line end (default {@link
     * #DEFAULT_MAX_LINE_BYTES}). A longer line is refused as soon as the limit is passed; it bounds
     * the memory one line takes.
     *
     * @throws IllegalArgumentException if {@code maxLineBytes < 1}
     */
    public Builder maxLineBytes(int maxLineBytes) {
      checkArgument(maxLineBytes >= 1, "maxLineBytes %s must be at least 1", maxLineBytes);
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /**
     * The longest id to accept, in characters (default {@link #DEFAULT_MAX_ID_LENGTH}):
     * contributor, contribution, author and kind ids alike.
     *
     * @throws IllegalArgumentException if {@code maxIdLength < 1}
     */
    public Builder maxIdLength(int maxIdLength) {
      checkArgument(maxIdLength >= 1, "maxIdLength %s must be at least 1", maxIdLength);
      this.maxIdLength = maxIdLength;
      return this;
    }

    /**
     * The most entries a file may hold (default {@link #DEFAULT_MAX_ENTRIES}): it bounds what one
     * read adds to a ledger, all at once. {@link LedgerJson#importInto(Path, LiveReputation)} does
     * not apply it.
     *
     * @throws IllegalArgumentException if {@code maxEntries < 1}
     */
    public Builder maxEntries(int maxEntries) {
      checkArgument(maxEntries >= 1, "maxEntries %s must be at least 1", maxEntries);
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * A check of every event as its line is read (default: none), such as a scoring policy's {@link
     * dev.wuffie.ScoringPolicy#check check}: an {@code IllegalArgumentException} or {@code
     * IllegalStateException} it throws is reported as an {@link InputFormatException} naming the
     * line, and nothing is applied. It is called from the thread that parses, which is not the
     * caller's for a file of more than one chunk: it must be thread-safe.
     *
     * @throws NullPointerException if {@code validator} is null
     */
    public Builder validator(Consumer<? super Endorsement> validator) {
      this.validator = checkNotNull(validator, "validator is null; leave it unset for none");
      return this;
    }

    /** A reader with these settings. */
    public LedgerJson build() {
      return new LedgerJson(this);
    }
  }
}
