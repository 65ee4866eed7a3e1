package dev.wuffie;

import java.util.Arrays;
import java.util.Map;

/**
 * What a {@link Ledger} holds, in primitive arrays: the interned ids, the contributions with their
 * authors and shares, the merge log, and the events column by column in fixed-size chunks, with no
 * object per event. It stores what it is given: the {@code Ledger} checks everything first, and
 * calls it under its lock only. {@link #snapshot()} hands out {@link LedgerSnapshot}s that read it
 * later without the lock.
 *
 * <p>Why that is safe: an element below the counts a snapshot took is written before the snapshot
 * is taken under the lock, so that write happens-before the snapshot's reads (the writer released
 * the lock after it, the snapshot acquired it before reading the counts); and it is never written
 * again, or only from its initial {@link #NONE} to a sequence number that the snapshot ignores
 * ({@code retractedAt}, {@code mergedAt}). Appends write beyond the counts, and growing an array
 * copies it into a new one, leaving the old one, which older snapshots keep, unchanged.
 *
 * <p>Per event: 34 bytes (endorser and target indices, kind, value, time, retraction mark and the
 * link to the endorser's previous event). Per contributor: its id slots, its latest event and its
 * merge mark. Per contribution: its id slots, time and author range, 12 bytes per author, 4 bytes
 * for its tag range and 4 per tag (each distinct tag's String is kept once). An event recorded with
 * a site's id costs that id's slots in an interner (about 8 to 12 bytes besides the String) and 4
 * bytes for its event id; an event without one costs nothing more. Per retraction: 4 bytes in the
 * retraction log, which lets a live service find what was retracted since its last refresh without
 * a pass over the events.
 */
final class LedgerStore {
  /** The most events a ledger holds: ids {@code 0 .. MAX_EVENTS - 1}. */
  static final int MAX_EVENTS = Integer.MAX_VALUE;

  /** The most kinds a ledger holds: a kind index is a char. */
  static final int MAX_KINDS = Character.MAX_VALUE + 1;

  /** No event, no merge, not retracted. */
  static final int NONE = -1;

  static final int CHUNK_SHIFT = 16;
  static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  private static final int FIRST_CHUNK = 256; // a small ledger grows its only chunk up to CHUNK

  final Interner contributors = new Interner();
  private int[] lastEventOf = filled(8); // per contributor: its latest event as endorser, or NONE
  int[] mergedAt = filled(8); // per contributor: its position in the merge log, or NONE
  int[] mergePerson = new int[4]; // the merge log: the person each alias was merged into
  int merges;

  final Interner contributions = new Interner();
  long[] contributionTimes = new long[8];
  int[] authorStart = new int[9]; // contribution c: authors[authorStart[c] .. [c + 1])
  int[] authors = new int[8];
  double[] shares = new double[8];
  final Interner tags = new Interner(); // the contributions' tags, in first-seen order
  int[] tagStart = new int[9]; // contribution c: tagOf[tagStart[c] .. [c + 1])
  int[] tagOf = new int[8]; // tag indices

  final Interner kinds = new Interner();
  Chunk[] chunks = {new Chunk(FIRST_CHUNK)}; // event e is at chunks[e >>> CHUNK_SHIFT]
  int eventCount;
  int retractions;
  int[] retracted = new int[4]; // the retraction log: the event of each retraction, in order

  final Interner siteIds = new Interner(); // the sites' event ids, in record order
  int[] siteIdEvent = new int[8]; // the event of each site id: ascending, as ids are interned

  /** The event recorded with site id {@code siteId}, or {@link #NONE}. */
  int eventOf(String siteId) {
    int k = siteIds.indexOf(siteId);
    return k < 0 ? NONE : siteIdEvent[k];
  }

  /**
   * Appends {@code endorsement} as the next event, with the site's id {@code siteId} (null for
   * none, else one not recorded yet), and returns its id.
   */
  int append(Endorsement endorsement, String siteId) {
    int e = append(endorsement);
    if (siteId != null) {
      int k = siteIds.intern(siteId);
      if (k == siteIdEvent.length) {
        siteIdEvent = Arrays.copyOf(siteIdEvent, 2 * k);
      }
      siteIdEvent[k] = e;
    }
    return e;
  }

  /** A view of everything stored so far; {@code O(1)}, it copies no data. */
  LedgerSnapshot snapshot() {
    return new LedgerSnapshot(this);
  }

  /** The person that contributor {@code i} was merged into (one step), or {@link #NONE}. */
  int mergedInto(int i) {
    return mergedAt[i] == NONE ? NONE : mergePerson[mergedAt[i]];
  }

  /** The index of contributor {@code id}, registering it if it is new. */
  int contributor(String id) {
    int index = contributors.intern(id);
    if (index == lastEventOf.length) {
      int capacity = index + (index >> 1);
      lastEventOf = grow(lastEventOf, capacity);
      mergedAt = grow(mergedAt, capacity);
    }
    return index;
  }

