package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.graph.EndorsementGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The radix sorts of {@link IndexSort} against the JDK's stable sort: ids in {@link
 * String#compareTo} order, ties in index order; long keys as unsigned numbers, ties in input order;
 * scores over the id order against the comparing merge sort.
 */
final class IndexSortTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void byId_givesStringOrderThenIndexOrder(int seed) {
    Random random = new Random(seed);
    String[] ids = new String[random.nextInt(3) == 0 ? random.nextInt(40) : 20_000];
    String[] prefixes = {"", "user-", "a", "ab", "x".repeat(300), "\u00e9t\u00e9-", "\uffff"};
    for (int i = 0; i < ids.length; i++) {
      ids[i] =
          random.nextInt(20) == 0 && i > 0
              ? ids[random.nextInt(i)] // a tie
              : prefixes[random.nextInt(prefixes.length)] + randomText(random);
    }

    assertThat(IndexSort.byId(ids.length, i -> ids[i])).containsExactly(stableOrder(ids));
  }

  @Test
  void byId_numericIds_stringOrderNotNumbers() {
    String[] ids = IntStream.range(0, 5_000).mapToObj(Integer::toString).toArray(String[]::new);

    int[] order = IndexSort.byId(ids.length, i -> ids[i]);

    assertThat(order).containsExactly(stableOrder(ids));
    assertThat(ids[order[0]]).isEqualTo("0");
    assertThat(ids[order[1]]).isEqualTo("1");
    assertThat(ids[order[2]]).isEqualTo("10");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void byId_prefixesAndCharsAtTheEdgesOfAPackedChar_stringOrder(boolean wide) {
    // a prefix before what it begins; \u0000 after the end of a shorter id; chars up to the
    // largest that packs into 9 bits, and (wide) above it, and surrogates; ids sharing hundreds of
    // chars
    List<String> ids = new ArrayList<>();
    String[] chars =
        wide
            ? new String[] {"", "\u0000", "a", "\u01ff", "\u0200", "\ud83d\ude00"}
            : new String[] {"", "\u0000", "\u0001", "a", "b", "\u01fe", "\u01ff"};
    for (String a : chars) {
      for (String b : chars) {
        for (String common : new String[] {"", "p", "q".repeat(400)}) {
          ids.add(common + a + b);
          ids.add(common + a + "z" + b);
        }
      }
    }
    String[] array = ids.toArray(String[]::new);

    assertThat(IndexSort.byId(array.length, i -> array[i])).containsExactly(stableOrder(array));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 11, 12, 13, 34, 63, 64})
  void radixSort_unsignedOrderStableWithValues(int bits) {
    Random random = new Random(bits);
    int n = 10_000;
    long[] keys = new long[n];
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      long key = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
      keys[i] = random.nextInt(4) == 0 && i > 0 ? keys[random.nextInt(i)] : key; // ties
      values[i] = i;
    }
    Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    long[] original = keys.clone();
    java.util.Arrays.sort(expected, (a, b) -> Long.compareUnsigned(original[a], original[b]));

    IndexSort.radixSort(keys, values, bits);

    assertThat(values)
        .containsExactly(java.util.Arrays.stream(expected).mapToInt(i -> i).toArray());
    for (int i = 0; i < n; i++) {
      assertThat(keys[i]).isEqualTo(original[values[i]]);
    }
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int k = random.nextInt(12); k > 0; k--) {
      text.append(
          switch (random.nextInt(6)) {
            case 0 -> (char) random.nextInt(0x10000);
            case 1 -> (char) (0x1f0 + random.nextInt(32)); // around the 9-bit limit
            default -> (char) ('0' + random.nextInt(10));
          });
    }
    return text.toString();
  }

  /** The indices of {@code ids} ordered by id, ties by index, by the JDK's stable sort. */
  private static int[] stableOrder(String[] ids) {
    return IntStream.range(0, ids.length)
        .boxed()
        .sorted(Comparator.comparing(i -> ids[i]))
        .mapToInt(i -> i)
        .toArray();
  }

  /** The radix sort by score over the id order gives the merge sort's order, ties by id. */
  @ParameterizedTest
  @ValueSource(ints = {10, 5000, 70_000})
  void byScoreDescendingThenId_radixOverIdOrder_isTheMergeSortsOrder(int n) {
    SplittableRandom random = new SplittableRandom(n);
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < n; i++) {
      builder.addContributor("c" + random.nextInt(1_000_000) + "-" + i);
    }
    EndorsementGraph graph = builder.build();
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) { // many ties, zeros, wide exponents
      int draw = random.nextInt(6);
      scores[i] =
          draw == 0
              ? 0.25
              : draw == 1
                  ? 0.0
                  : draw == 2
                      ? Math.scalb(random.nextDouble(), -random.nextInt(900))
                      : random.nextDouble();
    }
    int[] byId = IndexSort.ordered(n, (a, b) -> graph.id(a).compareTo(graph.id(b)));

    int[] radix = IndexSort.byScoreDescendingThenId(scores, graph, byId);

    assertThat(radix).isEqualTo(IndexSort.byScoreDescendingThenId(scores, graph, null));
    for (int r = 1; r < n; r++) {
      int a = radix[r - 1];
      int b = radix[r];
      assertThat(
              scores[a] > scores[b]
                  || scores[a] == scores[b] && graph.id(a).compareTo(graph.id(b)) < 0)
          .as("rank %s: %s %s, %s %s", r, scores[a], graph.id(a), scores[b], graph.id(b))
          .isTrue();
    }
  }
}
