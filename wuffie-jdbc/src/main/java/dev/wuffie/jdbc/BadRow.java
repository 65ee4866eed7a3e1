package dev.wuffie.jdbc;

/**
 * A row that cannot be recorded, and why.
 *
 * @param query the query it came from
 * @param rowId its id as text, or null if it has none
 * @param cursor its cursor value
 * @param column the column at fault
 * @param problem what is wrong, as a sentence fragment
 * @param key what identifies the row when it is read again: its skip key
 */
record BadRow(Query query, String rowId, long cursor, String column, String problem, String key) {

  BadRowException exception() {
    return new BadRowException(query.label, rowId, cursor, column, problem);
  }

  @Override
  public String toString() {
    return String.format(
        "%s (cursor %d), column %s: %s",
        rowId == null ? "no id" : "id " + rowId, cursor, column, problem);
  }
}
