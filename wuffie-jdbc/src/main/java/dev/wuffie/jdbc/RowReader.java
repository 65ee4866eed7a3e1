package dev.wuffie.jdbc;

import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.EdgeListFormat;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the rows of one query's result set into a {@link Batch}: finds the columns by name once,
 * then checks each row and turns it into a ledger entry, an ignored row (read before, or a
 * duplicate) or a {@link BadRow}. Not thread-safe.
 */
final class RowReader {
  private final Query query;
  private final ResultSet rows;
  private final SourceState state;
  private final ScoringPolicy policy;
  private final int cursor;
  private final Map<String, Integer> columns = new HashMap<>(); // present columns, by name
  private final int timeType; // how made_at is read

  private static final int OFFSET_TIME = 1;
  private static final int LOCAL_TIME = 2;
  private static final int EPOCH_MILLIS = 3;

  private RowReader(
      Query query, ResultSet rows, String cursorColumn, SourceState state, ScoringPolicy policy)
      throws SQLException {
    this.query = query;
    this.rows = rows;
    this.state = state;
    this.policy = policy;
    ResultSetMetaData meta = rows.getMetaData();
    Map<String, Integer> labels = new LinkedHashMap<>(); // the first column of each name
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    for (String column : query.required) {
      Integer i = labels.get(column);
      if (i == null) {
        throw new IllegalStateException(missing(column, labels));
      }
      columns.put(column, i);
    }
    for (String column : query.optional) {
      Integer i = labels.get(column);
      if (i != null) {
        columns.put(column, i);
      }
    }
    if (query == Query.EVENTS
        && !columns.containsKey("target_member")
        && !columns.containsKey("target_contribution")) {
      throw new IllegalStateException(missing("target_member", labels));
    }
    Integer cursorIndex = labels.get(cursorColumn.toLowerCase(Locale.ROOT));
    if (cursorIndex == null) {
      throw new IllegalStateException(
          String.format(
              "the %s query returns no column '%s', its cursor column (it returns %s)",
              query.label, cursorColumn, labels.keySet()));
    }
    this.cursor = cursorIndex;
    this.timeType = columns.containsKey("made_at") ? timeType(meta, columns.get("made_at")) : 0;
  }

  /**
   * A reader of {@code rows}, the result of {@code query}.
   *
   * @throws IllegalStateException if a column the query must return is missing, or {@code made_at}
   *     has a type that is no time
   */
  static RowReader of(
      Query query, ResultSet rows, String cursorColumn, SourceState state, ScoringPolicy policy)
      throws SQLException {
    return new RowReader(query, rows, cursorColumn, state, policy);
  }

  /** The current row's cursor. */
  long cursor() throws SQLException {
    return rows.getLong(cursor);
  }

  /**
   * Reads the current row, whose cursor is {@code at}, into {@code batch}; returns what is wrong
   * with it, or null if it was added or ignored.
   */
  BadRow read(long at, Batch batch) throws SQLException {
    return switch (query) {
      case EVENTS -> event(at, batch);
      case CONTRIBUTIONS -> contribution(at, batch);
      case REMOVALS -> removal(at, batch);
      case MERGES -> merge(at, batch);
    };
  }

