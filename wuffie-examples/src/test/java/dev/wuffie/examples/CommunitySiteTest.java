package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class CommunitySiteTest {
  /** Kept open after the example's connection closes, so that the test can read the table. */
  private static final String URL = "jdbc:h2:mem:community-site-test;DB_CLOSE_DELAY=-1";

  private static List<String> lines;

  @BeforeAll
  static void runOnTheBundledSite() {
    lines = Snippets.run(args -> CommunitySite.run(URL)).lines().toList();
  }

  @Test
  void run_beerSite_printsAlignedLeaderboardWithBars() {
    assertThat(lines.get(0))
        .isEqualTo("782 users, 1,557 answers, as of 2017-03-13; wrote the reputation table");
    String header = lines.get(2);
    assertThat(header).isEqualTo("rank  user   points  percentile");
    List<String> rows = lines.subList(3, 13);
    assertThat(rows.get(0)).startsWith("   1  5064 ");
    int pointsEnd = header.indexOf("points") + "points".length();
    int bar = 0;
    for (int r = 0; r < rows.size(); r++) {
      String row = rows.get(r);
      assertThat(row).matches(" +\\d+  \\S+ +\\d+\\.\\d\\d +\\d+\\.\\d  #+");
      assertThat(row.substring(0, 4).trim()).isEqualTo(Integer.toString(r + 1));
      // right-aligned under their headers
      assertThat(row.charAt(pointsEnd - 1)).isBetween('0', '9');
      assertThat(row.charAt(pointsEnd)).isEqualTo(' ');
      assertThat(row.charAt(header.length() - 1)).isBetween('0', '9');
      assertThat(row.charAt(header.length())).isEqualTo(' ');
      int length = row.length() - row.indexOf('#');
      assertThat(length).isLessThanOrEqualTo(r == 0 ? 30 : bar);
      bar = length;
    }
    assertThat(rows.get(0)).endsWith("  " + "#".repeat(30));
  }

  @Test
  void run_beerSite_explanationLinesAddUpToTheLeadersScore() {
    String why = lines.stream().filter(l -> l.startsWith("why ")).findFirst().orElseThrow();
    int at = lines.indexOf(why);
    assertThat(why).matches("why user 5064 leads: score 0\\.\\d{6} =");
    double score = Double.parseDouble(why.substring(why.indexOf("score ") + 6, why.length() - 2));
    List<String> terms = lines.subList(at + 1, lines.size());
    assertThat(terms.get(0)).contains("by the prior");
    assertThat(terms.subList(1, 6))
        .allMatch(
            t -> t.matches("  0\\.\\d{6}  from asker \\S+ \\(answers: \\d+, accepted: \\d+\\)"));
    assertThat(terms.get(terms.size() - 1)).matches("  0\\.\\d{6}  from \\d+ other askers");
    double sum = terms.stream().mapToDouble(t -> Double.parseDouble(t.trim().split(" ")[0])).sum();
    assertThat(sum).isCloseTo(score, within(terms.size() * 5e-7 + 1e-9));
  }

  @Test
  void run_beerSite_writesOneRankedRowPerUser() throws SQLException {
    try (Connection db = DriverManager.getConnection(URL);
        Statement sql = db.createStatement()) {
      ResultSet table =
          sql.executeQuery(
              "SELECT COUNT(*), COUNT(DISTINCT rank), MIN(rank), MAX(rank), MIN(percentile),"
                  + " MAX(percentile), SUM(score), COUNT(updated_at) FROM reputation");
      table.next();
      int users = table.getInt(1);
      assertThat(users).isEqualTo(782);
      assertThat(table.getInt(2)).isEqualTo(users);
      assertThat(table.getInt(3)).isEqualTo(1);
      assertThat(table.getInt(4)).isEqualTo(users);
      assertThat(table.getDouble(5)).isGreaterThanOrEqualTo(0);
      assertThat(table.getDouble(6)).isEqualTo(100);
      assertThat(table.getDouble(7)).isCloseTo(1, within(1e-9));
      assertThat(table.getInt(8)).isEqualTo(users);

      ResultSet missing =
          sql.executeQuery(
              "SELECT COUNT(*) FROM users u LEFT JOIN reputation r ON r.id = u.id"
                  + " WHERE r.id IS NULL");
      missing.next();
      assertThat(missing.getInt(1)).isZero();

      ResultSet first = sql.executeQuery("SELECT id FROM reputation WHERE rank = 1");
      first.next();
      assertThat(first.getLong(1)).isEqualTo(5064);
    }
  }
}
