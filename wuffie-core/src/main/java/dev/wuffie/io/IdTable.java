package dev.wuffie.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A hash map from byte strings (ids as UTF-8 bytes) to int values, for interning ids without making
 * a String for one seen before, and without allocating.
 *
 * <p>Open addressing with linear probing; at most half of the slots are in use (unless the table
 * has reached its largest size). A slot is two longs: the key, and its value and length. A key of
 * at most 8 bytes is stored in the slot itself, so looking it up reads one slot and nothing else; a
 * longer key is stored in a shared array of key bytes, and its slot holds its hash and where its
 * bytes start.
 *
 * <p>With many distinct ids the table outgrows the processor caches, and every lookup waits for
 * main memory. {@link #getOrAddAll} therefore looks up a batch of {@link Keys}, hashed as they were
 * added, in two passes: it loads each one's first slot (and the stored bytes of a long key), so
 * that the cache misses of the whole batch overlap, then does the lookups proper, in order.
 *
 * <pre>{@code
 * IdTable.Keys ids = new IdTable.Keys(1024);
 * ids.add(line, from, to); // ... for each id of a batch
 * // a new id gets the builder's next index
 * table.getOrAddAll(ids, 0, ids.size(), indices, i -> builder.addContributor(ids.utf8(i)));
 * int index = table.get(bytes, from, to); // -1 if absent
 * }</pre>
 *
 * <p>Cost: expected {@code O(length)} per key; 32 to 64 bytes per key (16 bytes per slot), plus the
 * bytes of the keys longer than 8 bytes.
 *
 * <p>Not thread-safe.
 */
final class IdTable {
  private static final int INLINE_BYTES = Long.BYTES;
  private static final int MAX_SLOTS = 1 << 29; // 2 longs a slot: the table still fits an array
  private static final int MAX_KEYS = MAX_SLOTS / 8 * 7; // the last table may fill up to 7/8
  private static final int MAX_KEY_BYTES = Integer.MAX_VALUE - 8;

  /**
   * Slot {@code s} is {@code slots[2s]}, the key: its bytes, little-endian and zero-padded, when it
   * has at most 8, else {@code hash << 32 | offset} of its bytes in {@link #keyBytes}; and {@code
   * slots[2s + 1]}, {@code value << 32 | (length + 1)}, which is 0 in a free slot.
   */
  private long[] slots;

  private int mask;
  private int size;
  private byte[] keyBytes = new byte[1 << 12];
  private int keyBytesEnd;

  /** Keeps the loads that warm the cache from being optimised away. */
  private long touched;

  /** An empty table. */
  IdTable() {
    slots = new long[2 * 1024];
    mask = 1024 - 1;
  }

  /** The number of keys. */
  int size() {
    return size;
  }

  /**
   * The value of the key {@code bytes[from, to)}, or -1 if there is none. Values are {@code >= 0}.
   */
  int get(byte[] bytes, int from, int to) {
    long word = word(bytes, from, to);
    int slot = find(bytes, from, to, hash(bytes, from, to, word), word);
    long meta = slots[2 * slot + 1];
    return meta == 0 ? -1 : (int) (meta >>> 32);
  }

  /**
   * Looks up {@code keys} {@code from} (inclusive) to {@code to} (exclusive), in order, and writes
   * the value of key {@code i} to {@code values[i]}. A key not in the table is added, with value
   * {@code newValue.applyAsInt(i)} (which must be {@code >= 0}), when it is first met; a key met
   * again later has that value.
   *
   * @throws IllegalStateException if the table would hold more than {@value #MAX_KEYS} keys, or
   *     more than 2 GiB of key bytes
   */
  void getOrAddAll(Keys keys, int from, int to, int[] values, IntUnaryOperator newValue) {
    // Pass 1: load each key's first slot, then the stored bytes of a long key it may hold. A tight
    // loop of independent loads lets the processor wait for many cache misses at once; measured,
    // this beats loading each slot right before its lookup.
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += slots[2 * (keys.hashes[i] & mask) + 1];
    }
    for (int i = from; keys.longKeys && i < to; i++) {
      int length = keys.ends[i] - keys.starts[i];
      if (length > INLINE_BYTES) {
        int slot = keys.hashes[i] & mask;
        if ((int) slots[2 * slot + 1] == length + 1) {
          sum += keyBytes[(int) slots[2 * slot]];
        }
      }
    }
    touched += sum;
    // Pass 2: the lookups, in order, now mostly from the cache.
    byte[] bytes = keys.bytes;
    for (int i = from; i < to; i++) {
      int start = keys.starts[i];
      int end = keys.ends[i];
      int hash = keys.hashes[i];
      long word = keys.words[i];
      int slot = find(bytes, start, end, hash, word);
      long meta = slots[2 * slot + 1];
      if (meta != 0) {
        values[i] = (int) (meta >>> 32);
      } else {
        if (size == MAX_KEYS) {
          throw new IllegalStateException("too many ids: at most " + MAX_KEYS + " fit");
        }
        int value = newValue.applyAsInt(i);
        if (2 * (size + 1) > mask + 1 && mask + 1 < MAX_SLOTS) {
          grow();
          slot = find(bytes, start, end, hash, word);
        }
        insert(slot, bytes, start, end, hash, word, value);
        values[i] = value;
      }
    }
  }

  /**
   * The slot holding the key {@code bytes[from, to)}, with hash {@code hash} and, if short, key
   * word {@code word}; or the free slot where it would go.
   */
  private int find(byte[] bytes, int from, int to, int hash, long word) {
    int length = to - from;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long meta = slots[2 * slot + 1];
      if (meta == 0) {
        return slot;
      }
      if ((int) meta == length + 1) {
        long key = slots[2 * slot];
        if (length <= INLINE_BYTES) {
          if (key == word) {
            return slot;
          }
        } else if ((int) (key >>> 32) == hash) {
          int start = (int) key;
          if (Arrays.equals(keyBytes, start, start + length, bytes, from, to)) {
            return slot;
          }
        }
      }
    }
  }

  private void insert(int slot, byte[] bytes, int from, int to, int hash, long word, int value) {
    int length = to - from;
    long key = word;
    if (length > INLINE_BYTES) {
      if (keyBytes.length - keyBytesEnd < length) {
        long needed = (long) keyBytesEnd + length;
        if (needed > MAX_KEY_BYTES) {
          throw new IllegalStateException("too many id bytes: at most 2 GiB fit");
        }
        long doubled = 2L * keyBytes.length;
        keyBytes =
            Arrays.copyOf(keyBytes, (int) Math.min(MAX_KEY_BYTES, Math.max(needed, doubled)));
      }
      System.arraycopy(bytes, from, keyBytes, keyBytesEnd, length);
      key = (long) hash << 32 | keyBytesEnd;
      keyBytesEnd += length;
    }
    slots[2 * slot] = key;
    slots[2 * slot + 1] = (long) value << 32 | (length + 1L);
    size++;
  }

  private void grow() {
    int capacity = mask + 1;
    long[] old = slots;
    slots = new long[4 * capacity];
    mask = 2 * capacity - 1;
    for (int at = 0; at < old.length; at += 2) {
      long meta = old[at + 1];
      if (meta != 0) {
        int length = (int) meta - 1;
        long key = old[at];
        int hash = length <= INLINE_BYTES ? hashPacked(key) : (int) (key >>> 32);
        int slot = hash & mask;
        while (slots[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = meta;
      }
    }
  }

  /** The key word of {@code bytes[from, to)}: its bytes if at most 8, else 0 (unused). */
  private static long word(byte[] bytes, int from, int to) {
    return to - from <= INLINE_BYTES ? Bytes.packed(bytes, from, to) : 0;
  }

  /** The hash of {@code bytes[from, to)}, whose key word is {@code word}. */
  private static int hash(byte[] bytes, int from, int to, long word) {
    return to - from <= INLINE_BYTES ? hashPacked(word) : hashBytes(bytes, from, to);
  }

  /** MurmurHash3's 64-bit finaliser, folded to 32 bits. */
  private static int hashPacked(long word) {
    long h = word;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** A 31-polynomial over the bytes, mixed by MurmurHash3's 32-bit finaliser. */
  private static int hashBytes(byte[] bytes, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * A batch of keys to look up, with their key words and hashes, computed as they are added (which
   * may be on another thread than the lookups, see {@link EdgeListReader}). The bytes of a key
   * longer than 8 bytes are copied; those of a shorter one are its key word.
   */
  static final class Keys {
    private byte[] bytes;
    private int bytesEnd;
    private int[] starts;
    private int[] ends;
    private int[] hashes;
    private long[] words;
    private boolean longKeys;
    private int size;

    /** An empty batch with room for {@code capacity} keys before it grows. */
    Keys(int capacity) {
      bytes = new byte[4 * capacity];
      starts = new int[capacity];
      ends = new int[capacity];
      hashes = new int[capacity];
      words = new long[capacity];
    }

    /** The number of keys. */
    int size() {
      return size;
    }

    /** Adds the key {@code source[from, to)}. */
    void add(byte[] source, int from, int to) {
      int length = to - from;
      if (size == starts.length) {
        int capacity = 2 * size;
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
        words = Arrays.copyOf(words, capacity);
      }
      words[size] = word(source, from, to);
      hashes[size] = hash(source, from, to, words[size]);
      if (length <= INLINE_BYTES) {
        starts[size] = 0; // a short key is all in its word: only longer keys are copied
        ends[size] = length;
      } else {
        if (bytes.length - bytesEnd < length) {
          long needed = Math.max(2L * bytes.length, (long) bytesEnd + length);
          bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_KEY_BYTES, needed));
        }
        System.arraycopy(source, from, bytes, bytesEnd, length);
        starts[size] = bytesEnd;
        ends[size] = bytesEnd + length;
        bytesEnd += length;
        longKeys = true;
      }
      size++;
    }

    /** Key {@code i} decoded as UTF-8. */
    String utf8(int i) {
      int length = ends[i] - starts[i];
      if (length > INLINE_BYTES) {
        return new String(bytes, starts[i], length, StandardCharsets.UTF_8);
      }
      byte[] key = new byte[length];
      for (int k = 0; k < length; k++) {
        key[k] = (byte) (words[i] >>> (Byte.SIZE * k));
      }
      return new String(key, StandardCharsets.UTF_8);
    }

    /** Removes every key. */
    void clear() {
      size = 0;
      bytesEnd = 0;
      longKeys = false;
    }
  }
}