  /** Registers {@code contribution} with its authors' normalised {@code shares}, in its order. */
  void register(LedgerEntry.Contribution contribution, double[] given) {
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
    for (Map.Entry<String, Double> author : contribution.shares().entrySet()) {
      authors[j] = contributor(author.getKey());
      shares[j] = given[j - from];
      j++;
    }
    contributionTimes[c] = contribution.time().toEpochMilli();
    authorStart[c + 1] = to;
    registerTags(c, contribution);
  }

  private void registerTags(int c, LedgerEntry.Contribution contribution) {
    if (c + 1 >= tagStart.length) {
      tagStart = Arrays.copyOf(tagStart, Math.max(c + 2, tagStart.length + (tagStart.length >> 1)));
    }
    int from = tagStart[c];
    int to = from + contribution.tags().size();
    if (to > tagOf.length) {
      tagOf = Arrays.copyOf(tagOf, Math.max(to, tagOf.length + (tagOf.length >> 1)));
    }
    int j = from;
    for (String tag : contribution.tags()) {
      tagOf[j++] = tags.intern(tag);
    }
    tagStart[c + 1] = to;
  }

  void merge(LedgerEntry.Merge merge) {
    int a = contributor(merge.alias());
    int p = contributor(merge.person());
    if (merges == mergePerson.length) {
      mergePerson = Arrays.copyOf(mergePerson, merges * 2);
    }
    mergePerson[merges] = p;
    mergedAt[a] = merges++;
  }

  /** Appends {@code endorsement} as the next event and returns its id. */
  int append(Endorsement endorsement) {
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

  /** Retracts event {@code e}, which exists; false if it was already retracted. */
  boolean retract(int e) {
    Chunk chunk = chunks[e >>> CHUNK_SHIFT];
    int i = e & CHUNK_MASK;
    if (chunk.retractedAt[i] != NONE) {
      return false;
    }
    if (retractions == retracted.length) {
      retracted = Arrays.copyOf(retracted, retractions * 2);
    }
    retracted[retractions] = e;
    chunk.retractedAt[i] = retractions++;
    return true;
  }

  /**
   * Retracts the latest live {@code kind} event from {@code endorser} to {@code target} (a
   * contribution id if {@code toContribution}, else a contributor id), walking the endorser's
   * events backwards; false if there is none.
   */
  boolean retractLatest(String endorser, String target, boolean toContribution, String kind) {
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
        return retract(e);
      }
      e = chunk.previous[i];
    }
    return false;
  }

  /** What {@link #rollBack} returns the store to: the counts it holds now. */
  Mark mark() {
    return new Mark(
        contributors.size(),
        contributions.size(),
        tags.size(),
        kinds.size(),
        siteIds.size(),
        eventCount,
        retractions,
        merges);
  }

  /**
   * Undoes everything stored since {@code mark} was taken, so that the store holds exactly what it
   * held then. Called under the ledger's lock, which was held since {@code mark} was taken, so that
   * no snapshot saw what is undone; the snapshots taken before keep reading what they read, as
   * every write here is beyond their counts or changes a mark they ignore ({@code retractedAt},
   * {@code mergedAt} at or above their counts) back to {@link #NONE}. {@code O(undone events, ids
   * and retractions)}, plus {@code O(contributors)} when the undone part merged something (a scan
   * for the marks to clear).
   */
  void rollBack(Mark mark) {
    for (int e = eventCount - 1; e >= mark.eventCount; e--) {
      Chunk chunk = chunks[e >>> CHUNK_SHIFT];
      int i = e & CHUNK_MASK;
      if (chunk.endorser[i] < mark.contributors) {
        lastEventOf[chunk.endorser[i]] = chunk.previous[i];
      }
    }
    for (int r = mark.retractions; r < retractions; r++) { // the retraction log names them
      int e = retracted[r];
      chunks[e >>> CHUNK_SHIFT].retractedAt[e & CHUNK_MASK] = NONE;
    }
    if (merges > mark.merges) {
      for (int c = 0; c < mark.contributors; c++) {
        if (mergedAt[c] >= mark.merges) {
          mergedAt[c] = NONE;
        }
      }
    }
    // min: after an error while growing them, these may be shorter than the interned ids
    Arrays.fill(
        lastEventOf, mark.contributors, Math.min(contributors.size(), lastEventOf.length), NONE);
    Arrays.fill(mergedAt, mark.contributors, Math.min(contributors.size(), mergedAt.length), NONE);
    contributors.truncate(mark.contributors);
    contributions.truncate(mark.contributions);
    tags.truncate(mark.tags);
    kinds.truncate(mark.kinds);
    siteIds.truncate(mark.siteIds);
    eventCount = mark.eventCount;
    retractions = mark.retractions;
    merges = mark.merges;
  }

  /** The counts of a store at one moment, for {@link #rollBack}. */
  record Mark(
      int contributors,
      int contributions,
      int tags,
      int kinds,
      int siteIds,
      int eventCount,
      int retractions,
      int merges) {}

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

  /** The person contributor {@code i} belongs to after the first {@code merges} merges. */
  static int canonical(int i, int[] mergedAt, int[] mergePerson, int merges) {
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
  static final class Chunk {
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
}
