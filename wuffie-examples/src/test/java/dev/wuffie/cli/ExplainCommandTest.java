package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExplainCommandTest {
  private static final Path ENDORSEMENTS = CliRun.resource("cli/endorsements.csv");
  private static final Path SIGNED = CliRun.resource("cli/signed.csv");
  private static final Pattern CHECK =
      Pattern.compile("(?m)^terms sum to (\\S+) \\(score (\\S+)\\)$");
  private static final Pattern TERM =
      Pattern.compile(
          "(?m)^(teleport|returned|endorser|distrust|floor) .*?(-?\\d+\\.\\d+) +-?\\d+\\.\\d+%$");

  private static final Path POLICY_REFERENCE =
      Path.of("../wuffie-core/src/test/resources/reference/policy");

  @TempDir Path dir;

  @Test
  void explain_endorsementsBob_termsAreTheFormulaOnNetworkxScores() throws IOException {
    // endorsements.csv: alice gives bob 2 + 1 and carol 1 (W_alice = 4); bob's only endorser is
    // alice. oscar, mallory (a self-endorsement only) and trent (a zero weight only) are
    // dangling. With n = 13 and networkx's scores s (endorsements.networkx.tsv):
    //   teleport = 0.15 / 13, returned = 0.85 / 13 * (s_oscar + s_mallory + s_trent),
    //   alice's term = 0.85 * s_alice * 3 / 4.
    Map<String, Double> s = new java.util.HashMap<>();
    for (String line : Files.readAllLines(CliRun.resource("cli/endorsements.networkx.tsv"))) {
      s.put(line.split("\t")[0], Double.parseDouble(line.split("\t")[1]));
    }
    double score = s.get("bob");
    double teleport = 0.15 / 13;
    double returned = 0.85 / 13 * (s.get("oscar") + s.get("mallory") + s.get("trent"));
    double alice = 0.85 * s.get("alice") * 3 / 4;
    assertThat(teleport + returned + alice).isCloseTo(score, within(1e-12));

    CliRun run = CliRun.of("explain", "--input", ENDORSEMENTS.toString(), "--id", "bob");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(row("score", amount(score), "\\(1\\.441 points;.*"))
        .containsPattern(row("teleport", amount(teleport), share(teleport, score)))
        .containsPattern(row("returned", amount(returned), share(returned, score)))
        .containsPattern(row("endorser", "alice", amount(alice), share(alice, score)))
        .containsPattern(row("", "endorse", "2", amount(alice)));
  }

  @Test
  void explain_endorsementsBob_printsStandingTableAndCheck() {
    CliRun run = CliRun.of("explain", "--input", ENDORSEMENTS.toString(), "--id", "bob");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .containsPattern("(?m)^contributor +bob$")
        .containsPattern(
            "(?m)^score +0\\.110811 \\(1\\.441 points; the average contributor has 1\\)$")
        .containsPattern("(?m)^rank +3 of 13 \\(percentile 83\\.33\\)$")
        .containsPattern("(?m)^kinds +endorse = value \\(22 lines\\)$")
        .containsPattern("(?m)^converged +yes after ")
        .containsPattern("(?m)^term +from +kind +count +amount +share$")
        .containsPattern("(?m)^teleport +0\\.011538 +10\\.41%$")
        .containsPattern("(?m)^endorser +alice +0\\.\\d{6} +\\d+\\.\\d\\d%$")
        .containsPattern("(?m)^ +endorse +2 +0\\.\\d{6}$")
        .containsPattern("(?m)^floor +0\\.000000 +0\\.00%$");
    double score = scores(ENDORSEMENTS).get("bob");
    Matcher check = CHECK.matcher(run.out());
    assertThat(check.find()).isTrue();
    assertThat(Double.parseDouble(check.group(1))).isCloseTo(score, within(1e-9));
    assertThat(Double.parseDouble(check.group(2))).isCloseTo(score, within(1e-9));
    assertThat(termSum(run.out())).isCloseTo(score, within(1e-5));
  }

  @Test
  void explain_rowsAreAligned() {
    CliRun run = CliRun.of("explain", "--input", ENDORSEMENTS.toString(), "--id", "carol");

    List<String> table =
        run.out()
            .lines()
            .dropWhile(line -> !line.startsWith("term "))
            .takeWhile(l -> !l.isEmpty())
            .toList();
    assertThat(table).hasSizeGreaterThan(5);
    int amountEnd = table.get(0).indexOf("amount") + "amount".length();
    for (String row : table.subList(1, table.size())) {
      String beforeShare = row.replaceFirst(" +-?\\d+\\.\\d+%$", "");
      assertThat(beforeShare.length()).as(row).isEqualTo(amountEnd);
    }
  }

  @Test
  void explain_kindsAndDistrust_splitsTermsIntoKindsAndShowsDiscounts() throws IOException {
    Path events = dir.resolve("events.csv");
    Files.writeString(
        events,
        """
        alice,bob,1,2025-06-01T10:00:00Z,accepted
        alice,bob,1,2025-06-02T10:00:00Z,upvote
        carol,bob,1,2025-06-03T10:00:00Z,upvote
        bob,alice,1,2025-12-01T00:00:00Z,upvote
        dave,carol,1,2025-12-20T00:00:00Z,upvote
        erin,bob,1,2025-12-22T00:00:00Z,downvote
        carol,alice,1,2025-12-23T00:00:00Z,upvote
        """,
        StandardCharsets.UTF_8);

    CliRun run =
        CliRun.of(
            "explain",
            "--input",
            events.toString(),
            "--id",
            "bob",
            "--kinds",
            "upvote=1,accepted=3,downvote=-1",
            "--distrust");

    // The terms of tools/reference_policy.py on the same events and policy (case
    // cli-kinds-distrust in wuffie-core's reference/policy; see the README there).
    JsonNode bob =
        new ObjectMapper()
            .readTree(POLICY_REFERENCE.resolve("cli-kinds-distrust.expected.json").toFile())
            .get("explanations")
            .get("bob");
    double score = bob.get("score").asDouble();
    JsonNode alice = bob.get("endorsers").get(0);
    JsonNode carol = bob.get("endorsers").get(1);
    JsonNode erin = bob.get("distrusters").get(0);
    assertThat(List.of(alice, carol, erin))
        .extracting(t -> t.get("endorser").asText())
        .containsExactly("alice", "carol", "erin");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            lines(
                row("teleport", amount(bob.get("teleport")), share(bob.get("teleport"), score)),
                row("returned", amount(bob.get("returned")), share(bob.get("returned"), score)),
                row("endorser", "alice", amount(alice), share(alice, score)),
                row("", "accepted", "1", amount(alice.get("parts").get(0))),
                row("", "upvote", "1", amount(alice.get("parts").get(1))),
                row("endorser", "carol", amount(carol), share(carol, score)),
                row("", "upvote", "1", amount(carol.get("parts").get(0))),
                row("distrust", "erin", "-" + amount(erin), "-" + share(erin, score)),
                row("", "downvote", "1", "-" + amount(erin.get("parts").get(0))),
                row("floor", amount(bob.get("floor")), share(bob.get("floor"), score))));
    Matcher check = CHECK.matcher(run.out());
    assertThat(check.find()).isTrue();
    assertThat(Double.parseDouble(check.group(1)))
        .isCloseTo(Double.parseDouble(check.group(2)), within(1e-9));
  }

  @Test
  void explain_termsLimit_sumsTheOthersOnOneRow() {
    CliRun all =
        CliRun.of("explain", "--input", SIGNED.toString(), "--id", "alice", "--drop-negative");
    CliRun none =
        CliRun.of(
            "explain",
            "--input",
            SIGNED.toString(),
            "--id",
            "alice",
            "--drop-negative",
            "--terms",
            "0");

    assertThat(all.out())
        .containsPattern("(?m)^endorser +bob ")
        .containsPattern("(?m)^endorser +carol ");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out())
        .containsPattern("(?m)^endorser +\\(3 more\\) +0\\.\\d{6} +\\d+\\.\\d\\d%$")
        .doesNotContainPattern("(?m)^endorser +bob ");
    assertThat(termSum(none.out())).isCloseTo(termSum(all.out()), within(1e-5));
  }

  @Test
  void explain_noInput_explainsTheBundledTopContributorWithDistrust() {
    CliRun run = CliRun.of("explain", "--terms", "3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Bitcoin OTC trust weighted signed network (SNAP)")
        .containsPattern("(?m)^contributor +35 \\(the top contributor\\)$")
        .containsPattern("(?m)^rank +1 of 5,881 \\(percentile 100\\.00\\)$")
        .containsPattern(
            "(?m)^distrust +3,563 negative records, applied after convergence \\(strength 1\\)$")
        .containsPattern("(?m)^endorser +\\(\\d+ more\\) ");
  }

  @Test
  void explain_unknownId_exitsTwoWithOneLine() {
    CliRun run = CliRun.of("explain", "--input", ENDORSEMENTS.toString(), "--id", "Bob");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: unknown contributor 'Bob': not in "
                + ENDORSEMENTS
                + ", which has 13 contributors (ids are case-sensitive)");
  }

  @Test
  void explain_negativeTerms_exitsTwoWithUsage() {
    CliRun run = CliRun.of("explain", "--terms", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly("wuffie: --terms -1 must be at least 0; see 'wuffie explain --help'");
  }

  @Test
  void explain_notConverged_printsTheExplanationAndExitsThree() {
    CliRun run =
        CliRun.of(
            "explain", "--input", ENDORSEMENTS.toString(), "--id", "bob", "--max-iterations", "2");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out())
        .containsPattern("(?m)^converged +NO after 2 iterations")
        .contains("terms sum to");
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("wuffie: warning: not converged");
  }

  /** A table row: the cells, quoted, separated by spaces (a leading empty cell: indented). */
  private static String row(String... cells) {
    StringBuilder row = new StringBuilder("(?m)^");
    for (int c = 0; c < cells.length; c++) {
      boolean pattern = cells[c].startsWith("\\(");
      row.append(c == 0 ? "" : " +").append(pattern ? cells[c] : Pattern.quote(cells[c]));
    }
    return row.append("$").toString();
  }

  /** Consecutive rows. */
  private static String lines(String... rows) {
    StringBuilder all = new StringBuilder();
    for (String row : rows) {
      all.append(all.length() == 0 ? row : "\\n" + row.substring("(?m)^".length()));
    }
    return all.toString();
  }

  private static String amount(double amount) {
    return String.format("%.6f", amount);
  }

  private static String amount(JsonNode term) {
    return amount((term.isNumber() ? term : term.get("amount")).asDouble());
  }

  private static String share(double amount, double score) {
    return String.format("%.2f%%", 100 * amount / score);
  }

  private static String share(JsonNode term, double score) {
    return share((term.isNumber() ? term : term.get("amount")).asDouble(), score);
  }

  /** The sum of the amounts of the term rows (not the part rows) of an explanation table. */
  private static double termSum(String out) {
    double sum = 0;
    Matcher term = TERM.matcher(out);
    while (term.find()) {
      sum += Double.parseDouble(term.group(2));
    }
    return sum;
  }

  private Map<String, Double> scores(Path input) {
    Path output = dir.resolve("scores.tsv");
    CliRun run = CliRun.of("score", "--input", input.toString(), "--output", output.toString());
    assertThat(run.exitCode()).isZero();
    return CliRun.scores(output);
  }
}
