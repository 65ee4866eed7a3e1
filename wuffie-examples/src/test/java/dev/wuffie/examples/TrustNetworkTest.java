package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's numbers against independent ones: wuffie's scores and the explanation of 1363 from
 * {@code tools/reference_policy.py} (case {@code bitcoinotc-full}: every rating, the default
 * policy), plain PageRank from igraph ({@code bitcoinotc.igraph.tsv.gz}), and the averages and
 * counts from the ratings file itself.
 */
final class TrustNetworkTest {
  private static final Path CORE_REFERENCE = Path.of("../wuffie-core/src/test/resources/reference");
  private static final Path RATINGS = Path.of("../datasets/soc-sign-bitcoinotc.csv.gz");
  private static final String HEADER =
      "trader  wuffie  PageRank  average   avg rating  ratings  negative";

  private static List<String> lines;
  private static JsonNode wuffie;
  private static Map<String, Integer> wuffieRank;
  private static Map<String, Integer> pagerankRank;
  private static Map<String, List<Double>> received;
  private static Map<String, Double> given;
  private static List<String> byAverage;

  @BeforeAll
  static void runOnBitcoinOtc() throws IOException {
    lines = Snippets.run(TrustNetwork::main).lines().toList();
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(
                CORE_REFERENCE.resolve("policy/bitcoinotc-full.expected.json.gz")))) {
      wuffie = new ObjectMapper().readTree(in);
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    wuffie.get("scores").properties().forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
    wuffieRank = ranks(scores);
    Map<String, Double> pagerank = new LinkedHashMap<>();
    for (String line : gunzip(CORE_REFERENCE.resolve("bitcoinotc.igraph.tsv.gz"))) {
      String[] f = line.split("\t");
      pagerank.put(f[0], Double.parseDouble(f[1]));
    }
    pagerankRank = ranks(pagerank);
    received = new HashMap<>();
    given = new HashMap<>();
    for (String line : gunzip(RATINGS)) {
      String[] f = line.split(",");
      received.computeIfAbsent(f[1], id -> new ArrayList<>()).add(Double.parseDouble(f[2]));
      given.put(f[0] + ">" + f[1], Double.parseDouble(f[2]));
    }
    byAverage = new ArrayList<>(scores.keySet()); // best average, then most ratings, then id
    byAverage.sort(
        Comparator.comparingDouble((String id) -> -average(id))
            .thenComparingInt(id -> -received.getOrDefault(id, List.of()).size())
            .thenComparing(Comparator.naturalOrder()));
  }

  @Test
  void main_bitcoinOtc_countsEveryRating() {
    assertThat(lines.get(0))
        .isEqualTo("Bitcoin OTC: 5,881 traders, 35,592 ratings, 3,563 of them negative");
  }

  @Test
  void main_fallers_theSixOfPageRanksTopHundredThatTheReferenceRanksFurthestDown() {
    List<String> fallers = movers(pagerankRank, wuffieRank);

    assertThat(table("fall furthest from PageRank's top 100"))
        .containsExactlyElementsOf(rows(fallers));
    // 1363 got 14 negative ratings among its 44; the average rating puts it near the bottom
    assertThat(fallers.get(0)).isEqualTo("1363");
  }

  @Test
  void main_risers_theSixOfTheReferencesTopHundredThatPageRankRanksFurthestDown() {
    List<String> risers = movers(wuffieRank, pagerankRank);

    assertThat(table("rise furthest into wuffie's top 100"))
        .containsExactlyElementsOf(rows(risers));
  }

  @Test
  void main_fallersExplanation_printsTheReferenceTerms() {
    JsonNode why = wuffie.get("explanations").get("1363");
    List<String> expected = new ArrayList<>();
    expected.add(
        String.format(
            "why 1363 falls from PageRank's %d to wuffie's %d: score %.6f =",
            pagerankRank.get("1363"), wuffieRank.get("1363"), why.get("score").asDouble()));
    expected.add(
        String.format(
            "  %+.6f  teleport and returned",
            why.get("teleport").asDouble() + why.get("returned").asDouble()));
    double trust = 0;
    for (JsonNode t : why.get("endorsers")) {
      trust += t.get("amount").asDouble();
    }
    expected.add(
        String.format("  %+.6f  trust from %d raters", trust, why.get("endorsers").size()));
    double rest = 0;
    int others = 0;
    for (JsonNode t : why.get("distrusters")) {
      String rater = t.get("endorser").asText();
      if (expected.size() < 3 + 6) {
        expected.add(
            String.format(
                "  %+.6f  distrust from %-5s rated %+3.0f, wuffie rank %,d",
                -t.get("amount").asDouble(),
                rater,
                given.get(rater + ">1363"),
                wuffieRank.get(rater)));
      } else {
        rest += t.get("amount").asDouble();
        others++;
      }
    }
    expected.add(String.format("  %+.6f  distrust from %d others", -rest, others));
    expected.add(String.format("  %+.6f  floor", why.get("floor").asDouble()));
    int at = lines.indexOf(expected.get(0));

    assertThat(at).as("the line %s", expected.get(0)).isPositive();
    assertThat(lines.subList(at, lines.size())).containsExactlyElementsOf(expected);
    double sum =
        lines.subList(at + 1, lines.size()).stream()
            .mapToDouble(t -> Double.parseDouble(t.trim().split(" ")[0]))
            .sum();
    assertThat(sum).isCloseTo(why.get("score").asDouble(), within(expected.size() * 5e-7));
  }

  /** The rows under {@code title}, checked to be right-aligned under the header. */
  private static List<String> table(String title) {
    int at = lines.indexOf(title);
    assertThat(lines.get(at + 1)).isEqualTo(HEADER);
    List<String> rows = lines.subList(at + 2, at + 8);
    for (String row : rows) {
      assertThat(row).hasSize(HEADER.length());
      for (String column : List.of("wuffie", "PageRank", "average", "rating", "ratings")) {
        int end = HEADER.indexOf(column + " ") + column.length();
        assertThat(row.charAt(end - 1)).isBetween('0', '9');
        assertThat(row.charAt(end)).isEqualTo(' ');
      }
    }
    return rows;
  }

  /** The expected rows for {@code ids}, from the references and the ratings file. */
  private static List<String> rows(List<String> ids) {
    List<String> rows = new ArrayList<>();
    for (String id : ids) {
      List<Double> r = received.get(id);
      rows.add(
          String.format(
              "%-6s %7d %9d %8d %12.2f %8d %9d",
              id,
              wuffieRank.get(id),
              pagerankRank.get(id),
              byAverage.indexOf(id) + 1,
              average(id),
              r.size(),
              r.stream().filter(x -> x < 0).count()));
    }
    return rows;
  }

  /** Of {@code from}'s top 100, the 6 that {@code to} ranks furthest down (stable on ties). */
  private static List<String> movers(Map<String, Integer> from, Map<String, Integer> to) {
    return from.entrySet().stream()
        .filter(e -> e.getValue() <= 100)
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .sorted(Comparator.comparingInt(id -> from.get(id) - to.get(id)))
        .limit(6)
        .toList();
  }

  /** Rank 1 for the highest score, equal scores by id. */
  private static Map<String, Integer> ranks(Map<String, Double> scores) {
    List<String> ids = new ArrayList<>(scores.keySet());
    ids.sort(
        Comparator.comparingDouble((String id) -> -scores.get(id))
            .thenComparing(Comparator.naturalOrder()));
    Map<String, Integer> ranks = new HashMap<>();
    for (int r = 0; r < ids.size(); r++) {
      ranks.put(ids.get(r), r + 1);
    }
    return ranks;
  }

  private static double average(String id) {
    List<Double> r = received.get(id);
    return r == null
        ? Double.NEGATIVE_INFINITY
        : r.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static List<String> gunzip(Path file) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }
}
