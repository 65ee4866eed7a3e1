package dev.wuffie.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class SybilAttackTest {
  private static final Pattern ROW =
      Pattern.compile("(plain|seeded) +(\\d+) +(\\d+) +(\\d+\\.\\d{4}) % +([\\d,]+) +([\\d,]+)");

  private static final Path REFERENCE =
      Path.of("../wuffie-core/src/test/resources/reference/policy");

  private static String output;
  private static final List<Row> rows = new ArrayList<>();

  /** One line of the table. */
  record Row(String policy, int g, int k, String fakeTotal, int rank, int n) {
    double percent() {
      return Double.parseDouble(fakeTotal);
    }
  }

  @BeforeAll
  static void run() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      SybilAttack.main(new String[0]);
    } finally {
      System.setOut(stdout);
    }
    output = out.toString(StandardCharsets.UTF_8);
    for (String line : output.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.add(
            new Row(
                m.group(1),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                m.group(4),
                Integer.parseInt(m.group(5).replace(",", "")),
                Integer.parseInt(m.group(6).replace(",", ""))));
      }
    }
  }

  @Test
  void main_printsTheTable_twelveRowsUnderOneHeader() {
    assertThat(output)
        .contains("seeded: teleport to 2642, 35, 1, 1810, 7.")
        .contains("policy    g     k   fake total  attacker rank    of n\n");
    assertThat(rows)
        .extracting(Row::policy, Row::g, Row::k)
        .hasSize(12)
        .startsWith(org.assertj.core.groups.Tuple.tuple("plain", 1, 10))
        .endsWith(org.assertj.core.groups.Tuple.tuple("seeded", 10, 1000));
    assertThat(row("plain", 1, 1000).n()).isEqualTo(5_881 + 1 + 1000);
  }

  @Test
  void main_everyRow_isTheReferences() throws IOException {
    // Each row from tools/reference_policy.py on the same graph (case sybil-POLICY-gG-kK: the
    // positive ratings as plain weights, the example's g honest endorsers and k fakes), scored
    // independently of wuffie; the fake total is the sum of the reference's scores of the
    // attacker and the fakes, the rank the reference's rank of the attacker.
    List<String> expected = new ArrayList<>();
    for (String policy : new String[] {"plain", "seeded"}) {
      for (int g : new int[] {1, 10}) {
        for (int k : new int[] {10, 100, 1000}) {
          JsonNode reference = reference("sybil-" + policy + "-g" + g + "-k" + k);
          double total = 0;
          for (JsonNode score : reference.get("scores")) {
            total += score.asDouble();
          }
          assertThat(reference.get("scores").size()).isEqualTo(k + 1);
          expected.add(
              String.format(
                  Locale.ROOT,
                  "%-7s %3d %5d %10.4f %% %,14d %,7d",
                  policy,
                  g,
                  k,
                  100 * total,
                  reference.get("ranks").get("attacker").asInt(),
                  reference.get("contributors").asInt()));
        }
      }
    }

    assertThat(output.lines().filter(l -> ROW.matcher(l).matches()).toList())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void plain_fakeTotalGrowsWithK_attackerInTheTopPercent() {
    for (int g : new int[] {1, 10}) {
      assertThat(row("plain", g, 100).percent()).isGreaterThan(row("plain", g, 10).percent());
      assertThat(row("plain", g, 1000).percent()).isGreaterThan(10 * row("plain", g, 10).percent());
      assertThat(row("plain", g, 1000).rank()).isLessThanOrEqualTo(row("plain", g, 1000).n() / 100);
    }
  }

  @Test
  void seeded_fakeTotalTheSameForEveryK_growsWithG_attackerOutOfTheTop() {
    for (int g : new int[] {1, 10}) {
      assertThat(row("seeded", g, 100).fakeTotal()).isEqualTo(row("seeded", g, 10).fakeTotal());
      assertThat(row("seeded", g, 1000).fakeTotal()).isEqualTo(row("seeded", g, 10).fakeTotal());
      assertThat(row("seeded", g, 1000).rank()).isGreaterThan(row("seeded", g, 1000).n() / 100);
    }
    assertThat(row("seeded", 10, 10).percent()).isGreaterThan(row("seeded", 1, 10).percent());
    assertThat(row("seeded", 10, 1000).percent()).isLessThan(row("plain", 1, 10).percent());
  }

  @Test
  void readme_resistanceToGaming_showsThisOutput() throws IOException {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains(output);
  }

  /**
   * The fake region's share of a viewer's trust is bounded by the endorsements that cross into it.
   * With restart {@code 1 - d} at the viewer {@code v} (outside the region {@code F}), the
   * personalized scores satisfy {@code s(F) = d sum_{u in F} s_u P_u(F) + d sum_{u not in F} s_u
   * P_u(F)}, where {@code P_u(F) = w_u(F) / W_u} is the share of {@code u}'s endorsement weight
   * that goes into {@code F} (no restart lands in {@code F}, and dangling or released mass goes
   * back to {@code v}). As {@code P_u(F) <= 1}, {@code s(F) <= d s(F) + d X}, so
   *
   * <pre>s(F) <= d / (1 - d) * X,   X = sum over honest endorsers u of F: s_u P_u(F)</pre>
   *
   * <p>{@code X} is the walk's probability per step of crossing into the region. When the viewer is
   * the only honest member who endorses the region, {@code X = s_v P_v(F) <= P_v(F)}: the region
   * gets at most {@code d / (1 - d)} times the share of its own endorsement weight the viewer gave
   * it, however many fakes it holds. Checked on Bitcoin OTC with a planted region (an attacker and
   * k fakes that endorse each other), from a viewer who endorsed the attacker and from one who did
   * not, with the exact {@code s_u} bounded by the push's lower bounds plus its error bound.
   */
  @Test
  void trustFrom_plantedFakeRegion_shareBoundedByTheEndorsementsIntoIt() throws IOException {
    String dupe = "1810"; // an honest member who endorses the attacker
    for (int k : new int[] {10, 300}) {
      EndorsementGraph graph = withFakeRegion(k, List.of(dupe), 10);
      Reputation reputation = Reputation.compute(graph);
      double d = reputation.result().damping();
      List<String> region = new ArrayList<>(List.of("attacker"));
      for (int i = 1; i <= k; i++) {
        region.add("fake-" + i);
      }

      for (String viewer : List.of(dupe, "35")) {
        PersonalTrust trust = reputation.trustFrom(viewer);
        double share = 0;
        for (String id : region) {
          share += trust.score(id);
        }
        double crossing = (trust.score(dupe) + trust.errorBound()) * intoRegion(graph, dupe, k);
        double bound = d / (1 - d) * crossing + trust.errorBound();

        assertThat(share)
            .as("viewer %s, k = %s", viewer, k)
            .isPositive()
            .isLessThanOrEqualTo(bound);
        // the region is closed (no fake endorses out of it, none is dangling): P_u(F) = 1 inside,
        // so the bound is an equality, to within the lower bounds' error
        double exact = d / (1 - d) * trust.score(dupe) * intoRegion(graph, dupe, k);
        assertThat(share).isCloseTo(exact, within(trust.errorBound() / (1 - d)));
        if (viewer.equals(dupe)) {
          // the viewer is the only way in: at most d / (1 - d) of the share it gave the attacker
          assertThat(share).isLessThanOrEqualTo(d / (1 - d) * intoRegion(graph, dupe, k) + 1e-4);
        }
      }
    }
  }

  /** {@code P_u(F)}: the share of {@code u}'s endorsement weight that goes into the region. */
  private static double intoRegion(EndorsementGraph graph, String u, int k) {
    int from = graph.indexOf(u).getAsInt();
    double into = graph.weight(from, graph.indexOf("attacker").getAsInt());
    for (int i = 1; i <= k; i++) {
      into += graph.weight(from, graph.indexOf("fake-" + i).getAsInt());
    }
    return into / graph.outWeight(from);
  }

  /**
   * Bitcoin OTC's positive ratings, and a region of an attacker and {@code k} fakes: each fake
   * endorses the attacker (10) and the next 10 fakes (1), the attacker endorses every fake (10),
   * and each of {@code dupes} endorses the attacker with {@code weight}.
   */
  private static EndorsementGraph withFakeRegion(int k, List<String> dupes, double weight)
      throws IOException {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    Path ratings = Path.of("../datasets/soc-sign-bitcoinotc.csv.gz");
    EdgeListReader.create()
        .readRecords(
            ratings,
            r -> {
              if (r.weight().orElseThrow() > 0) {
                builder.add(r.endorser(), r.endorsed(), r.weight().orElseThrow());
              } else {
                builder.addContributor(r.endorser());
                builder.addContributor(r.endorsed());
              }
            });
    for (String dupe : dupes) {
      builder.add(dupe, "attacker", weight);
    }
    for (int i = 1; i <= k; i++) {
      builder.add("fake-" + i, "attacker", 10).add("attacker", "fake-" + i, 10);
      for (int j = 1; j <= Math.min(10, k - 1); j++) {
        builder.add("fake-" + i, "fake-" + (1 + (i + j - 1) % k), 1);
      }
    }
    return builder.build();
  }

  private static JsonNode reference(String name) throws IOException {
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(REFERENCE.resolve(name + ".expected.json.gz")))) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Row row(String policy, int g, int k) {
    return rows.stream()
        .filter(r -> r.policy().equals(policy) && r.g() == g && r.k() == k)
        .findFirst()
        .orElseThrow();
  }
}