  private BadRow event(long at, Batch batch) throws SQLException {
    Object key = SourceState.key(rows.getObject(columns.get("id")));
    // The row's id as text and its skip key are made only when needed: reading millions of rows,
    // building them for every row was a tenth of the time.
    if (!state.skipped.isEmpty() && state.skipped.contains(skipKey(at, rowId(key)))) {
      batch.ignored++;
      return null;
    }
    if (key == null) {
      return badEvent(key, at, "id", "the id is null; give every event the site's own id");
    }
    if (state.event(key) != SourceState.NONE || batch.has(key)) {
      batch.ignored++; // read before, or a second row with the same id
      return null;
    }
    String endorser = text("endorser");
    if (endorser == null || endorser.isEmpty()) {
      return badEvent(key, at, "endorser", nullOrEmpty("endorser", endorser));
    }
    String member = text("target_member");
    String contribution = text("target_contribution");
    if ((member == null) == (contribution == null)) {
      String problem =
          member == null
              ? "neither target_member nor target_contribution is set; set the one the event"
                  + " endorses"
              : "both target_member and target_contribution are set; set only the one the event"
                  + " endorses";
      String column =
          columns.containsKey("target_member") ? "target_member" : "target_contribution";
      return badEvent(key, at, column, problem);
    }
    String target = member != null ? member : contribution;
    String targetColumn = member != null ? "target_member" : "target_contribution";
    if (target.isEmpty()) {
      return badEvent(key, at, targetColumn, "the target is empty; give its id");
    }
    String kind = text("kind");
    if (kind == null || kind.isEmpty()) {
      return badEvent(key, at, "kind", nullOrEmpty("kind", kind));
    }
    OptionalDouble rating = OptionalDouble.empty();
    if (columns.containsKey("rating")) {
      double value = rows.getDouble(columns.get("rating"));
      if (!rows.wasNull()) {
        if (!Double.isFinite(value)) {
          return badEvent(key, at, "rating", "rating " + value + " is not a finite number");
        }
        rating = OptionalDouble.of(value);
      }
    }
    Instant time = time();
    if (time == null) {
      return badEvent(key, at, "made_at", "the time is null; give the time of the event");
    }
    Endorsement endorsement =
        new Endorsement(endorser, target, contribution != null, kind, rating, time);
    try {
      policy.check(endorsement);
    } catch (IllegalArgumentException e) {
      String column = policy.kinds().containsKey(kind) ? "rating" : "kind";
      return badEvent(key, at, column, e.getMessage());
    }
    if (contribution != null && !state.contributions.contains(contribution)) {
      return badEvent(
          key,
          at,
          "target_contribution",
          "contribution '"
              + contribution
              + "' is not declared: the contributions query returned no row for it");
    }
    Batch.Item item = new Batch.Item(key, null, at, null, "made_at");
    item.entry = LedgerEntry.event(endorsement);
    batch.add(item);
    return null;
  }

  private BadRow contribution(long at, Batch batch) throws SQLException {
    String id = text("contribution");
    String author = text("author");
    String skipKey = skipKey(at, id + "\u0000" + author);
    if (state.skipped.contains(skipKey)) {
      batch.ignored++;
      return null;
    }
    if (id == null || id.isEmpty()) {
      return bad(id, at, "contribution", nullOrEmpty("contribution id", id), skipKey);
    }
    if (state.contributions.contains(id)) {
      batch.ignored++;
      return null;
    }
    if (author == null || author.isEmpty()) {
      return bad(id, at, "author", nullOrEmpty("author", author), skipKey);
    }
    double share = 1;
    if (columns.containsKey("share")) {
      double value = rows.getDouble(columns.get("share"));
      if (!rows.wasNull()) {
        if (!(Double.isFinite(value) && value > 0)) {
          return bad(
              id,
              at,
              "share",
              "share " + value + " of author '" + author + "' is not above 0",
              skipKey);
        }
        share = value;
      }
    }
    Instant time = time();
    if (time == null) {
      return bad(id, at, "made_at", "the time is null; give the time it was made", skipKey);
    }
    Set<String> tags = Set.of();
    String tagText = text("tags");
    if (tagText != null && !tagText.isBlank()) {
      try {
        tags = EdgeListFormat.parseTags(tagText.strip());
      } catch (IllegalArgumentException e) {
        return bad(id, at, "tags", e.getMessage(), skipKey);
      }
    }
    Batch.Item item = batch.item(id);
    if (item == null) {
      item = new Batch.Item(id, id, at, skipKey, "made_at");
      item.shares = new LinkedHashMap<>();
      item.tags = new LinkedHashSet<>();
      item.time = time;
      batch.add(item);
    } else if (item.shares.containsKey(author)) {
      batch.ignored++; // the same author twice
      return null;
    }
    item.shares.put(author, share);
    item.tags.addAll(tags);
    item.entry =
        LedgerEntry.contribution(id, item.time, item.shares)
            .tagged(item.tags.toArray(new String[0]));
    return null;
  }

  private BadRow removal(long at, Batch batch) throws SQLException {
    Object key = SourceState.key(rows.getObject(columns.get("event_id")));
    String rowId = key == null ? null : key.toString();
    String skipKey = skipKey(at, rowId);
    if (state.skipped.contains(skipKey)) {
      batch.ignored++;
      return null;
    }
    if (key == null) {
      return bad(rowId, at, "event_id", "the id of the removed event is null", skipKey);
    }
    int event = state.event(key);
    if (event == SourceState.NONE || event < 0 || batch.has(key)) {
      // Never recorded (skipped as bad, or deleted before it was read), or already retracted.
      batch.ignored++;
      return null;
    }
    Batch.Item item = new Batch.Item(key, rowId, at, skipKey, "event_id");
    item.event = event;
    item.entry = LedgerEntry.retraction(event);
    batch.add(item);
    return null;
  }

