package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a site records: contributors, their contributions, and every endorsement event, appended in
 * order and read through consistent {@linkplain LedgerSnapshot snapshots}.
 *
 * <p><b>Ids.</b> Contributors, contributions and endorsement kinds are named by non-empty String
 * ids and numbered {@code 0, 1, 2, ...} in the order the ledger first sees them; contributor and
 * contribution ids are separate name spaces. A contributor is registered by {@link
 * #addContributor(String)}, as the endorser or the contributor target of a recorded endorsement, as
 * an author of a contribution, or as the alias of a {@link #merge(String, String)}, which refuses a
 * person that is not registered yet. A contribution must be registered, with its authors and their
 * shares, by {@code addContribution} before it is endorsed.
 *
 * <p><b>Events.</b> {@link #record(Endorsement)} appends one endorsement and returns its event id;
 * {@link #record(String, Endorsement)} does so once per site's event id, however often it is called
 * with that id; ids are {@code 0, 1, 2, ...} in record order, and {@link #recordAll(List)} gives a
 * batch consecutive ids. Events are never removed: {@linkplain #retract(long) retracting} one marks
 * it, and the snapshots taken after that see it as retracted. Self-endorsements are recorded like
 * any other event (a scoring policy drops them; merges may also turn an endorsement into a
 * self-endorsement later).
 *
 * <p><b>Merges.</b> {@link #merge(String, String) merge(alias, person)} says that the account
 * {@code alias} belongs to {@code person}, and so to whomever {@code person} belongs to: scoring
 * credits the person with what the account gave and got, and a reputation reads the account's id as
 * the person's. Events keep the ids they were recorded with.
 *
 * <p><b>Times</b> are kept to the millisecond: sub-millisecond parts are dropped (rounding towards
 * the past), and instants that a {@code long} of milliseconds since 1970 cannot hold are refused. A
 * time more than {@code maxFuture} (a day by default) ahead of the ledger's clock is refused too:
 * it is nearly always a clock or time-zone error, and it would stay the newest event for good.
 *
 * <p><b>Batches.</b> {@link #apply(List)} applies a batch of {@link LedgerEntry}s (contributors,
 * contributions, endorsements, retractions and merges, in any mix) whole or not at all, checking
 * each entry against the ledger plus the batch's entries before it; {@link #applyBatches} applies a
 * sequence of batches as one, holding only the batch in hand, which is how a ledger export is read
 * back.
 *
 * <p><b>Validation.</b> Every mutator checks its arguments first and changes nothing when it
 * throws: no half-registered id and no partial batch. The optional {@linkplain Builder#validator
 * validator} is called with each endorsement before anything changes (a scoring policy's check
 * refuses kinds it does not know), and its exception propagates.
 *
 * <pre>{@code
 * Ledger ledger = Ledger.create();
 * Instant now = Instant.now();
 * ledger.addContribution("answer-17", now, "bob");
 * ledger.record(Endorsement.ofContribution("alice", "answer-17", "upvote", now));
 * ledger.record(Endorsement.rating("alice", "bob", "trust", 8, now));
 * long thanks = ledger.record(Endorsement.of("carol", "bob", "thanks", now));
 * ledger.retract(thanks); // carol takes it back
 * ledger.merge("bob-old", "bob"); // bob's old account is bob's
 * LedgerSnapshot snapshot = ledger.snapshot(); // what an export writes
 * }</pre>
 *
 * <p><b>Cost.</b> Recording is amortised {@code O(1)}: a hash lookup for each id and the kind, and
 * one entry in each of the event columns. Events are stored column by column in fixed-size chunks
 * of primitive arrays, with no object per event: 34 bytes per event (endorser and target indices,
 * kind, value, time, retraction mark and the link to the endorser's previous event). Each event
 * recorded with a site's id ({@link #record(String, Endorsement)}) costs that id's String, its
 * slots in a hash index and 4 bytes more; the others, nothing more. Each contributor costs about 16
 * to 28 bytes besides its id String (its id slot, hash slot, latest event and merge mark); each
 * contribution about 30 bytes plus 12 per author. {@link #retract(long)} and {@link #snapshot()}
 * are {@code O(1)}; retracting by key walks the endorser's events backwards from the latest.
 *
 * <p><b>Thread safety.</b> A ledger is safe to use from many threads. Mutators and counts
 * synchronize on one internal lock, held only for the mutation itself (the validator and the time
 * checks run before it is taken); {@link #snapshot()} holds it just long enough to read a few
 * counts and array references, so it waits at most for the mutation in progress. Snapshots are
 * immutable and read without any lock.
 */
public final class Ledger {
  /** The default of {@link Builder#maxFuture(Duration)}: one day. */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofDays(1);

  private static final int NONE = LedgerStore.NONE;
  private static final Instant MIN_TIME = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant MAX_TIME = Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999);

  private final Clock clock;
  private final Duration maxFuture;
  private final Consumer<? super Endorsement> validator; // null if none

  /* Guards the store; see LedgerStore for why snapshots read it without the lock. */
  private final Object lock = new Object();
  private final LedgerStore store = new LedgerStore();
  private final BatchOverlay committed = new BatchOverlay(store); // as single mutations see it

  private Ledger(Builder builder) {
    this.clock = builder.clock;
    this.maxFuture = builder.maxFuture;
    this.validator = builder.validator;
  }

  /** An empty ledger with the UTC system clock, {@link #DEFAULT_MAX_FUTURE} and no validator. */
  public static Ledger create() {
    return builder().build();
  }

  /** A builder of ledgers, with the defaults {@link #create()} uses. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers contributor {@code id} (nothing changes if it is already registered) and returns its
   * index.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public int addContributor(String id) {
    Ids.check(id, "contributor");
    synchronized (lock) {
      return store.contributor(id);
    }
  }

  /**
   * Registers {@code contribution}, made at {@code time} by {@code authors} in equal shares. The
   * authors are registered as contributors.
   *
   * @throws NullPointerException if an argument or an author is null
   * @throws IllegalArgumentException if an id is empty, the contribution is already registered,
   *     there are no authors or one is given twice, or the time is refused (see the class javadoc)
   */
  public void addContribution(String contribution, Instant time, String... authors) {
    addContribution(LedgerEntry.contribution(contribution, time, authors));
  }

  /**
   * Registers {@code contribution}, made at {@code time} by the authors that {@code shares} maps to
   * their share of the credit. The authors are registered as contributors, in the map's iteration
   * order.
   *
   * <p>Shares are relative: they are divided by their sum, unless they already sum to 1 to within
   * rounding ({@code n * 2^-50} for {@code n} authors), in which case they are kept exactly as
   * given. So the shares that a {@linkplain LedgerSnapshot#entries() snapshot's entries} carry
   * register the same values again, bit for bit.
   *
   * @throws NullPointerException if an argument, an author or a share is null
   * @throws IllegalArgumentException if an id is empty, the contribution is already registered,
   *     there are no authors, a share is not a finite number above zero or is so much smaller than
   *     the largest one that it would count as 0, or the time is refused (see the class javadoc)
   */
  public void addContribution(String contribution, Instant time, Map<String, Double> shares) {
    addContribution(new LedgerEntry.Contribution(contribution, time, shares));
  }

  /**
   * Registers {@code contribution} as {@link #addContribution(String, Instant, Map)} does, with its
   * tags, the scopes it counts in ({@link ScopedReputation}):
   *
   * <pre>{@code
   * ledger.addContribution(LedgerEntry.contribution("answer-17", now, "bob").tagged("brewing"));
   * }</pre>
   *
   * @throws NullPointerException if {@code contribution} is null
   * @throws IllegalArgumentException if the contribution is already registered, a share is so much
   *     smaller than the largest one that it would count as 0, or the time is refused (see the
   *     class javadoc)
   */
  public void addContribution(LedgerEntry.Contribution contribution) {
    checkNotNull(contribution, "contribution is null");
    double[] given = LedgerChecks.normalisedShares(contribution, NONE);
    checkTime(contribution, clock.instant(), NONE);
    synchronized (lock) {
      LedgerChecks.checkContribution(committed, contribution, NONE);
      store.register(contribution, given);
    }
  }

  /**
   * Records {@code endorsement} and returns its event id. Its endorser, and its target if that is a
   * contributor, are registered as contributors.
   *
   * @throws NullPointerException if {@code endorsement} is null
   * @throws UnknownContributionException if it endorses an unregistered contribution
   * @throws IllegalArgumentException if its time is refused (see the class javadoc)
   * @throws IllegalStateException if the ledger already holds {@code Integer.MAX_VALUE} events, or
   *     the endorsement's kind would be the 65,537th
   * @throws RuntimeException whatever the validator throws
   */
  public long record(Endorsement endorsement) {
    checkNotNull(endorsement, "endorsement is null");
    checkEndorsement(endorsement, clock.instant(), NONE);
    synchronized (lock) {
      LedgerChecks.checkEndorsement(committed, endorsement, NONE);
      return store.append(endorsement);
    }
  }

  /**
   * Records {@code endorsement} with the site's own id of the event, {@code siteId} (a vote's row
   * id, say), unless the ledger already holds an event with that id: then it changes nothing and
   * returns the id of that event. So a site that hands its events over at least once (a retry, a
   * source read again after a restart) has each of them recorded exactly once. {@link
   * #retract(String)} retracts by the site's id, and a {@linkplain #snapshot() snapshot} reads it
   * back ({@link LedgerSnapshot#siteId(long)}, {@link LedgerSnapshot#eventId(String)}), as do the
   * ledger's {@linkplain LedgerSnapshot#entries() entries} and so its JSON Lines export.
   *
   * <p>An id recorded again must come with the same endorsement (times compared to the
   * millisecond): another one means that two events got one id, and is refused. Site ids are a name
   * space of their own; an event without one ({@link #record(Endorsement)}) is never a duplicate.
   *
   * @return the event id: of the new event, or of the event recorded before with {@code siteId}
   * @throws NullPointerException if an argument is null
   * @throws DuplicateEventException if an event with {@code siteId} was recorded with another
   *     endorsement
   * @throws UnknownContributionException if it endorses an unregistered contribution
   * @throws IllegalArgumentException if {@code siteId} is empty, or the time is refused (see the
   *     class javadoc)
   * @throws IllegalStateException if the event does not fit, as by {@link #record(Endorsement)}
   * @throws RuntimeException whatever the validator throws
   */
  public long record(String siteId, Endorsement endorsement) {
    long id = recordIfNew(siteId, endorsement);
    return id >= 0 ? id : ~id;
  }

  /**
   * As {@link #record(String, Endorsement)}, but tells whether the event is new: its id, or {@code
   * ~id} of the event recorded before with {@code siteId}. Decided under the lock, so a caller can
   * count what it appended.
   */
  long recordIfNew(String siteId, Endorsement endorsement) {
    LedgerEntry.Event event = LedgerEntry.event(siteId, endorsement);
    checkEndorsement(endorsement, clock.instant(), NONE);
    synchronized (lock) {
      if (LedgerChecks.isRecorded(committed, event, NONE)) {
        return ~(long) store.eventOf(siteId);
      }
      LedgerChecks.checkEndorsement(committed, endorsement, NONE);
      return store.append(endorsement, siteId);
    }
  }

  /**
   * Records every endorsement of {@code batch}, in order and with consecutive event ids, or none of
   * them if one is refused; returns the id of the batch's first event (for an empty batch, the id
   * that the next event will get). The same as {@link #apply(List)} with a {@link
   * LedgerEntry.Event} for each endorsement.
   *
   * @throws NullPointerException if {@code batch} or one of its elements is null
   * @throws IllegalArgumentException if an endorsement is refused as by {@link #record}; the
   *     message says which
   * @throws IllegalStateException if the batch does not fit, as by {@link #record}
   * @throws RuntimeException whatever the validator throws
   */
  public long recordAll(List<Endorsement> batch) {
    checkNotNull(batch, "batch is null");
    LedgerEntry[] entries = new LedgerEntry[batch.size()];
    int i = 0;
    for (Endorsement endorsement : batch) {
      checkNotNull(endorsement, "batch element %s is null", i);
      entries[i++] = new LedgerEntry.Event(endorsement);
    }
    return applyAll(entries, 0);
  }

  /**
   * Applies every entry of {@code batch} in order, or none of them if one is refused: then the
   * ledger is exactly as it was, without even the contributors the batch named. Returns the id of
   * the batch's first event (for a batch without events, the id that the next event will get); the
   * batch's events get consecutive ids from there. An event with a site's id that the ledger or an
   * earlier entry of the batch already recorded changes nothing and takes no id (see {@link
   * #record(String, Endorsement)}).
   *
   * <p>Each entry is checked as the ledger method it stands for would check it ({@link
   * #addContributor}, {@link #addContribution(String, Instant, Map)}, {@link #record}, {@link
   * #retract(long)}, {@link #merge}), against the ledger's state plus the batch's entries before
   * it: a contribution registered by the batch can be endorsed later in it, and a retraction can
   * name an event recorded earlier in the batch by the id it will get ({@code first + k} for the
   * batch's {@code k}-th event), as can a merge name an account that an earlier merge of the batch
   * merged. The time checks and the {@linkplain Builder#validator validator} run first, before the
   * lock is taken; then every entry is checked under the lock, and only then is anything applied.
   *
   * <pre>{@code
   * ledger.apply(List.of(
   *     LedgerEntry.contribution("answer-17", now, "bob"),
   *     LedgerEntry.event(Endorsement.ofContribution("alice", "answer-17", "upvote", now)),
   *     LedgerEntry.merge("bob-old", "bob")));
   * }</pre>
   *
   * <p>Cost: {@code O(batch.size())}, all of it under the lock, so recording from other threads
   * waits while a large batch is checked and applied.
   *
   * @throws NullPointerException if {@code batch} or one of its elements is null
   * @throws IllegalArgumentException if an entry is refused; the message starts with {@code "batch
   *     element i: "}, {@code i} its position
   * @throws IllegalStateException if the batch's events or kinds do not fit, as by {@link #record}
   * @throws RuntimeException whatever the validator throws
   */
  public long apply(List<? extends LedgerEntry> batch) {
    return applyAll(entries(batch, 0), 0);
  }

  /**
   * Applies the batches that {@code batches} yields, in order, as one: every entry of every batch,
   * or, if one is refused or {@code batches} throws, none of them, and the ledger is then exactly
   * as it was. Each entry is checked as by {@link #apply(List)}, against the ledger plus every
   * entry before it, those of earlier batches included; each batch is checked and applied before
   * the next one is asked for, so only the batch in hand is held: this is how a large file is read
   * back without holding all of it.
   *
   * <pre>{@code
   * long first = ledger.applyBatches(List.of(batch1, batch2, batch3).iterator());
   * }</pre>
   *
   * <p>Cost: {@code O(entries)} for the entries, plus what {@code batches} costs to yield them; if
   * the whole is refused, undoing it costs {@code O(undone entries)}, or {@code O(events)} if the
   * batches retracted or merged. Memory: the batch in hand, besides what the ledger keeps.
   *
   * <p>Thread safety: the ledger's lock is held from the first call to {@code batches} to the last,
   * so no other mutation runs in between and {@link #snapshot()} waits: no one ever sees part of
   * the whole. {@code batches} is called on the calling thread, under that lock: it must not use
   * this ledger.
   *
   * @return the id of the first event (for batches without events, the id that the next event will
   *     get)
   * @throws NullPointerException if {@code batches}, a batch or an entry is null
   * @throws IllegalArgumentException if an entry is refused; the message starts with {@code "batch
   *     element i: "}, {@code i} its position counted over all the batches
   * @throws IllegalStateException if the events or kinds do not fit, as by {@link #record}, or
   *     there are more than {@code Integer.MAX_VALUE} entries
   * @throws RuntimeException whatever the validator or {@code batches} throws
   */
  public long applyBatches(Iterator<? extends List<? extends LedgerEntry>> batches) {
    checkNotNull(batches, "batches is null");
    synchronized (lock) {
      LedgerStore.Mark mark = store.mark();
      long position = 0;
      try {
        while (batches.hasNext()) {
          LedgerEntry[] entries = entries(batches.next(), position);
          applyAll(entries, (int) position);
          position += entries.length;
        }
      } catch (RuntimeException | Error e) {
        store.rollBack(mark);
        throw e;
      }
      return mark.eventCount();
    }
  }

  /**
   * Retracts the event {@code eventId}: snapshots taken from now on see it as retracted.
   *
   * @return false if it was already retracted
   * @throws IllegalArgumentException if there is no such event
   */
  public boolean retract(long eventId) {
    synchronized (lock) {
      LedgerChecks.checkRetraction(committed, eventId, NONE);
      return store.retract((int) eventId);
    }
  }

  /**
   * Retracts the event recorded with the site's id {@code siteId} (see {@link #record(String,
   * Endorsement)}).
   *
   * @return false if it was already retracted, or no event has that id
   * @throws NullPointerException if {@code siteId} is null
   * @throws IllegalArgumentException if {@code siteId} is empty
   */
  public boolean retract(String siteId) {
    Ids.check(siteId, "site event");
    synchronized (lock) {
      int e = store.eventOf(siteId);
      return e != NONE && store.retract(e);
    }
  }

  /**
   * Retracts the latest live (not retracted) {@code kind} endorsement that {@code endorser} gave
   * the contributor {@code target}, as recorded: merges play no part.
   *
   * @return false if there is none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty
   */
  public boolean retract(String endorser, String target, String kind) {
    return retractLatest(endorser, target, false, kind);
  }

  /**
   * Retracts the latest live (not retracted) {@code kind} endorsement that {@code endorser} gave
   * the contribution {@code contribution}.
   *
   * @return false if there is none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty
   */
  public boolean retractOnContribution(String endorser, String contribution, String kind) {
    return retractLatest(endorser, contribution, true, kind);
  }

  /**
   * Says that the account {@code alias} belongs to {@code person}, who may in turn belong to
   * someone else. {@code alias} is registered as a contributor if it is not yet.
   *
   * <p>{@code person} must already be a contributor: a merge into an id the ledger has never seen
   * is nearly always a misspelling, and accepting it would silently rename {@code alias}. To merge
   * into a new person on purpose, register it first with {@link #addContributor(String)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws UnknownContributorException if {@code person} is not a contributor
   * @throws IllegalArgumentException if an argument is empty, {@code alias} equals {@code person},
   *     {@code alias} was already merged into someone, or {@code person} already belongs to {@code
   *     alias} (directly or through other merges)
   */
  public void merge(String alias, String person) {
    LedgerEntry.Merge merge = new LedgerEntry.Merge(alias, person);
    synchronized (lock) {
      LedgerChecks.checkMerge(committed, merge, NONE);
      store.merge(merge);
    }
  }

  /** The number of contributors registered. */
  public int contributorCount() {
    synchronized (lock) {
      return store.contributors.size();
    }
  }

  /** The number of contributions registered. */
  public int contributionCount() {
    synchronized (lock) {
      return store.contributions.size();
    }
  }

  /** The number of events recorded, retracted ones included. */
  public long eventCount() {
    synchronized (lock) {
      return store.eventCount;
    }
  }

  /** The number of events recorded and not retracted. */
  public long liveEventCount() {
    synchronized (lock) {
      return store.eventCount - store.retractions;
    }
  }

  /**
   * A consistent, immutable view of everything recorded so far. {@code O(1)}: it copies no data.
   */
  public LedgerSnapshot snapshot() {
    synchronized (lock) {
      return store.snapshot();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "Ledger{contributors="
          + store.contributors.size()
          + ", contributions="
          + store.contributions.size()
          + ", events="
          + store.eventCount
          + ", retracted="
          + store.retractions
          + "}";
    }
  }

  /**
   * Checks every entry, then applies them all; returns the id of the first event. {@code offset} is
   * the position of the first entry in its sequence of batches, for messages.
   */
  private long applyAll(LedgerEntry[] entries, int offset) {
    Instant now = clock.instant();
    Instant latest = latest(now);
    double[][] shares = new double[entries.length][];
    boolean merges = false;
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] instanceof LedgerEntry.Event event) {
        checkEndorsement(event.endorsement(), now, latest, offset + i);
      } else if (entries[i] instanceof LedgerEntry.Contribution contribution) {
        shares[i] = LedgerChecks.normalisedShares(contribution, offset + i);
        checkTime(contribution, now, offset + i);
      } else {
        merges |= entries[i] instanceof LedgerEntry.Merge;
      }
    }
    synchronized (lock) {
      boolean[] recorded = LedgerChecks.checkBatch(store, entries, offset, merges);
      long first = store.eventCount;
      for (int i = 0; i < entries.length; i++) {
        LedgerEntry entry = entries[i];
        if (entry instanceof LedgerEntry.Contributor contributor) {
          store.contributor(contributor.id());
        } else if (entry instanceof LedgerEntry.Event event) {
          if (!recorded[i]) {
            store.append(event.endorsement(), event.siteId());
          }
        } else if (entry instanceof LedgerEntry.Contribution contribution) {
          store.register(contribution, shares[i]);
        } else if (entry instanceof LedgerEntry.Retraction retraction) {
          store.retract((int) retraction.eventId());
        } else {
          store.merge((LedgerEntry.Merge) entry);
        }
      }
      return first;
    }
  }

  /** The batch at {@code position} of a sequence of batches, as an array, null-checked. */
  private static LedgerEntry[] entries(List<? extends LedgerEntry> batch, long position) {
    checkNotNull(batch, "batch is null");
    LedgerEntry[] entries = batch.toArray(new LedgerEntry[0]);
    if (position + entries.length > Integer.MAX_VALUE) {
      throw new IllegalStateException(
          String.format(
              "more than %s entries in one apply; apply them in parts", Integer.MAX_VALUE));
    }
    for (int i = 0; i < entries.length; i++) {
      checkNotNull(entries[i], "batch element %s is null", position + i);
    }
    return entries;
  }

  private boolean retractLatest(
      String endorser, String target, boolean toContribution, String kind) {
    Ids.check(endorser, "endorser");
    Ids.check(target, toContribution ? "contribution" : "target");
    Ids.check(kind, "kind");
    synchronized (lock) {
      return store.retractLatest(endorser, target, toContribution, kind);
    }
  }

  /*
   * The checks that need neither the lock nor the ledger's state, but the clock and the validator:
   * they run before the lock is taken. The others, which read a BatchOverlay under the lock, are in
   * LedgerChecks. position is the entry's place in its batch, or NONE for a single mutation.
   */

  /** The time check of an endorsement, and then the validator. */
  private void checkEndorsement(Endorsement endorsement, Instant now, int position) {
    checkEndorsement(endorsement, now, latest(now), position);
  }

  /** As above, with {@code latest} the latest time allowed, {@link #latest}({@code now}). */
  private void checkEndorsement(
      Endorsement endorsement, Instant now, Instant latest, int position) {
    String problem = timeProblem(endorsement.time(), now, latest);
    if (problem != null) {
      throw new IllegalArgumentException(
          String.format(
              "%stime %s of %s %s",
              LedgerChecks.where(position),
              endorsement.time(),
              LedgerChecks.describe(endorsement),
              problem));
    }
    if (validator != null) {
      validator.accept(endorsement);
    }
  }

  private void checkTime(LedgerEntry.Contribution contribution, Instant now, int position) {
    String problem = timeProblem(contribution.time(), now, latest(now));
    if (problem != null) {
      throw new IllegalArgumentException(
          String.format(
              "%stime %s of contribution '%s' %s",
              LedgerChecks.where(position), contribution.time(), contribution.id(), problem));
    }
  }

  /** The latest time allowed when the clock reads {@code now}: {@code now + maxFuture}. */
  private Instant latest(Instant now) {
    try {
      return now.plus(maxFuture);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX; // beyond any Instant: no time is too far ahead
    }
  }

  /** What is wrong with {@code time}, or null if nothing is; {@code latest} as {@link #latest}. */
  private String timeProblem(Instant time, Instant now, Instant latest) {
    if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
      return "is outside the range of milliseconds since 1970 that a long holds; check how it was"
          + " made";
    }
    if (time.isAfter(latest)) {
      Duration ahead = Duration.between(now, time);
      return String.format(
          "is %s ahead of the ledger's clock (now %s), %s more than maxFuture (%s) allows; check"
              + " the clocks and time zones of the systems that timestamp events",
          ahead, now, ahead.minus(maxFuture), maxFuture);
    }
    return null;
  }

  /**
   * Sets up a {@link Ledger}. Defaults: {@link Clock#systemUTC()}, {@link #DEFAULT_MAX_FUTURE}, no
   * validator. Not thread-safe.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration maxFuture = DEFAULT_MAX_FUTURE;
    private Consumer<? super Endorsement> validator;

    private Builder() {}

    /**
     * The clock that times are checked against (default {@link Clock#systemUTC()}).
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock is null; pass Clock.systemUTC() for the default");
      return this;
    }

    /**
     * How far ahead of the clock a time may be (default {@link #DEFAULT_MAX_FUTURE}); a later time
     * is refused.
     *
     * @throws NullPointerException if {@code maxFuture} is null
     * @throws IllegalArgumentException if {@code maxFuture} is negative
     */
    public Builder maxFuture(Duration maxFuture) {
      checkNotNull(maxFuture, "maxFuture is null; pass Ledger.DEFAULT_MAX_FUTURE for the default");
      checkArgument(
          !maxFuture.isNegative(),
          "maxFuture %s is negative; give a duration >= 0 (Duration.ZERO refuses any future time)",
          maxFuture);
      this.maxFuture = maxFuture;
      return this;
    }

    /**
     * A check that every endorsement must pass before it is recorded (default: none), such as a
     * scoring policy's check of its kinds. It is called outside the ledger's lock, before anything
     * changes; whatever it throws propagates to the caller of {@code record} or {@code recordAll},
     * and the ledger stays as it was.
     *
     * @throws NullPointerException if {@code validator} is null
     */
    public Builder validator(Consumer<? super Endorsement> validator) {
      this.validator = checkNotNull(validator, "validator is null; leave it unset for none");
      return this;
    }

    /** A new, empty ledger with these settings. */
    public Ledger build() {
      return new Ledger(this);
    }
  }
}
