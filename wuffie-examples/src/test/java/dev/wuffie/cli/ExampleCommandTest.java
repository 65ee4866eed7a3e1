package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ExampleCommandTest {

  @Test
  void list_examplesOnTheClassPath_namesEachWithOneSentence() {
    CliRun run = CliRun.of("example", "--list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> rows = run.out().lines().takeWhile(line -> !line.isEmpty()).toList();
    List<String> names = rows.stream().map(row -> row.split(" ")[0]).toList();
    assertThat(names)
        .containsSubsequence("QuickStart", "CommunitySite", "TrustNetwork", "LiveSite")
        .hasSize(hasClass("dev.wuffie.examples.SybilAttack") ? 5 : 4);
    assertThat(rows).allMatch(row -> row.matches("[A-Za-z]+ +[A-Z][^.]*\\.$"));
    for (String row : rows) { // the sentences line up in one column
      assertThat(row.substring(0, 15)).isEqualTo(String.format("%-15s", row.split(" ")[0]));
      assertThat(row.charAt(15)).isUpperCase();
    }
    assertThat(run.out()).contains("Run one with 'java -jar wuffie.jar example NAME'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"QuickStart", "quickstart", "quick-start", "QUICK-START"})
  void run_quickStartByAnyOfItsNames_printsTheQuickStart(String name) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CliRun run;
    try {
      run = CliRun.of("example", name);
    } finally {
      System.setOut(stdout);
    }

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).startsWith("1. bob ");
    assertThat(lines.get(5)).startsWith("bob = ");
  }

  @Test
  void run_unknownName_exits2WithTheList() {
    CliRun run = CliRun.of("example", "HelloWorld");

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err())
        .startsWith("wuffie: unknown example 'HelloWorld'; the examples are QuickStart,")
        .contains("CommunitySite", "TrustNetwork", "LiveSite")
        .contains("(see 'wuffie example --list')");
  }

  @Test
  void run_exampleThatThrows_exits1WithOneLine() {
    CliRun run = CliRun.of("example", "community-site", "jdbc:no-such-driver:site");

    assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: example CommunitySite failed: java.sql.SQLException: No suitable driver"
                + " found for jdbc:no-such-driver:site");
  }

  @Test
  void run_noName_exits2AndAsksForOne() {
    CliRun run = CliRun.of("example");

    assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("give the NAME of an example, or --list to see them");
  }

  @Test
  void help_topLevel_listsTheExampleCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.out()).containsPattern("(?m)^ +example +Runs one of the examples");
  }

  private static boolean hasClass(String name) {
    try {
      Class.forName(name, false, ExampleCommandTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
