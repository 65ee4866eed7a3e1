package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wuffie.Reputation;
import dev.wuffie.io.EdgeListReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ScoreCommandTest {
  private static final Path BITCOIN_OTC = CliRun.resource("datasets/soc-sign-bitcoinotc.csv.gz");
  private static final Path ENDORSEMENTS = CliRun.resource("cli/endorsements.csv");

  @TempDir Path dir;

  @Test
  void output_bitcoinOtc_writesEveryContributorByRankWithExactScores() throws IOException {
    Path tsv = dir.resolve("scores.tsv");

    CliRun run =
        CliRun.of(
            "score",
            "--input",
            BITCOIN_OTC.toString(),
            "--drop-negative",
            "--output",
            tsv.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("output         " + tsv + " (5,881 rows)");
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("id\tscore\trank");
    assertThat(lines).hasSize(5881 + 1);
    Reputation expected =
        Reputation.compute(EdgeListReader.create().dropNegative(true).read(BITCOIN_OTC).graph());
    double sum = 0;
    double previous = Double.POSITIVE_INFINITY;
    for (int row = 1; row < lines.size(); row++) {
      String[] fields = lines.get(row).split("\t");
      assertThat(fields).hasSize(3);
      double score = Double.parseDouble(fields[1]);
      assertThat(Double.toString(score)).isEqualTo(fields[1]);
      assertThat(score).isEqualTo(expected.score(fields[0])).isLessThanOrEqualTo(previous);
      assertThat(Integer.parseInt(fields[2])).isEqualTo(row).isEqualTo(expected.rank(fields[0]));
      sum += score;
      previous = score;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void maxIterations_tooFewToConverge_exitsThreeWithOutputAndOneWarning() throws IOException {
    Path tsv = dir.resolve("scores.tsv");

    CliRun run =
        CliRun.of(
            "score",
            "--input",
            ENDORSEMENTS.toString(),
            "--max-iterations",
            "1",
            "--output",
            tsv.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out())
        .containsPattern("(?m)^converged +NO after 1 iterations")
        .contains("top 13 of 13");
    assertThat(Files.readAllLines(tsv, StandardCharsets.UTF_8)).hasSize(13 + 1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("wuffie: warning: not converged")
        .contains("--max-iterations");
  }

  @Test
  void seeds_oneNotInGraph_warnsOnceAndScoresWithTheOthers() {
    CliRun run =
        CliRun.of(
            "score",
            "--input",
            ENDORSEMENTS.toString(),
            "--seeds",
            CliRun.resource("cli/seeds.csv").toString(),
            "--top",
            "3");

    assertThat(run.exitCode()).isZero();
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: warning: 1 of 3 seeds are not contributors of the graph and are ignored: zed");
    assertThat(run.out()).containsPattern("(?m)^seeds +2 from ").contains("top 3 of 13");
  }

  @Test
  void score_starWithADanglingCentre_printsTheHealthLineAndHint() throws IOException {
    // b -> a, c -> a: s_a = 27/47, s_b = s_c = 10/47; even share 0.15 + 0.85 * 27/47 = 30/47
    // (63.8%), of which a returns 0.85 * 27/47 (48.8%); the top 1% is a (57.4%); Gini 34/141.
    Path star = dir.resolve("star.csv");
    Files.writeString(star, "b,a\nc,a\n", StandardCharsets.UTF_8);

    CliRun run = CliRun.of("score", "--input", star.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .contains(
            "health         63.8% spread evenly (teleport 15.0%, dangling 48.8%), top 1% hold"
                + " 57.4%, Gini 0.241",
            "hint           Most reputation is spread evenly, not earned from endorsements: 64%"
                + " (members who endorse no one 49%, teleport 15%); to let endorsements count more,"
                + " try seeds (what members who endorse no one return then goes to trusted members)"
                + " or a higher damping.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void score_badInput_exitsTwoWithOneClearLine(
      String description, String fileName, String content, String args, List<String> expected)
      throws IOException {
    Path file = dir.resolve(fileName);
    if (content != null) {
      Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }
    String[] argv =
        Arrays.stream(args.split(" "))
            .map(
                arg ->
                    arg.replace("{file}", file.toString())
                        .replace("{dir}", dir.toString())
                        .replace("{graph}", ENDORSEMENTS.toString()))
            .toArray(String[]::new);

    CliRun run = CliRun.of(argv);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("wuffie: ").contains(expected);
    assertThat(run.err()).doesNotContain("Exception", "at dev.", "at java.", "Usage:");
  }

  static Stream<Arguments> badInputs() {
    String input = "score --input {file}";
    String seeds = "score --input {graph} --seeds {file}";
    String graph = "score --input {graph} ";
    return Stream.of(
        arguments(
            "missing file", "absent.csv", null, input, List.of("no such file: ", "absent.csv")),
        arguments("input is a directory", "x", null, "score --input {dir}", List.of("cannot read")),
        arguments(
            "malformed line",
            "malformed.csv",
            "alice,bob,1\ncarol\n",
            input,
            List.of("malformed.csv:2: ", "1 field")),
        arguments(
            "NaN weight",
            "nan.csv",
            "alice,bob,1\nbob,carol,NaN\n",
            input,
            List.of("nan.csv:2: ", "NaN")),
        arguments(
            "negative weight without --drop-negative",
            "negative.csv",
            "alice,bob,1\n\nbob,carol,-2\n",
            input,
            List.of("negative.csv:3: ", "negative weight -2", "--drop-negative", "--distrust")),
        arguments("empty file", "empty.csv", "", input, List.of("empty.csv: ", "no endorsements")),
        arguments(
            "comment-only file",
            "comments.csv",
            "# nothing\n% to see\n",
            input,
            List.of("comments.csv: ", "no endorsements")),
        arguments(
            "broken gzip",
            "broken.csv.gz",
            "\u001f\u008b\u0008\u0000 not really gzip",
            input,
            List.of("broken.csv.gz")),
        arguments(
            "unknown flag",
            "x",
            null,
            graph + "--frobnicate",
            List.of("Unknown option: '--frobnicate'", "see 'wuffie score --help'")),
        arguments("unknown command", "x", null, "scor", List.of("'scor'", "see 'wuffie --help'")),
        arguments("missing --input", "x", null, "score", List.of("--input", "--help")),
        arguments(
            "damping out of range",
            "x",
            null,
            graph + "--damping 1.5",
            List.of("damping 1.5 is outside [0, 1)")),
        arguments(
            "damping not a number",
            "x",
            null,
            graph + "--damping high",
            List.of("--damping", "'high'")),
        arguments(
            "tolerance zero", "x", null, graph + "--tolerance 0", List.of("tolerance 0.0 must be")),
        arguments(
            "max iterations zero",
            "x",
            null,
            graph + "--max-iterations 0",
            List.of("maxIterations 0 must be at least 1")),
        arguments("negative top", "x", null, graph + "--top -1", List.of("--top -1")),
        arguments(
            "seeds all unknown",
            "strangers.csv",
            "zed\nyan\n",
            seeds,
            List.of("strangers.csv: ", "zed, yan")),
        arguments(
            "missing seeds file",
            "no-seeds.csv",
            null,
            seeds,
            List.of("no such file: ", "no-seeds.csv")),
        arguments(
            "malformed seeds file",
            "bad-seeds.csv",
            "alice\nbob,1,2\n",
            seeds,
            List.of("bad-seeds.csv:2: ", "3 fields")),
        arguments(
            "output in a missing directory",
            "x",
            null,
            graph + "--output {dir}/missing/scores.tsv",
            List.of("cannot write", "scores.tsv")));
  }
}
