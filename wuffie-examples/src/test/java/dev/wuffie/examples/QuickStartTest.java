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
  void main_smallCommunity_printsLeaderboardAndExplainsBob() {
    String output = run();

    List<String> lines = output.lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).startsWith("1. bob ").endsWith("(percentile 100)");
    assertThat(lines.get(1)).startsWith("2. alice ");
    // erin's downvote takes erin's whole (teleport-only) score from dave, floored at zero
    assertThat(lines.get(4)).isEqualTo("5. dave   0.00 points (percentile   0)");
    assertThat(lines.get(5)).matches("bob = 0\\.\\d{4}: teleport 0\\.\\d{4}, returned 0\\.\\d{4}");
    assertThat(lines.get(6)).matches("  \\+ 0\\.\\d{4} from alice \\(upvote on answer-17\\)");
    assertThat(lines.get(7)).matches("  \\+ 0\\.\\d{4} from carol \\(accepted on answer-17\\)");
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
