package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A case of {@code tools/reference_policy.py} (a small ledger and a policy, in {@code
 * src/test/resources/reference/policy/NAME.case.json}) and the scores and explanation terms the
 * script computed for it ({@code NAME.expected.json}); see the README there for the commands.
 */
final class PolicyReference {
  /** Where the cases and their expected values are, from a module's directory. */
  static final Path DIRECTORY = Path.of("src/test/resources/reference/policy");

  /**
   * A solver whose L1 error is below 1e-14 (the change bound {@code d / (1 - d) * change} is below
   * it), so that the comparisons are limited by the reference's rounding, not by the solver.
   */
  static final RankSolver EXACT =
      RankSolver.builder().tolerance(1e-14).stop(RankSolver.Stop.ERROR_BOUND).build();

  /**
   * Tolerance of the comparisons with a case's expected values, per score and per explanation
   * amount: the solver's L1 error is below 1e-14 ({@link #EXACT}) and the reference's direct solve
   * is exact to about 1e-16 on these graphs; the rest is room for rounding in sums.
   */
  static final double TOLERANCE = 1e-13;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final JsonNode input;
  private final JsonNode expected;

  private PolicyReference(String name, JsonNode input, JsonNode expected) {
    this.name = name;
    this.input = input;
    this.expected = expected;
  }

  /** Reads case {@code name} from {@link #DIRECTORY}. */
  static PolicyReference load(String name) {
    return load(DIRECTORY, name);
  }

