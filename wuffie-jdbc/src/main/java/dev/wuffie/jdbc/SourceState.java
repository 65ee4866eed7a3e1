package dev.wuffie.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * What a {@link SqlEventSource} remembers between polls: the cursor of each query, the ledger event
 * of each site event id (so that a row read again changes nothing, and a removal finds its event),
 * the contributions and merges it registered, and the rows it skipped. Not thread-safe: the source
 * changes it under its lock.
 */
final class SourceState {
  static final int NONE = LongIntMap.NONE;

  /** Site event id to ledger event id, or to its complement {@code ~id} once retracted. */
  private final LongIntMap numericIds = new LongIntMap();

  private final Map<String, Integer> textIds = new HashMap<>();
  final Set<String> contributions = new HashSet<>();
  final Map<String, String> merges = new HashMap<>(); // alias to person
  final Set<String> skipped = new HashSet<>(); // BadRow.key() of each skipped row
  final long[] cursors = new long[Query.values().length];

  SourceState() {
    Arrays.fill(cursors, Long.MIN_VALUE);
  }

  /**
   * The key of a site id read from a result set: a {@code Long} for an integer (of any integer
   * type), else the value's text; null for null.
   */
  static Object key(Object value) {
    if (value == null) {
      return null;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    } else if (value instanceof BigDecimal decimal) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        return decimal.toPlainString();
      }
    }
    return value.toString();
  }

  /** The ledger event recorded for site id {@code key} ({@code ~id} if retracted), or NONE. */
  int event(Object key) {
    if (key instanceof Long id) {
      return numericIds.get(id);
    }
    Integer event = textIds.get((String) key);
    return event == null ? NONE : event;
  }

  void putEvent(Object key, int event) {
    if (key instanceof Long id) {
      numericIds.put(id, event);
    } else {
      textIds.put((String) key, event);
    }
  }

  /** Calls {@code action} with every site event id (a Long or a String) and its ledger event. */
  void forEachEvent(ObjIntConsumer<Object> action) {
    numericIds.forEach((key, event) -> action.accept(key, event));
    textIds.forEach(action::accept);
  }

  /** The number of site event ids remembered. */
  int eventCount() {
    return numericIds.size() + textIds.size();
  }
}
