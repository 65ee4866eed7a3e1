package dev.wuffie;

import static com.google.common.base.Preconditions.checkElementIndex;
import static dev.wuffie.LedgerStore.CHUNK_MASK;
import static dev.wuffie.LedgerStore.CHUNK_SHIFT;
import static dev.wuffie.LedgerStore.NONE;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A consistent, immutable view of a {@link Ledger} as it was when {@link Ledger#snapshot()} made
 * it: later events, retractions, merges, contributors and contributions are invisible to it.
 *
 * <p>It tells how much the ledger held ({@link #contributorCount()}, {@link #eventCount()}, ...),
 * whether an id was registered, each event by the id {@link Ledger#record} returned for it and
 * whether it was retracted, and the whole content as {@link LedgerEntry}s ({@link #entries()}): the
 * entries that rebuild it, which is what an export writes. Events are numbered from 0 in record
 * order, as in the ledger.
 *
 * <pre>{@code
 * LedgerSnapshot snapshot = ledger.snapshot();
 * Ledger copy = Ledger.create();
 * copy.apply(snapshot.entries().toList()); // copy.snapshot() holds the same content
 * }</pre>
 *
 * <p>Cost: taking a snapshot copies nothing; it keeps the arrays it reads reachable, including
 * those the ledger has since replaced by grown copies. Counts and {@code contains...} are {@code
 * O(1)}; {@link #event(long)} allocates one {@link Endorsement}; {@link #entries()} is lazy and
 * allocates one entry at a time as it is read.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class LedgerSnapshot {
  /*
   * Scoring reads the ledger through the package-private accessors below, by int index, without
   * boxing and without an object per event. Contributors, contributions and kinds are numbered
   * from 0 in the order the ledger first saw them; the target of event e is a contribution index
   * if toContribution(e), else a contributor index. Times are milliseconds since 1970-01-01T00:00Z.
   * An index not below its count throws IndexOutOfBoundsException.
   */

  private final Interner.View contributors;
  private final int[] mergedAt;
  private final int[] mergePerson;
  private final int merges;
  private final Interner.View contributions;
  private final long[] contributionTimes;
  private final int[] authorStart;
  private final int[] authors;
  private final double[] shares;
  private final Interner.View tags;
  private final int[] tagStart;
  private final int[] tagOf;
  private final Interner.View kinds;
  private final LedgerStore.Chunk[] chunks;
  private final int eventCount;
  private final int retractions;
  private final int[] retracted;
  private final Interner.View siteIds;
  private final int[] siteIdEvent;
  private volatile boolean maxTimeKnown; // then maxTime holds maxTimeMillis()
  private long maxTime;

  /** Takes the view; the caller holds the ledger's lock. */
  LedgerSnapshot(LedgerStore store) {
    contributors = store.contributors.view();
    mergedAt = store.mergedAt;
    mergePerson = store.mergePerson;
    merges = store.merges;
    contributions = store.contributions.view();
    contributionTimes = store.contributionTimes;
    authorStart = store.authorStart;
    authors = store.authors;
    shares = store.shares;
    tags = store.tags.view();
    tagStart = store.tagStart;
    tagOf = store.tagOf;
    kinds = store.kinds.view();
    chunks = store.chunks;
    eventCount = store.eventCount;
    retractions = store.retractions;
    retracted = store.retracted;
    siteIds = store.siteIds.view();
    siteIdEvent = store.siteIdEvent;
  }

  /**
   * Whether this snapshot holds what {@code other}, a snapshot of the same ledger, holds. A ledger
   * only grows (events, retractions, merges, contributors and contributions are only ever added),
   * so two snapshots of it with the same counts hold the same content.
   */
  boolean sameContent(LedgerSnapshot other) {
    return eventCount == other.eventCount
        && retractions == other.retractions
        && merges == other.merges
        && contributors.size() == other.contributors.size()
        && contributions.size() == other.contributions.size();
  }

  /** The number of contributors (accounts, merged ones included). */
  public int contributorCount() {
    return contributors.size();
  }

  /** Whether {@code id} was registered as a contributor (false for null). */
  public boolean containsContributor(String id) {
    return id != null && contributors.indexOf(id) >= 0;
  }

  /** The number of contributions. */
  public int contributionCount() {
    return contributions.size();
  }

  /** Whether {@code id} was registered as a contribution (false for null). */
  public boolean containsContribution(String id) {
    return id != null && contributions.indexOf(id) >= 0;
  }

  /** The number of events recorded before the snapshot, retracted ones included. */
  public int eventCount() {
    return eventCount;
  }

  /** The number of events recorded and not retracted before the snapshot. */
  public int liveEventCount() {
    return eventCount - retractions;
  }

  /**
   * Event {@code eventId} as an {@link Endorsement}, with the ids it was recorded with and its time
   * in whole milliseconds.
   *
   * @throws IndexOutOfBoundsException if {@code eventId} is negative or not below {@link
   *     #eventCount()}
   */
  public Endorsement event(long eventId) {
    int e = checkEvent(eventId);
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
   * The site's id that event {@code eventId} was recorded with ({@link Ledger#record(String,
   * Endorsement)}), if any. {@code O(log k)} for {@code k} events with an id.
   *
   * @throws IndexOutOfBoundsException if {@code eventId} is negative or not below {@link
   *     #eventCount()}
   */
  public Optional<String> siteId(long eventId) {
    int e = checkEvent(eventId);
    int k = Arrays.binarySearch(siteIdEvent, 0, siteIds.size(), e);
    return k < 0 ? Optional.empty() : Optional.of(siteIds.id(k));
  }

  /**
   * The id of the event recorded with the site's id {@code siteId} before the snapshot was taken,
   * if any (empty for null).
   */
  public OptionalLong eventId(String siteId) {
    int k = siteId == null ? -1 : siteIds.indexOf(siteId);
    return k < 0 ? OptionalLong.empty() : OptionalLong.of(siteIdEvent[k]);
  }

  /**
   * Whether event {@code eventId} was retracted before the snapshot was taken.
   *
   * @throws IndexOutOfBoundsException if {@code eventId} is negative or not below {@link
   *     #eventCount()}
   */
  public boolean retracted(long eventId) {
    int e = checkEvent(eventId);
    int at = chunks[e >>> CHUNK_SHIFT].retractedAt[e & CHUNK_MASK];
    return at != NONE && at < retractions; // a later retraction has a larger sequence number
  }

  /**
   * Everything the snapshot holds, as the entries that rebuild it: a {@link
   * LedgerEntry.Contributor} for every contributor, then a {@link LedgerEntry.Contribution} for
   * every contribution (its authors and shares in the order they were registered, the shares bit
   * for bit as the ledger keeps them), a {@link LedgerEntry.Event} for every event in id order
   * (with its site's id, if any), a {@link LedgerEntry.Merge} for every merged account, naming the
   * person it ends up belonging to, and a {@link LedgerEntry.Retraction} for every retracted event.
   *
   * <p>{@link Ledger#apply(List) Applied} to an empty ledger, they give a snapshot with the same
   * content: the same contributors, contributions, events (values, and times to the millisecond),
   * retractions, shares and persons, in the same order.
   */
  public Stream<LedgerEntry> entries() {
    int n = contributors.size();
    Stream<LedgerEntry> ids = IntStream.range(0, n).mapToObj(i -> contributorEntry(i));
    Stream<LedgerEntry> contributed =
        IntStream.range(0, contributions.size()).mapToObj(c -> contributionEntry(c));
    Stream<LedgerEntry> events =
        IntStream.range(0, eventCount)
            .mapToObj(e -> new LedgerEntry.Event(event(e), siteId(e).orElse(null)));
    Stream<LedgerEntry> merged =
        IntStream.range(0, n)
            .filter(i -> canonical(i) != i)
            .mapToObj(i -> LedgerEntry.merge(contributors.id(i), contributors.id(canonical(i))));
    Stream<LedgerEntry> retracted =
        IntStream.range(0, eventCount)
            .filter(e -> retracted(e))
            .mapToObj(e -> LedgerEntry.retraction(e));
    // concat, not flatMap: its iterator reads one entry at a time, never a whole section at once.
    return Stream.concat(
        Stream.concat(Stream.concat(ids, contributed), Stream.concat(events, merged)), retracted);
  }

  @Override
  public String toString() {
    return "LedgerSnapshot{contributors="
        + contributors.size()
        + ", contributions="
        + contributions.size()
        + ", events="
        + eventCount
        + ", retracted="
        + retractions
        + "}";
  }

  /** The id of contributor {@code i}. */
  String contributor(int i) {
    checkElementIndex(i, contributors.size(), "contributor index");
    return contributors.id(i);
  }

  /** The index of contributor {@code id}, or empty if it was not registered (or is null). */
  OptionalInt contributorIndex(String id) {
    return present(id == null ? NONE : contributors.indexOf(id));
  }

  /** The number of retractions made before the snapshot. */
  int retractionCount() {
    return retractions;
  }

  /** The event that retraction number {@code r} (in the order they were made) retracted. */
  int retractedEvent(int r) {
    checkElementIndex(r, retractions, "retraction number");
    return retracted[r];
  }

  /** The number of merges made before the snapshot. */
  int mergeCount() {
    return merges;
  }

  /**
   * The index of the person contributor {@code i} belongs to after this snapshot's merges, followed
   * transitively; {@code i} itself if it was not merged. {@code O(length of the merge chain)}.
   */
  int canonical(int i) {
    checkElementIndex(i, contributors.size(), "contributor index");
    return LedgerStore.canonical(i, mergedAt, mergePerson, merges);
  }

  /** The id of contribution {@code c}. */
  String contribution(int c) {
    checkElementIndex(c, contributions.size(), "contribution index");
    return contributions.id(c);
  }

  /** The index of contribution {@code id}, or empty if it was not registered (or is null). */
  OptionalInt contributionIndex(String id) {
    return present(id == null ? NONE : contributions.indexOf(id));
  }

  /** When contribution {@code c} was made, in milliseconds since 1970. */
  long contributionTimeMillis(int c) {
    checkElementIndex(c, contributions.size(), "contribution index");
    return contributionTimes[c];
  }

  /** The number of distinct tags of the contributions, {@link #tagName} of {@code 0 .. - 1}. */
  int tagCount() {
    return tags.size();
  }

  /** The tag of index {@code k}; tags are numbered in the order the ledger first saw them. */
  String tagName(int k) {
    checkElementIndex(k, tags.size(), "tag index");
    return tags.id(k);
  }

  /** The index of tag {@code tag}, or empty if no contribution has it (or it is null). */
  OptionalInt tagIndex(String tag) {
    return present(tag == null ? NONE : tags.indexOf(tag));
  }

  /** Whether contribution {@code c} has the tag of index {@code k}. */
  boolean tagged(int c, int k) {
    checkElementIndex(c, contributions.size(), "contribution index");
    for (int j = tagStart[c]; j < tagStart[c + 1]; j++) {
      if (tagOf[j] == k) {
        return true;
      }
    }
    return false;
  }

  /** The tag indices of contribution {@code c}, in the order given. */
  int[] tagsOf(int c) {
    checkElementIndex(c, contributions.size(), "contribution index");
    return Arrays.copyOfRange(tagOf, tagStart[c], tagStart[c + 1]);
  }

  /** The number of authors of contribution {@code c}, at least 1. */
  int authorCount(int c) {
    checkElementIndex(c, contributions.size(), "contribution index");
    return authorStart[c + 1] - authorStart[c];
  }

  /** The contributor index of author {@code j} of contribution {@code c}. */
  int author(int c, int j) {
    return authors[authorSlot(c, j)];
  }

  /**
   * The share of the credit of author {@code j} of contribution {@code c}. The shares of a
   * contribution are non-negative and sum to 1 (to within rounding).
   */
  double share(int c, int j) {
    return shares[authorSlot(c, j)];
  }

  /** The contributor index of the endorser of event {@code e}, as recorded (not merged). */
  int endorser(int e) {
    checkEvent(e);
    return chunks[e >>> CHUNK_SHIFT].endorser[e & CHUNK_MASK];
  }

  /**
   * The target of event {@code e}: a contribution index if {@link #toContribution(int)}, else a
   * contributor index (as recorded, not merged).
   */
  int target(int e) {
    checkEvent(e);
    int target = chunks[e >>> CHUNK_SHIFT].target[e & CHUNK_MASK];
    return target >= 0 ? target : ~target;
  }

  /** Whether the target of event {@code e} is a contribution. */
  boolean toContribution(int e) {
    checkEvent(e);
    return chunks[e >>> CHUNK_SHIFT].target[e & CHUNK_MASK] < 0;
  }

  /** The number of distinct kinds among the events. */
  int kindCount() {
    return kinds.size();
  }

  /** The name of kind {@code k}, e.g. {@code "upvote"}. */
  String kindName(int k) {
    checkElementIndex(k, kinds.size(), "kind index");
    return kinds.id(k);
  }

  /** The kind index of event {@code e}, below {@link #kindCount()}. */
  int kind(int e) {
    checkEvent(e);
    return chunks[e >>> CHUNK_SHIFT].kind[e & CHUNK_MASK];
  }

  /** Whether event {@code e} carries a value (a rating). */
  boolean hasValue(int e) {
    return !Double.isNaN(value(e));
  }

  /** The value (rating) of event {@code e}, or NaN if it has none. */
  double value(int e) {
    checkEvent(e);
    return chunks[e >>> CHUNK_SHIFT].value[e & CHUNK_MASK];
  }

  /** The time of event {@code e}, in milliseconds since 1970. */
  long timeMillis(int e) {
    checkEvent(e);
    return chunks[e >>> CHUNK_SHIFT].time[e & CHUNK_MASK];
  }

  /**
   * The latest time among the events that are not retracted, in milliseconds since 1970, or {@code
   * Long.MIN_VALUE} if there is none. Computed by the first call, in {@code O(eventCount())}.
   */
  long maxTimeMillis() {
    if (!maxTimeKnown) {
      long max = Long.MIN_VALUE;
      for (int e = 0; e < eventCount; e++) {
        LedgerStore.Chunk chunk = chunks[e >>> CHUNK_SHIFT];
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

  private LedgerEntry contributorEntry(int i) {
    return LedgerEntry.contributor(contributors.id(i));
  }

  private LedgerEntry contributionEntry(int c) {
    Map<String, Double> byAuthor = new LinkedHashMap<>();
    for (int j = authorStart[c]; j < authorStart[c + 1]; j++) {
      byAuthor.put(contributors.id(authors[j]), shares[j]);
    }
    Instant time = Instant.ofEpochMilli(contributionTimes[c]);
    Set<String> tagged = new LinkedHashSet<>();
    for (int j = tagStart[c]; j < tagStart[c + 1]; j++) {
      tagged.add(tags.id(tagOf[j]));
    }
    return new LedgerEntry.Contribution(contributions.id(c), time, byAuthor, tagged);
  }

  /** {@code eventId} as an int index, checked to be an event of this snapshot. */
  private int checkEvent(long eventId) {
    if (eventId < 0) {
      throw new IndexOutOfBoundsException("event index (" + eventId + ") must not be negative");
    }
    if (eventId >= eventCount) {
      throw new IndexOutOfBoundsException(
          "event index (" + eventId + ") must be less than size (" + eventCount + ")");
    }
    return (int) eventId;
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
