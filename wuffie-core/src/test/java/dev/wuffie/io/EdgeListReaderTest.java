package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.graph.EndorsementGraph;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class EdgeListReaderTest {
  @TempDir Path dir;

  @Test
  void read_mixedSeparatorsCommentsAndLineEnds_parsesEveryRecord() throws IOException {
    String text =
        "# a comment\r\n"
            + "% another\r\n"
            + "\r\n"
            + "a,b,2,1289241911.72\r\n"
            + "a\tc\t1.5\n"
            + "b   c\r"
            + "  c , a , , 17 \n"
            + "a,b,3\n"
            + "d,d,4\n";

    EdgeListReader.Result result = read(text.getBytes(UTF_8));
    EndorsementGraph graph = result.graph();

    assertThat(result.records()).isEqualTo(6);
    assertThat(result.headerSkipped()).isFalse();
    assertThat(graph.ids()).containsExactly("a", "b", "c", "d");
    assertThat(weight(graph, "a", "b")).isEqualTo(5.0);
    assertThat(weight(graph, "a", "c")).isEqualTo(1.5);
    assertThat(weight(graph, "b", "c")).isEqualTo(1.0);
    assertThat(weight(graph, "c", "a")).isEqualTo(1.0);
    assertThat(graph.mergedDuplicates()).isEqualTo(1);
    assertThat(graph.droppedSelfEndorsements()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "source,target,weight,timestamp\\na,b,2\\n|true",
        "endorser\tendorsed\\na\tb\\n|true",
        "from to\\na b\\n|true",
        "x,y\\na,b\\n|false",
      })
  void read_firstLine_isHeaderOnlyWhenItLooksLikeOne(String text, boolean header)
      throws IOException {
    EdgeListReader.Result result = read(text.replace("\\n", "\n").getBytes(UTF_8));

    assertThat(result.headerSkipped()).isEqualTo(header);
    assertThat(result.records()).isEqualTo(header ? 1 : 2);
  }

  @Test
  void read_gzippedFile_readsTransparently() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("a,b,2\nb,a,1\n".getBytes(UTF_8));
    }
    Path file = dir.resolve("edges.csv.gz");
    Files.write(file, bytes.toByteArray());

    EdgeListReader.Result result = EdgeListReader.create().read(file);

    assertThat(result.graph().edgeCount()).isEqualTo(2);
    assertThat(weight(result.graph(), "a", "b")).isEqualTo(2.0);
  }

  @Test
  void read_negativeWeightWithDropNegative_dropsItKeepsContributors() throws IOException {
    EdgeListReader.Result result =
        EdgeListReader.create()
            .dropNegative(true)
            .read(new ByteArrayInputStream("a,b,-3\nb,c,2\n".getBytes(UTF_8)), "ratings.csv");

    assertThat(result.droppedNegative()).isEqualTo(1);
    assertThat(result.graph().ids()).containsExactly("a", "b", "c");
    assertThat(result.graph().edgeCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a,b,1\\nonlyone\\n|edges.csv:2: found 1 field(s); expected endorser<sep>endorsed",
        "a,b,1,2,3\\n|edges.csv:1: found 5 field(s)",
        "a,b,1\\nc,d,abc\\n|edges.csv:2: weight 'abc' is not a number",
        "a,b,NaN\\n|edges.csv:1: weight 'NaN' is not a finite number",
        "a,b,Infinity\\n|edges.csv:1: weight 'Infinity' is not a finite number",
        "a,b,1\\nc,d,1,yesterday\\n|edges.csv:2: timestamp 'yesterday' is not a number",
        "# x\\na,b,1\\nb,c,-2\\n|edges.csv:3: negative weight -2 for b -> c; weights must be >= 0",
        ",b,1\\n|edges.csv:1: empty endorser id",
        "a,,1\\n|edges.csv:1: empty endorsed id",
        "|edges.csv: no endorsements found",
        "# only a comment\\n\\n|edges.csv: no endorsements found",
        "source,target,weight\\n|edges.csv: no endorsements found",
      })
  void read_malformedInput_throwsNamingFileAndLine(String text, String message) {
    byte[] bytes = (text == null ? "" : text.replace("\\n", "\n")).getBytes(UTF_8);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void read_notUtf8_throwsNamingLine() {
    byte[] bytes = {'a', ',', 'b', '\n', (byte) 0xff, ',', 'b', '\n'};

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith("edges.csv:2: not valid UTF-8 text");
  }

  @Test
  void read_truncatedGzip_throwsInputFormatException() {
    byte[] header = {0x1f, (byte) 0x8b, 8};
    byte[] body = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};

    assertThatThrownBy(() -> read(header))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith("edges.csv: broken gzip header");
    assertThatThrownBy(() -> read(body))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith("edges.csv: broken gzip data after line 0");
  }

  @Test
  void read_missingFile_throwsNoSuchFile() {
    Path missing = dir.resolve("missing.csv");

    assertThatThrownBy(() -> EdgeListReader.create().read(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.csv");
  }

  @Test
  void inputFormatException_exposesSourceAndLine() {
    InputFormatException e =
        (InputFormatException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> read("a,b,1\nc,d,x\n".getBytes(UTF_8)));

    assertThat(e.source()).isEqualTo("edges.csv");
    assertThat(e.line()).isEqualTo(2);
  }

  private static EdgeListReader.Result read(byte[] bytes) throws IOException {
    return EdgeListReader.create().read(new ByteArrayInputStream(bytes), "edges.csv");
  }

  private static double weight(EndorsementGraph graph, String from, String to) {
    return graph.weight(graph.indexOf(from).getAsInt(), graph.indexOf(to).getAsInt());
  }
}
