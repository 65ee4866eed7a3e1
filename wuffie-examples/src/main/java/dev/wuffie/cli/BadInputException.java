package dev.wuffie.cli;

import dev.wuffie.io.InputFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * Bad input that the user can fix: a missing, unreadable or malformed file, or unusable seeds.
 * {@link Main} prints the message as one line, prefixed {@code wuffie: }, and exits with 2.
 */
final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  /** Describes a failure to read {@code file}, naming the file and, if known, the line. */
  static BadInputException reading(String file, IOException e) {
    if (e instanceof InputFormatException) {
      return new BadInputException(e.getMessage());
    }
    if (e instanceof NoSuchFileException) {
      return new BadInputException("no such file: " + file);
    }
    return new BadInputException("cannot read " + file + ": " + reason(e));
  }

  /** Describes a failure to write {@code file}. */
  static BadInputException writing(String file, IOException e) {
    return new BadInputException("cannot write " + file + ": " + reason(e));
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    if (e instanceof EOFException) {
      return "unexpected end of file";
    }
    return Objects.requireNonNullElse(e.getMessage(), "input/output error");
  }
}
