package dev.wuffie.json;

import java.nio.charset.StandardCharsets;

/**
 * One String per distinct short id read from a file: an id of 1 to 16 ASCII bytes is looked up by
 * its bytes, packed into two longs, and the String made the first time is handed out again. So a
 * ledger file's millions of mentions of its contributors make no String each, and the ledger, given
 * the very String it interned, finds it by its cached hash and by identity. The bytes of an id are
 * its key exactly (ids hold no NUL, so zero padding is unambiguous), and the table never reads a
 * String to compare. It stops taking new ids at {@link #MAX_IDS}; longer ids and ids after that get
 * a new String each time. Not thread-safe.
 */
final class ShortIds {
  /** The most ids kept: a table of at most 16 MiB of keys. */
  static final int MAX_IDS = 1 << 19;

  private long[] keys = new long[2 * 1024]; // two per slot: bytes 0-7 and 8-15, zero-padded
  private String[] ids = new String[1024]; // null: an empty slot
  private int size;

  /**
   * The id in the ASCII bytes {@code text[from, to)}, which hold no NUL, no quote and no backslash.
   */
  String id(byte[] text, int from, int to) {
    int length = to - from;
    if (length > 16) {
      return new String(text, from, length, StandardCharsets.ISO_8859_1);
    }
    long k0 = pack(text, from, Math.min(to, from + 8));
    long k1 = length > 8 ? pack(text, from + 8, to) : 0;
    int mask = ids.length - 1;
    for (int slot = hash(k0, k1) & mask; ; slot = (slot + 1) & mask) {
      String id = ids[slot];
      if (id == null) {
        id = new String(text, from, length, StandardCharsets.ISO_8859_1);
        if (size < MAX_IDS) {
          add(slot, k0, k1, id);
        }
        return id;
      }
      if (keys[2 * slot] == k0 && keys[2 * slot + 1] == k1) {
        return id;
      }
    }
  }

  private void add(int slot, long k0, long k1, String id) {
    keys[2 * slot] = k0;
    keys[2 * slot + 1] = k1;
    ids[slot] = id;
    if (++size > ids.length / 2) {
      long[] oldKeys = keys;
      String[] oldIds = ids;
      keys = new long[2 * 2 * oldIds.length];
      ids = new String[2 * oldIds.length];
      int mask = ids.length - 1;
      for (int i = 0; i < oldIds.length; i++) {
        if (oldIds[i] != null) {
          int s = hash(oldKeys[2 * i], oldKeys[2 * i + 1]) & mask;
          while (ids[s] != null) {
            s = (s + 1) & mask;
          }
          keys[2 * s] = oldKeys[2 * i];
          keys[2 * s + 1] = oldKeys[2 * i + 1];
          ids[s] = oldIds[i];
        }
      }
    }
  }

  /** Up to 8 bytes, little-endian. */
  private static long pack(byte[] text, int from, int to) {
    long key = 0;
    for (int i = to - 1; i >= from; i--) {
      key = (key << 8) | (text[i] & 0xff);
    }
    return key;
  }

  private static int hash(long k0, long k1) {
    long h = k0 * 0x9e3779b97f4a7c15L + k1;
    h ^= h >>> 31;
    h *= 0xbf58476d1ce4e5b9L;
    return (int) (h ^ (h >>> 29));
  }
}
