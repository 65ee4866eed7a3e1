package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a site records: contributors, their contributions, and every endorsement event, appended in
 * order and read through consistent {@linkplain Snapshot snapshots}.
 *
 * <p><b>Ids.</b> Contributors, contributions and endorsement kinds are named by non-empty String
 * ids and numbered {@code 0, 1, 2, ...} in the order the ledger first sees them; contributor and
 * contribution ids are separate name spaces. A contributor is registered by {@link
 * #addContributor(String)}, as the endorser or the contributor target of a recorded endorsement, as
 * an author of a contribution, or by {@link #merge(String, String)}. A contribution must be
 * registered, with its authors and their shares, by {@code addContribution} before it is endorsed.
 *
 * <p><b>Events.</b> {@link #record(Endorsement)} appends one endorsement and returns its event id;
 * ids are {@code 0, 1, 2, ...} in record order, and {@link #recordAll(List)} gives a batch
 * consecutive ids. Events are never removed: {@linkplain #retract(long) retracting} one marks it,
 * and the snapshots taken after that see it as retracted. Self-endorsements are recorded like any
 * other event (a scoring policy drops them; merges may also turn an endorsement into a
 * self-endorsement later).
 *
 * <p><b>Merges.</b> {@link #merge(String, String) merge(alias, person)} says that the account
 * {@code alias} belongs to {@code person}: a snapshot maps each contributor to the person it
 * belongs to ({@link Snapshot#canonical(int)}), transitively. Events keep the ids they were
 * recorded with.
 *
 * <p><b>Times</b> are kept to the millisecond: sub-millisecond parts are dropped (rounding towards
 * the past), and instants that a {@code long} of milliseconds since 1970 cannot hold are refused. A
 * time more than {@code maxFuture} (a day by default) ahead of the ledger's clock is refused too:
 * it is nearly always a clock or time-zone error, and it would stay the newest event for good.
 *
 * <p><b>Batches.</b> {@link #apply(List)} applies a batch of {@link LedgerEntry}s (contributors,
 * contributions, endorsements, retractions and merges, in any mix) whole or not at all, checking
 * each entry against the ledger plus the batch's entries before it; this is how a ledger export is
 * read back.
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
 * Ledger.Snapshot snapshot = ledger.snapshot(); // what scoring reads
 * }</pre>
 *
 * <p><b>Cost.</b> Recording is amortised {@code O(1)}: a hash lookup for each id and the kind, and
 * one entry in each of the event columns. Events are stored column by column in fixed-size chunks
 * of primitive arrays, with no object per event: 34 bytes per event (endorser and target indices,
 * kind, value, time, retraction mark and the link to the endorser's previous event). Each
 * contributor costs about 16 to 28 bytes besides its id String (its id slot, hash slot, latest
 * event and merge mark); each contribution about 30 bytes plus 12 per author. {@link
 * #retract(long)} and {@link #snapshot()} are {@code O(1)}; retracting by key walks the endorser's
 * events backwards from the latest.
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

  private static final int CHUNK_SHIFT = 16;
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final int FIRST_CHUNK = 256; // a small ledger grows its only chunk up to CHUNK
  private static final int MAX_EVENTS = Integer.MAX_VALUE; // ids 0 .. MAX_EVENTS - 1
  private static final int MAX_KINDS = Character.MAX_VALUE + 1; // a kind index is a char
  private static final int NONE = -1;
  private static final Instant MIN_TIME = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant MAX_TIME = Instant.ofEpochMilli(Long.MAX_VALUE).plusNanos(999_999);

  private final Clock clock;
  private final Duration maxFuture;
  private final Consumer<? super Endorsement> validator; // null if none

  /*
   * Every field below is guarded by the lock. Snapshots keep references to the arrays and read
   * them later without it, which is safe because of how they are written: an element below the
   * counts a snapshot took is written before the snapshot takes the lock, so that write
   * happens-before the snapshot's reads (the writer released the lock after it, the snapshot
   * acquired it before reading the counts); and it is never written again, or only from its
   * initial NONE to a sequence number that the snapshot ignores (retractedAt, mergedAt). Appends
   * write beyond the counts, and growing an array copies it into a new one, leaving the old one,
   * which older snapshots keep, unchanged.
   */
  private final Object lock = new Object();

  private final Interner contributors = new Interner();
  private int[] lastEventOf = filled(8); // per contributor: its latest event as endorser, or NONE
  private int[] mergedAt = filled(8); // per contributor: its position in the merge log, or NONE
  private int[] mergePerson = new int[4]; // the merge log: the person each alias was merged into
  private int merges;

  private final Interner contributions = new Interner();
  private long[] contributionTimes = new long[8];
  private int[] authorStart = new int[9]; // contribution c: authors[authorStart[c] .. [c + 1])
  private int[] authors = new int[8];
  private double[] shares = new double[8];

  private final Interner kinds = new Interner();
  private Chunk[] chunks = {new Chunk(FIRST_CHUNK)}; // event e is at chunks[e >>> CHUNK_SHIFT]
  private int eventCount;
  private int retractions;
  private final State committed = new State(); // the ledger's state, as single mutations see it

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
    checkId(id, "contributor");
    synchronized (lock) {
      return contributor(id);
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
   * given. So the shares that a {@linkplain Snapshot#share(int, int) snapshot} reports register the
   * same values again, bit for bit.
   *
   * @throws NullPointerException if an argument, an author or a share is null
   * @throws IllegalArgumentException if an id is empty, the contribution is already registered,
   *     there are no authors, a share is not a finite number above zero or is so much smaller than
   *     the largest one that it would count as 0, or the time is refused (see the class javadoc)
   */
  public void addContribution(String contribution, Instant time, Map<String, Double> shares) {
    addContribution(new LedgerEntry.Contribution(contribution, time, shares));
  }

  private void addContribution(LedgerEntry.Contribution contribution) {
    double[] given = normalisedShares(contribution, NONE);
    checkTime(contribution, clock.instant(), NONE);
    synchronized (lock) {
      checkContribution(committed, contribution, NONE);
      register(contribution, given);
    }
  }

  /**
   * Records {@code endorsement} and returns its event id. Its endorser, and its target if that is a
   * contributor, are registered as contributors.
   *
   * @throws NullPointerException if {@code endorsement} is null
   * @throws IllegalArgumentException if it endorses an unregistered contribution, or its time is
   *     refused (see the class javadoc)
   * @throws IllegalStateException if the ledger already holds {@code Integer.MAX_VALUE} events, or
   *     the endorsement's kind would be the 65,537th
   * @throws RuntimeException whatever the validator throws
   */
  public long record(Endorsement endorsement) {
    checkNotNull(endorsement, "endorsement is null");
    checkEndorsement(endorsement, clock.instant(), NONE);
    synchronized (lock) {
      checkEndorsement(committed, endorsement, NONE);
      return append(endorsement);
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
    return applyAll(entries);
  }

  /**
   * Applies every entry of {@code batch} in order, or none of them if one is refused: then the
   * ledger is exactly as it was, without even the contributors the batch named. Returns the id of
   * the batch's first event (for a batch without events, the id that the next event will get); the
   * batch's events get consecutive ids from there.
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
    checkNotNull(batch, "batch is null");
    LedgerEntry[] entries = batch.toArray(new LedgerEntry[0]);
    for (int i = 0; i < entries.length; i++) {
      checkNotNull(entries[i], "batch element %s is null", i);
    }
    return applyAll(entries);
  }

  /**
   * Retracts the event {@code eventId}: snapshots taken from now on see it as retracted.
   *
   * @return false if it was already retracted
   * @throws IllegalArgumentException if there is no such event
   */
  public boolean retract(long eventId) {
    synchronized (lock) {
      checkRetraction(committed, eventId, NONE);
      return retractEvent((int) eventId);
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
   * someone else. Both are registered as contributors.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is empty, {@code alias} equals {@code person},
   *     {@code alias} was already merged into someone, or {@code person} already belongs to {@code
   *     alias} (directly or through other merges)
   */
  public void merge(String alias, String person) {
    LedgerEntry.Merge merge = new LedgerEntry.Merge(alias, person);
    synchronized (lock) {
      checkMerge(committed, merge, NONE);
      merge(merge);
    }
  }

  /** The number of contributors registered. */
  public int contributorCount() {
    synchronized (lock) {
      return contributors.size();
    }
  }

  /** The number of contributions registered. */
  public int contributionCount() {
    synchronized (lock) {
      return contributions.size();
    }
  }

  /** The number of events recorded, retracted ones included. */
  public long eventCount() {
    synchronized (lock) {
      return eventCount;
    }
  }

  /** The number of events recorded and not retracted. */
  public long liveEventCount() {
    synchronized (lock) {
      return eventCount - retractions;
    }
  }

  /**
   * A consistent, immutable view of everything recorded so far. {@code O(1)}: it copies no data.
   */
  public Snapshot snapshot() {
    synchronized (lock) {
      return new Snapshot(this);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "Ledger{contributors="
          + contributors.size()
          + ", contributions="
          + contributions.size()
          + ", events="
          + eventCount
          + ", retracted="
          + retractions
          + "}";
    }
  }

  /** Checks every entry, then applies them all; returns the id of the first event. */
  private long applyAll(LedgerEntry[] entries) {
    Instant now = clock.instant();
    double[][] shares = new double[entries.length][];
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] instanceof LedgerEntry.Event event) {
        checkEndorsement(event.endorsement(), now, i);
      } else if (entries[i] instanceof LedgerEntry.Contribution contribution) {
        shares[i] = normalisedShares(contribution, i);
        checkTime(contribution, now, i);
      }
    }
    synchronized (lock) {
      State state = new State();
      for (int i = 0; i < entries.length; i++) {
        LedgerEntry entry = entries[i];
        if (entry instanceof LedgerEntry.Event event) {
          checkEndorsement(state, event.endorsement(), i);
          state.addEvent(event.endorsement().kind());
        } else if (entry instanceof LedgerEntry.Contribution contribution) {
          checkContribution(state, contribution, i);
          state.addContribution(contribution.id());
        } else if (entry instanceof LedgerEntry.Retraction retraction) {
          checkRetraction(state, retraction.eventId(), i);
        } else if (entry instanceof LedgerEntry.Merge merge) {
          checkMerge(state, merge, i);
          state.addMerge(merge);
        }
      }
      long first = eventCount;
      for (int i = 0; i < entries.length; i++) {
        LedgerEntry entry = entries[i];
        if (entry instanceof LedgerEntry.Contributor contributor) {
          contributor(contributor.id());
        } else if (entry instanceof LedgerEntry.Event event) {
          append(event.endorsement());
        } else if (entry instanceof LedgerEntry.Contribution contribution) {
          register(contribution, shares[i]);
        } else if (entry instanceof LedgerEntry.Retraction retraction) {
          retractEvent((int) retraction.eventId());
        } else {
          merge((LedgerEntry.Merge) entry);
        }
      }
      return first;
    }
  }

  /*
   * The checks. Those that need neither the lock nor the ledger's state run before the lock is
   * taken; the others read a State, under the lock: the ledger as it is for a single mutation, or
   * the ledger plus the entries of a batch checked so far. position is the entry's place in its
   * batch, or NONE for a single mutation.
   */

  /** The time check of an endorsement, and then the validator. */
  private void checkEndorsement(Endorsement endorsement, Instant now, int position) {
    String problem = timeProblem(endorsement.time(), now);
    if (problem != null) {
      throw new IllegalArgumentException(
          String.format(
              "%stime %s of %s %s",
              where(position), endorsement.time(), describe(endorsement), problem));
    }
    if (validator != null) {
      validator.accept(endorsement);
    }
  }

  /** Whether the endorsed contribution exists, and whether the event and its kind fit. */
  private void checkEndorsement(State state, Endorsement endorsement, int position) {
    if (endorsement.toContribution() && !state.hasContribution(endorsement.target())) {
      throw new IllegalArgumentException(
          String.format(
              "%sunknown contribution '%s': register it with addContribution(...) before"
                  + " endorsing it",
              where(position), endorsement.target()));
    }
    checkState(
        state.eventCount() < MAX_EVENTS,
        "%sthe ledger is full: it holds %s events and at most %s fit",
        where(position),
        state.eventCount(),
        MAX_EVENTS);
    checkState(
        !state.isNewKindBeyondCapacity(endorsement.kind()),
        "%stoo many kinds of endorsement: at most %s fit",
        where(position),
        MAX_KINDS);
  }

  private void checkTime(LedgerEntry.Contribution contribution, Instant now, int position) {
    String problem = timeProblem(contribution.time(), now);
    if (problem != null) {
      throw new IllegalArgumentException(
          String.format(
              "%stime %s of contribution '%s' %s",
              where(position), contribution.time(), contribution.id(), problem));
    }
  }

  private static void checkContribution(
      State state, LedgerEntry.Contribution contribution, int position) {
    if (state.hasContribution(contribution.id())) {
      throw new IllegalArgumentException(
          String.format(
              "%scontribution '%s' is already registered; give each contribution its own id",
              where(position), contribution.id()));
    }
  }

  private static void checkRetraction(State state, long eventId, int position) {
    if (eventId < 0 || eventId >= state.eventCount()) {
      throw new IllegalArgumentException(
          String.format(
              "%sno event %s: event ids are the values record(...) returned, and this ledger has"
                  + " %s events%s",
              where(position),
              eventId,
              state.eventCount(),
              position == NONE ? "" : " counting those of the batch before this entry"));
    }
  }

  private static void checkMerge(State state, LedgerEntry.Merge merge, int position) {
    String alias = merge.alias();
    String person = merge.person();
    String into = state.mergedInto(alias);
    if (into != null) {
      throw new IllegalArgumentException(
          String.format(
              "%s'%s' is already merged into '%s'; an account can belong to one person only",
              where(position), alias, into));
    }
    if (state.canonical(person).equals(alias)) {
      throw new IllegalArgumentException(
          String.format(
              "%scannot merge '%s' into '%s': '%s' already belongs to '%s', and merges must not"
                  + " make a cycle",
              where(position), alias, person, person, alias));
    }
  }

  /**
   * The shares of {@code contribution} normalised as {@link #addContribution(String, Instant, Map)}
   * says, in the record's order.
   */
  private static double[] normalisedShares(LedgerEntry.Contribution contribution, int position) {
    double[] given = new double[contribution.shares().size()];
    String[] names = new String[given.length];
    int j = 0;
    double sum = 0;
    double max = 0;
    for (Map.Entry<String, Double> entry : contribution.shares().entrySet()) {
      names[j] = entry.getKey();
      given[j] = entry.getValue();
      sum += given[j];
      max = Math.max(max, given[j++]);
    }
    if (Math.abs(sum - 1) <= given.length * 0x1p-50) {
      return given; // already normalised: kept as is, so that normalising is idempotent
    }
    sum = 0;
    for (int i = 0; i < given.length; i++) {
      given[i] /= max; // scaled first, so that the sum can neither overflow nor underflow
      sum += given[i];
    }
    for (int i = 0; i < given.length; i++) {
      given[i] /= sum;
      if (given[i] == 0) {
        throw new IllegalArgumentException(
            String.format(
                "%sshare %s of author '%s' of contribution '%s' is too small next to the largest"
                    + " share, %s: it would count as 0; leave the author out or give a larger"
                    + " share",
                where(position),
                contribution.shares().get(names[i]),
                names[i],
                contribution.id(),
                max));
      }
    }
    return given;
  }

  /** What is wrong with {@code time}, or null if nothing is. */
  private String timeProblem(Instant time, Instant now) {
    if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
      return "is outside the range of milliseconds since 1970 that a long holds; check how it was"
          + " made";
    }
    Duration ahead = Duration.between(now, time);
    if (ahead.compareTo(maxFuture) > 0) {
      return String.format(
          "is %s ahead of the ledger's clock (now %s), %s more than maxFuture (%s) allows; check"
              + " the clocks and time zones of the systems that timestamp events",
          ahead, now, ahead.minus(maxFuture), maxFuture);
    }
    return null;
  }

  private static String where(int position) {
    return position == NONE ? "" : "batch element " + position + ": ";
  }

  private static String describe(Endorsement e) {
    return String.format(
        "endorsement '%s' -> %s'%s' (%s)",
        e.endorser(), e.toContribution() ? "contribution " : "", e.target(), e.kind());
  }

  /** Checks a contributor, contribution, endorser, kind, alias or person id. */
  static void checkId(String id, String role) {
    checkNotNull(id, "%s id is null", role);
    checkArgument(!id.isEmpty(), "%s id is empty; give every %s a non-empty id", role, role);
  }

  /**
   * What the checks under the lock read: the ledger's state plus the entries of a batch checked so
   * far (none in {@link #committed}, the state single mutations check against). Reads the ledger's
   * fields, so it is used under the lock only.
   */
  private final class State {
    private int newEvents;
    private Set<String> newKinds; // the kinds that the batch's events add; null until one does
    private Set<String> newContributions; // null until the batch registers one
    private Map<String, String> newMerges; // alias -> person; null until the batch merges one

    long eventCount() {
      return (long) eventCount + newEvents;
    }

    boolean hasContribution(String id) {
      return contributions.indexOf(id) >= 0
          || (newContributions != null && newContributions.contains(id));
    }

    /** Whether {@code kind} is new and would be one kind too many. */
    boolean isNewKindBeyondCapacity(String kind) {
      int count = kinds.size() + (newKinds == null ? 0 : newKinds.size());
      return count >= MAX_KINDS && !isKnownKind(kind);
    }

    /** The id of the person that {@code id} is merged into, or null if it is not merged. */
    String mergedInto(String id) {
      String person = newMerges == null ? null : newMerges.get(id);
      if (person != null) {
        return person;
      }
      int i = contributors.indexOf(id);
      return i < 0 || mergedAt[i] == NONE ? null : contributors.id(mergePerson[mergedAt[i]]);
    }

    /** The id of the person that {@code id} belongs to, following merges. */
    String canonical(String id) {
      for (String person = mergedInto(id); person != null; person = mergedInto(id)) {
        id = person;
      }
      return id;
    }

    void addEvent(String kind) {
      newEvents++;
      if (!isKnownKind(kind)) {
        if (newKinds == null) {
          newKinds = new HashSet<>();
        }
        newKinds.add(kind);
      }
    }

    void addContribution(String id) {
      if (newContributions == null) {
        newContributions = new HashSet<>();
      }
      newContributions.add(id);
    }

    void addMerge(LedgerEntry.Merge merge) {
      if (newMerges == null) {
        newMerges = new HashMap<>();
      }
      newMerges.put(merge.alias(), merge.person());
    }

    private boolean isKnownKind(String kind) {
      return kinds.indexOf(kind) >= 0 || (newKinds != null && newKinds.contains(kind));
    }
  }

  /*
   * The mutations, under the lock, after the checks.
   */

  private void register(LedgerEntry.Contribution contribution, double[] given) {
    int c = contributions.intern(contribution.id());
    if (c == contributionTimes.length) {
      int capacity = c + (c >> 1);
      contributionTimes = Arrays.copyOf(contributionTimes, capacity);
      authorStart = Arrays.copyOf(authorStart, capacity + 1);
    }
    int from = authorStart[c];
    int to = from + given.length;
    if (to > authors.length) {
      int capacity = Math.max(to, authors.length + (authors.length >> 1));
      authors = Arrays.copyOf(authors, capacity);
      shares = Arrays.copyOf(shares, capacity);
    }
    int j = from;
    for (String author : contribution.shares().keySet()) {
      authors[j] = contributor(author);
      shares[j] = given[j - from];
      j++;
    }
    contributionTimes[c] = contribution.time().toEpochMilli();
    authorStart[c + 1] = to;
  }

  private void merge(LedgerEntry.Merge merge) {
    int a = contributor(merge.alias());
    int p = contributor(merge.person());
    if (merges == mergePerson.length) {
      mergePerson = Arrays.copyOf(mergePerson, merges * 2);
    }
    mergePerson[merges] = p;
    mergedAt[a] = merges++;
  }

  /** The index of contributor {@code id}, registering it if it is new. */
  private int contributor(String id) {
    int index = contributors.intern(id);
    if (index == lastEventOf.length) {
      int capacity = index + (index >> 1);
      lastEventOf = grow(lastEventOf, capacity);
      mergedAt = grow(mergedAt, capacity);
    }
    return index;
  }

  /** Appends {@code endorsement} as the next event and returns its id. */
  private int append(Endorsement endorsement) {
    int endorser = contributor(endorsement.endorser());
    int target =
        endorsement.toContribution()
            ? ~contributions.indexOf(endorsement.target())
            : contributor(endorsement.target());
    int kind = kinds.intern(endorsement.kind());
    int e = eventCount;
    Chunk chunk = chunkForAppend(e);
    int i = e & CHUNK_MASK;
    chunk.endorser[i] = endorser;
    chunk.target[i] = target;
    chunk.kind[i] = (char) kind;
    chunk.value[i] = endorsement.value().orElse(Double.NaN);
    chunk.time[i] = endorsement.time().toEpochMilli();
    chunk.retractedAt[i] = NONE;
    chunk.previous[i] = lastEventOf[endorser];
    lastEventOf[endorser] = e;
    eventCount = e + 1;
    return e;
  }

  /** The chunk that event {@code e}, the next one, goes into, adding or growing it if need be. */
  private Chunk chunkForAppend(int e) {
    int k = e >>> CHUNK_SHIFT;
    if (k == 0 && e == chunks[0].capacity()) {
      // Still the first chunk, and it is full: a grown copy in a new directory, so that the
      // snapshots holding the old directory keep reading the old chunk.
      chunks = new Chunk[] {new Chunk(chunks[0], 2 * e)};
    } else if (k > 0 && (e & CHUNK_MASK) == 0) {
      if (k == chunks.length) {
        chunks = Arrays.copyOf(chunks, 2 * k);
      }
      chunks[k] = new Chunk(CHUNK);
    }
    return chunks[k];
  }

  private boolean retractLatest(
      String endorser, String target, boolean toContribution, String kind) {
    checkId(endorser, "endorser");
    checkId(target, toContribution ? "contribution" : "target");
    checkId(kind, "kind");
    synchronized (lock) {
      int u = contributors.indexOf(endorser);
      int t = toContribution ? contributions.indexOf(target) : contributors.indexOf(target);
      int k = kinds.indexOf(kind);
      if (u < 0 || t < 0 || k < 0) {
        return false;
      }
      int encoded = toContribution ? ~t : t;
      for (int e = lastEventOf[u]; e != NONE; ) {
        Chunk chunk = chunks[e >>> CHUNK_SHIFT];
        int i = e & CHUNK_MASK;
        if (chunk.target[i] == encoded && chunk.kind[i] == k && chunk.retractedAt[i] == NONE) {
          return retractEvent(e);
        }
        e = chunk.previous[i];
      }
      return false;
    }
  }

  private boolean retractEvent(int e) {
    Chunk chunk = chunks[e >>> CHUNK_SHIFT];
    int i = e & CHUNK_MASK;
    if (chunk.retractedAt[i] != NONE) {
      return false;
    }
    chunk.retractedAt[i] = retractions++;
    return true;
  }

  /** The person contributor {@code i} belongs to after the first {@code merges} merges. */
  private static int canonical(int i, int[] mergedAt, int[] mergePerson, int merges) {
    for (int m = mergedAt[i]; m != NONE && m < merges; m = mergedAt[i]) {
      i = mergePerson[m];
    }
    return i;
  }

  private static int[] filled(int length) {
    int[] array = new int[length];
    Arrays.fill(array, NONE);
    return array;
  }

  private static int[] grow(int[] array, int capacity) {
    int length = array.length;
    int[] grown = Arrays.copyOf(array, capacity);
    Arrays.fill(grown, length, capacity, NONE);
    return grown;
  }

  /**
   * Up to {@link #CHUNK} events, column by column. The endorser chain ({@code previous}) links each
   * event to the endorser's event before it, for retracting by key.
   */
  private static final class Chunk {
    final int[] endorser;
    final int[] target; // a contributor index, or ~index of a contribution
    final char[] kind;
    final double[] value; // NaN if none
    final long[] time; // milliseconds since 1970
    final int[] retractedAt; // the retraction's sequence number, or NONE while live
    final int[] previous; // the endorser's previous event, or NONE

    Chunk(int capacity) {
      endorser = new int[capacity];
      target = new int[capacity];
      kind = new char[capacity];
      value = new double[capacity];
      time = new long[capacity];
      retractedAt = new int[capacity];
      previous = new int[capacity];
    }

    Chunk(Chunk from, int capacity) {
      endorser = Arrays.copyOf(from.endorser, capacity);
      target = Arrays.copyOf(from.target, capacity);
      kind = Arrays.copyOf(from.kind, capacity);
      value = Arrays.copyOf(from.value, capacity);
      time = Arrays.copyOf(from.time, capacity);
      retractedAt = Arrays.copyOf(from.retractedAt, capacity);
      previous = Arrays.copyOf(from.previous, capacity);
    }

    int capacity() {
      return endorser.length;
    }
  }

  /**
   * A consistent, immutable view of a {@link Ledger} as it was when {@link Ledger#snapshot()} made
   * it: later events, retractions, merges, contributors and contributions are invisible to it.
   * Everything is read by int index, without boxing and without an object per event: this is what
   * scoring reads.
   *
   * <p>Contributors, contributions, kinds and events are numbered from 0, as in the ledger; methods
   * taking an index throw {@link IndexOutOfBoundsException} for one not below the matching count.
   * The target of event {@code e} is a contribution index if {@link #toContribution(int)}, else a
   * contributor index. Times are milliseconds since 1970-01-01T00:00Z.
   *
   * <p>Cost: every read is {@code O(1)}, except {@link #canonical(int)} ({@code O(length of the
   * merge chain)}) and the first call of {@link #maxTimeMillis()} ({@code O(eventCount())}). Taking
   * a snapshot copies nothing; it keeps the arrays it reads reachable, including those the ledger
   * has since replaced by grown copies.
   *
   * <p>Instances are immutable and safe to share between threads.
   */
  public static final class Snapshot {
    private final Interner.View contributors;
    private final int[] mergedAt;
    private final int[] mergePerson;
    private final int merges;
    private final Interner.View contributions;
    private final long[] contributionTimes;
    private final int[] authorStart;
    private final int[] authors;
    private final double[] shares;
    private final Interner.View kinds;
    private final Chunk[] chunks;
    private final int eventCount;
    private final int retractions;
    private volatile boolean maxTimeKnown; // then maxTime holds maxTimeMillis()
    private long maxTime;

    /** Takes the view; the caller holds {@code ledger.lock}. */
    private Snapshot(Ledger ledger) {
      contributors = ledger.contributors.view();
      mergedAt = ledger.mergedAt;
      mergePerson = ledger.mergePerson;
      merges = ledger.merges;
      contributions = ledger.contributions.view();
      contributionTimes = ledger.contributionTimes;
      authorStart = ledger.authorStart;
      authors = ledger.authors;
      shares = ledger.shares;
      kinds = ledger.kinds.view();
      chunks = ledger.chunks;
      eventCount = ledger.eventCount;
      retractions = ledger.retractions;
    }

    /** The number of contributors. */
    public int contributorCount() {
      return contributors.size();
    }

    /** The id of contributor {@code i}. */
    public String contributor(int i) {
      checkElementIndex(i, contributors.size(), "contributor index");
      return contributors.id(i);
    }

    /** The index of contributor {@code id}, or empty if it was not registered (or is null). */
    public OptionalInt contributorIndex(String id) {
      return present(id == null ? NONE : contributors.indexOf(id));
    }

    /**
     * The index of the person contributor {@code i} belongs to after this snapshot's merges,
     * followed transitively; {@code i} itself if it was not merged.
     */
    public int canonical(int i) {
      checkElementIndex(i, contributors.size(), "contributor index");
      return Ledger.canonical(i, mergedAt, mergePerson, merges);
    }

    /** The number of contributions. */
    public int contributionCount() {
      return contributions.size();
    }

    /** The id of contribution {@code c}. */
    public String contribution(int c) {
      checkElementIndex(c, contributions.size(), "contribution index");
      return contributions.id(c);
    }

    /** The index of contribution {@code id}, or empty if it was not registered (or is null). */
    public OptionalInt contributionIndex(String id) {
      return present(id == null ? NONE : contributions.indexOf(id));
    }

    /** When contribution {@code c} was made, in milliseconds since 1970. */
    public long contributionTimeMillis(int c) {
      checkElementIndex(c, contributions.size(), "contribution index");
      return contributionTimes[c];
    }

    /** The number of authors of contribution {@code c}, at least 1. */
    public int authorCount(int c) {
      checkElementIndex(c, contributions.size(), "contribution index");
      return authorStart[c + 1] - authorStart[c];
    }

    /** The contributor index of author {@code j} of contribution {@code c}. */
    public int author(int c, int j) {
      return authors[authorSlot(c, j)];
    }

    /**
     * The share of the credit of author {@code j} of contribution {@code c}. The shares of a
     * contribution are non-negative and sum to 1 (to within rounding).
     */
    public double share(int c, int j) {
      return shares[authorSlot(c, j)];
    }

    /** The number of events recorded before the snapshot, retracted ones included. */
    public int eventCount() {
      return eventCount;
    }

    /** Whether event {@code e} was retracted before the snapshot was taken. */
    public boolean retracted(int e) {
      checkEvent(e);
      int at = chunks[e >>> CHUNK_SHIFT].retractedAt[e & CHUNK_MASK];
      return at != NONE && at < retractions; // a later retraction has a larger sequence number
    }

    /** The contributor index of the endorser of event {@code e}, as recorded (not merged). */
    public int endorser(int e) {
      checkEvent(e);
      return chunks[e >>> CHUNK_SHIFT].endorser[e & CHUNK_MASK];
    }

    /**
     * The target of event {@code e}: a contribution index if {@link #toContribution(int)}, else a
     * contributor index (as recorded, not merged).
     */
    public int target(int e) {
      checkEvent(e);
      int target = chunks[e >>> CHUNK_SHIFT].target[e & CHUNK_MASK];
      return target >= 0 ? target : ~target;
    }

    /** Whether the target of event {@code e} is a contribution. */
    public boolean toContribution(int e) {
      checkEvent(e);
      return chunks[e >>> CHUNK_SHIFT].target[e & CHUNK_MASK] < 0;
    }

    /** The number of distinct kinds among the events. */
    public int kindCount() {
      return kinds.size();
    }

    /** The name of kind {@code k}, e.g. {@code "upvote"}. */
    public String kindName(int k) {
      checkElementIndex(k, kinds.size(), "kind index");
      return kinds.id(k);
    }

    /** The kind index of event {@code e}, below {@link #kindCount()}. */
    public int kind(int e) {
      checkEvent(e);
      return chunks[e >>> CHUNK_SHIFT].kind[e & CHUNK_MASK];
    }

    /** Whether event {@code e} carries a value (a rating). */
    public boolean hasValue(int e) {
      return !Double.isNaN(value(e));
    }

    /** The value (rating) of event {@code e}, or NaN if it has none. */
    public double value(int e) {
      checkEvent(e);
      return chunks[e >>> CHUNK_SHIFT].value[e & CHUNK_MASK];
    }

    /** The time of event {@code e}, in milliseconds since 1970. */
    public long timeMillis(int e) {
      checkEvent(e);
      return chunks[e >>> CHUNK_SHIFT].time[e & CHUNK_MASK];
    }

    /**
     * Event {@code e} as an {@link Endorsement}, with the ids it was recorded with and its time in
     * whole milliseconds. Allocates; for export and debugging rather than for scoring.
     */
    public Endorsement event(int e) {
      boolean toContribution = toContribution(e);
      int target = target(e);
      return new Endorsement(
          contributors.id(endorser(e)),
          toContribution ? contributions.id(target) : contributors.id(target),
          toContribution,
          kinds.id(kind(e)),
          hasValue(e) ? OptionalDouble.of(value(e)) : OptionalDouble.empty(),
          Instant.ofEpochMilli(timeMillis(e)));
    }

    /**
     * The latest time among the events that are not retracted, in milliseconds since 1970, or
     * {@code Long.MIN_VALUE} if there is none. Computed by the first call, in {@code
     * O(eventCount())}.
     */
    public long maxTimeMillis() {
      if (!maxTimeKnown) {
        long max = Long.MIN_VALUE;
        for (int e = 0; e < eventCount; e++) {
          Chunk chunk = chunks[e >>> CHUNK_SHIFT];
          int i = e & CHUNK_MASK;
          int at = chunk.retractedAt[i];
          if (at == NONE || at >= retractions) {
            max = Math.max(max, chunk.time[i]);
          }
        }
        maxTime = max;
        maxTimeKnown = true; // publishes maxTime: the volatile write comes after it
      }
      return maxTime;
    }

    @Override
    public String toString() {
      return "Ledger.Snapshot{contributors="
          + contributors.size()
          + ", contributions="
          + contributions.size()
          + ", events="
          + eventCount
          + ", retracted="
          + retractions
          + "}";
    }

    private void checkEvent(int e) {
      checkElementIndex(e, eventCount, "event index");
    }

    private int authorSlot(int c, int j) {
      checkElementIndex(c, contributions.size(), "contribution index");
      int from = authorStart[c];
      checkElementIndex(j, authorStart[c + 1] - from, "author index");
      return from + j;
    }

    private static OptionalInt present(int index) {
      return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
    }
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
