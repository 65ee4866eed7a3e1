package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class QuickStartTest {

  @Test
  void main_smallCommunity_printsLeaderboardAndExplainsBob() {
    String output = Snippets.run(QuickStart::main);

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
  void readme_quickStart_isTheExampleVerbatim() {
    assertThat(Snippets.readme()).contains(Snippets.snippet("QuickStart", "quick-start"));
  }
}
