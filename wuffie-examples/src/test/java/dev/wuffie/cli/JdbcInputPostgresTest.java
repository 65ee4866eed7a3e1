package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --jdbc} on a real PostgreSQL server ({@link TestPostgres}, as wuffie-jdbc's tests use it),
 * through the driver that {@code wuffie.jar} carries: the rows of {@link JdbcInputTest#ROWS} score
 * exactly as the file of the same rows, whether their times are {@code timestamp} or {@code
 * timestamptz}; {@code --write-table} upserts the printed scores; bad SQL exits 2 with one line.
 */
class JdbcInputPostgresTest {
  private static String url;

  @TempDir Path dir;

  @BeforeAll
  static void createTheVotes() throws SQLException {
    url = TestPostgres.url("postgres") + "?user=postgres";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE votes (n INT, voter TEXT, author TEXT, amount DOUBLE PRECISION,"
              + " at TIMESTAMP, at_zoned TIMESTAMPTZ, what TEXT)");
      int n = 0;
      for (String row : JdbcInputTest.ROWS) {
        String[] f = row.split(",", -1);
        n++;
        // the zoned time is written at +09:00: the instant is what counts
        s.execute(
            String.format(
                "INSERT INTO votes VALUES (%d, '%s', '%s', %s, TIMESTAMP '%s', TIMESTAMPTZ '%s',"
                    + " '%s')",
                n,
                f[0],
                f[1],
                f[2].isEmpty() ? "NULL" : f[2],
                f[3].replace('T', ' ').replace("Z", ""),
                Instant.parse(f[3]).atOffset(ZoneOffset.ofHours(9)),
                f[4]));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"at", "at_zoned"})
  void policyMode_rowsOfAQuery_scoreExactlyAsTheFile(String timeColumn) throws Exception {
    String query =
        "SELECT voter AS endorser, author AS endorsed, amount AS weight, "
            + timeColumn
            + " AS time, what AS kind FROM votes ORDER BY n";
    String[] policy = {"--kinds", "upvote=1,accepted=3,thanks=0.5", "--half-life", "30d"};
    CliRun fromFile = CliRun.of(args(policy, "--input", file().toString(), "--output", tsv("f")));
    CliRun fromRows =
        CliRun.of(args(policy, "--jdbc", url, "--events", query, "--output", tsv("r")));

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromRows.exitCode()).as(fromRows.err()).isZero();
    Map<String, Double> expected = CliRun.scores(dir.resolve("f.tsv"));
    assertThat(expected).hasSize(5);
    assertThat(CliRun.scores(dir.resolve("r.tsv"))).containsExactlyEntriesOf(expected);
    assertThat(fromRows.out()).contains("as of 2026-05-01T00:00:00Z");
  }

  @Test
  void writeTable_upsertsThePrintedScores_andASecondRunReplacesThem() throws Exception {
    String query =
        "SELECT voter AS endorser, author AS endorsed, amount AS weight FROM votes ORDER BY n";
    for (String table : List.of("standings", "standings")) {
      CliRun run =
          CliRun.of(
              "score",
              "--jdbc",
              url,
              "--events",
              query,
              "--output",
              tsv("printed"),
              "--write-table",
              table);

      assertThat(run.exitCode()).as(run.err()).isZero();
      List<String> printed = Files.readAllLines(dir.resolve("printed.tsv"), StandardCharsets.UTF_8);
      List<String> written = new ArrayList<>(List.of("id\tscore\trank"));
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rows =
              s.executeQuery("SELECT id, score, rank FROM " + table + " ORDER BY rank, id")) {
        while (rows.next()) {
          written.add(rows.getString(1) + "\t" + rows.getDouble(2) + "\t" + rows.getInt(3));
        }
      }
      assertThat(written).hasSize(6).isEqualTo(printed);
    }
  }

  @Test
  void badSql_exits2WithTheServersMessageOnOneLine() {
    CliRun run = CliRun.of("score", "--jdbc", url, "--events", "SELECT * FROM nowhere");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith(
            "wuffie: the --events query failed: ERROR: relation \"nowhere\" does not exist");
  }

  private Path file() throws IOException {
    return JdbcInputTest.rowsFile(dir);
  }

  private String tsv(String name) {
    return JdbcInputTest.tsv(dir, name);
  }

  private static String[] args(String[] options, String... more) {
    return JdbcInputTest.args(options, more);
  }
}
