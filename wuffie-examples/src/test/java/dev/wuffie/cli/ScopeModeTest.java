package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.json.LedgerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wuffie score --scope TAG} and {@code wuffie explain --scope TAG}, over an edge list with a
 * tags column, a ledger with tagged contributions and a query with a tags column: the same two
 * topics, whose scores are derived by hand (see {@code ScopedReputationTest} in wuffie-core).
 */
final class ScopeModeTest {
  /**
   * b's work in brewing is upvoted by a; c's (twice) and a's work in baking by a, b and c; b thanks
   * c, which counts in every scope.
   */
  private static final List<String> LINES =
      List.of(
          "endorser,endorsed,weight,time,kind,tags",
          "a,b,1,0,upvote,brewing",
          "a,c,1,0,upvote,baking",
          "c,a,1,0,upvote,baking",
          "b,c,1,0,upvote,baking",
          "b,c,1,0,thanks,");

  private static final String[] POLICY = {"--kinds", "upvote=1,thanks=1", "--tolerance", "1e-14"};

  @TempDir Path dir;

  private Path edgeList() throws IOException {
    Path file = dir.resolve("topics.csv");
    Files.write(file, LINES);
    return file;
  }

  private static String[] args(String command, String[] options, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    all.addAll(List.of(options));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  /**
   * brewing: p = b; a -> b, b -> c, c dangles back to b: b = 20/37, c = 17/37. baking: p = (a 1/3,
   * c 2/3); a -> c, c -> a, b -> c: a = 18/37, c = 19/37, b = 0.
   */
  private static void assertHandDerived(String scope, Map<String, Double> scores) {
    if (scope.equals("brewing")) {
      assertThat(scores.get("a")).isEqualTo(0.0);
      assertThat(scores.get("b")).isCloseTo(20.0 / 37, within(1e-12));
      assertThat(scores.get("c")).isCloseTo(17.0 / 37, within(1e-12));
    } else {
      assertThat(scores.get("a")).isCloseTo(18.0 / 37, within(1e-12));
      assertThat(scores.get("b")).isEqualTo(0.0);
      assertThat(scores.get("c")).isCloseTo(19.0 / 37, within(1e-12));
    }
  }

  @Test
  void score_edgeListWithTags_scopeScoresDerivedByHand() throws IOException {
    for (String scope : List.of("brewing", "baking")) {
      Path tsv = dir.resolve(scope + ".tsv");
      CliRun run =
          CliRun.of(
              args(
                  "score",
                  POLICY,
                  "--input",
                  edgeList().toString(),
                  "--scope",
                  scope,
                  "--output",
                  tsv.toString()));

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains(
              "scope          "
                  + scope
                  + " (endorsements of its contributions and between members; teleport to its"
                  + " active members)");
      assertHandDerived(scope, CliRun.scores(tsv));
    }
  }

  @Test
  void score_ledgerWithTaggedContributions_scopeScoresDerivedByHand() throws IOException {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Ledger ledger = Ledger.create();
    ledger.addContribution(LedgerEntry.contribution("p1", t, "b").tagged("brewing"));
    ledger.addContribution(LedgerEntry.contribution("p2", t, "c").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("p3", t, "a").tagged("baking"));
    ledger.addContribution(LedgerEntry.contribution("p4", t, "c").tagged("baking"));
    ledger.addContribution("q", t, "a"); // untagged: in no scope
    ledger.record(Endorsement.ofContribution("a", "p1", "upvote", t));
    ledger.record(Endorsement.ofContribution("a", "p2", "upvote", t));
    ledger.record(Endorsement.ofContribution("c", "p3", "upvote", t));
    ledger.record(Endorsement.of("b", "c", "thanks", t));
    ledger.record(Endorsement.ofContribution("b", "q", "upvote", t));
    Path file = dir.resolve("ledger.jsonl");
    LedgerJson.write(ledger.snapshot(), file);
    Path tsv = dir.resolve("ledger.tsv");

    CliRun run =
        CliRun.of(
            "score",
            "--ledger",
            file.toString(),
            "--tolerance",
            "1e-14",
            "--scope",
            "brewing",
            "--output",
            tsv.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertHandDerived("brewing", CliRun.scores(tsv));
  }

  @Test
  void score_queryWithTagsColumn_scoresAsTheFile() throws Exception {
    String url = "jdbc:h2:mem:scopes;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE votes (n INT, voter VARCHAR(9), author VARCHAR(9), what VARCHAR(9),"
              + " topics VARCHAR(20))");
      for (int n = 1; n < LINES.size(); n++) {
        String[] f = LINES.get(n).split(",", -1);
        s.execute(
            String.format(
                "INSERT INTO votes VALUES (%d, '%s', '%s', '%s', %s)",
                n, f[0], f[1], f[4], f[5].isEmpty() ? "NULL" : "'" + f[5] + "'"));
      }
    }
    Path tsv = dir.resolve("rows.tsv");

    CliRun run =
        CliRun.of(
            args(
                "score",
                POLICY,
                "--jdbc",
                url,
                "--events",
                "SELECT voter AS endorser, author AS endorsed, what AS kind, topics AS tags FROM"
                    + " votes ORDER BY n",
                "--scope",
                "baking",
                "--output",
                tsv.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertHandDerived("baking", CliRun.scores(tsv));
  }

  @Test
  void explain_scope_termsOfTheScopeOnly() throws IOException {
    CliRun run =
        CliRun.of(
            args(
                "explain",
                POLICY,
                "--input",
                edgeList().toString(),
                "--scope",
                "baking",
                "--id",
                "a"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("scope", "baking").contains(String.format("%.6f", 18.0 / 37));
    // a's only endorser in baking is c, through the work of line 4 (c -> a); none from brewing
    assertThat(run.out().lines().filter(line -> line.contains("line ")))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("upvote", "line 4", String.format("%.6f", 0.85 * 19 / 37)));
  }

  @Test
  void score_unknownScope_exits2NamingTheTags() throws IOException {
    CliRun run =
        CliRun.of(args("score", POLICY, "--input", edgeList().toString(), "--scope", "cheese"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: "
                + dir.resolve("topics.csv")
                + ": no contribution has tag 'cheese'; the ledger's tags are [baking, brewing]");
  }

  @Test
  void score_badTag_exits2NamingTheLine() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.write(file, List.of("a,b,1,0,upvote,brewing", "a,c,1,0,upvote,brewing||baking"));

    CliRun run = CliRun.of(args("score", POLICY, "--input", file.toString(), "--scope", "brewing"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: "
                + file
                + ":2: tags 'brewing||baking' hold an empty tag; give words separated by |, such"
                + " as brewing|yeast");
  }
}
