package dev.wuffie;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    checkId(contribution, "contribution");
    checkNotNull(time, "time of contribution '%s' is null", contribution);
    checkNotNull(authors, "authors of contribution '%s' is null", contribution);
    String[] names = authors.clone();
    checkArgument(
        names.length > 0, "contribution '%s' has no authors; give at least one", contribution);
    Set<String> seen = new HashSet<>();
    for (String author : names) {
      checkId(author, "author");
      checkArgument(
          seen.add(author),
          "author '%s' is given twice for contribution '%s'; give each author once (or pass"
              + " shares)",
          author,
          contribution);
    }
    double[] equal = new double[names.length];
    Arrays.fill(equal, 1.0 / names.length);
    register(contribution, time, names, equal);
  }

  /**
   * Registers {@code contribution}, made at {@code time} by the authors that {@code shares} maps to
   * their share of the credit. Shares are relative: they are divided by their sum. The authors are
   * registered as contributors, in the map's iteration order.
   *
   * @throws NullPointerException if an argument, an author or a share is null
   * @throws IllegalArgumentException if an id is empty, the contribution is already registered,
   *     there are no authors, a share is not a finite number above zero, or the time is refused
   *     (see the class javadoc)
   */
  public void addContribution(String contribution, Instant time, Map<String, Double> shares) {
    checkId(contribution, "contribution");
    checkNotNull(time, "time of contribution '%s' is null", contribution);
    checkNotNull(shares, "shares of contribution '%s' is null", contribution);
    List<Map.Entry<String, Double>> entries = new ArrayList<>(shares.entrySet());
    String[] names = new String[entries.size()];
    double[] given = new double[names.length];
    int j = 0;
    double max = 0;
    for (Map.Entry<String, Double> entry : entries) {
      String author = entry.getKey();
      checkId(author, "author");
      Double share = entry.getValue();
      checkNotNull(
          share, "share of author '%s' of contribution '%s' is null", author, contribution);
      checkArgument(
          Double.isFinite(share) && share > 0,
          "share %s of author '%s' of contribution '%s' must be a finite number > 0",
          share,
          author,
          contribution);
      names[j] = author;
      given[j++] = share;
      max = Math.max(max, share);
    }
    checkArgument(j > 0, "contribution '%s' has no authors; give at least one", contribution);
    double sum = 0;
    for (int i = 0; i < j; i++) {
      given[i] /= max; // scaled first, so that the sum can neither overflow nor underflow
      sum += given[i];
    }
    for (int i = 0; i < j; i++) {
      given[i] /= sum;
    }
    register(contribution, time, names, given);
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
    return appendAll(new Endorsement[] {endorsement}, false);
  }

  /**
   * Records every endorsement of {@code batch}, in order and with consecutive event ids, or none of
   * them if one is refused; returns the id of the batch's first event (for an empty batch, the id
   * that the next event will get).
   *
   * @throws NullPointerException if {@code batch} or one of its elements is null
   * @throws IllegalArgumentException if an endorsement is refused as by {@link #record}; the
   *     message says which
   * @throws IllegalStateException if the batch does not fit, as by {@link #record}
   * @throws RuntimeException whatever the validator throws
   */
  public long recordAll(List<Endorsement> batch) {
    checkNotNull(batch, "batch is null");
    Endorsement[] events = batch.toArray(new Endorsement[0]);
    for (int i = 0; i < events.length; i++) {
      checkNotNull(events[i], "batch element %s is null", i);
    }
    return appendAll(events, true);
  }

  /**
   * Retracts the event {@code eventId}: snapshots taken from now on see it as retracted.
   *
   * @return false if it was already retracted
   * @throws IllegalArgumentException if there is no such event
   */
  public boolean retract(long eventId) {
    synchronized (lock) {
      checkArgument(
          eventId >= 0 && eventId < eventCount,
          "no event %s: event ids are the values record(...) returned, and this ledger has %s"
              + " events",
          eventId,
          eventCount);
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
    checkId(alias, "alias");
    checkId(person, "person");
    checkArgument(
        !alias.equals(person),
        "cannot merge '%s' into itself; give the alias and the person it belongs to",
        alias);
    synchronized (lock) {
      int a = contributors.indexOf(alias);
      int p = contributors.indexOf(person);
      if (a >= 0) {
        if (mergedAt[a] != NONE) {
          throw new IllegalArgumentException(
              String.format(
                  "'%s' is already merged into '%s'; an account can belong to one person only",
                  alias, contributors.id(mergePerson[mergedAt[a]])));
        }
        checkArgument(
            p < 0 || canonical(p, mergedAt, mergePerson, merges) != a,
            "cannot merge '%s' into '%s': '%s' already belongs to '%s', and merges must not make"
                + " a cycle",
            alias,
            person,
            person,
            alias);
      }
      a = contributor(alias);
      p = contributor(person);
      if (merges == mergePerson.length) {
        mergePerson = Arrays.copyOf(mergePerson, merges * 2);
      }
      mergePerson[merges] = p;
      mergedAt[a] = merges++;
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

  /** Checks {@code events}, then appends them all, with consecutive ids; returns the first id. */
  private long appendAll(Endorsement[] events, boolean batch) {
    Instant now = clock.instant();
    for (int i = 0; i < events.length; i++) {
      checkOutsideLock(events[i], now, batch ? i : NONE);
    }
    synchronized (lock) {
      for (int i = 0; i < events.length; i++) {
        checkUnderLock(events[i], batch ? i : NONE);
      }
      checkCapacity(events);
      long first = eventCount;
      for (Endorsement event : events) {
        append(event);
      }
      return first;
    }
  }

  /** The checks that need neither the lock nor the ledger's state, and then the validator. */
  private void checkOutsideLock(Endorsement endorsement, Instant now, int position) {
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

  private void checkUnderLock(Endorsement endorsement, int position) {
    if (endorsement.toContribution() && contributions.indexOf(endorsement.target()) < 0) {
      throw new IllegalArgumentException(
          String.format(
              "%sunknown contribution '%s': register it with addContribution(...) before"
                  + " endorsing it",
              where(position), endorsement.target()));
    }
  }

  private void checkCapacity(Endorsement[] events) {
    checkState(
        events.length <= MAX_EVENTS - eventCount,
        "the ledger is full: it holds %s events and at most %s fit",
        eventCount,
        MAX_EVENTS);
    if (kinds.size() + events.length > MAX_KINDS) {
      Set<String> added = new HashSet<>();
      for (Endorsement event : events) {
        if (kinds.indexOf(event.kind()) < 0) {
          added.add(event.kind());
        }
      }
      checkState(
          kinds.size() + added.size() <= MAX_KINDS,
          "too many kinds of endorsement: at most %s fit",
          MAX_KINDS);
    }
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

  private static void checkId(String id, String role) {
    checkNotNull(id, "%s id is null", role);
    checkArgument(!id.isEmpty(), "%s id is empty; give every %s a non-empty id", role, role);
  }

  private void register(String contribution, Instant time, String[] names, double[] given) {
    String problem = timeProblem(time, clock.instant());
    if (problem != null) {
      throw new IllegalArgumentException(
          String.format("time %s of contribution '%s' %s", time, contribution, problem));
    }
    synchronized (lock) {
      checkArgument(
          contributions.indexOf(contribution) < 0,
          "contribution '%s' is already registered; give each contribution its own id",
          contribution);
      int c = contributions.intern(contribution);
      if (c == contributionTimes.length) {
        int capacity = c + (c >> 1);
        contributionTimes = Arrays.copyOf(contributionTimes, capacity);
        authorStart = Arrays.copyOf(authorStart, capacity + 1);
      }
      int from = authorStart[c];
      int to = from + names.length;
      if (to > authors.length) {
        int capacity = Math.max(to, authors.length + (authors.length >> 1));
        authors = Arrays.copyOf(authors, capacity);
        shares = Arrays.copyOf(shares, capacity);
      }
      for (int j = 0; j < names.length; j++) {
        authors[from + j] = contributor(names[j]);
        shares[from + j] = given[j];
      }
      contributionTimes[c] = time.toEpochMilli();
      authorStart[c + 1] = to;
    }
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

  private void append(Endorsement endorsement) {
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
