package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jdbc URL --events SQL}: the rows of a query score exactly as a file of the same rows, in
 * plain mode and in policy mode; {@code --write-table} writes the printed scores; bad databases,
 * queries and columns exit 2 with one line.
 */
class JdbcInputTest {
  /** The rows, as a file holds them: endorser, endorsed, weight, time, kind. */
  static final List<String> ROWS =
      List.of(
          "alice,bob,2,2026-01-01T00:00:00Z,upvote",
          "bob,carol,1,2026-02-01T12:00:00Z,upvote",
          "carol,alice,,2026-03-01T00:00:00Z,accepted",
          "dave,alice,0.5,2026-03-15T06:30:00Z,upvote",
          "alice,bob,1,2026-04-01T00:00:00Z,upvote",
          "erin,erin,3,2026-04-02T00:00:00Z,upvote",
          "erin,dave,,2026-04-03T00:00:00Z,thanks",
          "bob,dave,4,2026-05-01T00:00:00Z,upvote");

  private static final String QUERY =
      "SELECT voter AS endorser, author AS Endorsed, amount AS WEIGHT, at AS time, what AS kind,"
          + " note FROM votes ORDER BY n";

  /** The rows without their kinds, for plain mode; and a column the query need not read. */
  private static final String PLAIN_QUERY =
      "SELECT voter AS endorser, author AS endorsed, amount AS weight, at AS time FROM votes"
          + " ORDER BY n";

  @TempDir Path dir;

