package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MainTest {

  @Test
  void noArguments_bundledDataset_scoresNegativeRatingsAsDistrustAndPrintsTop20() {
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