  /** Reads case {@code name} from {@code directory}. */
  static PolicyReference load(Path directory, String name) {
    try {
      return new PolicyReference(
          name,
          JSON.readTree(directory.resolve(name + ".case.json").toFile()),
          readExpected(directory, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code NAME.expected.json}, or its gzipped {@code NAME.expected.json.gz} (large cases). */
  private static JsonNode readExpected(Path directory, String name) throws IOException {
    Path plain = directory.resolve(name + ".expected.json");
    if (Files.exists(plain)) {
      return JSON.readTree(plain.toFile());
    }
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(directory.resolve(name + ".expected.json.gz")))) {
      return JSON.readTree(in);
    }
  }

  /** The case's name. */
  String name() {
    return name;
  }

  /** A new ledger holding the case's contributions and events, in the case's order. */
  Ledger ledger() {
    Ledger ledger = Ledger.create();
    for (String id : strings(input.path("contributors"))) {
      ledger.addContributor(id);
    }
    for (JsonNode c : input.path("contributions")) {
      Map<String, Double> shares = new LinkedHashMap<>();
      c.get("authors").properties().forEach(a -> shares.put(a.getKey(), a.getValue().asDouble()));
      ledger.addContribution(c.get("id").asText(), Instant.parse(c.get("time").asText()), shares);
    }
    for (JsonNode e : input.path("events")) {
      String endorser = e.get("endorser").asText();
      String kind = e.get("kind").asText();
      Instant time = Instant.parse(e.get("time").asText());
      if (e.has("contribution")) {
        ledger.record(
            Endorsement.ofContribution(endorser, e.get("contribution").asText(), kind, time));
      } else if (e.has("value")) {
        ledger.record(
            Endorsement.rating(
                endorser, e.get("target").asText(), kind, e.get("value").asDouble(), time));
      } else {
        ledger.record(Endorsement.of(endorser, e.get("target").asText(), kind, time));
      }
    }
    JsonNode ratings = input.path("ratings");
    if (!ratings.isMissingNode()) {
      String kind = ratings.get("kind").asText();
      for (BitcoinOtc.Rating r : BitcoinOtc.ratings().subList(0, ratings.get("first").asInt())) {
        ledger.record(Endorsement.rating(r.rater(), r.rated(), kind, r.value(), r.time()));
      }
    }
    return ledger;
  }

  /** The case's policy, scored by {@code solver} (with the case's damping, if it sets one). */
  ScoringPolicy policy(RankSolver solver) {
    JsonNode p = input.path("policy");
    ScoringPolicy.Builder policy = ScoringPolicy.builder();
    if (p.path("clearKinds").asBoolean(false)) {
      policy.clearKinds();
    }
    for (Map.Entry<String, JsonNode> kind : p.path("kinds").properties()) {
      JsonNode w = kind.getValue();
      policy.kind(
          w.isObject()
              ? KindWeight.rated(
                  kind.getKey(), w.get("neutral").asDouble(), w.get("scale").asDouble())
              : KindWeight.fixed(kind.getKey(), w.asDouble()));
    }
    if (p.has("saturation")) {
      policy.saturation(Saturation.named(p.get("saturation").asText()));
    }
    if (p.has("halfLifeDays")) {
      policy.decay(Decay.halfLife(Duration.ofDays(p.get("halfLifeDays").asLong())));
    }
    if (p.has("asOf")) {
      policy.asOf(Instant.parse(p.get("asOf").asText()));
    }
    if (p.has("seeds")) {
      Map<String, Double> seeds = new LinkedHashMap<>();
      p.get("seeds").properties().forEach(s -> seeds.put(s.getKey(), s.getValue().asDouble()));
      policy.seeds(seeds);
    }
    if (p.has("distrustStrength")) {
      policy.distrustStrength(p.get("distrustStrength").asDouble());
    }
    if (p.has("influenceCap")) {
      policy.influenceCap(p.get("influenceCap").asDouble());
    }
    if (p.has("reciprocalWeight")) {
      policy.reciprocalWeight(p.get("reciprocalWeight").asDouble());
    }
    if (p.has("damping")) {
      solver = rebuild(solver, p.get("damping").asDouble());
    }
    return policy.solver(solver).build();
  }

  /** Scores the case's ledger under its policy with {@link #EXACT}. */
  Reputation compute() {
    return Reputation.compute(ledger(), policy(EXACT));
  }

  /** The expected scores, by id. */
  Map<String, Double> scores() {
    return doubles(expected.get("scores"));
  }

  /** The expected trust scores (before distrust), by id. */
  Map<String, Double> trust() {
    return doubles(expected.get("trust"));
  }

  /** The ids the reference explained. */
  List<String> explained() {
    List<String> ids = new ArrayList<>();
    expected.get("explanations").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  /** The reference's explanation of {@code id}. */
  JsonNode explanation(String id) {
    return expected.get("explanations").get(id);
  }

  /** The reference's compiled weights (small cases only): the named field by id. */
  Map<String, Double> byId(String field) {
    return doubles(expected.get(field));
  }

  /** The reference's trust weights {@code [u, v, w]} of the scored graph (small cases only). */
  JsonNode weights() {
    return expected.get("weights");
  }

  /** The raw expected JSON. */
  JsonNode expected() {
    return expected;
  }

  /** Asserts every score within {@code tolerance} of the reference, and the same contributors. */
  void assertScores(Reputation reputation, double tolerance) {
    Map<String, Double> scores = scores();
    assertThat(reputation.ids()).as(name).containsExactlyInAnyOrderElementsOf(scores.keySet());
    for (Map.Entry<String, Double> s : scores.entrySet()) {
      assertThat(reputation.score(s.getKey()))
          .as("%s: score of %s", name, s.getKey())
          .isCloseTo(s.getValue(), within(tolerance));
    }
  }

  /**
   * Asserts that {@code reputation.explain(id)} has the reference's terms within {@code tolerance}:
   * teleport, returned, floor, every endorser and distruster term (same endorsers, same order up to
   * ties within the tolerance) and every part of each.
   */
  void assertExplanation(Reputation reputation, String id, double tolerance) {
    JsonNode want = explanation(id);
    Explanation got = reputation.explain(id);
    String as = name + ": explain(" + id + ")";
    assertThat(got.score())
        .as(as + ".score")
        .isCloseTo(want.get("score").asDouble(), within(tolerance));
    assertThat(got.teleport())
        .as(as + ".teleport")
        .isCloseTo(want.get("teleport").asDouble(), within(tolerance));
    assertThat(got.returned())
        .as(as + ".returned")
        .isCloseTo(want.get("returned").asDouble(), within(tolerance));
    assertThat(got.floor())
        .as(as + ".floor")
        .isCloseTo(want.get("floor").asDouble(), within(tolerance));
    assertTerms(as + ".endorsers", got.endorsers(), want.get("endorsers"), tolerance);
    assertTerms(as + ".distrusters", got.distrusters(), want.get("distrusters"), tolerance);
  }

  private static void assertTerms(
      String as, List<Explanation.Term> got, JsonNode want, double tolerance) {
    Map<String, Explanation.Term> byEndorser = new LinkedHashMap<>();
    got.forEach(t -> byEndorser.put(t.endorser(), t));
    List<String> wantIds = new ArrayList<>();
    want.forEach(t -> wantIds.add(t.get("endorser").asText()));
    assertThat(byEndorser.keySet()).as(as).containsExactlyInAnyOrderElementsOf(wantIds);
    for (int k = 1; k < got.size(); k++) {
      assertThat(got.get(k).amount())
          .as(as + " largest first")
          .isLessThanOrEqualTo(got.get(k - 1).amount());
    }
    for (JsonNode w : want) {
      Explanation.Term term = byEndorser.get(w.get("endorser").asText());
      String at = as + "[" + term.endorser() + "]";
      assertThat(term.amount()).as(at).isCloseTo(w.get("amount").asDouble(), within(tolerance));
      Map<String, Explanation.Part> parts = new LinkedHashMap<>();
      term.parts().forEach(p -> parts.put(p.kind() + "@" + p.contribution(), p));
      assertThat(parts).as(at + ".parts").hasSize(w.get("parts").size());
      for (JsonNode wp : w.get("parts")) {
        String key =
            wp.get("kind").asText()
                + "@"
                + (wp.get("contribution").isNull() ? null : wp.get("contribution").asText());
        Explanation.Part part = parts.get(key);
        assertThat(part).as(at + " part " + key).isNotNull();
        assertThat(part.endorsements())
            .as(at + " " + key)
            .isEqualTo(wp.get("endorsements").asInt());
        assertThat(part.amount())
            .as(at + " " + key)
            .isCloseTo(wp.get("amount").asDouble(), within(tolerance));
      }
    }
  }

  private static RankSolver rebuild(RankSolver solver, double damping) {
    return RankSolver.builder()
        .damping(damping)
        .tolerance(solver.tolerance())
        .maxIterations(solver.maxIterations())
        .method(solver.method())
        .stop(solver.stop())
        .build();
  }

  private static Map<String, Double> doubles(JsonNode node) {
    Map<String, Double> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asDouble()));
    return map;
  }

  private static List<String> strings(JsonNode node) {
    List<String> list = new ArrayList<>();
    node.forEach(n -> list.add(n.asText()));
    return list;
  }
}
