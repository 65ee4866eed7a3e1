package dev.wuffie.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/** The outcome of one in-process run of the command line: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@link Main#run} with {@code args}, capturing what it prints. */
  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Charset charset = Charset.defaultCharset();
    int exitCode =
        Main.run(new PrintStream(out, true, charset), new PrintStream(err, true, charset), args);
    return new CliRun(exitCode, out.toString(charset), err.toString(charset));
  }

  /** The lines printed to stderr. */
  List<String> errLines() {
    return err.lines().toList();
  }

  /** The path of a resource on the test class path (main or test resources). */
  static Path resource(String name) {
    try {
      return Path.of(CliRun.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
