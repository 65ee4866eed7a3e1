package dev.wuffie;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which scopes a {@link LiveReputation} keeps current, and their scoring for one ledger snapshot:
 * every tag the snapshot's contributions carry, or those of them that the site asked for. Each call
 * is a full {@link ScopedReputation} compute of the snapshot, exact; nothing is kept between calls.
 *
 * <p>Immutable; one instance serves many threads.
 */
class LiveScopes {
  private final SortedSet<String> asked; // null: every tag

  /** Keeps {@code asked} (the tags of a site), or every tag if it is null. */
  LiveScopes(SortedSet<String> asked) {
    this.asked = asked == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(asked));
  }

  /** The tags asked for; empty when every tag is kept. */
  Optional<Set<String>> asked() {
    return Optional.ofNullable(asked);
  }

  /**
   * The scopes of {@code snapshot}: every tag its contributions carry that is kept, scored as
   * {@link ScopedReputation#compute(Ledger, ScoringPolicy, java.util.Collection)} scores them (with
   * {@code scorer}, which may leave out events the policy cannot weigh); no scope, at no cost, if
   * no contribution carries one.
   *
   * @throws IllegalArgumentException as the scorer does, if the ledger cannot be scored
   */
  ScopedReputation score(LedgerSnapshot snapshot, Scorer scorer) {
    TreeSet<String> tags = ScopedReputation.tagsOf(snapshot);
    if (asked != null) {
      tags.retainAll(asked);
    }
    return tags.isEmpty()
        ? ScopedReputation.none()
        : ScopedReputation.compute(snapshot, scorer, tags);
  }
}
