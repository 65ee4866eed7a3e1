package dev.wuffie.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wuffie.Decay;
import dev.wuffie.KindWeight;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.InputFormatException;
import dev.wuffie.rank.RankSolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class PolicyJsonTest {
  @TempDir Path dir;

  static Stream<Arguments> policies() {
    Map<String, Double> seeds = new LinkedHashMap<>();
    seeds.put("moderator", 0.1);
    seeds.put("admin", 1e-12);
    seeds.put("name with \"quotes\" and ünïcode", 3.0);
    return Stream.of(
        arguments("defaults", ScoringPolicy.builder().build()),
        arguments("identity", ScoringPolicy.identity()),
        arguments(
            "everything set",
            ScoringPolicy.builder()
                .clearKinds()
                .kind("upvote", 0.1)
                .kind("downvote", -1e-12)
                .kind(KindWeight.rated("stars", 2.5, 0.3))
                .kind("zero", -0.0)
                .saturation(Saturation.sqrt())
                .decay(Decay.halfLife(Duration.ofDays(180)))
                .asOf(Instant.parse("2026-01-01T00:00:00.123456789Z"))
                .seeds(seeds)
                .distrustStrength(0.3)
                .influenceCap(0.2)
                .reciprocalWeight(0.1)
                .solver(
                    RankSolver.builder()
                        .damping(0.9)
                        .tolerance(1e-12)
                        .maxIterations(50)
                        .method(RankSolver.Method.GAUSS_SEIDEL)
                        .stop(RankSolver.Stop.ERROR_BOUND)
                        .build())
                .build()),
        arguments(
            "activity prior, half-life in hours and nanos",
            ScoringPolicy.builder()
                .kind("accepted", 1.0 / 3)
                .activityPrior()
                .decay(Decay.halfLife(Duration.ofHours(12).plusNanos(1)))
                .saturation(Saturation.linear())
                .distrustStrength(0)
                .build()),
        arguments(
            "extreme doubles",
            ScoringPolicy.builder()
                .kind("tiny", Double.MIN_VALUE)
                .kind("huge", Double.MAX_VALUE)
                .kind(KindWeight.rated("rating", -1e300, 1e-300))
                .solver(RankSolver.builder().damping(0).tolerance(4.9e-324).build())
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void write_thenRead_givesAnEqualPolicy(String description, ScoringPolicy policy)
      throws IOException {
    String json = PolicyJson.write(policy);

    ScoringPolicy back = PolicyJson.read(json);

    assertThat(back).isEqualTo(policy);
    assertThat(back.kinds()).containsExactlyEntriesOf(policy.kinds());
    assertThat(back.seeds()).containsExactlyEntriesOf(policy.seeds());
    assertThat(PolicyJson.write(back)).isEqualTo(json);
  }

  @Test
  void write_identity_emitsEveryFieldIndented() {
    assertThat(PolicyJson.write(ScoringPolicy.identity()))
        .isEqualTo(
            """
            {
              "kinds": {
                "endorse": {
                  "rated": true,
                  "neutral": 0.0,
                  "scale": 1.0
                }
              },
              "replaceDefaultKinds": true,
              "saturation": "linear",
              "halfLife": null,
              "asOf": null,
              "teleport": "uniform",
              "distrustStrength": 1.0,
              "influenceCap": 1.0,
              "reciprocalWeight": 1.0,
              "solver": {
                "damping": 0.85,
                "tolerance": 1.0E-10,
                "maxIterations": 1000,
                "method": "POWER",
                "stop": "CHANGE"
              }
            }""");
  }

  @Test
  void write_defaults_asDocumented() throws IOException {
    String json = PolicyJson.write(ScoringPolicy.builder().build());

    assertThat(FormatsDoc.blocks("Scoring policies")).last().isEqualTo(json + "\n");
    assertThat(PolicyJson.read(json)).isEqualTo(ScoringPolicy.builder().build());
  }

  @Test
  void write_seedsAndHalfLife_writesSeedObjectAndDays() {
    String json =
        PolicyJson.write(
            ScoringPolicy.builder()
                .decay(Decay.halfLife(Duration.ofDays(180)))
                .asOf(Instant.parse("2026-01-01T00:00:00Z"))
                .seeds(Map.of("mod", 1.0))
                .build());

    assertThat(json)
        .contains("\"halfLife\": \"P180D\"")
        .contains("\"asOf\": \"2026-01-01T00:00:00Z\"")
        .contains("\"teleport\": {\n    \"seeds\": {\n      \"mod\": 1.0\n    }\n  }");
  }

  @Test
  void read_emptyObject_givesBuilderDefaults() throws IOException {
    assertThat(PolicyJson.read("{}")).isEqualTo(ScoringPolicy.builder().build());
    assertThat(PolicyJson.read(" \n{ }\n")).isEqualTo(ScoringPolicy.builder().build());
  }

  @Test
  void read_documentedExample_givesThatPolicy() throws IOException {
    String example =
        """
            {
              "kinds": {"upvote": 1, "accepted": 3, "downvote": -1,
                        "trust": {"rated": true, "neutral": 0, "scale": 1}},
              "replaceDefaultKinds": false,
              "saturation": "log",
              "halfLife": "P180D",
              "asOf": "2026-01-01T00:00:00Z",
              "teleport": {"seeds": {"moderator": 1.0}},
              "distrustStrength": 1.0,
              "influenceCap": 1.0,
              "reciprocalWeight": 1.0,
              "solver": {"damping": 0.85, "tolerance": 1e-10, "maxIterations": 1000,
                         "method": "POWER", "stop": "CHANGE"}
            }
            """;

    ScoringPolicy policy = PolicyJson.read(example);

    assertThat(FormatsDoc.blocks("Scoring policies")).first().isEqualTo(example);
    assertThat(policy)
        .isEqualTo(
            ScoringPolicy.builder()
                .decay(Decay.halfLife(Duration.ofDays(180)))
                .asOf(Instant.parse("2026-01-01T00:00:00Z"))
                .seeds(Map.of("moderator", 1.0))
                .build());
  }

  @Test
  void read_kindsWithoutReplace_addsToAndOverridesDefaults() throws IOException {
    ScoringPolicy policy = PolicyJson.read("{\"kinds\": {\"upvote\": 2, \"star\": 0.5}}");

    assertThat(policy.kinds())
        .hasSize(ScoringPolicy.DEFAULT_KINDS.size() + 1)
        .containsEntry("upvote", KindWeight.fixed("upvote", 2))
        .containsEntry("star", KindWeight.fixed("star", 0.5))
        .containsEntry("accepted", KindWeight.fixed("accepted", 3));
  }

  @Test
  void read_kindsWithReplace_knowsOnlyTheListedKinds() throws IOException {
    ScoringPolicy policy =
        PolicyJson.read(
            "{\"replaceDefaultKinds\": true, \"kinds\": {\"star\": {\"weight\": 0.5},"
                + " \"stars\": {\"rated\": true}}}");

    assertThat(policy.kinds())
        .containsExactly(
            Map.entry("star", KindWeight.fixed("star", 0.5)),
            Map.entry("stars", KindWeight.rated("stars", 0, 1)));
  }

  @Test
  void read_nullHalfLifeAndAsOf_meanNoDecayAndLatestEvent() throws IOException {
    ScoringPolicy policy =
        PolicyJson.read("{\"halfLife\": null, \"asOf\": null, \"teleport\": \"activity\"}");

    assertThat(policy.decay()).isEqualTo(Decay.none());
    assertThat(policy.asOf()).isEmpty();
    assertThat(policy.teleport()).isEqualTo(ScoringPolicy.Teleport.ACTIVITY);
  }

  @Test
  void read_file_readsIt() throws IOException {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, "{\"saturation\": \"sqrt\"}", StandardCharsets.UTF_8);

    assertThat(PolicyJson.read(file).saturation()).isEqualTo(Saturation.sqrt());
  }

  @Test
  void read_badFile_namesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("policy.json");
    Files.writeString(
        file, "{\n  \"solver\": {\n    \"damping\": 1.5\n  }\n}\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PolicyJson.read(file))
        .isInstanceOfSatisfying(
            InputFormatException.class,
            e -> {
              assertThat(e.source()).isEqualTo(file.toString());
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(16);
            })
        .hasMessage(
            file
                + ":3:16: solver.damping: damping 1.5 is outside [0, 1); 0.85 is the usual"
                + " choice");
  }

  @Test
  void read_bytesJacksonTakesForUtf32_reportedAsNotUtf8() throws IOException {
    Path file = dir.resolve("policy.json");
    Files.write(file, new byte[] {0, 0, 0, '{', 0x7f, 0x7f, 0x7f, 0x7f});

    assertThatThrownBy(() -> PolicyJson.read(file))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(file + ": not valid UTF-8 text (")
        .hasMessageEndingWith("); save the file as UTF-8");
  }

  @Test
  void read_stream_readsItAndNamesTheSourceInErrors() throws IOException {
    byte[] good = "{\"saturation\": \"sqrt\"}".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\n  \"solver\": {\"damping\": 1.5}\n}".getBytes(StandardCharsets.UTF_8);

    assertThat(PolicyJson.read(new ByteArrayInputStream(good), "classpath:policy.json"))
        .isEqualTo(ScoringPolicy.builder().saturation(Saturation.sqrt()).build());
    assertThatThrownBy(() -> PolicyJson.read(new ByteArrayInputStream(bad), "classpath:p.json"))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            "classpath:p.json:2:25: solver.damping: damping 1.5 is outside [0, 1); 0.85 is the"
                + " usual choice");
  }

  @Test
  void read_missingFile_throwsNoSuchFile() {
    assertThatThrownBy(() -> PolicyJson.read(dir.resolve("absent.json")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badDocuments")
  void read_badDocument_namesLocationFieldAndFix(String json, String expected) {
    assertThatThrownBy(() -> PolicyJson.read(json))
        .isInstanceOf(InputFormatException.class)
        .message()
        .startsWith(PolicyJson.STRING_SOURCE + ":")
        .contains(expected);
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        arguments(
            "{\"saturation\": \"cubic\"}",
            "<string>:1:16: saturation: unknown saturation 'cubic'; use one of linear, log, sqrt"),
        arguments("{\"saturation\": 2}", "1:16: saturation: expected a string, found a number (2)"),
        arguments(
            "{\"halfLife\": \"180 days\"}",
            "1:14: halfLife: \"180 days\" is not an ISO-8601 duration; write e.g. \"P180D\""),
        arguments("{\"halfLife\": \"-P1D\"}", "halfLife: half-life PT-24H must be at least 1 ms"),
        arguments("{\"halfLife\": 180}", "halfLife: expected a string, found a number (180)"),
        arguments(
            "{\"asOf\": \"yesterday\"}",
            "1:10: asOf: \"yesterday\" is not an ISO-8601 instant; write e.g."
                + " \"2026-01-01T00:00:00Z\""),
        arguments("{\"asOf\": 1700000000}", "asOf: expected a string, found a number"),
        arguments(
            "{\"distrustStrength\": 1.5}",
            "1:22: distrustStrength: distrust strength 1.5 must be in [0, 1]"),
        arguments(
            "{\"distrustStrength\": \"high\"}",
            "distrustStrength: expected a number, found a string (\"high\")"),
        arguments("{\"influenceCap\": 0}", "influenceCap: influence cap 0.0 must be in (0, 1]"),
        arguments(
            "{\"reciprocalWeight\": [1]}", "reciprocalWeight: expected a number, found an array"),
        arguments(
            "{\"halflife\": \"P1D\"}",
            "1:2: unknown field \"halflife\" (did you mean \"halfLife\"?); a policy has the fields"
                + " kinds, replaceDefaultKinds, saturation, halfLife, asOf, teleport,"
                + " distrustStrength, influenceCap, reciprocalWeight, solver"),
        arguments("{\"colour\": 1}", "unknown field \"colour\"; a policy has the fields kinds,"),
        arguments(
            "{\"saturation\": \"log\",\n \"saturation\": \"sqrt\"}",
            "2:2: field \"saturation\" is given twice; give each field once"),
        arguments(
            "{\"kinds\": {\"upvote\": \"one\"}}",
            "1:22: kinds.upvote: expected a weight (a number, as in \"upvote\": 1) or a rated kind"),
        arguments(
            "{\"kinds\": {\"upvote\": 1, \"upvote\": 2}}",
            "kinds.upvote: is given twice; declare each kind once"),
        arguments(
            "{\"kinds\": {\"trust\": {\"rated\": true, \"weight\": 2}}}",
            "kinds.trust: a rated kind weighs scale * (value - neutral): give \"scale\" instead"),
        arguments(
            "{\"kinds\": {\"upvote\": {\"scale\": 2}}}",
            "kinds.upvote: \"neutral\" and \"scale\" are for rated kinds: add \"rated\": true"),
        arguments("{\"kinds\": {\"upvote\": {}}}", "kinds.upvote: a fixed kind needs a \"weight\""),
        arguments(
            "{\"kinds\": {\"trust\": {\"rated\": true, \"sclae\": 2}}}",
            "kinds.trust: unknown field \"sclae\" (did you mean \"scale\"?); a kind has the"
                + " fields rated, weight, neutral, scale"),
        arguments(
            "{\"kinds\": {\"trust\": {\"rated\": \"yes\"}}}",
            "kinds.trust.rated: expected true or false, found a string (\"yes\")"),
        arguments("{\"kinds\": {\"\": 1}}", "kinds[\"\"]: kind is empty; give every kind a name"),
        arguments(
            "{\"kinds\": {\"up vote\": 1e400}}",
            "kinds[\"up vote\"]: 1e400 is too large for a double; give a finite number"),
        arguments("{\"kinds\": [\"upvote\"]}", "kinds: expected an object of kinds such as"),
        arguments(
            "{\"replaceDefaultKinds\": true}",
            "replaceDefaultKinds: is true but \"kinds\" lists no kind"),
        arguments(
            "{\"replaceDefaultKinds\": \"yes\"}",
            "replaceDefaultKinds: expected true or false, found a string (\"yes\")"),
        arguments(
            "{\"teleport\": \"seeds\"}",
            "teleport: expected \"uniform\", \"activity\" or {\"seeds\": {\"id\": weight, ...}},"
                + " found a string (\"seeds\")"),
        arguments("{\"teleport\": {}}", "teleport: an object teleport needs \"seeds\""),
        arguments(
            "{\"teleport\": {\"seed\": {\"mod\": 1}}}",
            "teleport: unknown field \"seed\" (did you mean \"seeds\"?)"),
        arguments(
            "{\"teleport\": {\"seeds\": {}}}",
            "teleport.seeds: seeds is empty; call uniformTeleport() instead"),
        arguments(
            "{\"teleport\": {\"seeds\": {\"mod\": -1}}}",
            "teleport.seeds: weight -1.0 of seed 'mod' must be finite and >= 0"),
        arguments(
            "{\"teleport\": {\"seeds\": {\"mod\": \"1\"}}}",
            "teleport.seeds.mod: expected a number, found a string (\"1\")"),
        arguments(
            "{\"solver\": {\"damping\": 1.5}}",
            "1:24: solver.damping: damping 1.5 is outside [0, 1); 0.85 is the usual choice"),
        arguments(
            "{\"solver\": {\"maxIterations\": 10.5}}",
            "solver.maxIterations: expected a whole number, found a number (10.5)"),
        arguments(
            "{\"solver\": {\"maxIterations\": 3000000000}}",
            "solver.maxIterations: 3000000000 is too large; give at most 2147483647"),
        arguments(
            "{\"solver\": {\"maxIterations\": 0}}",
            "solver.maxIterations: maxIterations 0 must be at least 1"),
        arguments(
            "{\"solver\": {\"method\": \"power\"}}",
            "solver.method: unknown method \"power\"; use one of POWER, GAUSS_SEIDEL"),
        arguments(
            "{\"solver\": {\"stop\": \"ERROR\"}}",
            "solver.stop: unknown stop \"ERROR\"; use one of CHANGE, ERROR_BOUND"),
        arguments(
            "{\"solver\": {\"threads\": 4}}",
            "solver: unknown field \"threads\"; a solver has the fields damping, tolerance,"
                + " maxIterations, method, stop"),
        arguments("{\"solver\": 0.85}", "solver: expected an object such as {\"damping\": 0.85"),
        arguments(
            "[]", "1:1: a policy is a JSON object such as {\"saturation\": \"log\"}, found an"),
        arguments("\"log\"", "a policy is a JSON object such as"),
        arguments("", "<string>: no JSON found; a policy is a JSON object, {} for every default"),
        arguments("  \n ", "no JSON found"),
        arguments("null", "1:1: a policy is a JSON object, found null"),
        arguments("{} {}", "1:4: more content after the end of a policy"),
        arguments("{\"saturation\": \"log\",}", "1:22: Unexpected character ('}'"),
        arguments("{\"saturation\": log}", "1:19: Unrecognized token 'log'"),
        arguments("{\"saturation\": \"log\"", "Unexpected end-of-input"),
        arguments(
            "{\n  \"solver\": {\n    \"damping\": 1.5\n  }\n}", "<string>:3:16: solver.damping"));
  }

  @Test
  void write_customSaturation_throwsIllegalArgument() {
    ScoringPolicy policy = ScoringPolicy.builder().saturation(total -> Math.min(total, 5)).build();

    assertThatThrownBy(() -> PolicyJson.write(policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write the custom saturation")
        .hasMessageContaining("only Saturation.linear(), log() and sqrt() have a name");
  }

  @Test
  void write_customDecay_throwsIllegalArgument() {
    ScoringPolicy policy = ScoringPolicy.builder().decay(age -> age < 1000 ? 1 : 0).build();

    assertThatThrownBy(() -> PolicyJson.write(policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write the custom decay")
        .hasMessageContaining("Decay.none() and Decay.halfLife(...)");
  }

  @Test
  void module_ownMapper_readsAndWritesPoliciesInsideOtherValues() throws IOException {
    ObjectMapper mapper = JsonMapper.builder().addModule(new WuffieModule()).build();
    ScoringPolicy policy =
        ScoringPolicy.builder().kind("star", 2).saturation(Saturation.sqrt()).build();

    String json = mapper.writeValueAsString(Map.of("community", policy));
    Map<String, ScoringPolicy> back =
        mapper.readValue(json, new TypeReference<Map<String, ScoringPolicy>>() {});

    assertThat(back).containsExactly(Map.entry("community", policy));
  }

  @Test
  void module_ownMapper_reportsBadValueWithLocation() {
    ObjectMapper mapper = JsonMapper.builder().addModule(new WuffieModule()).build();

    assertThatThrownBy(
            () ->
                mapper.readValue(
                    "{\"a\": {\"solver\": {\"tolerance\": 0}}}",
                    new TypeReference<Map<String, ScoringPolicy>>() {}))
        .isInstanceOfSatisfying(
            JsonMappingException.class,
            e -> {
              assertThat(e.getOriginalMessage())
                  .startsWith("solver.tolerance: tolerance 0.0 must be a positive finite number");
              assertThat(e.getLocation().getLineNr()).isEqualTo(1);
              assertThat(e.getLocation().getColumnNr()).isEqualTo(32);
            });
  }

  @Test
  void module_ownMapper_customSaturation_failsWithMappingException() {
    ObjectMapper mapper = JsonMapper.builder().addModule(new WuffieModule()).build();
    ScoringPolicy policy = ScoringPolicy.builder().saturation(total -> total).build();

    assertThatThrownBy(() -> mapper.writeValueAsString(policy))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("cannot write the custom saturation");
  }
}
