package dev.wuffie.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The scores in a TSV that {@code --output} wrote: id to score, in rank order. */
  static Map<String, Double> scores(Path tsv) {
    try {
      List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
      Map<String, Double> scores = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.split("\t");
        scores.put(fields[0], Double.parseDouble(fields[1]));
      }
      return scores;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
