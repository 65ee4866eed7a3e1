package dev.wuffie.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Cuts an input into {@link EdgeBlock}s of whole lines: each block gets the input's next bytes up
 * to its last line end, and the partial line after it starts the next block.
 *
 * <p>A failure to read is held back ({@link #failure}) until the lines before it have been taken,
 * as {@link TextRecords} does: the block filled when it happened ends with the last whole line
 * read, and the caller throws the failure after taking the blocks, with the number of lines they
 * held. Broken gzip data is reported as {@code "broken gzip data after line N"}.
 *
 * <p>Not thread-safe.
 */
final class LineBlocks {
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

  private final InputStream data;
  private final String source;
  private byte[] carry = new byte[1 << 12]; // the partial line after the last block
  private int carried;
  private boolean carryAfterCr;
  private boolean ended;
  private Failure failure;

  /** What went wrong in reading, made into an exception once the lines read are counted. */
  interface Failure {
    /** The exception to throw, the input having held {@code lines} whole lines before it. */
    IOException exception(long lines);
  }

  /** Blocks of {@code data} (already decompressed), named {@code source} in messages. */
  LineBlocks(InputStream data, String source) {
    this.data = data;
    this.source = source;
  }

  /**
   * Fills {@code block} with the next bytes of the input, up to and including its last line end
   * (all of them at the end of the input); returns false if this was the last block, at the end of
   * the input or after a failure to read.
   */
  boolean fill(EdgeBlock block) {
    block.clear();
    byte[] b = block.bytes;
    if (b.length < carried) {
      b = block.bytes = new byte[Math.max(2 * carried, b.length)];
    }
    System.arraycopy(carry, 0, b, 0, carried);
    block.afterCr = carryAfterCr;
    int length = carried;
    int searched = 0; // no line end before this
    while (!ended && failure == null) {
      if (length == b.length) {
        if (lastLineEnd(b, searched, length) >= searched) {
          break; // full, with a line end to cut at
        }
        if (b.length == MAX_BUFFER) {
          failure =
              lines ->
                  new InputFormatException(
                      source, lines + 1, "line longer than " + MAX_BUFFER + " bytes");
          break;
        }
        searched = length;
        b = block.bytes = Arrays.copyOf(b, (int) Math.min(MAX_BUFFER, Math.max(16, 2L * b.length)));
      }
      length = read(b, length);
    }
    int last = lastLineEnd(b, searched, length); // none before searched
    int split = ended ? length : last >= searched ? last + 1 : 0;
    carried = length - split;
    if (carry.length < carried) {
      carry = new byte[Math.max(carried, 2 * carry.length)];
    }
    System.arraycopy(b, split, carry, 0, carried);
    carryAfterCr = split > 0 ? b[split - 1] == '\r' : block.afterCr;
    block.length = split;
    return !ended && failure == null;
  }

  /** Why reading stopped before the end of the input, or null. */
  Failure failure() {
    return failure;
  }

  /** Reads into {@code b} after its first {@code length} bytes; returns the new length. */
  private int read(byte[] b, int length) {
    int read;
    try {
      read = data.read(b, length, b.length - length);
    } catch (ZipException | EOFException e) {
      failure =
          lines ->
              new InputFormatException(
                  source, 0, "broken gzip data after line " + lines + " (" + e.getMessage() + ")");
      return length;
    } catch (IOException e) {
      failure = lines -> e;
      return length;
    }
    if (read < 0) {
      ended = true;
      return length;
    }
    return length + read;
  }

  /**
   * The index of the last LF or CR in {@code b[from, to)}, or {@code from - 1} if there is none.
   */
  private static int lastLineEnd(byte[] b, int from, int to) {
    int i = to - 1;
    while (i >= from && b[i] != '\n' && b[i] != '\r') {
      i--;
    }
    return i;
  }
}
