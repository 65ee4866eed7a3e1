package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

final class MainTest {

  @Test
  void noArguments_bundledDataset_scoresNegativeRatingsAsDistrustAndPrintsTop20()
      throws IOException {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("Bitcoin OTC trust weighted signed network (SNAP)")
        .containsPattern("(?m)^contributors +5,881$")
        .containsPattern(
            "(?m)^endorsements +32,029 trusting pairs from 32,029 positive records"
                + " \\(35,592 in all\\)$")
        .containsPattern(
            "(?m)^distrust +3,563 negative records, applied after convergence \\(strength 1\\)$")
        .containsPattern("(?m)^dropped +0 self-endorsements$")
        .containsPattern("(?m)^kinds +endorse = value \\(35,592 lines\\)$")
        .containsPattern("(?m)^policy +linear saturation, no decay, as of 2016-01-25T01:12:03.757Z")
        .containsPattern("(?m)^converged +yes after ")
        .contains("top 20 of 5,881 contributors")
        .contains("'wuffie explain --id ID'");
    List<String> rows =
        run.out()
            .lines()
            .filter(line -> line.matches(" *\\d+  \\S+ +0\\.\\d{6} +\\d+\\.\\d{2}"))
            .toList();
    assertThat(rows).hasSize(20);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).trim()).startsWith((i + 1) + " ");
    }
    // The same scoring by tools/reference_policy.py (case bitcoinotc-cli in wuffie-core's
    // reference/policy): the top 20 by score, then id, with their scores and percentiles (the
    // share of the others with a strictly lower score).
    List<Map.Entry<String, Double>> reference = new ArrayList<>(referenceScores().entrySet());
    reference.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map.Entry<String, Double> e = reference.get(i);
      long lower = reference.stream().filter(o -> o.getValue() < e.getValue()).count();
      expected.add(
          String.format(
              "%d %s %.6f %.2f",
              i + 1, e.getKey(), e.getValue(), 100.0 * lower / (reference.size() - 1)));
    }
    assertThat(rows).extracting(row -> row.trim().replaceAll(" +", " ")).isEqualTo(expected);
  }

  private static Map<String, Double> referenceScores() throws IOException {
    Path file =
        Path.of(
            "../wuffie-core/src/test/resources/reference/policy/bitcoinotc-cli.expected.json.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      Map<String, Double> scores = new HashMap<>();
      new ObjectMapper()
          .readTree(in)
          .get("scores")
          .properties()
          .forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
      return scores;
    }
  }

  @Test
  void version_filteredResource_printsProjectVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().trim()).matches("wuffie \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void help_scoreCommand_showsOptionsWithCoreDefaults() {
    CliRun run = CliRun.of("score", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--input=PATH", "--seeds=PATH", "--output=PATH", "--drop-negative")
        .contains("--policy=PATH", "--kinds=NAME=W,...", "--half-life=DURATION", "--as-of=TIME")
        .contains("--distrust")
        .contains("(default: 0.85, or the", "(default: 1.0E-10, or the", "(default: 1000, or the")
        .contains("(default: 20)");
  }

  @Test
  void help_explainCommand_showsIdInputAndTerms() {
    CliRun run = CliRun.of("explain", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: wuffie explain", "--id=ID", "--input=PATH", "--terms=K", "--policy=PATH")
        .contains("The contributor to explain (default: the top", "(default: 20)");
  }

  @Test
  void help_topLevel_listsScoreAndExplainCommands() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "Usage: wuffie", "score", "explain", "Bitcoin OTC", "negative ratings as distrust");
  }
}
