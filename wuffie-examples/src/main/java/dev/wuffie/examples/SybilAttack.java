package dev.wuffie.examples;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.io.EdgeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A sybil attack on a real trust network, and what seeds do against it. The honest community is the
 * bundled Bitcoin OTC network (positive ratings weigh the rating; negative ones are dropped). An
 * attacker creates {@code k} fakes that endorse each other and the attacker, and gets {@code g}
 * endorsements from honest members (a fixed-seed random pick). Under plain PageRank the fake
 * region's share of all reputation grows with {@code k}; teleporting to 5 seeds (the most trusted
 * members) it stays where the {@code g} honest endorsements put it, whatever {@code k}. The ratings
 * file, {@code rater,ratee,rating,unix seconds}, is read with {@link EdgeListReader#readRecords}.
 */
public final class SybilAttack {
  private static final String DATASET = "datasets/soc-sign-bitcoinotc.csv.gz";
  private static final String KIND = ScoringPolicy.IDENTITY_KIND;
  private static final String HEADER = "%-7s %3s %5s %12s %14s %7s%n";
  private static final String ROW = "%-7s %3d %5d %10.4f %% %,14d %,7d%n";

  private SybilAttack() {}

  /** Runs the attack for k in {10, 100, 1000} and g in {1, 10} and prints the table. */
  public static void main(String[] args) throws IOException {
    List<EdgeRecord> ratings = read(); // rater, rated, rating -10..10, time; by time
    Map<String, Double> received = new HashMap<>();
    TreeSet<String> raters = new TreeSet<>();
    for (EdgeRecord r : ratings) {
      if (rating(r) > 0) {
        received.merge(r.endorsed(), rating(r), Double::sum);
        raters.add(r.endorser());
      }
    }
    Map<String, Double> seeds = new LinkedHashMap<>(); // the 5 most positively rated members
    received.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(5)
        .forEach(e -> seeds.put(e.getKey(), 1.0));
    raters.removeAll(seeds.keySet());
    List<String> endorsers = new ArrayList<>(raters); // honest members who rated someone
    Collections.shuffle(endorsers, new Random(3));
    Instant time = ratings.get(ratings.size() - 1).time().orElseThrow();
    ScoringPolicy plain = ScoringPolicy.identity(); // plain weighted PageRank
    ScoringPolicy seeded = plain.toBuilder().seeds(seeds).build();
    System.out.printf(
        """
        Sybil attack on the Bitcoin OTC trust network (%s)
        k fakes endorse each other (rating 1) and the attacker (10), who endorses them back (10);
        g honest members endorse the attacker (10). seeded: teleport to %s.
        fake total: attacker + fakes, as a share of all reputation (what the honest members lose)

        """,
        DATASET, String.join(", ", seeds.keySet()));
    System.out.printf(HEADER, "policy", "g", "k", "fake total", "attacker rank", "of n");
    StringBuilder plainRows = new StringBuilder();
    StringBuilder seededRows = new StringBuilder();
    for (int g : new int[] {1, 10}) {
      Ledger ledger = honest(ratings);
      for (String h : endorsers.subList(0, g)) {
        ledger.record(Endorsement.rating(h, "attacker", KIND, 10, time));
      }
      int fakes = 0;
      for (int k : new int[] {10, 100, 1000}) {
        addFakes(ledger, fakes, k, time);
        fakes = k;
        plainRows.append(row("plain", g, k, Reputation.compute(ledger, plain)));
        seededRows.append(row("seeded", g, k, Reputation.compute(ledger, seeded)));
      }
    }
    System.out.print(plainRows);
    System.out.print(seededRows);
  }

  /** The honest community: positive ratings as endorsements; the rest only as contributors. */
  private static Ledger honest(List<EdgeRecord> ratings) {
    Ledger ledger = Ledger.create();
    for (EdgeRecord r : ratings) {
      if (rating(r) > 0) {
        Instant time = r.time().orElseThrow();
        ledger.record(Endorsement.rating(r.endorser(), r.endorsed(), KIND, rating(r), time));
      } else {
        ledger.addContributor(r.endorser());
        ledger.addContributor(r.endorsed());
      }
    }
    return ledger;
  }

  /** Grows the fake region from {@code from} fakes to {@code to}. */
  private static void addFakes(Ledger ledger, int from, int to, Instant time) {
    for (int j = from + 1; j <= to; j++) {
      List<Endorsement> batch = new ArrayList<>();
      batch.add(Endorsement.rating("attacker", "fake-" + j, KIND, 10, time));
      batch.add(Endorsement.rating("fake-" + j, "attacker", KIND, 10, time));
      for (int i = 1; i <= to; i++) {
        if (i != j) {
          batch.add(Endorsement.rating("fake-" + j, "fake-" + i, KIND, 1, time));
          if (i <= from) {
            batch.add(Endorsement.rating("fake-" + i, "fake-" + j, KIND, 1, time));
          }
        }
      }
      ledger.recordAll(batch);
    }
  }

  private static String row(String policy, int g, int k, Reputation reputation) {
    double total = reputation.score("attacker");
    for (int i = 1; i <= k; i++) {
      total += reputation.score("fake-" + i);
    }
    int rank = reputation.rank("attacker");
    return String.format(Locale.ROOT, ROW, policy, g, k, 100 * total, rank, reputation.size());
  }

  private static List<EdgeRecord> read() throws IOException {
    List<EdgeRecord> ratings = new ArrayList<>();
    try (InputStream in = SybilAttack.class.getClassLoader().getResourceAsStream(DATASET)) {
      if (in == null) {
        throw new IOException(DATASET + " is not on the class path");
      }
      EdgeListReader.create().readRecords(in, DATASET, ratings::add);
    }
    return ratings;
  }

  private static double rating(EdgeRecord r) {
    return r.weight().orElseThrow();
  }
}