  @Test
  void plainMode_rowsOfAQuery_scoreExactlyAsTheFile() throws Exception {
    String url = database("plain");
    Path edges = dir.resolve("edges.csv");
    Files.write(edges, ROWS.stream().map(row -> row.substring(0, row.lastIndexOf(','))).toList());
    CliRun fromFile = CliRun.of("score", "--input", edges.toString(), "--output", tsv("file"));
    CliRun fromRows =
        CliRun.of("score", "--jdbc", url, "--events", PLAIN_QUERY, "--output", tsv("rows"));

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromRows.exitCode()).as(fromRows.err()).isZero();
    assertThat(CliRun.scores(dir.resolve("rows.tsv")))
        .hasSize(5)
        .containsExactlyEntriesOf(CliRun.scores(dir.resolve("file.tsv")));
    assertThat(summary(fromRows.out(), "dropped")).isEqualTo(summary(fromFile.out(), "dropped"));
    assertThat(summary(fromRows.out(), "endorsements"))
        .isEqualTo(summary(fromFile.out(), "endorsements"))
        .isEqualTo("6 distinct pairs from 8 records");
  }

  @Test
  void policyMode_kindsTimesAndHalfLife_scoreExactlyAsTheFile() throws Exception {
    String url = database("policy");
    String[] policy = {"--kinds", "upvote=1,accepted=3,thanks=0.5", "--half-life", "30d"};
    CliRun fromFile = CliRun.of(args(policy, "--input", file().toString(), "--output", tsv("f")));
    CliRun fromRows =
        CliRun.of(args(policy, "--jdbc", url, "--events", QUERY, "--output", tsv("r")));

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromRows.exitCode()).as(fromRows.err()).isZero();
    Map<String, Double> expected = CliRun.scores(dir.resolve("f.tsv"));
    assertThat(CliRun.scores(dir.resolve("r.tsv"))).containsExactlyEntriesOf(expected);
    assertThat(summary(fromRows.out(), "policy"))
        .isEqualTo(summary(fromFile.out(), "policy"))
        .contains("half-life P30D", "as of 2026-05-01T00:00:00Z");
  }

  @Test
  void writeTable_writesThePrintedScoresAndRanks() throws Exception {
    String url = database("sink");
    CliRun run =
        CliRun.of(
            "score",
            "--jdbc",
            url,
            "--events",
            PLAIN_QUERY,
            "--output",
            tsv("printed"),
            "--write-table",
            "standings");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(summary(run.out(), "table")).isEqualTo("standings (5 rows)");
    List<String> printed = Files.readAllLines(dir.resolve("printed.tsv"), StandardCharsets.UTF_8);
    List<String> written = new ArrayList<>(List.of("id\tscore\trank"));
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT id, score, rank FROM standings ORDER BY rank, id")) {
      while (rows.next()) {
        written.add(rows.getString(1) + "\t" + rows.getDouble(2) + "\t" + rows.getInt(3));
      }
    }
    assertThat(written).isEqualTo(printed);
  }

  @Test
  void explain_rowsOfAQuery_giveTheTermsOfTheFile() throws Exception {
    String url = database("explain");
    String[] policy = {"--kinds", "upvote=1,accepted=3,thanks=0.5", "--id", "alice"};
    CliRun fromFile = CliRun.of(explainArgs(policy, "--input", file().toString()));
    CliRun fromRows = CliRun.of(explainArgs(policy, "--jdbc", url, "--events", QUERY));

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromRows.exitCode()).as(fromRows.err()).isZero();
    assertThat(withoutInput(fromRows.out()))
        .isEqualTo(withoutInput(fromFile.out()))
        .anyMatch(line -> line.contains("carol"));
  }

  @Test
  void missingColumn_exits2NamingItAndTheColumnsReturned() throws Exception {
    String url = database("missing");
    CliRun run =
        CliRun.of("score", "--jdbc", url, "--events", "SELECT voter AS endorser, note FROM votes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: the --events query returns no column 'endorsed' (it returns ENDORSER, NOTE);"
                + " name the columns endorser, endorsed and optionally weight, time, kind, tags, as in"
                + " SELECT voter AS endorser, ...");
  }

  @Test
  void badSql_exits2WithTheDriversMessageOnOneLine() throws Exception {
    String url = database("badsql");
    CliRun run = CliRun.of("explain", "--jdbc", url, "--events", "SELECT * FROM nowhere");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("wuffie: the --events query failed: Table \"NOWHERE\" not found");
  }

  @Test
  void plainMode_kindColumn_isRefusedWithTheWayToScoreKinds() throws Exception {
    CliRun run = CliRun.of("score", "--jdbc", database("plainkinds"), "--events", QUERY);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: the --events query, row 1: kind 'upvote', but without policy options a"
                + " kind means nothing; declare the kinds with --kinds NAME=WEIGHT,... (or"
                + " --policy), or leave the kind column out of the query");
  }

  @Test
  void badUsage_exits2WithOneLine() throws IOException {
    String input = file().toString();
    Map<List<String>, String> cases =
        Map.of(
            List.of("score", "--input", input, "--jdbc", "jdbc:h2:mem:x", "--events", "SELECT 1"),
            "wuffie: --input, --ledger and --jdbc exclude each other: give one of them; see"
                + " 'wuffie score --help'",
            List.of("score", "--input", input, "--write-table", "scores"),
            "wuffie: --write-table writes to the --jdbc database: give --jdbc URL too; see"
                + " 'wuffie score --help'",
            List.of("explain", "--events", "SELECT 1"),
            "wuffie: --events is for a database: give --jdbc URL too; see 'wuffie explain"
                + " --help'",
            List.of("score", "--jdbc", "jdbc:h2:mem:x"),
            "wuffie: --jdbc needs the query that returns the endorsements: --events \"SELECT"
                + " voter AS endorser, author AS endorsed FROM votes\"; see 'wuffie score"
                + " --help'",
            List.of(
                "score", "--jdbc", "jdbc:h2:mem:x", "--events", "SELECT 1", "--write-table", "a;b"),
            "wuffie: --write-table: ");
    cases.forEach(
        (args, message) -> {
          CliRun run = CliRun.of(args.toArray(new String[0]));
          assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
          assertThat(run.errLines()).as(args.toString()).hasSize(1);
          assertThat(run.errLines().get(0)).as(args.toString()).startsWith(message);
        });
  }

  @Test
  void badUrl_exits2NamingIt() {
    CliRun run = CliRun.of("score", "--jdbc", "jdbc:nosuchdb:x", "--events", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "wuffie: cannot connect to jdbc:nosuchdb:x: No suitable driver found for"
                + " jdbc:nosuchdb:x");
  }

  @Test
  void badValue_namesTheRow() throws Exception {
    String url = database("badvalue");
    CliRun run =
        CliRun.of(
            "score",
            "--jdbc",
            url,
            "--events",
            "SELECT voter AS endorser, author AS endorsed, note AS weight FROM votes ORDER BY n");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly("wuffie: the --events query, row 1: weight 'first' is not a number");
  }

  /** The rows as an edge list file. */
  private Path file() throws IOException {
    return rowsFile(dir);
  }

  /** The rows as an edge list file in {@code dir}. */
  static Path rowsFile(Path dir) throws IOException {
    Path file = dir.resolve("events.csv");
    Files.writeString(file, String.join("\n", ROWS) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /**
   * An H2 database in memory, named {@code name}, with the rows in table {@code votes}: the weight
   * a number column, the time a SQL timestamp, plus a column the query ignores.
   */
  private static String database(String name) throws SQLException {
    String url = "jdbc:h2:mem:jdbcinput-" + name + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE votes (n INT, voter VARCHAR(50), author VARCHAR(50), amount DOUBLE"
              + " PRECISION, at TIMESTAMP, what VARCHAR(20), note VARCHAR(20))");
      int n = 0;
      for (String row : ROWS) {
        String[] f = row.split(",", -1);
        n++;
        s.execute(
            String.format(
                "INSERT INTO votes VALUES (%d, '%s', '%s', %s, TIMESTAMP '%s', '%s', '%s')",
                n,
                f[0],
                f[1],
                f[2].isEmpty() ? "NULL" : f[2],
                f[3].replace('T', ' ').replace("Z", ""),
                f[4],
                n == 1 ? "first" : "other"));
      }
    }
    return url;
  }

  private String tsv(String name) {
    return tsv(dir, name);
  }

  /** The path of output file {@code name}.tsv in {@code dir}. */
  static String tsv(Path dir, String name) {
    return dir.resolve(name + ".tsv").toString();
  }

  /** {@code score}, the options, then {@code more}. */
  static String[] args(String[] options, String... more) {
    List<String> all = new ArrayList<>(List.of("score"));
    all.addAll(List.of(options));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  private static String[] explainArgs(String[] options, String... input) {
    List<String> all = new ArrayList<>(List.of("explain"));
    all.addAll(List.of(input));
    all.addAll(List.of(options));
    return all.toArray(new String[0]);
  }

  /** The value of a summary line ("name value"). */
  private static String summary(String out, String name) {
    return out.lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + ":"))
        .map(line -> line.substring(name.length()).replaceFirst("^[:\\s]+", ""))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no summary line '" + name + "' in\n" + out));
  }

  private static List<String> withoutInput(String out) {
    return out.lines().filter(line -> !line.startsWith("input")).toList();
  }
}
