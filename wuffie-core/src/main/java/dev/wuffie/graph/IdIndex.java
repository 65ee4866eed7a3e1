package dev.wuffie.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contributor ids and their dense indices: an array of ids plus an open-addressing hash table of
 * indices, with no boxed entry per id (11 to 22 bytes of table per id, besides the Strings).
 *
 * <p>A slot of the table holds an id's hash next to its index, so a lookup compares hashes in the
 * table and reads an id String only when its hash matches: probing costs no memory access beyond
 * the slots themselves, which linear probing keeps together.
 *
 * <p>Indices are handed out in first-seen order. Not thread-safe while it grows; the graph only
 * reads it.
 *
 * <p>Several indices can share one pair of arrays, each seeing its first {@link #size()} ids: a
 * {@link #view()} is {@code O(1)}. Only the index holding every id the arrays hold (the {@code
 * tail}) adds to them in place; another one copies them first. Linear probing never moves an entry,
 * so an id added later only fills a slot that was free, which a view skips (its index is past the
 * view's size): views read the same as before, even while the arrays are added to.
 */
final class IdIndex {
  private static final long FREE = 0;
  private static final int MAX_LOAD_NUMERATOR = 3; // at most 3/4 of the slots in use
  private static final int MAX_LOAD_DENOMINATOR = 4;

  private String[] ids;
  private int size;

  /** {@code hash << 32 | (index + 1)} of the id in that slot, or {@link #FREE}. */
  private long[] slots;

  private int mask;
  private AtomicInteger tail = new AtomicInteger(); // the number of ids in the shared arrays

  IdIndex() {
    this(16);
  }

  private IdIndex(int expected) {
    ids = new String[expected];
    int capacity = capacityFor(expected);
    slots = new long[capacity];
    mask = capacity - 1;
  }

  /** An index of the same ids, sharing the arrays; {@code O(1)}. */
  IdIndex view() {
    IdIndex view = new IdIndex(0);
    view.ids = ids;
    view.size = size;
    view.slots = slots;
    view.mask = mask;
    view.tail = tail;
    return view;
  }

  int size() {
    return size;
  }

  String id(int index) {
    return ids[index];
  }

  /** The index of {@code id}, or -1 if absent. */
  int indexOf(String id) {
    int hash = hash(id);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == FREE) {
        return -1;
      }
      int index = (int) entry - 1;
      if ((int) (entry >>> 32) == hash && index < size && ids[index].equals(id)) {
        return index;
      }
    }
  }

  /** The index of {@code id}, adding it with the next index if absent. */
  int intern(String id) {
    int found = indexOf(id);
    if (found >= 0) {
      return found;
    }
    if (!tail.compareAndSet(size, size + 1)) {
      ownArrays(); // another index added to the shared arrays after this one's ids
      tail.set(size + 1);
    }
    int hash = hash(id);
    int slot = hash & mask;
    while (slots[slot] != FREE) {
      slot = (slot + 1) & mask;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, Math.max(16, size + (size >> 1)));
    }
    int index = size++;
    ids[index] = id;
    slots[slot] = entry(hash, index);
    if ((long) size * MAX_LOAD_DENOMINATOR > (long) slots.length * MAX_LOAD_NUMERATOR) {
      rehash(slots.length * 2);
    }
    return index;
  }

  /** Copies this index's ids and table into arrays of its own, with a tail of their own. */
  private void ownArrays() {
    ids = Arrays.copyOf(ids, Math.max(16, size + (size >> 1)));
    tail = new AtomicInteger(size);
    rehash(slots.length);
  }

  /** A copy in which the id at index {@code i} moves to index {@code label[i]}. */
  IdIndex permutedCopy(int[] label) {
    IdIndex copy = new IdIndex(size);
    copy.size = size;
    copy.tail.set(size);
    copy.ids = new String[size];
    for (int i = 0; i < size; i++) {
      copy.ids[label[i]] = ids[i];
    }
    copy.rehash(copy.slots.length);
    return copy;
  }

  /** The table size for {@code expected} ids: a power of two, filled to at most 3/4. */
  private static int capacityFor(int expected) {
    long needed = (long) expected * MAX_LOAD_DENOMINATOR / MAX_LOAD_NUMERATOR + 1;
    return Integer.highestOneBit((int) Math.min(1 << 30, Math.max(16, needed) - 1)) << 1;
  }

  private void rehash(int capacity) {
    slots = new long[capacity];
    mask = capacity - 1;
    for (int index = 0; index < size; index++) {
      int hash = hash(ids[index]);
      int slot = hash & mask;
      while (slots[slot] != FREE) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry(hash, index);
    }
  }

  private static long entry(int hash, int index) {
    return (long) hash << 32 | (index + 1L);
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
