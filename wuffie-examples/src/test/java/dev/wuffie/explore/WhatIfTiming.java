package dev.wuffie.explore;

import dev.wuffie.Decay;
import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long a what-if takes ({@link Explorer#whatIf}: re-scoring the ledger and comparing the
 * rankings), on generated ledgers of 100,000 and 1,000,000 events: one member per ten events,
 * endorsement targets skewed toward low numbers, upvotes and accepted answers over two years. Not a
 * test and not asserted: run it by hand on a quiet machine,
 *
 * <pre>
 * java -cp wuffie-examples/target/test-classes:wuffie-examples/target/classes:CLASSPATH \
 *     dev.wuffie.explore.WhatIfTiming [EVENTS...]
 * </pre>
 *
 * and it prints, for each size and each of two what-if policies (a kind's weight changed; an
 * influence cap and a reciprocal weight, which score in rounds), the milliseconds of five what-ifs
 * after two warm-ups.
 */
public final class WhatIfTiming {
  private WhatIfTiming() {}

  /** Times what-ifs on ledgers of the given event counts (default 100,000 and 1,000,000). */
  public static void main(String... args) {
    long[] sizes =
        args.length == 0
            ? new long[] {100_000, 1_000_000}
            : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
    ScoringPolicy current =
        ScoringPolicy.builder().decay(Decay.halfLife(Duration.ofDays(180))).build();
    List<ScoringPolicy> whatIfs =
        List.of(
            current.toBuilder().kind("accepted", 1).build(),
            current.toBuilder().influenceCap(0.5).reciprocalWeight(0.5).build());
    for (long events : sizes) {
      Ledger ledger = ledger((int) events, new SplittableRandom(14));
      Reputation reputation = Reputation.compute(ledger, current);
      Explorer explorer = Explorer.of(ledger, reputation, "generated", List.of());
      for (ScoringPolicy whatIf : whatIfs) {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
          long start = System.nanoTime();
          explorer.whatIf(whatIf);
          if (run >= 2) {
            millis.add((System.nanoTime() - start) / 1_000_000);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%,d events, %,d members, %s: what-if %s ms%n",
            events,
            reputation.size(),
            whatIf.influenceCap() < 1 ? "influence cap 0.5, reciprocal 0.5" : "accepted = 1",
            millis);
      }
    }
  }

  private static Ledger ledger(int events, SplittableRandom random) {
    int members = Math.max(2, events / 10);
    Ledger ledger = Ledger.builder().maxFuture(Duration.ofSeconds(Long.MAX_VALUE)).build();
    for (int i = 0; i < members; i++) {
      ledger.addContributor("m" + i);
    }
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    long span = Duration.ofDays(730).toSeconds();
    List<Endorsement> batch = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      int from = random.nextInt(members);
      int to = (int) (members * Math.pow(random.nextDouble(), 3));
      if (to == from) {
        to = (to + 1) % members;
      }
      String kind = random.nextInt(5) == 0 ? "accepted" : "upvote";
      batch.add(
          Endorsement.of("m" + from, "m" + to, kind, start.plusSeconds(random.nextLong(span))));
      if (batch.size() == 10_000) {
        ledger.recordAll(batch);
        batch.clear();
      }
    }
    ledger.recordAll(batch);
    return ledger;
  }
}
