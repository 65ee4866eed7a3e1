package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PairTableTest {

  @Test
  void add_samePairTwice_oneNumberAndSummedWeights() {
    PairTable pairs = new PairTable(4);

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
    PairTable pairs = new PairTable(4);

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
    PairTable pairs = new PairTable(4);

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
    PairTable pairs = new PairTable(1);

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
    PairTable pairs = new PairTable(1);
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
}
