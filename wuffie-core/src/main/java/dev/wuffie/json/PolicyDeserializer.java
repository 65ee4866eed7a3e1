package dev.wuffie.json;

import static dev.wuffie.json.PolicyFormat.ACTIVITY;
import static dev.wuffie.json.PolicyFormat.AS_OF;
import static dev.wuffie.json.PolicyFormat.DAMPING;
import static dev.wuffie.json.PolicyFormat.DISTRUST_STRENGTH;
import static dev.wuffie.json.PolicyFormat.HALF_LIFE;
import static dev.wuffie.json.PolicyFormat.INFLUENCE_CAP;
import static dev.wuffie.json.PolicyFormat.KINDS;
import static dev.wuffie.json.PolicyFormat.MAX_ITERATIONS;
import static dev.wuffie.json.PolicyFormat.METHOD;
import static dev.wuffie.json.PolicyFormat.NEUTRAL;
import static dev.wuffie.json.PolicyFormat.RATED;
import static dev.wuffie.json.PolicyFormat.RECIPROCAL_WEIGHT;
import static dev.wuffie.json.PolicyFormat.REPLACE_DEFAULT_KINDS;
import static dev.wuffie.json.PolicyFormat.SATURATION;
import static dev.wuffie.json.PolicyFormat.SCALE;
import static dev.wuffie.json.PolicyFormat.SEEDS;
import static dev.wuffie.json.PolicyFormat.SOLVER;
import static dev.wuffie.json.PolicyFormat.STOP;
import static dev.wuffie.json.PolicyFormat.TELEPORT;
import static dev.wuffie.json.PolicyFormat.TOLERANCE;
import static dev.wuffie.json.PolicyFormat.UNIFORM;
import static dev.wuffie.json.PolicyFormat.WEIGHT;
import static dev.wuffie.json.Tokens.child;
import static dev.wuffie.json.Tokens.describe;
import static dev.wuffie.json.Tokens.expectObject;
import static dev.wuffie.json.Tokens.fail;
import static dev.wuffie.json.Tokens.readBoolean;
import static dev.wuffie.json.Tokens.readDouble;
import static dev.wuffie.json.Tokens.readEnum;
import static dev.wuffie.json.Tokens.readInt;
import static dev.wuffie.json.Tokens.readString;
import static dev.wuffie.json.Tokens.unknownField;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.wuffie.Decay;
import dev.wuffie.KindWeight;
import dev.wuffie.Saturation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.rank.RankSolver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link ScoringPolicy} from the JSON form documented in {@link dev.wuffie.json}, token by
 * token, so that every error carries the location of the bad value. An error is a {@link
 * JsonMappingException} whose message starts with the path of the field ({@code solver.damping:
 * ...}), says what was wrong, and how to fix it. Unknown fields and fields given twice are errors.
 */
final class PolicyDeserializer extends StdDeserializer<ScoringPolicy> {
  private static final long serialVersionUID = 1L;

  PolicyDeserializer() {
    super(ScoringPolicy.class);
  }

