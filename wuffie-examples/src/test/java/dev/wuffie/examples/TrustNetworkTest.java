package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class TrustNetworkTest {
  private static final String HEADER =
      "trader  wuffie  PageRank  average   avg rating  ratings  negative";
  private static final String ROW = "\\S+ +\\d+ +\\d+ +\\d+ +-?\\d+\\.\\d\\d +\\d+ +\\d+";

  private static List<String> lines;

  @BeforeAll
  static void runOnBitcoinOtc() {
    lines = Snippets.run(TrustNetwork::main).lines().toList();
  }

  @Test
  void main_bitcoinOtc_countsEveryRating() {
    assertThat(lines.get(0))
        .isEqualTo("Bitcoin OTC: 5,881 traders, 35,592 ratings, 3,563 of them negative");
  }

  @Test
  void main_fallers_rankedLowerByWuffieThanByPageRankAndDistrusted() {
    List<String> fallers = table("fall furthest from PageRank's top 100");
    // 1363 got 14 negative ratings among its 44; the average rating puts it near the bottom
    assertThat(fallers.get(0))
        .isEqualTo("1363       200        91     4976         0.36       44        14");
    for (String row : fallers) {
      int[] ranks = ranks(row);
      assertThat(ranks[1]).isLessThanOrEqualTo(100);
      assertThat(ranks[0]).isGreaterThan(ranks[1]);
    }
  }

  @Test
  void main_risers_rankedHigherByWuffieThanByPageRank() {
    for (String row : table("rise furthest into wuffie's top 100")) {
      int[] ranks = ranks(row);
      assertThat(ranks[0]).isLessThanOrEqualTo(100).isLessThan(ranks[1]);
    }
  }

  @Test
  void main_fallersExplanation_termsAddUpToTheScore() {
    String why = lines.stream().filter(l -> l.startsWith("why ")).findFirst().orElseThrow();
    int at = lines.indexOf(why);
    assertThat(why)
        .matches("why 1363 falls from PageRank's 91 to wuffie's 200: score 0\\.\\d{6} =");
    double score = Double.parseDouble(why.substring(why.indexOf("score ") + 6, why.length() - 2));
    List<String> terms = lines.subList(at + 1, lines.size());
    assertThat(terms.get(0)).matches("  \\+0\\.\\d{6}  teleport and returned");
    assertThat(terms.get(1)).matches("  \\+0\\.\\d{6}  trust from \\d+ raters");
    assertThat(terms.subList(2, 8))
        .allMatch(
            t -> t.matches("  -0\\.\\d{6}  distrust from \\S+ +rated +-\\d+, wuffie rank [\\d,]+"));
    assertThat(terms.get(terms.size() - 1)).matches("  \\+0\\.\\d{6}  floor");
    double sum = terms.stream().mapToDouble(t -> Double.parseDouble(t.trim().split(" ")[0])).sum();
    assertThat(sum).isCloseTo(score, within(terms.size() * 5e-7 + 1e-9));
  }

  /** The rows under {@code title}, checked for shape and right-aligned under the header. */
  private static List<String> table(String title) {
    int at = lines.indexOf(title);
    assertThat(lines.get(at + 1)).isEqualTo(HEADER);
    List<String> rows = lines.subList(at + 2, at + 8);
    for (String row : rows) {
      assertThat(row).matches(ROW).hasSize(HEADER.length());
      for (String column : List.of("wuffie", "PageRank", "average", "rating", "ratings")) {
        int end = HEADER.indexOf(column + " ") + column.length();
        assertThat(row.charAt(end - 1)).isBetween('0', '9');
        assertThat(row.charAt(end)).isEqualTo(' ');
      }
    }
    return rows;
  }

  /** The wuffie and PageRank ranks of a row. */
  private static int[] ranks(String row) {
    String[] columns = row.trim().split(" +");
    return new int[] {Integer.parseInt(columns[1]), Integer.parseInt(columns[2])};
  }
}
