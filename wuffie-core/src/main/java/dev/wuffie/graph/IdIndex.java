package dev.wuffie.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contributor ids and their dense indices: an array of ids plus an open-addressing hash table of
 * indices, with no boxed entry per id (about 4 to 8 bytes of table per id, besides the Strings).
 *
 * <p>Indices are handed out in first-seen order. Not thread-safe while it grows; the graph only
 * reads it.
 *
 * <p>Several indices can share one pair of arrays, each seeing its first {@link #size()} ids: a
 * {@link #view()} is {@code O(1)}. Only the index holding every id the arrays hold (the {@code
 * tail}) adds to them in place; another one copies them first. Linear probing never moves an entry,
 * so an id added later only fills a slot that was empty, which a view skips (its index is past the
 * view's size): views read the same as before.
 */
final class IdIndex {
  private static final int EMPTY = -1;

  private String[] ids;
  private int size;
  private int[] slots; // index of the id in that slot, or EMPTY
  private int mask;
  private AtomicInteger tail; // the number of ids in the shared arrays

  IdIndex() {
    this(16);
  }

  private IdIndex(int expected) {
    ids = new String[expected];
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    tail = new AtomicInteger();
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
    for (int slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      int index = slots[slot];
      if (index == EMPTY) {
        return -1;
      }
      if (index < size && ids[index].equals(id)) {
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
    int slot = hash(id) & mask;
    while (slots[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, Math.max(16, size + (size >> 1)));
    }
    int index = size++;
    ids[index] = id;
    slots[slot] = index;
    if (size > (slots.length >> 2) * 3) {
      rehash(slots.length * 2);
    }
    return index;
  }

  /** Copies this index's ids into arrays of its own, with a tail of their own. */
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

  private void rehash(int capacity) {
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    for (int index = 0; index < size; index++) {
      int slot = hash(ids[index]) & mask;
      while (slots[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = index;
    }
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
