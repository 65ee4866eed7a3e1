package dev.wuffie.io;

import java.io.IOException;

/**
 * A record in an input file could not be read: the message names the file, the line (when there is
 * one) and what was wrong.
 */
public final class InputFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;

  InputFormatException(String source, long line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file (or other source) that was being read. */
  public String source() {
    return source;
  }

  /** The 1-based line number of the bad record, or 0 if the problem is with the whole input. */
  public long line() {
    return line;
  }
}
