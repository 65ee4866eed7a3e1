package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class QuickStartTest {

  @Test
  void main_fourContributors_printsLeaderboardBestFirst() {
    String output = run();

    List<String> lines = output.lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("1. bob ");
    assertThat(lines.get(1)).startsWith("2. alice ");
    assertThat(lines.get(2)).startsWith("3. carol ");
    assertThat(lines.get(3)).startsWith("4. dave ").endsWith("(percentile 0)");
    assertThat(lines.get(4)).matches("converged in \\d+ iterations");
  }

  @Test
  void readme_quickStart_isTheExampleVerbatim() throws IOException {
    String source =
        Files.readString(
            Path.of("src/main/java/dev/wuffie/examples/QuickStart.java"), StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

    String snippet = between(source, "// quick-start:begin", "    // quick-start:end");

    assertThat(readme).contains(snippet);
  }

  /** The lines strictly between the markers, with the method's indentation removed. */
  private static String between(String text, String begin, String end) {
    String body = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end));
    return body.lines()
        .skip(1)
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n"));
  }

  private static String run() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(stdout);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
