package dev.wuffie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where the endorsements come from: an edge list file, a ledger file (JSON Lines, see {@link
 * dev.wuffie.json.LedgerJson}) or the dataset bundled in the jar, all read as a stream; or a
 * database query ({@link JdbcSource}), whose rows are read instead.
 *
 * @param name the file name, used in error messages
 * @param title what the summary calls the input
 * @param size the size in bytes if known, else 0
 * @param ledger whether the input is a ledger file rather than an edge list
 * @param opener opens the stream (not for a database)
 * @param database the database query, or null for a stream
 */
record Input(
    String name, String title, long size, boolean ledger, Opener opener, JdbcSource database) {
  /** The bundled dataset's resource name. */
  static final String BUNDLED = "datasets/soc-sign-bitcoinotc.csv.gz";

  /** Opens an input stream. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * The input a command's options name: {@code --input}, {@code --ledger} or {@code --jdbc} (each
   * null when not given), or null when none of them is given.
   *
   * @throws ParameterException if more than one is given
   */
  static Input of(CommandLine cli, Path input, Path ledger, JdbcSource database) {
    if ((input == null ? 0 : 1) + (ledger == null ? 0 : 1) + (database == null ? 0 : 1) > 1) {
      throw new ParameterException(
          cli,
          input != null && ledger != null && database == null
              ? "--input and --ledger exclude each other: give one of them"
              : "--input, --ledger and --jdbc exclude each other: give one of them");
    }
    return database != null
        ? database(database)
        : ledger != null ? ledger(ledger) : input != null ? file(input) : null;
  }

  static Input file(Path path) {
    return new Input(
        path.toString(),
        path.toString(),
        path.toFile().length(),
        false,
        () -> Files.newInputStream(path),
        null);
  }

  /** A ledger file: JSON Lines, one entry per line, as {@code LedgerJson} writes it. */
  static Input ledger(Path path) {
    return new Input(
        path.toString(),
        path + " (a ledger)",
        path.toFile().length(),
        true,
        () -> Files.newInputStream(path),
        null);
  }

  /** The dataset that ships in the jar, see {@code datasets/README.md} beside it. */
  static Input bundled() {
    return new Input(
        BUNDLED,
        "Bitcoin OTC trust weighted signed network (SNAP), bundled " + BUNDLED,
        0,
        false,
        () -> {
          InputStream in = Input.class.getClassLoader().getResourceAsStream(BUNDLED);
          if (in == null) {
            throw new IllegalStateException(BUNDLED + " is missing from the class path");
          }
          return in;
        },
        null);
  }

  /** The rows of a database query. */
  static Input database(JdbcSource database) {
    return new Input(
        database.name(),
        database.url() + " (" + database.sql() + ")",
        0,
        false,
        () -> {
          throw new IllegalStateException("a database is read by rows, not as a stream");
        },
        database);
  }
}
