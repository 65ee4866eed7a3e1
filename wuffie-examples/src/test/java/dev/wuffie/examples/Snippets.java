package dev.wuffie.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Runs examples for their output, and cuts the README's snippets out of their sources. */
final class Snippets {
  private Snippets() {}

  /** The lines between {@code // NAME:begin} and {@code // NAME:end} of an example, unindented. */
  static String snippet(String example, String name) {
    String source;
    try {
      source =
          Files.readString(
              Path.of("src/main/java/dev/wuffie/examples/" + example + ".java"),
              StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String begin = "// " + name + ":begin";
    String end = "    // " + name + ":end";
    String body = source.substring(source.indexOf(begin) + begin.length(), source.indexOf(end));
    return body.lines()
        .skip(1)
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n"));
  }

  /** The README at the repository root. */
  static String readme() {
    try {
      return Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code main} prints to standard output. */
  static String run(Main main) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(stdout);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** An example's main method. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }
}
