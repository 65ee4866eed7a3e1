package dev.wuffie.jdbc;

import dev.wuffie.Ledger;
import dev.wuffie.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of one query that a {@link SqlEventSource} applies to the ledger at once: whole, or (a
 * row refused) not at all. Not thread-safe.
 */
final class Batch {
  /** How {@link Ledger#apply} starts a refusal's message: with the entry's position. */
  private static final Pattern ELEMENT =
      Pattern.compile("batch element (\\d+): (.*)", Pattern.DOTALL);

  /** One entry of the batch and the row (or, for a contribution, the rows) it came from. */
  static final class Item {
    final Object key; // the site's id of the event, the contribution id, the merged alias
    private final String rowId; // null: the key's text (made only if a message needs it)
    final long cursor;
    private final String skipKey; // null: RowReader.skipKey of the row id (made when needed)
    final String refusedColumn; // the column blamed when the ledger refuses the entry
    LedgerEntry entry;
    int event = SourceState.NONE; // a removal: the ledger event it retracts
    Map<String, Double> shares; // a contribution: its authors so far
    Set<String> tags; // a contribution: the tags of its rows so far
    Instant time; // a contribution: its time

    Item(Object key, String rowId, long cursor, String skipKey, String refusedColumn) {
      this.key = key;
      this.rowId = rowId;
      this.cursor = cursor;
      this.skipKey = skipKey;
      this.refusedColumn = refusedColumn;
    }

    /** The row's id as text, or null if it has none. */
    String rowId() {
      return rowId != null || key == null ? rowId : key.toString();
    }

    /** The key under which a skipped row is remembered (see {@link RowReader#skipKey}). */
    String skipKey(Query query) {
      return skipKey != null ? skipKey : RowReader.skipKey(query, cursor, rowId());
    }
  }

  final Query query;
  final List<Item> items = new ArrayList<>();
  // The items by key, for the rows read into the batch (not consulted once it is applied): a
  // numeric key (most event ids) in a map without boxing, to its item's position; others by key.
  private final LongIntMap numericKeys = new LongIntMap();
  private final Map<Object, Item> otherKeys = new HashMap<>();
  final List<BadRow> skipped = new ArrayList<>();
  long maxCursor = Long.MIN_VALUE;
  int ignored;

  Batch(Query query) {
    this.query = query;
  }

  int size() {
    return items.size();
  }

  void add(Item item) {
    if (item.key instanceof Long id) {
      numericKeys.put(id, items.size());
    } else {
      otherKeys.put(item.key, item);
    }
    items.add(item);
  }

  /** Whether an item of the batch has {@code key}. */
  boolean has(Object key) {
    return key instanceof Long id
        ? numericKeys.get(id) != LongIntMap.NONE
        : otherKeys.containsKey(key);
  }

  /** The item with {@code key}, or null. */
  Item item(Object key) {
    if (key instanceof Long id) {
      int at = numericKeys.get(id);
      return at == LongIntMap.NONE ? null : items.get(at);
    }
    return otherKeys.get(key);
  }

  /**
   * Applies the batch to {@code ledger} and returns the id of its first event. When the ledger
   * refuses an entry, throws its row's {@link BadRowException} under {@link BadRows#FAIL}, the
   * ledger unchanged; under {@link BadRows#SKIP} drops the row and tries again without it.
   *
   * @throws IllegalArgumentException if the ledger refuses the batch without naming an entry
   * @throws IllegalStateException if the ledger is full
   */
  long apply(Ledger ledger, BadRows badRows) {
    while (true) {
      List<LedgerEntry> entries = new ArrayList<>(items.size());
      List<Item> itemAt = new ArrayList<>(items.size()); // the item behind each entry
      for (Item item : items) {
        if (item.entry instanceof LedgerEntry.Merge merge) {
          // The site's merges table names the person on purpose: register it if the ledger has
          // not seen it yet (Ledger refuses a merge into an unknown person otherwise).
          entries.add(LedgerEntry.contributor(merge.person()));
          itemAt.add(item);
        }
        entries.add(item.entry);
        itemAt.add(item);
      }
      try {
        return ledger.apply(entries);
      } catch (IllegalArgumentException e) {
        Matcher m = ELEMENT.matcher(String.valueOf(e.getMessage()));
        if (!m.matches()) {
          throw e;
        }
        Item item = itemAt.get(Integer.parseInt(m.group(1)));
        BadRow bad =
            new BadRow(
                query,
                item.rowId(),
                item.cursor,
                item.refusedColumn,
                "the ledger refuses it: " + m.group(2),
                item.skipKey(query));
        if (badRows == BadRows.FAIL) {
          throw bad.exception();
        }
        skipped.add(bad);
        items.remove(item); // the key maps are not read again: the rows were all read
      }
    }
  }

  /** Remembers in {@code state} what the batch applied, its first event being {@code first}. */
  void commit(SourceState state, long first) {
    int k = 0;
    for (Item item : items) {
      switch (query) {
        case EVENTS -> state.putEvent(item.key, Math.toIntExact(first + k++));
        case REMOVALS -> state.putEvent(item.key, ~item.event);
        case CONTRIBUTIONS -> state.contributions.add((String) item.key);
        case MERGES ->
            state.merges.put((String) item.key, ((LedgerEntry.Merge) item.entry).person());
      }
    }
    for (BadRow bad : skipped) {
      state.skipped.add(bad.key());
    }
    int q = query.ordinal();
    state.cursors[q] = Math.max(state.cursors[q], maxCursor);
  }
}