  @Override
  public ScoringPolicy deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      token = p.nextToken();
    } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
      throw fail(
          p,
          p.currentTokenLocation(),
          "",
          "a policy is a JSON object such as {\"saturation\": \"log\"}, found " + describe(p));
    }
    ScoringPolicy.Builder builder = ScoringPolicy.builder();
    Map<String, KindWeight> kinds = new LinkedHashMap<>();
    boolean replaceDefaultKinds = false;
    JsonLocation replaceAt = null;
    Set<String> seen = new HashSet<>();
    for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      if (!seen.add(name)) {
        throw fail(p, nameAt, "", "field \"" + name + "\" is given twice; give each field once");
      }
      if (!PolicyFormat.FIELDS.contains(name)) {
        throw fail(p, nameAt, "", unknownField(name, "a policy", PolicyFormat.FIELDS));
      }
      p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      try {
        switch (name) {
          case KINDS -> readKinds(p, kinds);
          case REPLACE_DEFAULT_KINDS -> {
            replaceDefaultKinds = readBoolean(p, name);
            replaceAt = at;
          }
          case SATURATION -> builder.saturation(Saturation.named(readString(p, name)));
          case HALF_LIFE -> builder.decay(readDecay(p));
          case AS_OF -> builder.asOf(readAsOf(p));
          case TELEPORT -> readTeleport(p, builder);
          case DISTRUST_STRENGTH -> builder.distrustStrength(readDouble(p, name));
          case INFLUENCE_CAP -> builder.influenceCap(readDouble(p, name));
          case RECIPROCAL_WEIGHT -> builder.reciprocalWeight(readDouble(p, name));
          case SOLVER -> builder.solver(readSolver(p));
          default -> throw new AssertionError(name);
        }
      } catch (IllegalArgumentException e) {
        throw fail(p, at, name, e.getMessage());
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw fail(p, p.currentTokenLocation(), "", "expected a field name, found " + describe(p));
    }
    if (replaceDefaultKinds) {
      if (kinds.isEmpty()) {
        throw fail(
            p,
            replaceAt,
            REPLACE_DEFAULT_KINDS,
            "is true but \"kinds\" lists no kind, so the policy would know none; list the kinds"
                + " to use, or set it to false to keep the default kinds");
      }
      builder.clearKinds();
    }
    kinds.values().forEach(builder::kind);
    return builder.build();
  }

  /** Reads the {@code kinds} object into {@code kinds}, in document order. */
  private static void readKinds(JsonParser p, Map<String, KindWeight> kinds) throws IOException {
    expectObject(p, KINDS, "an object of kinds such as {\"upvote\": 1, \"accepted\": 3}");
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String kind = p.currentName();
      String path = child(KINDS, kind);
      if (kinds.containsKey(kind)) {
        throw fail(p, p.currentTokenLocation(), path, "is given twice; declare each kind once");
      }
      p.nextToken();
      JsonLocation at = p.currentTokenLocation();
      try {
        if (p.currentToken().isNumeric()) {
          kinds.put(kind, KindWeight.fixed(kind, readDouble(p, path)));
        } else if (p.currentToken() == JsonToken.START_OBJECT) {
          kinds.put(kind, readKind(p, kind, path));
        } else {
          throw fail(
              p,
              at,
              path,
              "expected a weight (a number, as in \"upvote\": 1) or a rated kind (as in"
                  + " \"trust\": {\"rated\": true, \"neutral\": 0, \"scale\": 1}), found "
                  + describe(p));
        }
      } catch (IllegalArgumentException e) {
        throw fail(p, at, path, e.getMessage());
      }
    }
  }

  /** Reads a kind given as an object: {@code {"rated": true, "neutral": 0, "scale": 1}}. */
  private static KindWeight readKind(JsonParser p, String kind, String path) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    boolean rated = false;
    Double weight = null;
    Double neutral = null;
    Double scale = null;
    Set<String> seen = new HashSet<>();
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      if (!seen.add(name)) {
        throw fail(
            p, p.currentTokenLocation(), path, "\"" + name + "\" is given twice; give it once");
      }
      if (!PolicyFormat.KIND_FIELDS.contains(name)) {
        throw fail(
            p,
            p.currentTokenLocation(),
            path,
            unknownField(name, "a kind", PolicyFormat.KIND_FIELDS));
      }
      p.nextToken();
      String field = child(path, name);
      switch (name) {
        case RATED -> rated = readBoolean(p, field);
        case WEIGHT -> weight = readDouble(p, field);
        case NEUTRAL -> neutral = readDouble(p, field);
        case SCALE -> scale = readDouble(p, field);
        default -> throw new AssertionError(name);
      }
    }
    if (rated) {
      if (weight != null) {
        throw fail(
            p,
            start,
            path,
            "a rated kind weighs scale * (value - neutral): give \"scale\" instead of \"weight\"");
      }
      return KindWeight.rated(kind, neutral == null ? 0 : neutral, scale == null ? 1 : scale);
    }
    if (neutral != null || scale != null) {
      throw fail(
          p,
          start,
          path,
          "\"neutral\" and \"scale\" are for rated kinds: add \"rated\": true, or give a fixed"
              + " \"weight\"");
    }
    if (weight == null) {
      throw fail(
          p,
          start,
          path,
          "a fixed kind needs a \"weight\" (or write the number alone, as in \""
              + kind
              + "\": 1); a rated kind needs \"rated\": true");
    }
    return KindWeight.fixed(kind, weight);
  }

  private static Decay readDecay(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Decay.none();
    }
    String text = readString(p, HALF_LIFE);
    Duration halfLife;
    try {
      halfLife = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not an ISO-8601 duration; write e.g. \"P180D\" for 180 days or \"PT12H\""
              + " for 12 hours, or null for no decay");
    }
    return Decay.halfLife(halfLife);
  }

  private static Instant readAsOf(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    String text = readString(p, AS_OF);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not an ISO-8601 instant; write e.g. \"2026-01-01T00:00:00Z\", or null for"
              + " the time of the latest event");
    }
  }

  private static void readTeleport(JsonParser p, ScoringPolicy.Builder builder) throws IOException {
    String expected =
        "expected \"uniform\", \"activity\" or {\"seeds\": {\"id\": weight, ...}}, found ";
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case UNIFORM -> builder.uniformTeleport();
        case ACTIVITY -> builder.activityPrior();
        default -> throw new IllegalArgumentException(expected + describe(p));
      }
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException(expected + describe(p));
    }
    JsonLocation start = p.currentTokenLocation();
    Map<String, Double> seeds = null;
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      if (!name.equals(SEEDS) || seeds != null) {
        throw fail(
            p,
            p.currentTokenLocation(),
            TELEPORT,
            seeds != null
                ? "\"seeds\" is given twice; give it once"
                : unknownField(name, "a teleport object", List.of(SEEDS)));
      }
      p.nextToken();
      JsonLocation seedsAt = p.currentTokenLocation();
      seeds = readSeeds(p);
      try {
        builder.seeds(seeds);
      } catch (IllegalArgumentException e) {
        throw fail(p, seedsAt, child(TELEPORT, SEEDS), e.getMessage());
      }
    }
    if (seeds == null) {
      throw fail(
          p,
          start,
          TELEPORT,
          "an object teleport needs \"seeds\", as in {\"seeds\": {\"moderator\": 1}}; or use"
              + " \"uniform\" or \"activity\"");
    }
  }

  private static Map<String, Double> readSeeds(JsonParser p) throws IOException {
    String path = child(TELEPORT, SEEDS);
    expectObject(p, path, "an object of seed weights such as {\"moderator\": 1}");
    Map<String, Double> seeds = new LinkedHashMap<>();
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String id = p.currentName();
      String seed = child(path, id);
      if (seeds.containsKey(id)) {
        throw fail(p, p.currentTokenLocation(), seed, "is given twice; list each seed once");
      }
      p.nextToken();
      seeds.put(id, readDouble(p, seed));
    }
    return seeds;
  }

  private static RankSolver readSolver(JsonParser p) throws IOException {
    expectObject(p, SOLVER, "an object such as {\"damping\": 0.85, \"tolerance\": 1e-10}");
    RankSolver.Builder solver = RankSolver.builder();
    Set<String> seen = new HashSet<>();
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      if (!seen.add(name)) {
        throw fail(
            p, p.currentTokenLocation(), SOLVER, "\"" + name + "\" is given twice; give it once");
      }
      if (!PolicyFormat.SOLVER_FIELDS.contains(name)) {
        throw fail(
            p,
            p.currentTokenLocation(),
            SOLVER,
            unknownField(name, "a solver", PolicyFormat.SOLVER_FIELDS));
      }
      p.nextToken();
      String path = child(SOLVER, name);
      JsonLocation at = p.currentTokenLocation();
      try {
        switch (name) {
          case DAMPING -> solver.damping(readDouble(p, path));
          case TOLERANCE -> solver.tolerance(readDouble(p, path));
          case MAX_ITERATIONS -> solver.maxIterations(readInt(p, path));
          case METHOD -> solver.method(readEnum(p, path, RankSolver.Method.class));
          case STOP -> solver.stop(readEnum(p, path, RankSolver.Stop.class));
          default -> throw new AssertionError(name);
        }
      } catch (IllegalArgumentException e) {
        throw fail(p, at, path, e.getMessage());
      }
    }
    return solver.build();
  }
}
