package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TextRecordsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "commas, trimmed|' a , b ,, c '|[a, b, , c]",
        "a comma wins over tabs|'a\tb,c'|[a\tb, c]",
        "tabs, trimmed|'a \t b\t\tc'|[a, b, , c]",
        "runs of spaces and control characters|' a  b\u000bc\u0000d '|[a, b, c, d]",
        "a tab among the trailing blanks makes a tab line|'a b\t'|[a b]",
        "a tab among the leading blanks does not|'\ta b'|[a, b]",
        "trailing comma|'a,b,'|[a, b, ]",
        "non-breaking space is no blank|'a\u00a0b c'|[a\u00a0b, c]",
      })
  void next_oneLine_splitsIntoTrimmedFields(String what, String line, String fields)
      throws IOException {
    assertThat(records(line + "\n")).containsExactly(fields);
  }

  @Test
  void next_commentsBlankLinesAndLineEnds_skippedAndCounted() throws IOException {
    TextRecords records =
        new TextRecords(
            new ByteArrayInputStream("# c\r\n\r\n  % c\r\ra b\n\n\rc,d".getBytes(UTF_8)), "x");

    assertThat(records.next()).isTrue();
    assertThat(records.lineNumber()).isEqualTo(5);
    assertThat(records.next()).isTrue();
    assertThat(records.lineNumber()).isEqualTo(8);
    assertThat(records.field(1)).isEqualTo("d");
    assertThat(records.next()).isFalse();
  }

  @Test
  void next_randomLinesInRandomReads_sameFieldsAsReferenceSplitter() throws IOException {
    Random random = new Random(11);
    String alphabet = "ab, \t\u000b\u0000#%é日\r\n";
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      byte[] bytes = text.toString().getBytes(UTF_8);

      List<String> expected = new ArrayList<>();
      ReferenceEdgeListReader.Lines reference =
          new ReferenceEdgeListReader.Lines(new ByteArrayInputStream(bytes), "x");
      while (reference.next()) {
        expected.add(reference.fields.toString());
      }
      assertThat(records(new ChunkedInputStream(bytes, 4, n)))
          .as(text.toString())
          .isEqualTo(expected);
    }
  }

  private static List<String> records(String text) throws IOException {
    return records(new ByteArrayInputStream(text.getBytes(UTF_8)));
  }

  private static List<String> records(java.io.InputStream in) throws IOException {
    TextRecords records = new TextRecords(in, "x");
    List<String> out = new ArrayList<>();
    while (records.next()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < records.fieldCount(); i++) {
        fields.add(records.field(i));
      }
      out.add(fields.toString());
    }
    return out;
  }
}
