package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README's command line section matches the command line and the files it shows. */
final class ReadmeTest {
  private static final String CLI = "src/test/resources/cli/";
  private static final String FROM_ROOT = "wuffie-examples/" + CLI;

  @Test
  void readme_policyFile_isTheExampleFileVerbatim() throws IOException {
    String policy = Files.readString(Path.of(CLI + "qa-policy.json"), StandardCharsets.UTF_8);

    assertThat(readme()).contains("```json\n" + policy + "```\n");
  }

  @Test
  void readme_exampleRuns_showWhatTheyPrint() {
    String[] policy = {"--policy", CLI + "qa-policy.json", "--distrust"};
    CliRun explain =
        run(
            "explain",
            "--input",
            CLI + "qa-votes.csv",
            policy[0],
            policy[1],
            policy[2],
            "--id",
            "bob");
    CliRun score = run("score", "--input", CLI + "qa-votes.csv", policy[0], policy[1], policy[2]);

    assertThat(readme()).contains(explain.out().replace(CLI, FROM_ROOT));
    // every line but the time, which varies from run to run
    for (String line : score.out().replace(CLI, FROM_ROOT).lines().toList()) {
      if (!line.startsWith("time ")) {
        assertThat(readme()).contains(line);
      }
    }
  }

  @Test
  void readme_ledgerExample_showsWhatItPrintsAndWrites(@TempDir Path dir) throws IOException {
    Path snapshot = dir.resolve("reputation.json");
    CliRun score =
        run(
            "score",
            "--ledger",
            CLI + "qa-ledger.jsonl",
            "--policy",
            CLI + "qa-policy.json",
            "--snapshot",
            snapshot.toString());

    // every line but the time, which varies from run to run
    String out =
        score.out().replace(CLI, FROM_ROOT).replace(snapshot.toString(), "reputation.json");
    for (String line : out.lines().toList()) {
      if (!line.startsWith("time ")) {
        assertThat(readme()).contains(line);
      }
    }
    // the snapshot's lines that the README shows, all but the time it was made
    List<String> lines = Files.readAllLines(snapshot, StandardCharsets.UTF_8);
    for (String line : lines.subList(0, 7)) {
      if (!line.contains("createdAt")) {
        assertThat(readme()).contains(line);
      }
    }
    assertThat(readme())
        .contains(lines.get(lines.size() - 9))
        .contains(lines.get(lines.size() - 8));
  }

  @Test
  void readme_optionsTable_listsEveryOption() {
    List<CommandLine> commands =
        List.of(
            new CommandLine(new WuffieCommand(false)).getSubcommands().get("score"),
            new CommandLine(new WuffieCommand(false)).getSubcommands().get("explain"));
    for (CommandLine command : commands) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          String name = option.longestName();
          assertThat(readme().contains("`" + name + " ") || readme().contains("`" + name + "`"))
              .as(name)
              .isTrue();
        }
      }
    }
  }

  private static CliRun run(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private static String readme() {
    try {
      return Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
