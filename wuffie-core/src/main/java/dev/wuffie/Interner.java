package dev.wuffie;

import java.util.Arrays;

/**
 * Append-only interned ids for the {@link Ledger}: an array of ids plus an open-addressing hash
 * table of their indices (no boxed entry per id: 11 to 22 bytes of table and 4 to 6 of array per
 * id, besides the Strings), whose {@link View}s stay readable without a lock while ids are added.
 * Each slot holds an id's index and its hash, so that a probe reads the id's String only when the
 * hashes match: at a million ids and more, reading the Strings of other ids along the probe
 * sequence (a cache miss each) was most of the time of a lookup.
 *
 * <p>Indices are handed out in first-seen order. {@link #intern} and {@link #view} must be called
 * under the ledger's lock. A {@code View} made under that lock can then be read from any thread,
 * for the same reason as the rest of a {@link LedgerSnapshot}: it reads only what was written
 * before the lock was released. Later additions write array elements the view never reads, or table
 * slots that were empty when it was made; it skips those (a slot holding an index at or beyond its
 * size), as it would an empty slot that is part of a probe sequence. Growing copies into new arrays
 * and leaves the old ones, which older views keep, as they were.
 */
final class Interner {
  private static final long EMPTY = -1L; // no index is -1, so no used slot holds this

  private String[] ids = new String[8];
  private int size;
  private long[] slots = emptySlots(16); // (hash << 32) | index of the id there, or EMPTY

  int size() {
    return size;
  }

  String id(int index) {
    return ids[index];
  }

  /** The index of {@code id}, or -1 if absent. */
  int indexOf(String id) {
    return find(ids, slots, size, id);
  }

  /** The index of {@code id}, adding it with the next index if absent. */
  int intern(String id) {
    int index = indexOf(id);
    if (index >= 0) {
      return index;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size + (size >> 1));
    }
    index = size++;
    ids[index] = id;
    if (size > (slots.length >> 2) * 3) {
      rehash(slots.length * 2);
    } else {
      insert(slots, hash(id), index);
    }
    return index;
  }

  /**
   * Forgets the ids from index {@code newSize} on, as if they had never been interned. The table is
   * rebuilt into a new array ({@code O(newSize)}), so that the views made before keep theirs.
   */
  void truncate(int newSize) {
    if (newSize == size) {
      return;
    }
    Arrays.fill(ids, newSize, size, null);
    size = newSize;
    long[] rebuilt = emptySlots(slots.length);
    for (int i = 0; i < size; i++) {
      insert(rebuilt, hash(ids[i]), i);
    }
    slots = rebuilt;
  }

  /** A read-only view of the ids interned so far. */
  View view() {
    return new View(ids, slots, size);
  }

  /** The ids {@code 0 .. size - 1} of an {@link Interner} as they were when it was made. */
  static final class View {
    private final String[] ids;
    private final long[] slots;
    private final int size;

    private View(String[] ids, long[] slots, int size) {
      this.ids = ids;
      this.slots = slots;
      this.size = size;
    }

    int size() {
      return size;
    }

    /** The id at {@code index}, which the caller has checked is below {@link #size()}. */
    String id(int index) {
      return ids[index];
    }

    /** The index of {@code id}, or -1 if it was not interned when the view was made. */
    int indexOf(String id) {
      return find(ids, slots, size, id);
    }
  }

  private static int find(String[] ids, long[] slots, int size, String id) {
    int hash = hash(id);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == EMPTY) {
        return -1;
      }
      int index = (int) entry;
      if ((int) (entry >>> 32) == hash && index < size && ids[index].equals(id)) {
        return index;
      }
    }
  }

  private void rehash(int capacity) {
    long[] grown = emptySlots(capacity);
    for (long entry : slots) {
      if (entry != EMPTY) {
        place(grown, entry);
      }
    }
    place(grown, ((long) hash(ids[size - 1]) << 32) | (size - 1)); // the id that made it grow
    slots = grown;
  }

  private static void insert(long[] slots, int hash, int index) {
    place(slots, ((long) hash << 32) | index);
  }

  private static void place(long[] slots, long entry) {
    int mask = slots.length - 1;
    int slot = (int) (entry >>> 32) & mask;
    while (slots[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry;
  }

  private static long[] emptySlots(int capacity) {
    long[] slots = new long[capacity];
    Arrays.fill(slots, EMPTY);
    return slots;
  }

  /** String hash codes of similar ids differ in low bits only: spread them (murmur3 finaliser). */
  private static int hash(String id) {
    int h = id.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
