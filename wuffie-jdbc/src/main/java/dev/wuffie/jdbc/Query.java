package dev.wuffie.jdbc;

import java.util.List;

/** The four queries a {@link SqlEventSource} runs, in the order each poll runs them. */
enum Query {
  CONTRIBUTIONS(
      "contributions", List.of("contribution", "author", "made_at"), List.of("share", "tags")),
  EVENTS(
      "events",
      List.of("id", "endorser", "kind", "made_at"),
      List.of("target_member", "target_contribution", "rating")),
  REMOVALS("removals", List.of("event_id"), List.of()),
  MERGES("merges", List.of("alias", "person"), List.of());

  /** The query's name in messages and in {@link SqlEventSource#cursors()}. */
  final String label;

  /** The columns it must return. */
  final List<String> required;

  /** The columns it may return. */
  final List<String> optional;

  Query(String label, List<String> required, List<String> optional) {
    this.label = label;
    this.required = required;
    this.optional = optional;
  }

  /**
   * The site's {@code sql} wrapped so that it returns only the rows whose {@code cursor} is above
   * the one parameter, in cursor order.
   */
  static String paged(String sql, String cursor) {
    return "SELECT * FROM (" + sql + ") wuffie_rows WHERE " + cursor + " > ? ORDER BY " + cursor;
  }

  /**
   * Checks the site's SQL for what would break {@link #paged}: the source adds the only parameter
   * and the order itself.
   *
   * @throws NullPointerException if {@code sql} is null
   * @throws IllegalArgumentException if it is blank, ends with a semicolon or has a parameter
   */
  static String checkSql(String sql, String what) {
    if (sql == null) {
      throw new NullPointerException("the " + what + " query is null");
    }
    String trimmed = sql.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the " + what + " query is empty; give a SELECT");
    }
    if (trimmed.endsWith(";")) {
      throw new IllegalArgumentException(
          "the " + what + " query ends with ';'; give a single SELECT without it");
    }
    if (trimmed.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " query has a '?': give a SELECT without parameters; the source adds the cursor"
              + " condition itself");
    }
    return trimmed;
  }
}
