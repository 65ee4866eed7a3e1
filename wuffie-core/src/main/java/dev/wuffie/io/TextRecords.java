package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads delimited text records: one per line, fields separated by a comma, a tab or runs of spaces
 * (decided per line, in that order), fields trimmed; blank lines and lines starting with {@code #}
 * or {@code %} skipped; LF, CRLF or CR line ends; gzip recognised by its magic bytes; UTF-8 text.
 *
 * <p>Works on bytes: the input is read in chunks of {@value #CHUNK} bytes into one buffer (which
 * grows for a longer line), and a record's fields are ranges of that buffer, valid until the next
 * call to {@link #next()}. {@link #field(int)} decodes a field to a String; {@link #number(int)}
 * parses one without making a String when it is a plain decimal; {@link #bytes()}, {@link
 * #start(int)} and {@link #end(int)} expose the raw UTF-8 bytes, for example to intern ids.
 *
 * <p>The result is that of decoding the whole input as UTF-8 and splitting it into lines as {@link
 * java.io.BufferedReader#readLine()} does: line ends and the bytes that separate and trim fields
 * are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII. A line holding malformed UTF-8
 * (or the replacement character U+FFFD it would decode to) is reported with its number.
 *
 * <p>Not thread-safe.
 */
final class TextRecords implements AutoCloseable {
  private static final int CHUNK = 1 << 20;
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;
  private static final char REPLACEMENT = '\uFFFD';

  private final InputStream data;
  private final String source;
  private byte[] buffer;
  private int position; // the first byte not yet taken into a line
  private int limit; // one past the last byte read into the buffer
  private boolean endOfInput;
  private boolean skipLineFeed; // the last line ended with CR: an LF right after it belongs to it
  private long lineNumber;
  private int[] starts = new int[4];
  private int[] ends = new int[4];
  private int fieldCount;

  /**
   * Records of {@code in}, plain or gzip (see {@link Gzip}), named {@code source} in messages.
   *
   * @throws InputFormatException if the gzip header is broken
   */
  TextRecords(InputStream in, String source) throws IOException {
    this.source = source;
    this.data = Gzip.decompressing(in, source);
    this.buffer = new byte[CHUNK];
  }

  /**
   * The records of {@code text}, already in memory (typically one line without its line end); the
   * source is {@code source} in messages.
   */
  TextRecords(byte[] text, String source) {
    this.source = source;
    this.data = InputStream.nullInputStream();
    this.buffer = text;
    this.limit = text.length;
    this.endOfInput = true;
  }

  /**
   * The records of {@code text[from, to)}, whole lines in memory (see {@link EdgeBlock}); if {@code
   * afterCr}, the text follows a CR, so an LF at {@code from} ends that line rather than an empty
   * one. Line numbers count from the start of the range; the source is {@code source} in messages.
   */
  TextRecords(byte[] text, int from, int to, boolean afterCr, String source) {
    this.source = source;
    this.data = InputStream.nullInputStream();
    this.buffer = text;
    this.position = from;
    this.limit = to;
    this.endOfInput = true;
    this.skipLineFeed = afterCr;
  }

  /** Advances to the next record; false at the end of the input. */
  boolean next() throws IOException {
    while (true) {
      if (skipLineFeed) {
        if (position == limit && !endOfInput) {
          fill();
        }
        if (position < limit && buffer[position] == '\n') {
          position++;
        }
        skipLineFeed = false;
      }
      int lineStart = position;
      int lineEnd = Bytes.lineEnd(buffer, position, limit);
      while (lineEnd == limit && !endOfInput) {
        int scanned = lineEnd - lineStart;
        fill(); // moves the partial line to the start of the buffer
        lineStart = position;
        lineEnd = Bytes.lineEnd(buffer, lineStart + scanned, limit);
      }
      if (lineEnd < limit) {
        position = lineEnd + 1;
        skipLineFeed = buffer[lineEnd] == '\r';
      } else if (lineStart < limit) {
        position = limit; // the last line, without a line end
      } else {
        return false;
      }
      lineNumber++;
      if (!Bytes.isAscii(buffer, lineStart, lineEnd)
          && new String(buffer, lineStart, lineEnd - lineStart, UTF_8).indexOf(REPLACEMENT) >= 0) {
        throw error("not valid UTF-8 text; save the file as UTF-8");
      }
      if (split(lineStart, lineEnd)) {
        return true;
      }
    }
  }

  /**
   * Where the next line starts in {@link #bytes()}, for a caller that parses the lines it can by
   * itself and calls {@link #skipLine(int)} after each; or an LF that ends the last line, if that
   * ended with a CR. Only for records in memory.
   */
  int position() {
    return position;
  }

  /**
   * Takes the line at {@link #position()}, which the caller has parsed, as read: the next line
   * starts at {@code next}, after its line end, and the line number goes up by one.
   */
  void skipLine(int next) {
    position = next;
    skipLineFeed = false;
    lineNumber++;
  }

  /** The number of fields of the current record. */
  int fieldCount() {
    return fieldCount;
  }

  /** Field {@code i} of the current record, trimmed. */
  String field(int i) {
    return new String(buffer, starts[i], ends[i] - starts[i], UTF_8);
  }

  /** Whether field {@code i} of the current record is empty. */
  boolean isEmpty(int i) {
    return starts[i] == ends[i];
  }

  /**
   * Field {@code i} as a number: exactly {@code Double.parseDouble(field(i))}, but without making a
   * String when the field is a plain decimal such as {@code 42}, {@code -0.5} or {@code
   * 1289241911.72836} (see {@link Bytes#plainDecimal}).
   *
   * @throws NumberFormatException if {@code Double.parseDouble} rejects the field
   */
  double number(int i) {
    double value = Bytes.plainDecimal(buffer, starts[i], ends[i]);
    return Double.isNaN(value) ? Double.parseDouble(field(i)) : value;
  }

  /**
   * Whether field {@code i} is a plain decimal that {@link #number(int)} parses without a String:
   * then it is a finite number. Checks the characters without computing the value.
   */
  boolean isPlainDecimal(int i) {
    return Bytes.isPlainDecimal(buffer, starts[i], ends[i]);
  }

  /** The buffer holding the current record; its fields are the ranges {@code [start, end)}. */
  byte[] bytes() {
    return buffer;
  }

  /** Where field {@code i} of the current record starts in {@link #bytes()}. */
  int start(int i) {
    return starts[i];
  }

  /** Where field {@code i} of the current record ends (exclusive) in {@link #bytes()}. */
  int end(int i) {
    return ends[i];
  }

  /** The 1-based line number of the current record. */
  long lineNumber() {
    return lineNumber;
  }

  String source() {
    return source;
  }

  /** An exception naming the source and the current line. */
  InputFormatException error(String problem) {
    return new InputFormatException(source, lineNumber, problem);
  }

  @Override
  public void close() throws IOException {
    data.close();
  }

  /**
   * Reads more input after the unread bytes, moving them to the start of the buffer first and
   * growing it if they fill it. Reads once, so a gzip error surfaces only when the complete lines
   * before it have been taken.
   */
  private void fill() throws IOException {
    int unread = limit - position;
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, unread);
      position = 0;
      limit = unread;
    }
    if (limit == buffer.length) {
      if (buffer.length == MAX_BUFFER) {
        throw new InputFormatException(
            source, lineNumber + 1, "line longer than " + MAX_BUFFER + " bytes");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BUFFER, 2L * buffer.length));
    }
    int read;
    try {
      read = data.read(buffer, limit, buffer.length - limit);
    } catch (ZipException | EOFException e) {
      throw new InputFormatException(
          source, 0, "broken gzip data after line " + lineNumber + " (" + e.getMessage() + ")");
    }
    if (read < 0) {
      endOfInput = true;
    } else {
      limit += read;
    }
  }

  /** Splits {@code [from, to)} into fields; false if it is blank or a comment. */
  private boolean split(int from, int to) {
    byte[] b = buffer;
    int start = from;
    int end = to;
    while (start < end && isBlank(b[start])) {
      start++;
    }
    while (end > start && isBlank(b[end - 1])) {
      end--;
    }
    if (start == end || b[start] == '#' || b[start] == '%') {
      return false;
    }
    fieldCount = 0;
    // Searched up to the line end: a tab among the trailing blanks still makes this a tab line.
    boolean commas = Bytes.indexOf(b, (byte) ',', start, to) >= 0;
    boolean tabs = !commas && Bytes.indexOf(b, (byte) '\t', start, to) >= 0;
    if (!commas && !tabs) {
      int i = start;
      while (i < end) {
        int fieldStart = i;
        while (i < end && !isBlank(b[i])) {
          i++;
        }
        add(fieldStart, i);
        while (i < end && isBlank(b[i])) {
          i++;
        }
      }
    } else {
      byte separator = commas ? (byte) ',' : (byte) '\t';
      int fieldStart = start;
      while (true) {
        int at = Bytes.indexOf(b, separator, fieldStart, end);
        if (at < 0) {
          addTrimmed(fieldStart, end);
          break;
        }
        addTrimmed(fieldStart, at);
        fieldStart = at + 1;
      }
    }
    return true;
  }

  /** Whether {@code b} is a character {@code <= ' '}: a control character or a space. */
  private static boolean isBlank(byte b) {
    return b >= 0 && b <= ' ';
  }

  private void addTrimmed(int from, int to) {
    while (from < to && isBlank(buffer[from])) {
      from++;
    }
    while (to > from && isBlank(buffer[to - 1])) {
      to--;
    }
    add(from, to);
  }

  private void add(int from, int to) {
    if (fieldCount == starts.length) {
      starts = Arrays.copyOf(starts, fieldCount * 2);
      ends = Arrays.copyOf(ends, fieldCount * 2);
    }
    starts[fieldCount] = from;
    ends[fieldCount] = to;
    fieldCount++;
  }
}
