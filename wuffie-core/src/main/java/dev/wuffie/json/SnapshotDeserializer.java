package dev.wuffie.json;

import static dev.wuffie.json.SnapshotFormat.AS_OF;
import static dev.wuffie.json.SnapshotFormat.CONTRIBUTORS;
import static dev.wuffie.json.SnapshotFormat.CONVERGED;
import static dev.wuffie.json.SnapshotFormat.CREATED_AT;
import static dev.wuffie.json.SnapshotFormat.FORMAT_VERSION;
import static dev.wuffie.json.SnapshotFormat.ID;
import static dev.wuffie.json.SnapshotFormat.ITERATIONS;
import static dev.wuffie.json.SnapshotFormat.PERCENTILE;
import static dev.wuffie.json.SnapshotFormat.POINTS;
import static dev.wuffie.json.SnapshotFormat.POLICY;
import static dev.wuffie.json.SnapshotFormat.RANK;
import static dev.wuffie.json.SnapshotFormat.RESIDUAL;
import static dev.wuffie.json.SnapshotFormat.SCORE;
import static dev.wuffie.json.Tokens.describe;
import static dev.wuffie.json.Tokens.fail;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link ReputationSnapshot} from the JSON form documented in {@link dev.wuffie.json},
 * token by token, so that every error carries the location of the bad value and the path of its
 * field ({@code contributors[3].score: ...}). Every field is required ({@code asOf} and {@code
 * policy} may be null); unknown fields, fields given twice and a version other than 1 are errors.
 */
final class SnapshotDeserializer extends StdDeserializer<ReputationSnapshot> {
  private static final long serialVersionUID = 1L;

  SnapshotDeserializer() {
    super(ReputationSnapshot.class);
  }

