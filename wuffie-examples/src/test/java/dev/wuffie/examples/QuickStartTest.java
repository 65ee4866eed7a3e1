package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class QuickStartTest {
  /**
   * The quick start's ledger and policy scored by {@code tools/reference_policy.py}, independently
   * of wuffie (case {@code quickstart.case.json}; see the README next to it).
   */
  private static final Path REFERENCE =
      Path.of("../wuffie-core/src/test/resources/reference/policy/quickstart.expected.json");

  @Test
  void main_smallCommunity_printsTheReferenceLeaderboardAndExplainsBob() throws IOException {
    JsonNode reference = new ObjectMapper().readTree(REFERENCE.toFile());
    List<String> expected = new ArrayList<>(leaderboard(reference.get("scores")));
    JsonNode bob = reference.get("explanations").get("bob");
    expected.add(
        String.format(
            "bob = %.4f: teleport %.4f, returned %.4f",
            bob.get("score").asDouble(),
            bob.get("teleport").asDouble(),
            bob.get("returned").asDouble()));
    for (JsonNode term : bob.get("endorsers")) {
      for (JsonNode part : term.get("parts")) {
        expected.add(
            String.format(
                "  + %.4f from %s (%s on %s)",
                part.get("amount").asDouble(),
                term.get("endorser").asText(),
                part.get("kind").asText(),
                part.get("contribution").asText()));
      }
    }

    List<String> lines = Snippets.run(QuickStart::main).lines().toList();

    assertThat(lines).containsExactlyElementsOf(expected);
    // As of 2026-12-04 the reference gives these lines; spelled out so that a change shows here.
    assertThat(lines.subList(0, 2))
        .containsExactly(
            "1. bob    2.31 points (percentile 100)", "2. alice  2.18 points (percentile  75)");
    // erin's downvote takes erin's whole (teleport-only) score from dave, floored at zero
    assertThat(lines.get(4)).isEqualTo("5. dave   0.00 points (percentile   0)");
  }

  @Test
  void readme_quickStart_isTheExampleVerbatim() {
    assertThat(Snippets.readme()).contains(Snippets.snippet("QuickStart", "quick-start"));
  }

  /**
   * The quick start's leaderboard lines for {@code scores}: by score, then id; points are the score
   * times the number of contributors, the percentile the share of the others strictly lower.
   */
  private static List<String> leaderboard(JsonNode scores) {
    List<Map.Entry<String, Double>> byScore = new ArrayList<>();
    scores.properties().forEach(e -> byScore.add(Map.entry(e.getKey(), e.getValue().asDouble())));
    byScore.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    int n = byScore.size();
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double score = byScore.get(r).getValue();
      long lower = byScore.stream().filter(e -> e.getValue() < score).count();
      lines.add(
          String.format(
              "%d. %-5s %5.2f points (percentile %3.0f)",
              r + 1, byScore.get(r).getKey(), score * n, 100.0 * lower / (n - 1)));
    }
    return lines;
  }
}
