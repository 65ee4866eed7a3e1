package dev.wuffie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.PersonalTrust;
import dev.wuffie.Reputation;
import dev.wuffie.io.EdgeListReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TrustViewTest {
  private static final Path BITCOIN_OTC = CliRun.resource("datasets/soc-sign-bitcoinotc.csv.gz");
  private static final Pattern ROW =
      Pattern.compile("(?m)^ *(\\d+)  (\\S+) +([0-9.]+) +([\\d,]+)$");

  private static Reputation reputation;

  @BeforeAll
  static void score() throws IOException {
    reputation =
        Reputation.compute(EdgeListReader.create().dropNegative(true).read(BITCOIN_OTC).graph());
  }

  @Test
  void scoreFrom_member_printsItsViewWithGlobalRanks() {
    CliRun run =
        CliRun.of(
            "score",
            "--input",
            BITCOIN_OTC.toString(),
            "--drop-negative",
            "--from",
            "35",
            "--top",
            "5");

    PersonalTrust trust = reputation.trustFrom("35");
    List<PersonalTrust.Trusted> expected = trust.top(5);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^from +35: personalized trust over the trust graph")
        .contains("top 5 of 5,881 contributors as seen from 35 (35 excluded)");
    Matcher m = ROW.matcher(run.out().substring(run.out().indexOf("as seen from 35")));
    for (int rank = 1; rank <= 5; rank++) {
      assertThat(m.find()).isTrue();
      PersonalTrust.Trusted t = expected.get(rank - 1);
      assertThat(m.group(1)).isEqualTo(String.valueOf(rank));
      assertThat(m.group(2)).isEqualTo(t.id()).isNotEqualTo("35");
      assertThat(Double.parseDouble(m.group(3))).isCloseTo(t.score(), within(1e-6));
      assertThat(m.group(4).replace(",", "")).isEqualTo(String.valueOf(reputation.rank(t.id())));
    }
    assertThat(m.find()).isFalse();
  }

  @Test
  void explainFrom_member_splitsTheTrustIntoEndorserTermsThatAddUp() {
    CliRun run =
        CliRun.of(
            "explain",
            "--input",
            BITCOIN_OTC.toString(),
            "--drop-negative",
            "--from",
            "35",
            "--id",
            "1");

    // a lower bound within the printed L1 bound of 35's exact trust in 1 (a 1e-12 solve)
    double exact = reputation.trustFrom(Map.of("35", 1.0), 1e-12).score("1");
    assertThat(run.exitCode()).isZero();
    Matcher bound =
        Pattern.compile("(?m)^from +35: .* L1 error <= ([0-9.e-]+)$").matcher(run.out());
    assertThat(bound.find()).isTrue();
    Matcher line = Pattern.compile("(?m)^trust +([0-9.]+) as seen from 35").matcher(run.out());
    assertThat(line.find()).isTrue();
    double printed = Double.parseDouble(line.group(1)); // to 7 decimals
    assertThat(printed).isBetween(exact - Double.parseDouble(bound.group(1)) - 5e-8, exact + 5e-8);
    Matcher sum = Pattern.compile("terms sum to ([0-9.]+) \\(trust ([0-9.]+),").matcher(run.out());
    assertThat(sum.find()).isTrue();
    // each term is d * trust(u) * w_u1 / W_u from lower bounds: within the error bound of the trust
    assertThat(Double.parseDouble(sum.group(1)))
        .isCloseTo(Double.parseDouble(sum.group(2)), within(PersonalTrust.DEFAULT_ACCURACY));
    assertThat(run.out()).containsPattern("(?m)^endorser +\\S+ +[0-9.]+ +[0-9.]+%$");
  }

  @Test
  void scoreFrom_unknownMember_exitsTwoWithOneLine() {
    CliRun run =
        CliRun.of("score", "--input", BITCOIN_OTC.toString(), "--drop-negative", "--from", "x9");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown contributor 'x9' for --from")
        .contains("which has 5,881 contributors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"score", "explain"})
  void fromAndScope_together_exitTwoSayingTheyExcludeEachOther(String command) {
    CliRun run =
        CliRun.of(command, "--input", BITCOIN_OTC.toString(), "--from", "35", "--scope", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scope and --from exclude each other");
    assertThat(run.out()).isEmpty();
  }
}
