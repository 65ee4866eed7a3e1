package dev.wuffie.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads delimited text records: one per line, fields separated by a comma, a tab or runs of spaces
 * (decided per line, in that order), fields trimmed; blank lines and lines starting with {@code #}
 * or {@code %} skipped; LF, CRLF or CR line ends; gzip recognised by its magic bytes.
 */
final class TextRecords implements AutoCloseable {
  private static final int BUFFER = 1 << 16;
  private static final char REPLACEMENT = '\uFFFD';

  private final BufferedReader reader;
  private final String source;
  private long lineNumber;
  private String[] fields = new String[4];
  private int fieldCount;

  TextRecords(InputStream in, String source) throws IOException {
    this.source = source;
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream data = buffered;
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        data = new GZIPInputStream(buffered, BUFFER);
      } catch (ZipException | EOFException e) {
        throw new InputFormatException(source, 0, "broken gzip header (" + e.getMessage() + ")");
      }
    }
    // Malformed UTF-8 decodes to U+FFFD, which next() reports with its line number.
    this.reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), BUFFER);
  }

  /** Advances to the next record; false at the end of the input. */
  boolean next() throws IOException {
    while (true) {
      String line;
      try {
        line = reader.readLine();
      } catch (ZipException | EOFException e) {
        throw new InputFormatException(
            source, 0, "broken gzip data after line " + lineNumber + " (" + e.getMessage() + ")");
      }
      if (line == null) {
        return false;
      }
      lineNumber++;
      if (line.indexOf(REPLACEMENT) >= 0) {
        throw error("not valid UTF-8 text; save the file as UTF-8");
      }
      if (split(line)) {
        return true;
      }
    }
  }

  /** The number of fields of the current record. */
  int fieldCount() {
    return fieldCount;
  }

  /** Field {@code i} of the current record, trimmed. */
  String field(int i) {
    return fields[i];
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
    reader.close();
  }

  private boolean split(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && line.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && line.charAt(end - 1) <= ' ') {
      end--;
    }
    if (start == end || line.charAt(start) == '#' || line.charAt(start) == '%') {
      return false;
    }
    fieldCount = 0;
    char separator =
        line.indexOf(',', start) >= 0 ? ',' : line.indexOf('\t', start) >= 0 ? '\t' : ' ';
    if (separator == ' ') {
      int i = start;
      while (i < end) {
        int from = i;
        while (i < end && line.charAt(i) > ' ') {
          i++;
        }
        add(line.substring(from, i));
        while (i < end && line.charAt(i) <= ' ') {
          i++;
        }
      }
    } else {
      int from = start;
      while (true) {
        int at = line.indexOf(separator, from);
        if (at < 0 || at >= end) {
          add(trimmed(line, from, end));
          break;
        }
        add(trimmed(line, from, at));
        from = at + 1;
      }
    }
    return true;
  }

  private static String trimmed(String line, int from, int to) {
    while (from < to && line.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && line.charAt(to - 1) <= ' ') {
      to--;
    }
    return line.substring(from, to);
  }

  private void add(String field) {
    if (fieldCount == fields.length) {
      fields = Arrays.copyOf(fields, fieldCount * 2);
    }
    fields[fieldCount++] = field;
  }
}
