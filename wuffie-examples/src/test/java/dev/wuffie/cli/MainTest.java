package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MainTest {

  @Test
  void noArguments_bundledDataset_printsSummaryAndTop20() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("Bitcoin OTC trust weighted signed network (SNAP)")
        .containsPattern("(?m)^contributors +5,881$")
        .containsPattern("(?m)^endorsements +32,029 distinct pairs from 35,592 records$")
        .containsPattern("(?m)^dropped +3,563 negative ratings, 0 self-endorsements$")
        .containsPattern("(?m)^converged +yes after ")
        .contains("top 20 of 5,881 contributors");
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
        .contains("(default: 0.85)", "(default: 1.0E-10)", "(default: 1000)", "(default: 20)");
  }

  @Test
  void help_topLevel_listsScoreCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: wuffie", "score", "Bitcoin OTC");
  }
}
