package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** The check every id of a {@link Ledger} and a {@link LedgerEntry} passes: present, not empty. */
final class Ids {
  private Ids() {}

  /**
   * Checks a contributor, contribution, endorser, author, kind, alias or person id; {@code role}
   * names it in the message.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is empty
   */
  static void check(String id, String role) {
    checkNotNull(id, "%s id is null", role);
    checkArgument(!id.isEmpty(), "%s id is empty; give every %s a non-empty id", role, role);
  }
}
