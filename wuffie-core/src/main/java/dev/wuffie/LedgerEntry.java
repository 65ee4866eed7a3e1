package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One change to a {@link Ledger}, as an element of a batch that {@link Ledger#apply(List)} applies
 * whole or not at all: a contributor, a contribution, an endorsement event, a retraction or a
 * merge. Each entry does what the ledger method of the same name does.
 *
 * <pre>{@code
 * long first = ledger.apply(List.of(
 *     LedgerEntry.contributor("alice"),
 *     LedgerEntry.contribution("answer-17", now, "bob"),
 *     LedgerEntry.event(Endorsement.ofContribution("alice", "answer-17", "upvote", now)),
 *     LedgerEntry.retraction(ledger.eventCount()), // the upvote above, by its future id
 *     LedgerEntry.merge("bob-old", "bob")));
 * }</pre>
 *
 * <p>The records check their own fields (ids non-empty, shares positive and finite, an alias is not
 * its own person); what depends on the ledger (an unknown contribution, an event id beyond the
 * ledger's events, a merge cycle, a time too far ahead of the clock) is checked by the ledger.
 * Entries are immutable.
 */
public sealed interface LedgerEntry {

  /**
   * Registers a contributor, as {@link Ledger#addContributor(String)}.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is empty
   */
  static Contributor contributor(String id) {
    return new Contributor(id);
  }

  /**
   * Registers a contribution made by {@code authors} in equal shares, as {@link
   * Ledger#addContribution(String, Instant, String...)}.
   *
   * @throws NullPointerException if an argument or an author is null
   * @throws IllegalArgumentException if an id is empty, there are no authors or one is given twice
   */
  static Contribution contribution(String id, Instant time, String... authors) {
    Ids.check(id, "contribution");
    checkNotNull(time, "time of contribution '%s' is null", id);
    checkNotNull(authors, "authors of contribution '%s' is null", id);
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String author : authors) {
      Ids.check(author, "author");
      checkArgument(
          shares.put(author, 1.0) == null,
          "author '%s' is given twice for contribution '%s'; give each author once (or pass"
              + " shares)",
          author,
          id);
    }
    return new Contribution(id, time, shares);
  }

  /**
   * Registers a contribution with its authors' relative shares, as {@link
   * Ledger#addContribution(String, Instant, Map)}.
   *
   * @throws NullPointerException if an argument, an author or a share is null
   * @throws IllegalArgumentException if an id is empty, there are no authors, or a share is not a
   *     finite number above zero
   */
  static Contribution contribution(String id, Instant time, Map<String, Double> shares) {
    return new Contribution(id, time, shares);
  }

  /**
   * Records an endorsement, as {@link Ledger#record(Endorsement)}.
   *
   * @throws NullPointerException if {@code endorsement} is null
   */
  static Event event(Endorsement endorsement) {
    return new Event(endorsement);
  }

  /**
   * Records an endorsement with the site's own id of the event, as {@link Ledger#record(String,
   * Endorsement)}: if the ledger (or an earlier entry of the batch) already holds an event with
   * that id, the entry changes nothing and takes no event id.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code siteId} is empty
   */
  static Event event(String siteId, Endorsement endorsement) {
    checkNotNull(siteId, "site event id is null; use event(endorsement) for an event without one");
    return new Event(endorsement, siteId);
  }

  /**
   * Retracts an event by id, as {@link Ledger#retract(long)}; the event may be one of the same
   * batch, recorded before this entry.
   */
  static Retraction retraction(long eventId) {
    return new Retraction(eventId);
  }

  /**
   * Says that account {@code alias} belongs to {@code person}, as {@link Ledger#merge(String,
   * String)}: {@code person} must be a contributor of the ledger or be registered by an earlier
   * entry of the batch (a {@link #contributor(String)} entry, an event, a contribution's author).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty or they are equal
   */
  static Merge merge(String alias, String person) {
    return new Merge(alias, person);
  }

  /**
   * Registers contributor {@code id}; nothing changes if it is already registered.
   *
   * @param id the contributor's id
   */
  record Contributor(String id) implements LedgerEntry {
    /**
     * Checks the id.
     *
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is empty
     */
    public Contributor {
      Ids.check(id, "contributor");
    }
  }

  /**
   * Registers contribution {@code id}, made at {@code time} by the authors that {@code shares} maps
   * to their relative share of the credit (see {@link Ledger#addContribution(String, Instant, Map)}
   * for how shares are normalised). The authors are registered as contributors in the map's
   * iteration order, which the record keeps.
   *
   * <p>{@code tags} name the scopes (topics, categories) the contribution belongs to, for {@link
   * ScopedReputation}: each is a non-empty word, without whitespace or commas ({@code "brewing"},
   * {@code "c++"}, {@code "home-brewing"}); a contribution may have none. {@link
   * #tagged(String...)} gives a copy with tags.
   *
   * @param id the contribution's id
   * @param time when it was made
   * @param shares each author's relative share, in the order the authors are registered
   * @param tags the contribution's tags, in the order given, each once
   */
  record Contribution(String id, Instant time, Map<String, Double> shares, Set<String> tags)
      implements LedgerEntry {
    /**
     * Checks every field and takes unmodifiable copies of {@code shares} and {@code tags} in their
     * iteration order.
     *
     * @throws NullPointerException if a field, an author, a share or a tag is null
     * @throws IllegalArgumentException if an id is empty, there are no authors, a share is not a
     *     finite number above zero, or a tag is empty or holds whitespace or a comma
     */
    public Contribution {
      Ids.check(id, "contribution");
      checkNotNull(time, "time of contribution '%s' is null", id);
      checkNotNull(shares, "shares of contribution '%s' is null", id);
      Map<String, Double> copy = new LinkedHashMap<>();
      for (Map.Entry<String, Double> entry : shares.entrySet()) {
        String author = entry.getKey();
        Ids.check(author, "author");
        Double share = entry.getValue();
        checkNotNull(share, "share of author '%s' of contribution '%s' is null", author, id);
        checkArgument(
            Double.isFinite(share) && share > 0,
            "share %s of author '%s' of contribution '%s' must be a finite number > 0",
            share,
            author,
            id);
        copy.put(author, share);
      }
      checkArgument(!copy.isEmpty(), "contribution '%s' has no authors; give at least one", id);
      shares = Collections.unmodifiableMap(copy);
      checkNotNull(tags, "tags of contribution '%s' is null; give an empty set for none", id);
      Set<String> tagCopy = new LinkedHashSet<>();
      for (String tag : tags) {
        checkTag(tag, id);
        tagCopy.add(tag);
      }
      tags = Collections.unmodifiableSet(tagCopy);
    }

    /**
     * A contribution without tags.
     *
     * @throws NullPointerException if a field, an author or a share is null
     * @throws IllegalArgumentException if an id is empty, there are no authors, or a share is not a
     *     finite number above zero
     */
    public Contribution(String id, Instant time, Map<String, Double> shares) {
      this(id, time, shares, Set.of());
    }

    /**
     * This contribution with {@code tags} added after its own (a tag it already has is kept once):
     * {@code LedgerEntry.contribution("answer-17", now, "bob").tagged("brewing", "yeast")}.
     *
     * @throws NullPointerException if {@code tags} or a tag is null
     * @throws IllegalArgumentException if a tag is empty or holds whitespace or a comma
     */
    public Contribution tagged(String... tags) {
      checkNotNull(tags, "tags of contribution '%s' is null", id);
      Set<String> all = new LinkedHashSet<>(this.tags);
      for (String tag : tags) {
        checkTag(tag, id);
        all.add(tag);
      }
      return new Contribution(id, time, shares, all);
    }

    /**
     * Checks a tag of contribution {@code id}: not null, not empty, and without whitespace (a tag
     * is one word: {@code "brewing"}, {@code "c++"}, {@code "home-brewing"}), so that it reads back
     * the same from a column of tags separated by spaces or commas.
     *
     * @throws NullPointerException if {@code tag} is null
     * @throws IllegalArgumentException if {@code tag} is empty or holds whitespace
     */
    static void checkTag(String tag, String id) {
      checkNotNull(tag, "a tag of contribution '%s' is null", id);
      checkArgument(
          !tag.isEmpty(),
          "a tag of contribution '%s' is empty; give each tag as a non-empty word",
          id);
      for (int i = 0; i < tag.length(); i++) {
        char c = tag.charAt(i);
        checkArgument(
            !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != ',',
            "tag '%s' of contribution '%s' holds %s; a tag is one word without whitespace or"
                + " commas: write 'home-brewing' for 'home brewing'",
            tag,
            id,
            c == ',' ? "a comma" : "whitespace");
      }
    }
  }

  /**
   * Records {@code endorsement} as the next event, with the site's own id of the event if {@code
   * siteId} is not null (see {@link Ledger#record(String, Endorsement)}).
   *
   * @param endorsement the endorsement to record
   * @param siteId the site's id of the event, or null for none
   */
  record Event(Endorsement endorsement, String siteId) implements LedgerEntry {
    /**
     * Checks the endorsement is there, and the site's id is null or not empty.
     *
     * @throws NullPointerException if {@code endorsement} is null
     * @throws IllegalArgumentException if {@code siteId} is empty
     */
    public Event {
      checkNotNull(endorsement, "endorsement is null");
      if (siteId != null) {
        Ids.check(siteId, "site event");
      }
    }

    /**
     * An event without a site's id.
     *
     * @throws NullPointerException if {@code endorsement} is null
     */
    public Event(Endorsement endorsement) {
      this(endorsement, null);
    }
  }

  /**
   * Retracts event {@code eventId}, which must exist when the entry is applied (recorded before, or
   * earlier in the same batch); retracting a retracted event changes nothing.
   *
   * @param eventId the id of the event, as {@link Ledger#record} returned it or as the batch will
   *     give it
   */
  record Retraction(long eventId) implements LedgerEntry {}

  /**
   * Says that account {@code alias} belongs to {@code person}.
   *
   * @param alias the account merged
   * @param person the contributor it belongs to
   */
  record Merge(String alias, String person) implements LedgerEntry {
    /**
     * Checks both ids.
     *
     * @throws NullPointerException if an id is null
     * @throws IllegalArgumentException if an id is empty, or they are equal
     */
    public Merge {
      Ids.check(alias, "alias");
      Ids.check(person, "person");
      checkArgument(
          !alias.equals(person),
          "cannot merge '%s' into itself; give the alias and the person it belongs to",
          alias);
    }
  }
}