  @Override
  public ReputationSnapshot deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    JsonLocation start = p.currentTokenLocation();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      token = p.nextToken();
    } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
      throw fail(
          p,
          start,
          "",
          "a reputation snapshot is a JSON object such as {\"version\": 1, ...}, found "
              + describe(p));
    }
    Map<String, JsonLocation> at = new HashMap<>();
    Instant createdAt = null;
    Optional<Instant> asOf = Optional.empty();
    Optional<ScoringPolicy> policy = Optional.empty();
    boolean converged = false;
    int iterations = 0;
    double residual = 0;
    List<Standing> standings = List.of();
    Map<String, String> tiers = new HashMap<>();
    for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      if (at.containsKey(name)) {
        throw fail(p, nameAt, "", "field \"" + name + "\" is given twice; give each field once");
      }
      if (!SnapshotFormat.FIELDS.contains(name)) {
        throw fail(
            p,
            nameAt,
            "",
            Tokens.unknownField(name, "a reputation snapshot", SnapshotFormat.FIELDS));
      }
      p.nextToken();
      at.put(name, p.currentTokenLocation());
      switch (name) {
        case FORMAT_VERSION -> readVersion(p);
        case CREATED_AT -> createdAt = Tokens.readInstant(p, name);
        case AS_OF ->
            asOf = isNull(p) ? Optional.empty() : Optional.of(Tokens.readInstant(p, name));
        case CONVERGED -> converged = Tokens.readBoolean(p, name);
        case ITERATIONS -> iterations = Tokens.readInt(p, name);
        case RESIDUAL -> residual = readResidual(p);
        case POLICY -> policy = isNull(p) ? Optional.empty() : Optional.of(readPolicy(p, ctxt));
        case CONTRIBUTORS -> standings = readStandings(p, tiers);
        default -> throw new AssertionError(name);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw fail(p, p.currentTokenLocation(), "", "expected a field name, found " + describe(p));
    }
    for (String field : SnapshotFormat.FIELDS) {
      if (!at.containsKey(field)) {
        throw fail(
            p,
            start,
            "",
            "a reputation snapshot needs \""
                + field
                + "\"; it has the fields "
                + String.join(", ", SnapshotFormat.FIELDS)
                + " (asOf and policy may be null)");
      }
    }
    try {
      return new ReputationSnapshot(
          createdAt, asOf, policy, converged, iterations, residual, standings, tiers);
    } catch (IllegalArgumentException e) {
      throw fail(p, at.get(CONTRIBUTORS), "", e.getMessage());
    }
  }

  private static boolean isNull(JsonParser p) {
    return p.currentToken() == JsonToken.VALUE_NULL;
  }

  private static void readVersion(JsonParser p) throws IOException {
    long version = Tokens.readLong(p, FORMAT_VERSION);
    if (version != SnapshotFormat.VERSION) {
      throw fail(
          p,
          p.currentTokenLocation(),
          FORMAT_VERSION,
          "this wuffie reads version "
              + SnapshotFormat.VERSION
              + " of the snapshot format, not "
              + version
              + "; read it with the wuffie that wrote it");
    }
  }

  private static double readResidual(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().equals(SnapshotFormat.INFINITY)) {
      return Double.POSITIVE_INFINITY;
    }
    if (p.currentToken() != null && !p.currentToken().isNumeric()) {
      throw fail(
          p,
          p.currentTokenLocation(),
          RESIDUAL,
          "expected a number (or \"Infinity\"), found " + describe(p));
    }
    double residual = Tokens.readDouble(p, RESIDUAL);
    if (residual < 0) {
      throw fail(p, p.currentTokenLocation(), RESIDUAL, residual + " is negative");
    }
    return residual;
  }

  private static ScoringPolicy readPolicy(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    try {
      return ctxt.readValue(p, ScoringPolicy.class);
    } catch (JsonMappingException e) {
      throw fail(p, e.getLocation(), POLICY, e.getOriginalMessage());
    }
  }

  private static List<Standing> readStandings(JsonParser p, Map<String, String> tiers)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw fail(
          p,
          p.currentTokenLocation(),
          CONTRIBUTORS,
          "expected an array of standings such as [{\"id\": \"alice\", \"rank\": 1, ...}], found "
              + describe(p));
    }
    List<Standing> standings = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      standings.add(readStanding(p, CONTRIBUTORS + "[" + standings.size() + "]", tiers));
    }
    return standings;
  }

  /** Reads a standing, and puts its tier, if it has one, in {@code tiers}. */
  private static Standing readStanding(JsonParser p, String path, Map<String, String> tiers)
      throws IOException {
    JsonLocation start = p.currentTokenLocation();
    Tokens.expectObject(
        p,
        path,
        "a standing such as {\"id\": \"alice\", \"rank\": 1, \"score\": 0.5, \"points\": 1.5,"
            + " \"percentile\": 100.0}");
    Map<String, JsonLocation> at = new HashMap<>();
    String id = null;
    int rank = 0;
    double score = 0;
    double points = 0;
    double percentile = 0;
    String tier = null;
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      if (at.containsKey(name)) {
        throw fail(p, nameAt, path, "\"" + name + "\" is given twice; give it once");
      }
      if (!SnapshotFormat.STANDING_FIELDS_ALLOWED.contains(name)) {
        throw fail(
            p,
            nameAt,
            path,
            Tokens.unknownField(name, "a standing", SnapshotFormat.STANDING_FIELDS_ALLOWED));
      }
      p.nextToken();
      at.put(name, p.currentTokenLocation());
      String field = path + "." + name;
      switch (name) {
        case ID -> id = Tokens.readString(p, field);
        case RANK -> rank = Tokens.readInt(p, field);
        case SCORE -> score = Tokens.readDouble(p, field);
        case POINTS -> points = Tokens.readDouble(p, field);
        case PERCENTILE -> percentile = Tokens.readDouble(p, field);
        case SnapshotFormat.TIER -> tier = Tokens.readString(p, field);
        default -> throw new AssertionError(name);
      }
    }
    for (String field : SnapshotFormat.STANDING_FIELDS) {
      if (!at.containsKey(field)) {
        throw fail(
            p,
            start,
            path,
            "a standing needs \""
                + field
                + "\"; it has the fields "
                + String.join(", ", SnapshotFormat.STANDING_FIELDS));
      }
    }
    if (tier != null && id != null) {
      tiers.put(id, tier);
    }
    return new Standing(id, rank, score, points, percentile);
  }
}
