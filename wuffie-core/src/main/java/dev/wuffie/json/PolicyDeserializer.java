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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@link ScoringPolicy} from the JSON form documented in {@link dev.wuffie.json}, token by
 * token, so that every error carries the location of the bad value. An error is a {@link
 * JsonMappingException} whose message starts with the path of the field ({@code solver.damping:
 * ...}), says what was wrong, and how to fix it. Unknown fields and fields given twice are errors.
 */
final class PolicyDeserializer extends StdDeserializer<ScoringPolicy> {
  private static final long serialVersionUID = 1L;
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final int SHOWN_TEXT = 40;

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

  private static void expectObject(JsonParser p, String path, String example) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw fail(
          p, p.currentTokenLocation(), path, "expected " + example + ", found " + describe(p));
    }
  }

  private static double readDouble(JsonParser p, String path) throws IOException {
    if (!p.currentToken().isNumeric()) {
      throw fail(p, p.currentTokenLocation(), path, "expected a number, found " + describe(p));
    }
    double value = p.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          p.getText() + " is too large for a double; give a finite number");
    }
    return value;
  }

  private static int readInt(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw fail(
          p, p.currentTokenLocation(), path, "expected a whole number, found " + describe(p));
    }
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw fail(
          p,
          p.currentTokenLocation(),
          path,
          p.getText() + " is too large; give at most " + Integer.MAX_VALUE);
    }
    return p.getIntValue();
  }

  private static boolean readBoolean(JsonParser p, String path) throws IOException {
    if (!p.currentToken().isBoolean()) {
      throw fail(p, p.currentTokenLocation(), path, "expected true or false, found " + describe(p));
    }
    return p.getBooleanValue();
  }

  private static String readString(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(p, p.currentTokenLocation(), path, "expected a string, found " + describe(p));
    }
    return p.getText();
  }

  private static <E extends Enum<E>> E readEnum(JsonParser p, String path, Class<E> type)
      throws IOException {
    String text = readString(p, path);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + type.getSimpleName().toLowerCase(Locale.ROOT)
            + " \""
            + text
            + "\"; use one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", ")));
  }

  /** What the current token is, for messages: {@code a string ("x")}, {@code an array}. */
  private static String describe(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case VALUE_STRING -> "a string (\"" + shorten(p.getText()) + "\")";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + shorten(p.getText()) + ")";
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT -> "the end of the object";
      case END_ARRAY -> "the end of an array";
      case FIELD_NAME -> "the field \"" + shorten(p.currentName()) + "\"";
      default -> token.toString();
    };
  }

  private static String shorten(String text) {
    return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...";
  }

  /** The message for an unknown field, with a suggestion when one of {@code known} is close. */
  static String unknownField(String name, String what, List<String> known) {
    String suggestion = "";
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(name) || editDistance(candidate, name) <= 2) {
        suggestion = " (did you mean \"" + candidate + "\"?)";
        break;
      }
    }
    return "unknown field \""
        + shorten(name)
        + "\""
        + suggestion
        + "; "
        + what
        + " has the fields "
        + String.join(", ", known);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The path of {@code key} inside {@code path}: {@code kinds.upvote} or {@code kinds["a b"]}. */
  static String child(String path, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? path + "." + key
        : path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  /** An error at {@code at}; the message starts with {@code path} when there is one. */
  private static JsonMappingException fail(
      JsonParser p, JsonLocation at, String path, String problem) {
    return new JsonMappingException(p, path.isEmpty() ? problem : path + ": " + problem, at);
  }
}
