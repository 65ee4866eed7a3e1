package dev.wuffie.jdbc;

/**
 * A row of the site's tables that a {@link SqlEventSource} cannot record, under {@link
 * BadRows#FAIL}: the message names the query, the row's id, its cursor, the column at fault and
 * what is wrong with it. The batch holding the row was not applied.
 *
 * <p>Instances are immutable.
 */
public final class BadRowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String query;
  private final String rowId;
  private final long cursor;
  private final String column;

  BadRowException(String query, String rowId, long cursor, String column, String problem) {
    super(
        String.format(
            "bad row in the %s query (%s, cursor %d), column %s: %s; fix the row, or build the"
                + " source with badRows(BadRows.SKIP) to skip such rows",
            query, rowId == null ? "no id" : "id " + rowId, cursor, column, problem));
    this.query = query;
    this.rowId = rowId;
    this.cursor = cursor;
    this.column = column;
  }

  /** The query the row came from: {@code events}, {@code contributions}, ... */
  public String query() {
    return query;
  }

  /** The row's id as text (the event id, contribution id, ...), or null if it has none. */
  public String rowId() {
    return rowId;
  }

  /** The row's value of its query's cursor column. */
  public long cursor() {
    return cursor;
  }

  /** The column at fault. */
  public String column() {
    return column;
  }
}
