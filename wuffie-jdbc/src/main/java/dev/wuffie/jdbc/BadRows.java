package dev.wuffie.jdbc;

/**
 * What a {@link SqlEventSource} does with a row it cannot record: a null or empty id, a kind the
 * policy does not know, a rating that does not fit its kind, a vote on a contribution the site has
 * not declared, a merge that would make a cycle, a time the ledger refuses.
 */
public enum BadRows {
  /**
   * The poll fails with a {@link BadRowException} naming the query, the row's id and the column;
   * the batch holding the row is not applied, so the ledger is as it was before that batch, and the
   * next poll reads the row again (after the site fixed it, say).
   */
  FAIL,

  /**
   * The row is skipped and counted ({@link SqlEventSource.Poll#skipped()}); the first few skipped
   * rows of each poll are logged, with the reason, as warnings. A skipped row is not read again.
   */
  SKIP
}
