package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import dev.wuffie.Reputation;
import dev.wuffie.ScopedReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.json.LedgerJson;
import dev.wuffie.json.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void run_beerSite_leaderboardAndExplanationAreTheReferences() throws IOException {
    // tools/reference_policy.py on the same posts (case community-site in wuffie-core's
    // reference/policy: the example's ledger, policy and prior, built from Posts.xml by the
    // script itself), independently of wuffie.
    JsonNode reference;
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(
                Path.of(
                    "../wuffie-core/src/test/resources/reference/policy/"
                        + "community-site.expected.json.gz")))) {
      reference = new ObjectMapper().readTree(in);
    }
    List<Map.Entry<String, Double>> byScore = new ArrayList<>();
    reference
        .get("scores")
        .properties()
        .forEach(e -> byScore.add(Map.entry(e.getKey(), e.getValue().asDouble())));
    byScore.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    int n = byScore.size();
    List<String> expected = new ArrayList<>();
    double most = byScore.get(0).getValue() * n;
    for (int r = 0; r < 10; r++) {
      double score = byScore.get(r).getValue();
      long lower = byScore.stream().filter(e -> e.getValue() < score).count();
      expected.add(
          String.format(
              "%4d  %-5s %7.2f  %10.1f  %s",
              r + 1,
              byScore.get(r).getKey(),
              score * n,
              100.0 * lower / (n - 1),
              "#".repeat((int) Math.round(30 * score * n / most))));
    }
    JsonNode why = reference.get("explanations").get("5064");
    expected.add("");
    expected.add(String.format("why user 5064 leads: score %.6f =", why.get("score").asDouble()));
    double teleport = why.get("teleport").asDouble();
    double returned = why.get("returned").asDouble();
    expected.add(
        String.format(
            "  %.6f  by the prior, their posts' scores (teleport %.6f, returned %.6f)",
            teleport + returned, teleport, returned));
    double others = 0;
    JsonNode askers = why.get("endorsers");
    for (int k = 0; k < askers.size(); k++) {
      JsonNode asker = askers.get(k);
      if (k < 5) {
        expected.add(
            String.format(
                "  %.6f  from asker %s (answers: %d, accepted: %d)",
                asker.get("amount").asDouble(),
                asker.get("endorser").asText(),
                count(asker, "answer"),
                count(asker, "accepted")));
      } else {
        others += asker.get("amount").asDouble();
      }
    }
    expected.add(String.format("  %.6f  from %d other askers", others, askers.size() - 5));

    assertThat(byScore.get(0).getKey()).isEqualTo("5064");
    assertThat(lines.subList(3, lines.size())).containsExactlyElementsOf(expected);
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

  @Test
  void run_withADirectory_writesALedgerAndPolicyThatScoreAsTheTableWithTheQuestionsTags(
      @TempDir Path dir) throws Exception {
    String url = "jdbc:h2:mem:community-site-export;DB_CLOSE_DELAY=-1";
    String printed = Snippets.run(args -> CommunitySite.run(url, dir));
    Ledger ledger = Ledger.create();
    LedgerJson.defaults().read(dir.resolve("ledger.jsonl"), ledger);
    ScoringPolicy policy = PolicyJson.read(dir.resolve("policy.json"));

    Reputation read = Reputation.compute(ledger, policy);
    int rows = 0;
    try (Connection db = DriverManager.getConnection(url);
        Statement sql = db.createStatement()) {
      ResultSet table = sql.executeQuery("SELECT id, score FROM reputation");
      while (table.next()) {
        assertThat(read.score(table.getString(1))).isEqualTo(table.getDouble(2));
        rows++;
      }
    }
    assertThat(rows).isEqualTo(read.size()).isEqualTo(782);
    // Question 8 is tagged <brewing><ale><lager>; its accepted answer, post 18, carries them.
    LedgerEntry.Contribution answer =
        ledger
            .snapshot()
            .entries()
            .filter(e -> e instanceof LedgerEntry.Contribution c && c.id().equals("answer-18"))
            .map(LedgerEntry.Contribution.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(answer.tags()).containsExactly("brewing", "ale", "lager");
    assertThat(ScopedReputation.compute(ledger, policy, List.of("brewing")).scopes())
        .containsExactly("brewing");
    assertThat(printed.lines().toList())
        .endsWith(
            "wrote "
                + dir.resolve("ledger.jsonl")
                + " and "
                + dir.resolve("policy.json")
                + "; explore them with",
            "  java -jar wuffie.jar explore --ledger "
                + dir.resolve("ledger.jsonl")
                + " --policy "
                + dir.resolve("policy.json"));
  }

  private static int count(JsonNode asker, String kind) {
    int count = 0;
    for (JsonNode part : asker.get("parts")) {
      count += part.get("kind").asText().equals(kind) ? part.get("endorsements").asInt() : 0;
    }
    return count;
  }
}
