package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collection;
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

  /**
   * Keeps {@code tags}, checked as {@link LiveReputation.Builder#scopes(Collection)} documents.
   *
   * @throws NullPointerException if {@code tags} or a tag is null
   * @throws IllegalArgumentException if {@code tags} is empty, or a tag is empty or holds
   *     whitespace or a comma
   */
  static LiveScopes of(Collection<String> tags) {
    checkNotNull(tags, "tags is null");
    checkArgument(
        !tags.isEmpty(), "no tags given; give at least one, or call scopes() for every tag");
    TreeSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      checkNotNull(tag, "a scope tag is null");
      checkArgument(
          !tag.isEmpty()
              && tag.chars()
                  .noneMatch(
                      c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == ','),
          "scope tag '%s' is empty or holds whitespace or a comma; a tag is one word, as"
              + " contributions carry it: 'home-brewing'",
          tag);
      sorted.add(tag);
    }
    return new LiveScopes(sorted);
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
