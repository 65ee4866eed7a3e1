package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PairTableTest {

  @Test
  void add_samePairTwice_oneNumberAndSummedWeights() {
    PairTable pairs = new PairTable(8, 4);

    pairs.add(3, 7, 2.0, 0.5);
    pairs.add(3, 7, 1.0, 1.0);

    assertThat(pairs.size()).isEqualTo(1);
    assertThat(pairs.find(3, 7)).isZero();
    assertThat(pairs.trust(0)).isEqualTo(3.0);
    assertThat(pairs.decayedTrust(0)).isEqualTo(2.0); // 2 * 0.5 + 1 * 1
    assertThat(pairs.distrust(0)).isZero();
    assertThat(pairs.decayedDistrust(0)).isZero();
  }

  @Test
  void add_negativeWeight_summedAsDistrustApartFromTrust() {
    PairTable pairs = new PairTable(8, 4);

    pairs.add(1, 2, 1.0, 0.5);
    pairs.add(1, 2, -2.0, 0.25);
    pairs.add(1, 2, -1.0, 1.0);

    assertThat(pairs.trust(0)).isEqualTo(1.0);
    assertThat(pairs.decayedTrust(0)).isEqualTo(0.5);
    assertThat(pairs.distrust(0)).isEqualTo(3.0); // a positive amount
    assertThat(pairs.decayedDistrust(0)).isEqualTo(1.5); // 2 * 0.25 + 1 * 1
  }

  @Test
  void find_orderedPairs_numberedInFirstSeenOrder_reversedPairIsAnother() {
    PairTable pairs = new PairTable(8, 4);

    pairs.add(5, 1, 1, 1);
    pairs.add(1, 5, 1, 1);
    pairs.add(0, 0, 1, 1);

    assertThat(pairs.find(5, 1)).isEqualTo(0);
    assertThat(pairs.find(1, 5)).isEqualTo(1);
    assertThat(pairs.find(0, 0)).isEqualTo(2);
    assertThat(pairs.find(1, 0)).isEqualTo(-1);
    assertThat(pairs.endorser(1)).isEqualTo(1);
    assertThat(pairs.endorsed(1)).isEqualTo(5);
  }

  @Test
  void endorserAndEndorsed_largeIndices_unpackedIntact() {
    PairTable pairs = new PairTable(1, 1);

    pairs.add(Integer.MAX_VALUE, 0, 1, 1);
    pairs.add(0, Integer.MAX_VALUE, 1, 1);

    assertThat(pairs.endorser(0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(pairs.endorsed(0)).isZero();
    assertThat(pairs.endorser(1)).isZero();
    assertThat(pairs.endorsed(1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(pairs.find(Integer.MAX_VALUE, 0)).isZero();
  }

  @Test
  void add_farMorePairsThanExpected_growsAndFindsEveryPair() {
    PairTable pairs = new PairTable(1, 1);
    int n = 150; // 22,350 ordered pairs: many rehashes and array growths

    for (int u = 0; u < n; u++) {
      for (int v = 0; v < n; v++) {
        if (u != v) {
          pairs.add(u, v, u + 1, 0.5);
        }
      }
    }
    for (int u = 0; u < n; u++) {
      pairs.add(u, (u + 1) % n, -1, 1); // a second visit to existing pairs
    }

    assertThat(pairs.size()).isEqualTo(n * (n - 1));
    int number = 0;
    for (int u = 0; u < n; u++) {
      for (int v = 0; v < n; v++) {
        if (u != v) {
          assertThat(pairs.find(u, v)).as("%s -> %s", u, v).isEqualTo(number);
          assertThat(pairs.endorser(number)).isEqualTo(u);
          assertThat(pairs.endorsed(number)).isEqualTo(v);
          assertThat(pairs.trust(number)).isEqualTo(u + 1.0);
          assertThat(pairs.decayedTrust(number)).isEqualTo((u + 1) * 0.5);
          assertThat(pairs.distrust(number)).isEqualTo(v == (u + 1) % n ? 1.0 : 0.0);
          number++;
        }
      }
      assertThat(pairs.find(u, u)).isEqualTo(-1);
    }
  }

  /**
   * Pairs added one endorser at a time (the dense path), with endorsers that come back, indices
   * beyond the dense arrays, and finds in between (each switches to the hash table at some point):
   * numbers in first-seen order and sums exactly as a map keeps them.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void add_anyOrderAndAnyMode_numbersAndSumsAsAMap(int scenario) {
    Random random = new Random(scenario);
    int contributors = 200;
    List<int[]> adds = new ArrayList<>();
    for (int u = 0; u < contributors; u++) {
      for (int k = random.nextInt(6); k > 0; k--) {
        adds.add(new int[] {u, random.nextInt(contributors), random.nextInt(5) - 1});
      }
    }
    switch (scenario) {
      case 1 -> adds.add(new int[] {3, 4, 1}); // endorser 3 comes back at the end
      case 2 -> adds.add(adds.size() / 2, new int[] {150, contributors + 7, 2}); // beyond
      case 3 -> java.util.Collections.shuffle(adds, random); // no order at all
      default -> {}
    }
    PairTable pairs = new PairTable(contributors, 4);
    Map<List<Integer>, double[]> expected = new LinkedHashMap<>();
    for (int i = 0; i < adds.size(); i++) {
      int[] a = adds.get(i);
      double weight = a[2] == 0 ? 0.5 : a[2];
      pairs.add(a[0], a[1], weight, 0.25);
      double[] sums = expected.computeIfAbsent(List.of(a[0], a[1]), key -> new double[4]);
      sums[weight > 0 ? 0 : 2] += Math.abs(weight);
      sums[weight > 0 ? 1 : 3] += Math.abs(weight) * 0.25;
      if (scenario == 4 && i == adds.size() / 3) {
        assertThat(pairs.find(a[0], a[1])).isEqualTo(expected.size() - 1); // builds the table
      }
    }

    assertThat(pairs.size()).isEqualTo(expected.size());
    int number = 0;
    for (Map.Entry<List<Integer>, double[]> pair : expected.entrySet()) {
      int u = pair.getKey().get(0);
      int v = pair.getKey().get(1);
      assertThat(pairs.endorser(number)).isEqualTo(u);
      assertThat(pairs.endorsed(number)).isEqualTo(v);
      assertThat(
              new double[] {
                pairs.trust(number),
                pairs.decayedTrust(number),
                pairs.distrust(number),
                pairs.decayedDistrust(number)
              })
          .containsExactly(pair.getValue());
      assertThat(pairs.find(u, v)).isEqualTo(number);
      number++;
    }
    assertThat(pairs.find(contributors - 1, contributors + 100)).isEqualTo(-1);
  }

  /**
   * Renumbered in graph order (by endorsed, then endorser), with or without the error bounds kept,
   * then added to and taken from: every pair keeps its sums and is found under its new number, the
   * renumbered ones come first in that order, and {@link PairTable#inEdgeOrder} lists every pair
   * once, in that order, with the ones added since merged in; a second renumbering follows it.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sortByEndorsed_thenAddAndRemove_keepsSumsAndListsPairsInGraphOrder(boolean kept) {
    Random random = new Random(kept ? 7 : 8);
    int contributors = 150;
    PairTable pairs = new PairTable(contributors, 4);
    Map<List<Integer>, double[]> expected = new LinkedHashMap<>();
    for (int i = 0; i < 2_000; i++) {
      add(pairs, expected, random.nextInt(contributors), random.nextInt(contributors), random);
    }
    if (kept) {
      pairs.indexAll();
    }
    assertThat(pairs.inEdgeOrder()).isNull();
    assertThat(pairs.unsorted()).isEqualTo(pairs.size());

    pairs.sortByEndorsed();

    assertThat(pairs.unsorted()).isZero();
    for (int pair = 1; pair < pairs.size(); pair++) {
      assertThat(graphOrder(pairs, pair - 1)).isLessThan(graphOrder(pairs, pair));
    }
    assertSums(pairs, expected);
    int sorted = pairs.size();
    for (int i = 0; i < 300; i++) { // new pairs among contributors beyond the first ones, too
      add(pairs, expected, random.nextInt(contributors + 20), random.nextInt(contributors), random);
    }
    for (Map.Entry<List<Integer>, double[]> pair : expected.entrySet()) {
      if (pair.getValue()[0] > 2 && random.nextInt(4) == 0) { // two trust weights, 1 or 2 each
        pairs.remove(pair.getKey().get(0), pair.getKey().get(1), 2.0, 0.25);
        pair.getValue()[0] -= 2.0;
        pair.getValue()[1] -= 0.5;
      }
    }
    assertThat(pairs.unsorted()).isEqualTo(pairs.size() - sorted).isPositive();
    assertSums(pairs, expected);
    int[] order = pairs.inEdgeOrder();
    assertThat(order).hasSize(pairs.size());
    assertThat(java.util.Arrays.stream(order).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, pairs.size()).toArray());
    for (int i = 1; i < order.length; i++) {
      assertThat(graphOrder(pairs, order[i - 1])).isLessThan(graphOrder(pairs, order[i]));
    }

    pairs.sortByEndorsed(); // again: in the merged order, the hash table renumbered

    assertThat(pairs.unsorted()).isZero();
    for (int pair = 1; pair < pairs.size(); pair++) {
      assertThat(graphOrder(pairs, pair - 1)).isLessThan(graphOrder(pairs, pair));
    }
    assertSums(pairs, expected);
  }

  /** Adds a trust weight of 2, or a distrust weight of 1, to {@code u -> v} unless a loop. */
  private static void add(
      PairTable pairs, Map<List<Integer>, double[]> expected, int u, int v, Random random) {
    if (u == v) {
      return;
    }
    double weight = random.nextBoolean() ? 2.0 : -1.0;
    pairs.add(u, v, weight, 0.25);
    double[] sums = expected.computeIfAbsent(List.of(u, v), key -> new double[4]);
    sums[weight > 0 ? 0 : 2] += Math.abs(weight);
    sums[weight > 0 ? 1 : 3] += Math.abs(weight) * 0.25;
  }

  private static void assertSums(PairTable pairs, Map<List<Integer>, double[]> expected) {
    assertThat(pairs.size()).isEqualTo(expected.size());
    for (Map.Entry<List<Integer>, double[]> pair : expected.entrySet()) {
      int number = pairs.find(pair.getKey().get(0), pair.getKey().get(1));
      assertThat(pairs.endorser(number)).isEqualTo(pair.getKey().get(0));
      assertThat(pairs.endorsed(number)).isEqualTo(pair.getKey().get(1));
      assertThat(
              new double[] {
                pairs.trust(number),
                pairs.decayedTrust(number),
                pairs.distrust(number),
                pairs.decayedDistrust(number)
              })
          .as("%s", pair.getKey())
          .containsExactly(pair.getValue());
    }
  }

  /** The pair's place in a graph's order: (endorsed, endorser). */
  private static long graphOrder(PairTable pairs, int pair) {
    return (long) pairs.endorsed(pair) * Integer.MAX_VALUE + pairs.endorser(pair);
  }

  /**
   * A kept table saturates a pair's trust once, again after the trust changed, and the kept value
   * follows the pair through a renumbering; a table that is not kept saturates every time.
   */
  @Test
  void saturatedTrust_keptTable_computedOnceUntilTheTrustChanges() {
    int[] calls = new int[1];
    Saturation counting =
        total -> {
          calls[0]++;
          return Math.sqrt(total);
        };
    PairTable pairs = new PairTable(10, 4);
    pairs.add(5, 1, 4.0, 1.0);
    pairs.add(2, 3, 9.0, 1.0);
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(2.0);
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(2.0);
    assertThat(calls[0]).isEqualTo(2);

    pairs.indexAll();
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(2.0);
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(2.0);
    assertThat(calls[0]).isEqualTo(3);
    pairs.add(5, 1, 12.0, 1.0);
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(4.0);
    assertThat(calls[0]).isEqualTo(4);
    pairs.remove(5, 1, 12.0, 1.0);
    pairs.sortByEndorsed(); // 5 -> 1 comes first now, 2 -> 3 second
    assertThat(pairs.endorser(0)).isEqualTo(5);
    assertThat(pairs.saturatedTrust(0, counting)).isEqualTo(2.0);
    assertThat(pairs.saturatedTrust(1, counting)).isEqualTo(3.0);
    assertThat(pairs.saturatedTrust(1, counting)).isEqualTo(3.0);
    assertThat(calls[0]).isEqualTo(6);
  }
}
