package dev.wuffie.jdbc;

import java.util.Arrays;

/**
 * A hash map from {@code long} keys to {@code int} values, without boxing: open addressing with
 * linear probing, at most 3/4 full, so 16 to 32 bytes per entry. Values must not be {@link #NONE},
 * which marks free slots and is what {@link #get} returns for a missing key. Not thread-safe.
 */
final class LongIntMap {
  static final int NONE = Integer.MIN_VALUE;

  private long[] keys = new long[16];
  private int[] values = filled(16);
  private int size;

  int size() {
    return size;
  }

  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); values[i] != NONE; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
    }
    return NONE;
  }

  void put(long key, int value) {
    if (value == NONE) {
      throw new IllegalArgumentException("the value " + NONE + " marks free slots");
    }
    if (4 * (size + 1) > 3 * keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != NONE && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (values[i] == NONE) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Calls {@code action} with every entry, in no particular order. */
  void forEach(Entry action) {
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != NONE) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  /** An entry's consumer. */
  interface Entry {
    void accept(long key, int value);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[2 * oldKeys.length];
    values = filled(keys.length);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != NONE) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: spreads sequential ids
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static int[] filled(int length) {
    int[] array = new int[length];
    Arrays.fill(array, NONE);
    return array;
  }
}
