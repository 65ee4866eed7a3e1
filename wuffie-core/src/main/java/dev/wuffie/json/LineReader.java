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
 * <p>{@link #next()} finds the next line and hands it out as bytes ({@link #bytes()}, {@link
 * #from()}, {@link #to()}), in place in the read buffer when it lies inside it, so that a line of
 * plain ASCII is neither copied nor decoded. A line with other bytes is checked to be UTF-8 when it
 * is read; {@link #chars()} decodes the line for a reader of chars. Everything handed out is valid
 * until the next call to {@code next()}. Not thread-safe.
 */
final class LineReader {
  private static final int CHUNK = 1 << 16;

  private final InputStream data;
  private final String source;
  private final int maxBytes;
  private final String limitHint;
  private final byte[] chunk = new byte[CHUNK];
  private int position;
  private int limit;
  private boolean endOfInput;
  private byte[] line = new byte[256]; // a line that does not lie inside the chunk, copied
  private long lineNumber;
  private byte[] bytes; // the current line: bytes[from, to)
  private int from;
  private int to;
  private boolean ascii;
  private boolean decoded; // whether chars holds the current line
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

  /** The array that holds the current line, from {@link #from()} to {@link #to()}. */
  byte[] bytes() {
    return bytes;
  }

  /** Where the current line starts in {@link #bytes()}, after a byte order mark if any. */
  int from() {
    return from;
  }

  /** Where the current line ends in {@link #bytes()}: before its line end. */
  int to() {
    return to;
  }

  /** Whether the current line is all ASCII, one char per byte. */
  boolean ascii() {
    return ascii;
  }

  /** The current line, decoded, without its line end and byte order mark. */
  CharBuffer chars() {
    if (!decoded) {
      if (chars.capacity() < to - from) {
        chars = CharBuffer.allocate(Math.max(to - from, 2 * chars.capacity()));
      }
      char[] array = chars.array();
      for (int i = from; i < to; i++) {
        array[i - from] = (char) bytes[i]; // ASCII: a char per byte
      }
      chars.clear().limit(to - from);
      decoded = true;
    }
    return chars;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    if (position == limit && (endOfInput || !fill())) {
      return false;
    }
    lineNumber++;
    int end = position;
    int high = 0; // the bytes of the line or'ed: negative if one is not ASCII
    while (end < limit && chunk[end] != '\n') {
      high |= chunk[end++];
    }
    if (end < limit) {
      checkLength(end - position, 0);
      bytes = chunk;
      from = position;
      to = end;
      position = end + 1;
    } else {
      high |= copyLongLine(end);
    }
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    decoded = false;
    ascii = high >= 0;
    if (!ascii) {
      decode();
    }
    return true;
  }

  /**
   * Copies the current line, which runs beyond the chunk read so far ({@code chunk[position,
   * end)}), into {@link #line}, reading on to its end; returns its bytes or'ed.
   */
  private int copyLongLine(int end) throws IOException {
    int length = 0;
    int high = 0;
    while (true) {
      checkLength(end - position, length);
      if (length + end - position > line.length) {
        line = Arrays.copyOf(line, Math.max(length + end - position, 2 * line.length));
      }
      System.arraycopy(chunk, position, line, length, end - position);
      length += end - position;
      position = end;
      if (end < limit) {
        position = end + 1; // past the LF
        break;
      }
      if (!fill()) {
        break;
      }
      end = position;
      while (end < limit && chunk[end] != '\n') {
        high |= chunk[end++];
      }
    }
    bytes = line;
    from = 0;
    to = length;
    return high;
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

  private void checkLength(int more, int length) throws InputFormatException {
    if (more > maxBytes - length) {
      throw new InputFormatException(
          source,
          lineNumber,
          0,
          "the line is longer than the limit of "
              + String.format("%,d", maxBytes)
              + " bytes; check that this is the file you meant, or "
              + limitHint);
    }
  }

  /** Decodes a line that is not all ASCII into {@link #chars}, refusing one that is not UTF-8. */
  private void decode() throws InputFormatException {
    int length = to - from;
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(length, 2 * chars.capacity()));
    }
    chars.clear();
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    CoderResult result = decoder.decode(in, chars, true);
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
              + String.format("0x%02x", bytes[in.position()] & 0xff)
              + "); save the file as UTF-8");
    }
    chars.flip();
    decoded = true;
    if (lineNumber == 1 && length >= 3 && (bytes[from] & 0xff) == 0xef) {
      if ((bytes[from + 1] & 0xff) == 0xbb && (bytes[from + 2] & 0xff) == 0xbf) {
        from += 3; // some editors start UTF-8 files with a byte order mark
        chars.position(1);
      }
    }
  }
}