  private BadRow merge(long at, Batch batch) throws SQLException {
    String alias = text("alias");
    String person = text("person");
    String skipKey = skipKey(at, alias);
    if (state.skipped.contains(skipKey)) {
      batch.ignored++;
      return null;
    }
    if (alias == null || alias.isEmpty()) {
      return bad(alias, at, "alias", nullOrEmpty("alias", alias), skipKey);
    }
    if (person == null || person.isEmpty()) {
      return bad(alias, at, "person", nullOrEmpty("person", person), skipKey);
    }
    if (alias.equals(person)) {
      return bad(alias, at, "person", "'" + alias + "' is merged into itself", skipKey);
    }
    String into = mergedInto(alias, batch);
    if (into != null) {
      if (into.equals(person)) {
        batch.ignored++;
        return null;
      }
      return bad(
          alias,
          at,
          "person",
          String.format(
              "'%s' is already merged into '%s'; an account can belong to one person only",
              alias, into),
          skipKey);
    }
    for (String p = person; p != null; p = mergedInto(p, batch)) {
      if (p.equals(alias)) {
        return bad(
            alias,
            at,
            "person",
            String.format(
                "merging '%s' into '%s' would make a cycle: '%s' already belongs to '%s'",
                alias, person, person, alias),
            skipKey);
      }
    }
    Batch.Item item = new Batch.Item(alias, alias, at, skipKey, "person");
    item.entry = LedgerEntry.merge(alias, person);
    batch.add(item);
    return null;
  }

  private String mergedInto(String alias, Batch batch) {
    Batch.Item pending = batch.item(alias);
    return pending != null ? ((LedgerEntry.Merge) pending.entry).person() : state.merges.get(alias);
  }

  private String text(String column) throws SQLException {
    Integer i = columns.get(column);
    return i == null ? null : rows.getString(i);
  }

  private Instant time() throws SQLException {
    int i = columns.get("made_at");
    switch (timeType) {
      case OFFSET_TIME:
        OffsetDateTime offset = rows.getObject(i, OffsetDateTime.class);
        return offset == null ? null : offset.toInstant();
      case LOCAL_TIME:
        LocalDateTime local = rows.getObject(i, LocalDateTime.class);
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
      default:
        long millis = rows.getLong(i);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
  }

  private String skipKey(long at, String rowId) {
    return skipKey(query, at, rowId);
  }

  /** The key under which a skipped row is remembered: its query, cursor value and id. */
  static String skipKey(Query query, long at, String rowId) {
    return query.label + "\u0000" + at + "\u0000" + rowId;
  }

  private static String rowId(Object key) {
    return key == null ? null : key.toString();
  }

  private BadRow badEvent(Object key, long at, String column, String problem) {
    String rowId = rowId(key);
    return bad(rowId, at, column, problem, skipKey(at, rowId));
  }

  private BadRow bad(String rowId, long at, String column, String problem, String skipKey) {
    return new BadRow(query, rowId, at, column, problem, skipKey);
  }

  private static String nullOrEmpty(String what, String value) {
    return value == null ? "the " + what + " is null" : "the " + what + " is empty";
  }

  private String missing(String column, Map<String, Integer> labels) {
    return String.format(
        "the %s query returns no column '%s' (it returns %s); it must return %s%s, and may"
            + " return %s: rename columns with AS",
        query.label,
        column,
        labels.keySet(),
        String.join(", ", query.required),
        query == Query.EVENTS ? ", and target_member or target_contribution or both" : "",
        query.optional.isEmpty() ? "nothing else" : String.join(", ", query.optional));
  }

  private int timeType(ResultSetMetaData meta, int i) throws SQLException {
    int type = meta.getColumnType(i);
    String name = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
    if (type == Types.TIMESTAMP_WITH_TIMEZONE
        || name.contains("timestamptz")
        || name.contains("with time zone")) {
      return OFFSET_TIME;
    } else if (type == Types.TIMESTAMP) {
      return LOCAL_TIME;
    } else if (type == Types.BIGINT
        || type == Types.INTEGER
        || type == Types.NUMERIC
        || type == Types.DECIMAL) {
      return EPOCH_MILLIS;
    }
    throw new IllegalStateException(
        String.format(
            "the %s query's column made_at is of type %s; give a timestamp (read as UTC when it"
                + " has no time zone), or milliseconds since 1970",
            query.label, meta.getColumnTypeName(i)));
  }
}
