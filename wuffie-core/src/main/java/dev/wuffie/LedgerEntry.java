package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * @param id the contribution's id
   * @param time when it was made
   * @param shares each author's relative share, in the order the authors are registered
   */
  record Contribution(String id, Instant time, Map<String, Double> shares) implements LedgerEntry {
    /**
     * Checks every field and takes an unmodifiable copy of {@code shares} in its iteration order.
     *
     * @throws NullPointerException if a field, an author or a share is null
     * @throws IllegalArgumentException if an id is empty, there are no authors, or a share is not a
     *     finite number above zero
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
