package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.graph.EndorsementGraph;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class IndexSortTest {
  /**
   * A rank order started from a hint (right, nearly right, or wrong, with new indices after it) is
   * the order sorted from scratch, ties broken by id.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 50, 1000})
  void byScoreDescendingThenId_fromAHint_isTheSortedOrder(int swaps) {
    SplittableRandom random = new SplittableRandom(swaps);
    int n = 2000;
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    for (int i = 0; i < n; i++) {
      builder.addContributor("c" + random.nextInt(1_000_000) + "-" + i);
    }
    EndorsementGraph graph = builder.build();
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = random.nextInt(5) == 0 ? 0.25 : random.nextDouble(); // many ties
    }
    int[] sorted = IndexSort.byScoreDescendingThenId(scores, graph, null);
    int known = n - 1 - random.nextInt(100); // the hint ranks the first ones, the rest are new
    int[] hint = new int[known];
    int h = 0;
    for (int i : sorted) {
      if (i < known) {
        hint[h++] = i;
      }
    }
    for (int s = 0; s < swaps; s++) {
      int a = random.nextInt(known);
      int b = Math.min(known - 1, a + random.nextInt(1 + swaps));
      int t = hint[a];
      hint[a] = hint[b];
      hint[b] = t;
    }

    assertThat(IndexSort.byScoreDescendingThenId(scores, graph, hint)).isEqualTo(sorted);
    for (int r = 1; r < n; r++) {
      int a = sorted[r - 1];
      int b = sorted[r];
      assertThat(
              scores[a] > scores[b]
                  || scores[a] == scores[b] && graph.id(a).compareTo(graph.id(b)) < 0)
          .isTrue();
    }
  }
}
