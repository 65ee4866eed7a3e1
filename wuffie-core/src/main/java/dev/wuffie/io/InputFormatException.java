package dev.wuffie.io;

import java.io.IOException;

/**
 * A record in an input file could not be read: the message names the file, the line (when there is
 * one), the column (when the format has one, as JSON does) and what was wrong, in the form {@code
 * file:line:column: problem}.
 *
 * <p>The readers of {@link dev.wuffie.io} and {@link dev.wuffie.json} throw it, so that a caller
 * handles every malformed input alike.
 */
public final class InputFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long column;
  private final String problem;

  InputFormatException(String source, long line, String problem) {
    this(source, line, 0, problem);
  }

  /**
   * An exception for a problem in {@code source} at {@code line} and {@code column}.
   *
   * @param source the file (or other source) that was being read
   * @param line the 1-based line, or 0 if the problem is with the whole input
   * @param column the 1-based column, or 0 if unknown or the problem is with a whole line
   * @param problem what was wrong, and how to fix it
   */
  public InputFormatException(String source, long line, long column, String problem) {
    super(where(source, line, column) + problem);
    this.source = source;
    this.line = line;
    this.column = line > 0 ? column : 0;
    this.problem = problem;
  }

  /** The file (or other source) that was being read. */
  public String source() {
    return source;
  }

  /** The 1-based line number of the bad record, or 0 if the problem is with the whole input. */
  public long line() {
    return line;
  }

  /** The 1-based column of the problem within its line, or 0 if not known. */
  public long column() {
    return column;
  }

  /** What was wrong, without the place: the message after {@code file:line: }. */
  String problem() {
    return problem;
  }

  private static String where(String source, long line, long column) {
    if (line <= 0) {
      return source + ": ";
    }
    return column > 0 ? source + ":" + line + ":" + column + ": " : source + ":" + line + ": ";
  }
}
