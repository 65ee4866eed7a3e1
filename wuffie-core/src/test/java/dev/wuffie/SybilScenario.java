package dev.wuffie;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A sybil attack on the Bitcoin OTC trust network (datasets/), the scenario of {@link
 * SybilAttackTest}.
 *
 * <p>The honest community: every positive rating is an {@link ScoringPolicy#IDENTITY_KIND} event
 * weighing the rating; negative ratings are dropped, but the accounts they name stay contributors
 * (5,881 honest contributors, 32,029 pairs, as in the reference fixtures). The seeds are the 5
 * members with the largest sum of positive ratings received, weight 1 each (the rule of {@code
 * reference/bitcoinotc-seeds.csv}).
 *
 * <p>The attack: an account {@value #ATTACKER} and fakes {@code fake-1 .. fake-k}. Every fake
 * endorses every other fake with the lowest positive rating, 1, and the attacker with the highest,
 * 10; the attacker endorses every fake (10). {@code g} honest members endorse the attacker once
 * (10): a fixed-seed random choice among the members who gave a positive rating, the seeds
 * excluded, so that the first endorser for {@code g = 1} is also the first for {@code g = 10}.
 */
final class SybilScenario {
  static final String ATTACKER = "attacker";
  static final String FAKE_PREFIX = "fake-";

  /** Fake-to-fake rating: the lowest positive one, so the ring pushes most to the attacker. */
  static final int FAKE_RATING = 1;

  /** The rating of every endorsement of the attacker, and of the attacker's of each fake. */
  static final int ATTACK_RATING = 10;

  static final int SEED_COUNT = 5;
  static final long ENDORSER_CHOICE_SEED = 3;

  final List<BitcoinOtc.Rating> ratings;
  final Map<String, Double> seeds;
  final Instant time; // of every attack event: the network's last rating
  private final List<String> endorserOrder;

  SybilScenario() {
    this.ratings = BitcoinOtc.ratings();
    Map<String, Long> received = new HashMap<>();
    TreeSet<String> raters = new TreeSet<>();
    Instant last = Instant.MIN;
    for (BitcoinOtc.Rating r : ratings) {
      if (r.value() > 0 && !r.rater().equals(r.rated())) {
        received.merge(r.rated(), (long) r.value(), Long::sum);
        raters.add(r.rater());
      }
      last = r.time().isAfter(last) ? r.time() : last;
    }
    List<String> byReceived = new ArrayList<>(received.keySet());
    byReceived.sort(
        (a, b) ->
            received.get(a).equals(received.get(b))
                ? a.compareTo(b)
                : Long.compare(received.get(b), received.get(a)));
    this.seeds = new LinkedHashMap<>();
    for (String seed : byReceived.subList(0, SEED_COUNT)) {
      seeds.put(seed, 1.0);
    }
    raters.removeAll(seeds.keySet());
    List<String> order = new ArrayList<>(raters);
    Collections.shuffle(order, new Random(ENDORSER_CHOICE_SEED));
    this.endorserOrder = order;
    this.time = last;
  }

  /** The {@code g} honest members who endorse the attacker; a prefix of those for a larger g. */
  List<String> endorsers(int g) {
    return endorserOrder.subList(0, g);
  }

  /** The plain PageRank policy: identity weights, uniform teleport. */
  static ScoringPolicy plain() {
    return ScoringPolicy.identity();
  }

  /** The same, teleporting to the seeds. */
  ScoringPolicy seeded() {
    return ScoringPolicy.identity().toBuilder().seeds(seeds).build();
  }

  /** A ledger of the honest community alone. */
  Ledger honestLedger() {
    Ledger ledger = Ledger.create();
    for (BitcoinOtc.Rating r : ratings) {
      if (r.value() > 0) {
        ledger.record(
            Endorsement.rating(
                r.rater(), r.rated(), ScoringPolicy.IDENTITY_KIND, r.value(), r.time()));
      } else {
        ledger.addContributor(r.rater());
        ledger.addContributor(r.rated());
      }
    }
    return ledger;
  }

  /** Records the endorsements of the attacker by {@code endorsers}; returns their event ids. */
  long[] endorseAttacker(Ledger ledger, List<String> endorsers) {
    long[] events = new long[endorsers.size()];
    for (int i = 0; i < events.length; i++) {
      events[i] = ledger.record(rating(endorsers.get(i), ATTACKER, ATTACK_RATING));
    }
    return events;
  }

  /**
   * Grows the fake region from {@code from} fakes to {@code to}: records every endorsement between
   * the attacker and fakes {@code 1 .. to} that is not there yet.
   */
  void addFakes(Ledger ledger, int from, int to) {
    String[] fakes = new String[to + 1];
    for (int i = 1; i <= to; i++) {
      fakes[i] = fake(i);
    }
    for (int j = from + 1; j <= to; j++) {
      List<Endorsement> batch = new ArrayList<>(2 * to + 1);
      batch.add(rating(ATTACKER, fakes[j], ATTACK_RATING));
      batch.add(rating(fakes[j], ATTACKER, ATTACK_RATING));
      for (int i = 1; i <= to; i++) {
        if (i != j) {
          batch.add(rating(fakes[j], fakes[i], FAKE_RATING));
          if (i <= from) {
            batch.add(rating(fakes[i], fakes[j], FAKE_RATING));
          }
        }
      }
      ledger.recordAll(batch);
    }
  }

  static String fake(int i) {
    return FAKE_PREFIX + i;
  }

  /** The summed score of the attacker and its {@code k} fakes. */
  static double fakeTotal(Reputation reputation, int k) {
    double total = reputation.score(ATTACKER);
    for (int i = 1; i <= k; i++) {
      total += reputation.score(fake(i));
    }
    return total;
  }

  private Endorsement rating(String endorser, String endorsed, int value) {
    return Endorsement.rating(endorser, endorsed, ScoringPolicy.IDENTITY_KIND, value, time);
  }
}
