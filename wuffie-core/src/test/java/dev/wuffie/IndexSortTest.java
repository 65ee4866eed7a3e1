package dev.wuffie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.graph.EndorsementGraph;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class IndexSortTest {
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
