package dev.wuffie.json;

import static dev.wuffie.json.LedgerFormat.AUTHORS;
import static dev.wuffie.json.LedgerFormat.CONTRIBUTION;
import static dev.wuffie.json.LedgerFormat.CONTRIBUTOR;
import static dev.wuffie.json.LedgerFormat.ENDORSER;
import static dev.wuffie.json.LedgerFormat.ID;
import static dev.wuffie.json.LedgerFormat.INTO;
import static dev.wuffie.json.LedgerFormat.KIND;
import static dev.wuffie.json.LedgerFormat.MERGE;
import static dev.wuffie.json.LedgerFormat.RETRACT;
import static dev.wuffie.json.LedgerFormat.TAGS;
import static dev.wuffie.json.LedgerFormat.TARGET;
import static dev.wuffie.json.LedgerFormat.TIME;
import static dev.wuffie.json.LedgerFormat.VALUE;
import static dev.wuffie.json.Tokens.child;
import static dev.wuffie.json.Tokens.describe;
import static dev.wuffie.json.Tokens.fail;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads a {@link LedgerEntry} from the one-object form documented in {@link dev.wuffie.json}, token
 * by token, so that every error carries the location of the bad value: a {@link
 * JsonMappingException} whose message starts with the field, says what was wrong, and how to fix
 * it. The fields may come in any order; the entry's shape is told by the fields it has. Unknown
 * fields, fields given twice, fields of another shape and ids longer than the limit are errors.
 *
 * <p>The limit on the length of an id is the {@link DeserializationContext} attribute {@link
 * #MAX_ID_LENGTH} (an {@code Integer}), {@link LedgerJson#DEFAULT_MAX_ID_LENGTH} when absent.
 */
final class LedgerEntryDeserializer extends StdDeserializer<LedgerEntry> {
  private static final long serialVersionUID = 1L;

  /** The context attribute that holds the longest id allowed, in chars. */
  static final String MAX_ID_LENGTH = "dev.wuffie.json.maxIdLength";

  LedgerEntryDeserializer() {
    super(LedgerEntry.class);
  }

  /** The fields of one entry as read, before its shape is known. */
  private static final class Fields {
    final Map<String, JsonLocation> at = new LinkedHashMap<>(); // field -> where its value starts
    String contributor;
    String contribution;
    Instant time;
    Map<String, Double> authors;
    List<String> tags;
    String endorser;
    String target;
    String kind;
    Double value;
    Long retract;
    String merge;
    String into;
    String id;

    boolean has(String field) {
      return at.containsKey(field);
    }
  }

  @Override
  public LedgerEntry deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      token = p.nextToken();
    } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
      throw fail(
          p,
          start,
          "",
          "expected a JSON object, found " + describe(p) + "; " + LedgerFormat.SHAPES);
    }
    Object limit = ctxt.getAttribute(MAX_ID_LENGTH);
    int maxIdLength = limit instanceof Integer i ? i : LedgerJson.DEFAULT_MAX_ID_LENGTH;
    Fields f = new Fields();
    for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String name = p.currentName();
      JsonLocation nameAt = p.currentTokenLocation();
      if (f.has(name)) {
        throw fail(p, nameAt, "", "field \"" + name + "\" is given twice; give each field once");
      }
      if (!LedgerFormat.FIELDS.contains(name)) {
        throw fail(p, nameAt, "", Tokens.unknownField(name, "an entry", LedgerFormat.FIELDS));
      }
      p.nextToken();
      f.at.put(name, p.currentTokenLocation());
      switch (name) {
        case CONTRIBUTOR -> f.contributor = readId(p, name, maxIdLength);
        case CONTRIBUTION -> f.contribution = readId(p, name, maxIdLength);
        case TIME -> f.time = Tokens.readInstant(p, name);
        case AUTHORS -> f.authors = readAuthors(p, maxIdLength);
        case TAGS -> f.tags = readTags(p, maxIdLength);
        case ENDORSER -> f.endorser = readId(p, name, maxIdLength);
        case TARGET -> f.target = readId(p, name, maxIdLength);
        case KIND -> f.kind = readId(p, name, maxIdLength);
        case VALUE -> f.value = Tokens.readDouble(p, name);
        case RETRACT -> f.retract = readEventId(p);
        case MERGE -> f.merge = readId(p, name, maxIdLength);
        case INTO -> f.into = readId(p, name, maxIdLength);
        case ID -> f.id = readId(p, name, maxIdLength);
        default -> throw new AssertionError(name);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw fail(p, p.currentTokenLocation(), "", "expected a field name, found " + describe(p));
    }
    try {
      if (f.has(ENDORSER)) {
        return event(p, start, f);
      } else if (f.has(RETRACT)) {
        only(p, f, "a retraction", LedgerFormat.RETRACTION_FIELDS);
        return LedgerEntry.retraction(f.retract);
      } else if (f.has(MERGE) || f.has(INTO)) {
        only(p, f, "a merge", LedgerFormat.MERGE_FIELDS);
        need(p, start, f, MERGE, "a merge", "the account merged");
        need(p, start, f, INTO, "a merge", "the contributor it belongs to");
        return LedgerEntry.merge(f.merge, f.into);
      } else if (f.has(CONTRIBUTOR)) {
        only(p, f, "a contributor", LedgerFormat.CONTRIBUTOR_FIELDS);
        return LedgerEntry.contributor(f.contributor);
      } else if (f.has(CONTRIBUTION) || f.has(AUTHORS) || f.has(TAGS)) {
        only(p, f, "a contribution", LedgerFormat.CONTRIBUTION_FIELDS);
        need(p, start, f, CONTRIBUTION, "a contribution", "its id");
        need(p, start, f, TIME, "a contribution", "when it was made");
        need(p, start, f, AUTHORS, "a contribution", "its authors and their shares");
        return contribution(p, f);
      }
    } catch (IllegalArgumentException e) {
      throw fail(p, start, "", e.getMessage());
    }
    throw fail(p, start, "", "the entry has no field that says what it is; " + LedgerFormat.SHAPES);
  }

  private static LedgerEntry event(JsonParser p, JsonLocation start, Fields f) throws IOException {
    only(p, f, "an endorsement event", LedgerFormat.EVENT_FIELDS);
    if (f.has(TARGET) && f.has(CONTRIBUTION)) {
      throw fail(
          p,
          f.at.get(CONTRIBUTION),
          CONTRIBUTION,
          "an event has one target: give \"target\" for a contributor or \"contribution\" for a"
              + " contribution, not both");
    }
    if (!f.has(TARGET) && !f.has(CONTRIBUTION)) {
      throw fail(
          p,
          start,
          "",
          "an endorsement event needs \"target\" (the endorsed contributor) or \"contribution\""
              + " (the endorsed contribution)");
    }
    need(p, start, f, KIND, "an endorsement event", "its kind, e.g. \"upvote\"");
    need(p, start, f, TIME, "an endorsement event", "when it was made");
    boolean toContribution = f.has(CONTRIBUTION);
    return new LedgerEntry.Event(
        new Endorsement(
            f.endorser,
            toContribution ? f.contribution : f.target,
            toContribution,
            f.kind,
            f.value == null ? OptionalDouble.empty() : OptionalDouble.of(f.value),
            f.time),
        f.id);
  }

  private static LedgerEntry contribution(JsonParser p, Fields f) throws IOException {
    LedgerEntry.Contribution contribution;
    try {
      contribution = LedgerEntry.contribution(f.contribution, f.time, f.authors);
    } catch (IllegalArgumentException e) {
      throw fail(p, f.at.get(AUTHORS), AUTHORS, e.getMessage());
    }
    if (f.tags == null) {
      return contribution;
    }
    try {
      return contribution.tagged(f.tags.toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw fail(p, f.at.get(TAGS), TAGS, e.getMessage());
    }
  }

  /** An array of tags, each a string, none given twice. */
  private static List<String> readTags(JsonParser p, int maxIdLength) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw fail(
          p,
          p.currentTokenLocation(),
          TAGS,
          "expected an array of tags such as [\"brewing\"], found " + describe(p));
    }
    List<String> tags = new java.util.ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      String path = TAGS + "[" + tags.size() + "]";
      JsonLocation at = p.currentTokenLocation();
      String tag = Tokens.readString(p, path);
      if (tags.contains(tag)) {
        throw fail(p, at, path, "tag '" + tag + "' is given twice; list each tag once");
      }
      if (tag.length() > maxIdLength) {
        checkId(p, at, path, tag, maxIdLength);
      }
      tags.add(tag);
    }
    return tags;
  }

  /** Checks that every field of {@code f} belongs to the shape {@code what}. */
  private static void only(JsonParser p, Fields f, String what, List<String> allowed)
      throws JsonMappingException {
    for (Map.Entry<String, JsonLocation> field : f.at.entrySet()) {
      if (!allowed.contains(field.getKey())) {
        throw fail(
            p,
            field.getValue(),
            field.getKey(),
            "does not belong in "
                + what
                + ", which has the fields "
                + String.join(", ", allowed)
                + "; "
                + LedgerFormat.SHAPES);
      }
    }
  }

  private static void need(
      JsonParser p, JsonLocation start, Fields f, String field, String what, String meaning)
      throws JsonMappingException {
    if (!f.has(field)) {
      throw fail(
          p,
          start,
          "",
          what + " needs \"" + field + "\" (" + meaning + "); " + LedgerFormat.SHAPES);
    }
  }

  private static String readId(JsonParser p, String path, int maxIdLength) throws IOException {
    return checkId(p, p.currentTokenLocation(), path, Tokens.readString(p, path), maxIdLength);
  }

  private static String checkId(
      JsonParser p, JsonLocation at, String path, String id, int maxIdLength)
      throws JsonMappingException {
    if (id.isEmpty()) {
      throw fail(p, at, path, "is empty; give a non-empty id");
    }
    if (id.length() > maxIdLength) {
      throw fail(
          p,
          at,
          path,
          String.format(
              "an id of %,d characters is longer than the limit of %,d; check that this is the"
                  + " file you meant, or raise the limit with LedgerJson.builder().maxIdLength(n)",
              id.length(), maxIdLength));
    }
    return id;
  }

  private static long readEventId(JsonParser p) throws IOException {
    long id = Tokens.readLong(p, RETRACT);
    if (id < 0) {
      throw fail(
          p,
          p.currentTokenLocation(),
          RETRACT,
          id + " is negative; give the id of an event: 0 for the first, and so on");
    }
    return id;
  }

  private static Map<String, Double> readAuthors(JsonParser p, int maxIdLength) throws IOException {
    Tokens.expectObject(p, AUTHORS, "an object of authors and shares such as {\"bob\": 1}");
    Map<String, Double> authors = new LinkedHashMap<>();
    Map<String, JsonLocation> seen = new HashMap<>();
    for (JsonToken token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String author = p.currentName();
      JsonLocation at = p.currentTokenLocation();
      String path = child(AUTHORS, author);
      if (seen.put(author, at) != null) {
        throw fail(p, at, path, "is given twice; list each author once");
      }
      checkId(p, at, AUTHORS, author, maxIdLength);
      p.nextToken();
      authors.put(author, Tokens.readDouble(p, path));
    }
    return authors;
  }
}
