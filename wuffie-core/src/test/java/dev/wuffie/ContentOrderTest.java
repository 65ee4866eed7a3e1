package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content order that compilation sums events in: the counting sort gives exactly the order a
 * stable comparison sort by (endorser, target, kind, time, value) gives, on ledgers with many ties,
 * long runs of one pair, contributions and kinds whose ids sort unlike their record order.
 */
final class ContentOrderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void countingSort_givesTheComparisonSortsOrder(int seed) {
    Random random = new Random(seed);
    Ledger ledger = Ledger.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    int people = 2 + random.nextInt(50 * seed);
    int contributions = random.nextInt(30);
    for (int c = 0; c < contributions; c++) {
      ledger.addContribution("p" + (contributions - c), NOW, "u" + random.nextInt(people));
    }
    for (int e = 0; e < 5_000; e++) {
      // few distinct times and values: ties on every field but the record order
      Instant time = NOW.minusSeconds(random.nextInt(4));
      String endorser = "u" + random.nextInt(random.nextInt(8) == 0 ? 2 : people);
      String kind = "k" + (9 - random.nextInt(3));
      if (contributions > 0 && random.nextInt(3) == 0) {
        ledger.record(
            Endorsement.ofContribution(
                endorser, "p" + (1 + random.nextInt(contributions)), kind, time));
      } else {
        String target = "u" + random.nextInt(random.nextInt(8) == 0 ? 2 : people);
        ledger.record(Endorsement.rating(endorser, target, kind, random.nextInt(3), time));
      }
    }
    LedgerSnapshot snapshot = ledger.snapshot();
    ContentOrder order = ContentOrder.of(snapshot);
    int[] events = new int[snapshot.eventCount()];
    for (int e = 0; e < events.length; e++) {
      events[e] = events.length - 1 - e; // not the record order, so stability shows
    }
    int[] expected = events.clone();
    IndexSort.sort(expected, order.events(snapshot));

    order.sort(snapshot, events);

    assertThat(events).containsExactly(expected);
  }
}
