package dev.wuffie.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Contributor ids and their dense indices: an append-only array of ids with an open-addressing hash
 * index over it, so that an id costs no object beyond its String.
 *
 * <p>Linear probing over one int array: each slot holds an id's hash and its index plus one (0
 * marks a free slot), so a probe compares Strings only when the hashes match. At most half of the
 * slots are in use, unless the table has reached its largest size.
 *
 * <p>Cost: expected {@code O(length)} per call; per id, a reference in the array and 16 to 32 bytes
 * of slots (8 bytes a slot).
 *
 * <p>Not thread-safe; a {@link #copy()} that is never changed, published through a final field, may
 * be shared between threads.
 */
final class IdIndex {
  private static final int MAX_SLOTS = 1 << 29; // 2 ints a slot: the table still fits an array
  private static final int MAX_IDS = MAX_SLOTS / 8 * 7; // the last table may fill up to 7/8

  private String[] ids;
  private int size;
  private int[] slots;
  private int mask;

  /** An empty index. */
  IdIndex() {
    ids = new String[16];
    slots = new int[2 * 32];
    mask = 32 - 1;
  }

  private IdIndex(String[] ids, int size, int[] slots, int mask) {
    this.ids = ids;
    this.size = size;
    this.slots = slots;
    this.mask = mask;
  }

  /** The number of ids. */
  int size() {
    return size;
  }

  /** The id at {@code index}, which must be in {@code [0, size())}. */
  String id(int index) {
    return ids[index];
  }

  /** The index of {@code id}, or -1 if it is not here. */
  int indexOf(String id) {
    int hash = hash(id);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int indexPlusOne = slots[2 * slot + 1];
      if (indexPlusOne == 0) {
        return -1;
      }
      if (slots[2 * slot] == hash && ids[indexPlusOne - 1].equals(id)) {
        return indexPlusOne - 1;
      }
    }
  }

  /**
   * The index of {@code id}, adding it with the next index, {@link #size()}, if it is not here.
   *
   * @throws IllegalStateException if there are already {@value #MAX_IDS} ids
   */
  int intern(String id) {
    int hash = hash(id);
    int slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      int indexPlusOne = slots[2 * slot + 1];
      if (indexPlusOne == 0) {
        break;
      }
      if (slots[2 * slot] == hash && ids[indexPlusOne - 1].equals(id)) {
        return indexPlusOne - 1;
      }
    }
    if (2 * (size + 1) > mask + 1 && mask + 1 < MAX_SLOTS) {
      grow();
      slot = hash & mask;
      while (slots[2 * slot + 1] != 0) {
        slot = (slot + 1) & mask;
      }
    }
    if (size == MAX_IDS) {
      throw new IllegalStateException("too many contributors: at most " + MAX_IDS + " fit");
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, (int) Math.min(MAX_IDS, 2L * size));
    }
    ids[size] = id;
    size++;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = size;
    return size - 1;
  }

  /** An independent copy, holding just the ids there are. */
  IdIndex copy() {
    return new IdIndex(Arrays.copyOf(ids, size), size, slots.clone(), mask);
  }

  /** The ids in index order, as an unmodifiable list backed by this index. */
  List<String> asList() {
    return Collections.unmodifiableList(Arrays.asList(ids).subList(0, size));
  }

  private void grow() {
    int capacity = mask + 1;
    int[] old = slots;
    slots = new int[4 * capacity];
    mask = 2 * capacity - 1;
    for (int at = 0; at < old.length; at += 2) {
      if (old[at + 1] != 0) {
        int slot = old[at] & mask;
        while (slots[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[2 * slot] = old[at];
        slots[2 * slot + 1] = old[at + 1];
      }
    }
  }

  /** The String's hash, mixed by MurmurHash3's finaliser so that its low bits vary. */
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
