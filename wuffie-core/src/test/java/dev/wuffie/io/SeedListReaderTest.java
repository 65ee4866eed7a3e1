package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SeedListReaderTest {

  @Test
  void read_idsWithAndWithoutWeights_sumsRepeats() throws IOException {
    Map<String, Double> seeds = read("# moderators\nalice\nbob,2.5\ncarol\t0\nalice 2\n");

    assertThat(seeds)
        .containsExactly(Map.entry("alice", 3.0), Map.entry("bob", 2.5), Map.entry("carol", 0.0));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "alice\\nbob,x\\n|seeds.txt:2: seed weight 'x' is not a number",
        "alice,-1\\n|seeds.txt:1: seed weight '-1' must be a finite number >= 0",
        "alice,NaN\\n|seeds.txt:1: seed weight 'NaN' must be a finite number >= 0",
        "alice,1,2\\n|seeds.txt:1: found 3 fields; expected id or id<sep>weight",
        "alice,0\\n|seeds.txt: no seed with a positive weight",
        "# nothing\\n|seeds.txt: no seed with a positive weight",
        "alice\\n,2\\n|seeds.txt:2: empty seed id; expected id or id<sep>weight",
        "alice,1e308\\nalice,1e308\\n|seeds.txt:2: the seed weights add up to more than a double"
            + " holds",
        "alice,1e308\\nbob,1e308\\n|seeds.txt:2: the seed weights add up to more than a double"
            + " holds",
      })
  void read_malformedInput_throwsNamingFileAndLine(String text, String message) {
    assertThatThrownBy(() -> read(text.replace("\\n", "\n")))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(message);
  }

  private static Map<String, Double> read(String text) throws IOException {
    return SeedListReader.read(new ByteArrayInputStream(text.getBytes(UTF_8)), "seeds.txt");
  }
}
