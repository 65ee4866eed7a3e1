package dev.wuffie.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

final class RankCorrelationTest {
  @Test
  void spearmanAndKendall_twoSwaps_areTheTextbookValues() {
    // Five members, ranks 1..5 and 2,1,4,3,5: sum d^2 = 4, so rho = 1 - 6 * 4 / (5 * 24) = 0.8;
    // 2 discordant pairs of 10, so tau = 1 - 4 * 2 / 20 = 0.6.
    int[] first = {1, 2, 3, 4, 5};
    int[] second = {2, 1, 4, 3, 5};

    assertThat(RankCorrelation.spearman(first, second)).isCloseTo(0.8, within(1e-15));
    assertThat(RankCorrelation.kendall(first, second)).isCloseTo(0.6, within(1e-15));
  }

  @Test
  void spearmanAndKendall_reversed_areMinusOne() {
    int[] first = {3, 1, 4, 2};
    int[] second = {2, 4, 1, 3};

    assertThat(RankCorrelation.spearman(first, second)).isEqualTo(-1.0);
    assertThat(RankCorrelation.kendall(first, second)).isEqualTo(-1.0);
  }

  @Test
  void kendall_randomPermutations_equalsCountingEveryPair() {
    Random random = new Random(14);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + random.nextInt(300);
      int[] first = permutation(n, random);
      int[] second = permutation(n, random);
      long discordant = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (Integer.signum(first[i] - first[j]) != Integer.signum(second[i] - second[j])) {
            discordant++;
          }
        }
      }
      double tau = (n * (n - 1) / 2.0 - 2.0 * discordant) / (n * (n - 1) / 2.0);

      assertThat(RankCorrelation.kendall(first, second)).isCloseTo(tau, within(1e-12));
    }
  }

  @Test
  void correlation_badRankings_throwWithTheSizes() {
    assertThatThrownBy(() -> RankCorrelation.spearman(new int[] {1}, new int[] {1}))
        .hasMessage(
            "rankings of 1 and 1 members: give two rankings of the same members, at least two");
    assertThatThrownBy(() -> RankCorrelation.kendall(new int[] {1, 2}, new int[] {1, 2, 3}))
        .hasMessageStartingWith("rankings of 2 and 3 members");
    assertThatThrownBy(() -> RankCorrelation.kendall(new int[] {1, 1}, new int[] {1, 2}))
        .hasMessage("rank 1 of member 1 is out of 1..2 or given twice");
  }

  private static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = p[i];
      p[i] = p[j];
      p[j] = swap;
    }
    return p;
  }
}
