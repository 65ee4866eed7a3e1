package dev.wuffie.json;

import dev.wuffie.io.Gzip;
import dev.wuffie.io.InputFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line, streaming, with a limit on the length of a line: a line of more
 * than {@code maxBytes} bytes before its LF is refused as soon as the limit is passed, without
 * reading the rest of it. Lines end with LF (JSON Lines); a CR right before the LF is dropped, and
 * so is a byte order mark at the start. Gzip input is recognised by its first two bytes and read
 * transparently. A line that is not valid UTF-8 is refused with its line number and column.
 *
 * <p>{@link #next()} decodes the next line into a buffer that {@link #chars()} returns and the next
 * call overwrites. Not thread-safe.
 */
final class LineReader {
  private static final int CHUNK = 1 << 16;
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final InputStream data;
  private final String source;
  private final int maxBytes;
  private final String limitHint;
  private final byte[] chunk = new byte[CHUNK];
  private int position;
  private int limit;
  private boolean endOfInput;
  private byte[] line = new byte[256];
  private int lineLength;
  private long lineNumber;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer chars = CharBuffer.allocate(256);

  /**
   * A reader of {@code in}, named {@code source} in messages, refusing lines longer than {@code
   * maxBytes} with a message that ends with {@code limitHint} (how to raise the limit).
   */
  LineReader(InputStream in, String source, int maxBytes, String limitHint) throws IOException {
    this.source = source;
    this.maxBytes = maxBytes;
    this.limitHint = limitHint;
    this.data = Gzip.decompressing(in, source);
  }

  /** The 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** The current line, decoded, without its line end: valid until the next call to next(). */
  CharBuffer chars() {
    return chars;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        if (endOfInput || !fill()) {
          if (!any) {
            return false;
          }
          break;
        }
      }
      any = true;
      int end = position;
      while (end < limit && chunk[end] != '\n') {
        end++;
      }
      append(position, end);
      if (end < limit) {
        position = end + 1;
        break;
      }
      position = end;
    }
    lineNumber++;
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    decode();
    return true;
  }

  private boolean fill() throws IOException {
    int n = data.read(chunk, 0, chunk.length);
    if (n <= 0) {
      endOfInput = true;
      position = limit = 0;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private void append(int from, int to) throws InputFormatException {
    int length = to - from;
    if (length > maxBytes - lineLength) {
      throw new InputFormatException(
          source,
          lineNumber + 1,
          0,
          "the line is longer than the limit of "
              + String.format("%,d", maxBytes)
              + " bytes; check that this is the file you meant, or "
              + limitHint);
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLength + length, 2 * line.length));
    }
    System.arraycopy(chunk, from, line, lineLength, length);
    lineLength += length;
  }

  private void decode() throws InputFormatException {
    if (chars.capacity() < lineLength) {
      chars = CharBuffer.allocate(Math.max(lineLength, 2 * chars.capacity()));
    }
    chars.clear();
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      int column = chars.position() + 1;
      throw new InputFormatException(
          source,
          lineNumber,
          column,
          "not valid UTF-8 text (byte "
              + String.format("0x%02x", line[bytes.position()] & 0xff)
              + "); save the file as UTF-8");
    }
    chars.flip();
    if (lineNumber == 1 && chars.hasRemaining() && chars.get(0) == BYTE_ORDER_MARK) {
      chars.position(1); // some editors start UTF-8 files with one
    }
  }
}
