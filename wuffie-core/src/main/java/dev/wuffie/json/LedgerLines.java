package dev.wuffie.json;

import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import dev.wuffie.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of a ledger file, read in chunks of at most a given number of entries: each line read
 * by {@link CanonicalLine} if it is in the writer's form, else by the full deserializer, and each
 * event checked by the reader's validator. A chunk ends early before a bad line, and the next call
 * throws that line's error, so that what comes before the first bad line is always handed out
 * first. Each chunk holds the line number of each of its entries. Used by one thread at a time
 * ({@link LedgerChunks} hands it to a reading thread).
 */
final class LedgerLines {
  private final LedgerJson reader;
  private final String source;
  private final LineReader lines;
  private final CanonicalLine canonical;
  private final int chunkSize;
  private final long maxEntries;
  private long count; // entries read so far
  private InputFormatException failure; // of the bad line that ended the chunk read last

  /**
   * Lines of {@code in}, named {@code source} in messages, read with the limits and the validator
   * of {@code reader}, in chunks of at most {@code chunkSize} entries, and no more than {@code
   * maxEntries} entries in all.
   */
  LedgerLines(InputStream in, String source, LedgerJson reader, int chunkSize, long maxEntries)
      throws IOException {
    this.reader = reader;
    this.source = source;
    this.lines =
        new LineReader(
            in,
            source,
            reader.maxLineBytes(),
            "raise the limit with LedgerJson.builder().maxLineBytes(n)");
    this.canonical = new CanonicalLine(reader.maxIdLength());
    this.chunkSize = chunkSize;
    this.maxEntries = maxEntries;
  }

  /** Entries read, with the line of each. */
  record Chunk(List<LedgerEntry> entries, long[] lines) {
    static final Chunk END = new Chunk(List.of(), new long[0]);

    /** The line of entry {@code i}. */
    long lineOf(int i) {
      return lines[i];
    }
  }

  /**
   * The next chunk of entries: empty at the end of the input.
   *
   * @throws InputFormatException if the next line is bad
   */
  Chunk next() throws IOException {
    if (failure != null) {
      throw failure;
    }
    List<LedgerEntry> chunk = new ArrayList<>(Math.min(chunkSize, 1024));
    long[] lineOf = new long[Math.min(chunkSize, 1024)];
    try {
      while (chunk.size() < chunkSize && lines.next()) {
        LedgerEntry entry = entry();
        if (entry != null) {
          if (chunk.size() == lineOf.length) {
            lineOf = Arrays.copyOf(lineOf, Math.min(chunkSize, 2 * lineOf.length));
          }
          lineOf[chunk.size()] = lines.lineNumber();
          chunk.add(entry);
        }
      }
    } catch (InputFormatException e) {
      if (chunk.isEmpty()) {
        throw e;
      }
      failure = e;
    }
    return chunk.isEmpty() ? Chunk.END : new Chunk(chunk, lineOf);
  }

  /** Whether a chunk of this size is full: more may follow. */
  boolean isFull(Chunk chunk) {
    return chunk.entries().size() == chunkSize;
  }

  /** The entry on the current line, or null if it is blank. */
  private LedgerEntry entry() throws IOException {
    byte[] bytes = lines.bytes();
    int from = lines.from();
    int to = lines.to();
    if (isBlank(bytes, from, to)) {
      return null;
    }
    if (count == maxEntries) {
      throw new InputFormatException(
          source,
          lines.lineNumber(),
          0,
          String.format(
              "more than %,d entries; a file is applied as one batch, and this is the limit:"
                  + " check that this is the file you meant, or raise the limit with"
                  + " LedgerJson.builder().maxEntries(n)",
              maxEntries));
    }
    LedgerEntry entry = canonical.read(bytes, from, to);
    if (entry == null) {
      entry = reader.parse(lines.chars(), source, lines.lineNumber());
    }
    if (reader.validator() != null && entry instanceof LedgerEntry.Event event) {
      Endorsement endorsement = event.endorsement();
      try {
        reader.validator().accept(endorsement);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new InputFormatException(source, lines.lineNumber(), 0, e.getMessage());
      }
    }
    count++;
    return entry;
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
