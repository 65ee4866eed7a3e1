package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scores {@code wuffie score --output} writes agree with networkx's {@code pagerank} on the
 * inputs in {@code src/test/resources/cli} (see the README there for how the expected files were
 * made).
 */
final class ReferenceAgreementTest {
  private static final double MAX_DIFFERENCE = 1e-9;

  @TempDir Path dir;

  static Stream<Arguments> inputs() {
    return Stream.of(
        arguments("endorsements.csv", List.of(), "endorsements.networkx.tsv"),
        arguments("endorsements.csv.gz", List.of(), "endorsements.networkx.tsv"),
        arguments("endorsements.tsv", List.of(), "endorsements.networkx.tsv"),
        arguments("endorsements.txt", List.of(), "endorsements.networkx.tsv"),
        arguments(
            "endorsements.csv",
            List.of("--seeds", CliRun.resource("cli/seeds.csv").toString()),
            "endorsements-seeded.networkx.tsv"),
        arguments("signed.csv", List.of("--drop-negative"), "signed.networkx.tsv"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("inputs")
  void score_referenceInput_matchesNetworkx(String input, List<String> options, String expected)
      throws IOException {
    Path output = dir.resolve("scores.tsv");
    List<String> args = new ArrayList<>(List.of("score", "--input"));
    args.add(CliRun.resource("cli/" + input).toString());
    args.addAll(List.of("--tolerance", "1e-13", "--output", output.toString()));
    args.addAll(options);

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Double> actual = scores(output, true);
    Map<String, Double> reference = scores(CliRun.resource("cli/" + expected), false);
    assertThat(actual.keySet()).isEqualTo(reference.keySet());
    reference.forEach(
        (id, score) -> assertThat(actual.get(id)).as(id).isCloseTo(score, within(MAX_DIFFERENCE)));
  }

  private static Map<String, Double> scores(Path tsv, boolean header) throws IOException {
    Map<String, Double> scores = new HashMap<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : header ? lines.subList(1, lines.size()) : lines) {
      String[] fields = line.split("\t");
      scores.put(fields[0], Double.parseDouble(fields[1]));
    }
    return scores;
  }
}
