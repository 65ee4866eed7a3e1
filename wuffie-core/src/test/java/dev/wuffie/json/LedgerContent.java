package dev.wuffie.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.LedgerEntry;
import dev.wuffie.LedgerSnapshot;
import java.util.List;
import java.util.stream.Collectors;

/** Compares ledger snapshots by their counts and their entries. */
final class LedgerContent {
  private LedgerContent() {}

  /**
   * Asserts that {@code actual} holds what {@code expected} holds: the same counts and the same
   * {@linkplain LedgerSnapshot#entries() entries} (ids in the same order, contributions with their
   * times and shares bit for bit, events with their values and times, merges and retractions).
   */
  static void assertSame(LedgerSnapshot expected, LedgerSnapshot actual) {
    assertThat(actual.contributorCount()).isEqualTo(expected.contributorCount());
    assertThat(actual.contributionCount()).isEqualTo(expected.contributionCount());
    assertThat(actual.eventCount()).isEqualTo(expected.eventCount());
    assertThat(actual.liveEventCount()).isEqualTo(expected.liveEventCount());
    List<LedgerEntry> entries = expected.entries().toList();
    List<LedgerEntry> actualEntries = actual.entries().toList();
    for (int i = 0; i < Math.min(entries.size(), actualEntries.size()); i++) {
      if (!actualEntries.get(i).equals(entries.get(i))) {
        throw new AssertionError(
            "entry " + i + ": expected " + entries.get(i) + ", got " + actualEntries.get(i));
      }
    }
    assertThat(actualEntries).hasSameSizeAs(entries);
    assertThat(actual.toString()).isEqualTo(expected.toString());
  }

  /** Everything a snapshot holds, as text: equal texts for equal content. */
  static String of(LedgerSnapshot s) {
    return s + "\n" + s.entries().map(String::valueOf).collect(Collectors.joining("\n"));
  }
}
