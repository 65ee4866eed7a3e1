package dev.wuffie;

import java.util.Arrays;

/**
 * Sums of weights per ordered pair of contributors, in an open-addressing hash table keyed by the
 * pair packed into a long: no object per pair. Pairs are numbered in first-seen order. Not
 * thread-safe.
 */
final class PairTable {
  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] slots; // pair number + 1 in each used slot's position; 0 when empty
  private int size;
  private long[] byNumber; // pair number -> key
  private double[] trust; // undecayed positive weight
  private double[] decayedTrust;
  private double[] distrust; // undecayed negative weight, as a positive amount
  private double[] decayedDistrust;

  /** A table sized for {@code expectedPairs} pairs; it grows past them. */
  PairTable(int expectedPairs) {
    int capacity = Integer.highestOneBit(Math.max(16, expectedPairs * 2 - 1)) << 1;
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    slots = new int[capacity];
    int pairs = Math.max(16, expectedPairs);
    byNumber = new long[pairs];
    trust = new double[pairs];
    decayedTrust = new double[pairs];
    distrust = new double[pairs];
    decayedDistrust = new double[pairs];
  }

  /** Adds {@code weight} (decayed: {@code weight * decay}) to the pair {@code u -> v}. */
  void add(int u, int v, double weight, double decay) {
    int pair = intern(u, v);
    if (weight > 0) {
      trust[pair] += weight;
      decayedTrust[pair] += weight * decay;
    } else {
      distrust[pair] -= weight;
      decayedDistrust[pair] -= weight * decay;
    }
  }

  /** The number of the pair {@code u -> v}, or -1 if it was never added. */
  int find(int u, int v) {
    long key = key(u, v);
    int mask = keys.length - 1;
    for (int slot = hash(key) & mask; keys[slot] != EMPTY; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        return slots[slot] - 1;
      }
    }
    return -1;
  }

  int size() {
    return size;
  }

  int endorser(int pair) {
    return (int) (pairKey(pair) >>> 32);
  }

  int endorsed(int pair) {
    return (int) pairKey(pair);
  }

  double trust(int pair) {
    return trust[pair];
  }

  double decayedTrust(int pair) {
    return decayedTrust[pair];
  }

  double distrust(int pair) {
    return distrust[pair];
  }

  double decayedDistrust(int pair) {
    return decayedDistrust[pair];
  }

  private long pairKey(int pair) {
    return byNumber[pair];
  }

  private int intern(int u, int v) {
    long key = key(u, v);
    int mask = keys.length - 1;
    int slot = hash(key) & mask;
    while (keys[slot] != EMPTY) {
      if (keys[slot] == key) {
        return slots[slot] - 1;
      }
      slot = (slot + 1) & mask;
    }
    int pair = size++;
    keys[slot] = key;
    slots[slot] = pair + 1;
    if (pair == byNumber.length) {
      int grown = pair * 2;
      byNumber = Arrays.copyOf(byNumber, grown);
      trust = Arrays.copyOf(trust, grown);
      decayedTrust = Arrays.copyOf(decayedTrust, grown);
      distrust = Arrays.copyOf(distrust, grown);
      decayedDistrust = Arrays.copyOf(decayedDistrust, grown);
    }
    byNumber[pair] = key;
    if (size * 2 > keys.length) {
      rehash();
    }
    return pair;
  }

  private void rehash() {
    long[] grownKeys = new long[keys.length * 2];
    Arrays.fill(grownKeys, EMPTY);
    int[] grownSlots = new int[grownKeys.length];
    int mask = grownKeys.length - 1;
    for (int pair = 0; pair < size; pair++) {
      long key = byNumber[pair];
      int slot = hash(key) & mask;
      while (grownKeys[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      grownKeys[slot] = key;
      grownSlots[slot] = pair + 1;
    }
    keys = grownKeys;
    slots = grownSlots;
  }

  private static long key(int u, int v) {
    return ((long) u << 32) | (v & 0xFFFFFFFFL);
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
