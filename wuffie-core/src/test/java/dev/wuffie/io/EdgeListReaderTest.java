package dev.wuffie.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.graph.EndorsementGraph;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.zip.GZIPInputStream;
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

  @Test
  void read_randomInputsInRandomReads_sameAsReferenceReader() throws IOException {
    for (int seed = 0; seed < 2000; seed++) {
      Random random = new Random(seed);
      boolean dropNegative = random.nextBoolean();
      byte[] bytes = randomEdgeList(random, 1 + random.nextInt(40), dropNegative);
      if (random.nextInt(8) == 0) {
        bytes = gzip(bytes);
      }
      String expected = outcome(ReferenceEdgeListReader::read, bytes, dropNegative, 0, seed);
      for (int maxRead : new int[] {0, 1, 3, 64}) {
        String actual = outcome(EdgeListReaderTest::readFast, bytes, dropNegative, maxRead, seed);
        assertThat(actual)
            .as("seed %d, reads of at most %d bytes, input %s", seed, maxRead, escaped(bytes))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void read_randomInputsInSmallBlocks_sameAsReferenceReader() throws IOException {
    // blocks of a few bytes: headers, errors, CRs and LFs at block starts and ends, parsed on
    // several threads and taken in order
    for (int seed = 0; seed < 150; seed++) {
      Random random = new Random(seed);
      boolean dropNegative = random.nextBoolean();
      byte[] bytes = randomEdgeList(random, 1 + random.nextInt(40), dropNegative);
      if (random.nextInt(8) == 0) {
        bytes = gzip(bytes);
      }
      String expected = outcome(ReferenceEdgeListReader::read, bytes, dropNegative, 0, seed);
      for (int blockBytes : new int[] {1, 7, 64}) {
        Reader small =
            (in, source, drop) ->
                EdgeListReader.create().dropNegative(drop).blockBytes(blockBytes).read(in, source);
        String actual = outcome(small, bytes, dropNegative, 1 + seed % 5, seed);
        assertThat(actual)
            .as("seed %d, blocks of %d bytes, input %s", seed, blockBytes, escaped(bytes))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void read_numericAndOtherIdsInManyBlocks_numberedInFirstAppearanceOrder() throws IOException {
    Random random = new Random(11);
    StringBuilder text = new StringBuilder();
    String[] ids = {"0", "7", "42", "007", "16777215", "16777216", "99999999", "123456789", "x"};
    for (int line = 0; line < 5_000; line++) {
      String endorser =
          random.nextBoolean() ? pick(random, ids) : Integer.toString(random.nextInt(2000));
      String endorsed = random.nextBoolean() ? pick(random, ids) : "u" + random.nextInt(2000);
      text.append(endorser)
          .append(random.nextBoolean() ? '\t' : ',')
          .append(endorsed)
          .append(random.nextBoolean() ? "" : (random.nextBoolean() ? "\t" : ",") + line % 7)
          .append(pick(random, LINE_ENDS));
    }
    byte[] bytes = text.toString().getBytes(UTF_8);

    String expected = outcome(ReferenceEdgeListReader::read, bytes, false, 0, 0);
    for (int blockBytes : new int[] {100, 4096, 1 << 20}) {
      Reader blocks =
          (in, source, drop) ->
              EdgeListReader.create().dropNegative(drop).blockBytes(blockBytes).read(in, source);
      assertThat(outcome(blocks, bytes, false, 0, 0))
          .as("blocks of %d", blockBytes)
          .isEqualTo(expected);
    }
  }

  @Test
  void read_largeRandomInputs_sameAsReferenceReader() throws IOException {
    // more records than a chunk: parsed on a second thread, with any error far into the input
    for (int seed = 0; seed < 8; seed++) {
      Random random = new Random(seed);
      boolean dropNegative = random.nextBoolean();
      byte[] bytes = randomEdgeList(random, 30_000, dropNegative);

      assertThat(outcome(EdgeListReaderTest::readFast, bytes, dropNegative, 0, seed))
          .as("seed %d", seed)
          .isEqualTo(outcome(ReferenceEdgeListReader::read, bytes, dropNegative, 0, seed));
    }
  }

  @Test
  void read_errorFarIntoALargeInput_namesItsLine() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i < 50_000; i++) {
      text.append(i).append(',').append(i + 1).append(",1\n");
    }
    text.append("a,b,oops\n");
    for (int i = 0; i < 10_000; i++) {
      text.append("c,d,-1\n");
    }

    assertThatThrownBy(() -> read(text.toString().getBytes(UTF_8)))
        .hasMessageStartingWith("edges.csv:50000: weight 'oops' is not a number");
  }

  @Test
  void read_inputFailingFarIntoALargeInput_throwsThatFailure() {
    byte[] bytes = "a,b,1\n".repeat(100_000).getBytes(UTF_8);
    IOException failure = new IOException("disk on fire");
    InputStream failing =
        new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
          private long read;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (read > 400_000) {
              throw failure;
            }
            int n = super.read(b, off, Math.min(len, 50_000));
            read += Math.max(0, n);
            return n;
          }
        };

    assertThatThrownBy(() -> EdgeListReader.create().read(failing, "edges.csv")).isSameAs(failure);
  }

  @Test
  void read_largeInputWhileInterrupted_readsItAllKeepsTheInterruptAndNoThread() throws IOException {
    byte[] bytes = "a,b,1\nb,c,2\n".repeat(50_000).getBytes(UTF_8);

    Thread.currentThread().interrupt();
    EdgeListReader.Result result;
    try {
      result = read(bytes);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }

    assertThat(result.records()).isEqualTo(100_000);
    assertThat(weight(result.graph(), "b", "c")).isEqualTo(100_000.0);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("wuffie-edge-list-parser"));
  }

  @Test
  void read_manyLinesAcrossChunkAndBatchBoundaries_sameAsReferenceReader() throws IOException {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder("# a file of more than 1 MiB: lines cross chunk ends\n");
    while (text.length() < (1 << 20) - 100) {
      appendRandomLine(random, text);
    }
    // This line ends with the first chunk's last byte, CR, and its LF starts the next chunk.
    text.append("z,y,1");
    while (text.length() < (1 << 20) - 1) {
      text.append('0');
    }
    text.append("\r\n");
    while (text.length() < 3 << 20) {
      appendRandomLine(random, text);
    }
    byte[] bytes = text.toString().getBytes(UTF_8);
    assertThat(bytes[(1 << 20) - 1]).isEqualTo((byte) '\r');

    for (boolean dropNegative : new boolean[] {false, true}) {
      assertThat(outcome(EdgeListReaderTest::readFast, bytes, dropNegative, 0, 0))
          .isEqualTo(outcome(ReferenceEdgeListReader::read, bytes, dropNegative, 0, 0));
    }
  }

  @Test
  void read_gzipCutShort_namesTheLastCompleteLineBeforeTheBreak() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      text.append("user").append(i).append(",user").append(i * 7 % 20000).append(",1\n");
    }
    byte[] whole = gzip(text.toString().getBytes(UTF_8));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    long completeLines = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        completeLines += b == '\n' ? 1 : 0;
      }
    } catch (EOFException expected) {
      // the data ends in the middle of the stream
    }

    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(
            "edges.csv: broken gzip data after line "
                + completeLines
                + " (Unexpected end of ZLIB input stream)");
  }

  @Test
  void read_lineLongerThanTheBuffer_readsIt() throws IOException {
    String longId = "x".repeat(3 << 20);
    byte[] bytes = ("a,b\n" + longId + ",a,2\nb," + longId + "\n").getBytes(UTF_8);

    EndorsementGraph graph = read(bytes).graph();

    assertThat(graph.ids()).containsExactly("a", "b", longId);
    assertThat(weight(graph, longId, "a")).isEqualTo(2.0);
    assertThat(weight(graph, "b", longId)).isEqualTo(1.0);
  }

  @Test
  void read_crOnlyLineEnds_numbersLines() {
    byte[] bytes = "a,b\rb,c\r\rc,d,x\r".getBytes(UTF_8);

    assertThatThrownBy(() -> read(bytes))
        .hasMessageStartingWith("edges.csv:4: weight 'x' is not a number");
  }

  @Test
  void read_crLfSplitAcrossReads_isOneLineEnd() {
    byte[] bytes = "a,b\r\nb,c\r\nc,d,x\r\n".getBytes(UTF_8);

    for (int seed = 0; seed < 20; seed++) {
      InputStream in = new ChunkedInputStream(bytes, 2, seed);
      assertThatThrownBy(() -> EdgeListReader.create().read(in, "edges.csv"))
          .hasMessageStartingWith("edges.csv:3: weight 'x' is not a number");
    }
  }

  @Test
  void read_headerArrivingByteByByte_isSkipped() throws IOException {
    byte[] bytes = "source,target,weight,timestamp\r\na,b,2,1289241911.72\r\n".getBytes(UTF_8);

    EdgeListReader.Result result =
        EdgeListReader.create().read(new ChunkedInputStream(bytes, 1, 7), "edges.csv");

    assertThat(result.headerSkipped()).isTrue();
    assertThat(result.records()).isEqualTo(1);
    assertThat(weight(result.graph(), "a", "b")).isEqualTo(2.0);
  }

  @Test
  void read_nonAsciiIds_decodedAsUtf8() throws IOException {
    byte[] bytes = "émile,日本語,2\n😀 émile\n日本語\témile-long-name-ß\t0.5\n".getBytes(UTF_8);

    EndorsementGraph graph = read(bytes).graph();

    assertThat(graph.ids()).containsExactly("émile", "日本語", "😀", "émile-long-name-ß");
    assertThat(weight(graph, "émile", "日本語")).isEqualTo(2.0);
    assertThat(weight(graph, "😀", "émile")).isEqualTo(1.0);
    assertThat(weight(graph, "日本語", "émile-long-name-ß")).isEqualTo(0.5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "truncated sequence before a line end|a,b\\n\\u00e2\\u0082,b\\n|2",
        "byte that never starts a sequence|a,b\\n# \\u00ff comment\\n|2",
        "overlong encoding|a\\u00c0\\u00af,b\\n|1",
        "encoded surrogate|a,b\\nb,\\u00ed\\u00a0\\u0080\\n|2",
        "replacement character itself|a,\\u00ef\\u00bf\\u00bd\\n|1",
        "truncated sequence at the end|a,b\\nb,c\\u00e2|2",
      })
  void read_malformedUtf8_namesItsLine(String what, String latin1, int line) {
    // Each char of the test text stands for one byte.
    byte[] bytes = unescape(latin1).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(bytes))
        .isInstanceOf(InputFormatException.class)
        .hasMessage("edges.csv:" + line + ": not valid UTF-8 text; save the file as UTF-8");
  }

  @Test
  void read_weightsAndTimestamps_parsedExactlyAsParseDouble() throws IOException {
    List<String> weights =
        List.of(
            "0.1",
            "-0",
            "+3",
            ".5",
            "5.",
            "007",
            "1e2",
            "0x1p3",
            "2d",
            "1289241911.72836",
            "9007199254740993",
            "0.30000000000000004",
            "123456789012345678901234567890");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < weights.size(); i++) {
      text.append("u")
          .append(i)
          .append(",v,")
          .append(weights.get(i))
          .append(",")
          .append(weights.get(i).replace("-", ""))
          .append("\n");
    }

    EndorsementGraph graph = read(text.toString().getBytes(UTF_8)).graph();

    for (int i = 0; i < weights.size(); i++) {
      double expected = Double.parseDouble(weights.get(i)) + 0.0;
      assertThat(weight(graph, "u" + i, "v")).as(weights.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void read_isoTimestamps_areTimes() throws IOException {
    byte[] bytes = "a,b,1,2026-01-01\nb,c,2,2026-01-01T09:00:00+09:00\n".getBytes(UTF_8);

    EdgeListReader.Result result = read(bytes);

    assertThat(result.headerSkipped()).isFalse();
    assertThat(result.records()).isEqualTo(2);
  }

  @Test
  void readRecords_everyFieldPresentOrAbsent_inFileOrder() throws IOException {
    String text =
        "endorser,endorsed,weight,time,kind\n"
            + "# a comment\n"
            + "a,b\n"
            + "a,c,2.5\n"
            + "\n"
            + "b,c,,1700000000\n"
            + "c\ta\t-1\t2023-11-14T22:13:20Z\tdownvote\r\n"
            + "c b 1 2023-11-14 upvote\n"
            + "a,a,,,accepted\n";
    Instant t = Instant.ofEpochSecond(1_700_000_000);

    List<EdgeRecord> records = readRecords(text.getBytes(UTF_8));

    assertThat(records)
        .containsExactly(
            record("a", "b", null, null, null, 3),
            record("a", "c", 2.5, null, null, 4),
            record("b", "c", null, t, null, 6),
            record("c", "a", -1.0, t, "downvote", 7),
            record("c", "b", 1.0, Instant.parse("2023-11-14T00:00:00Z"), "upvote", 8),
            record("a", "a", null, null, "accepted", 9));
  }

  @Test
  void readRecords_repeatedKinds_decodedOnceAsTheSameString() throws IOException {
    List<EdgeRecord> records = readRecords("a,b,1,1,upvote\nb,a,,,upvote\n".getBytes(UTF_8));

    assertThat(records.get(1).kind().get())
        .isEqualTo("upvote")
        .isSameAs(records.get(0).kind().get());
  }

  @Test
  void readRecords_gzippedFile_readsTransparently() throws IOException {
    Path file = dir.resolve("events.csv.gz");
    Files.write(file, gzip("a,b,1,1700000000,upvote\n".getBytes(UTF_8)));
    List<EdgeRecord> records = new ArrayList<>();

    long count = EdgeListReader.create().readRecords(file, records::add);

    assertThat(count).isEqualTo(1);
    assertThat(records)
        .containsExactly(record("a", "b", 1.0, Instant.ofEpochSecond(1_700_000_000), "upvote", 1));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a,b\\nonlyone\\n|events.csv:2: found 1 field(s); expected"
            + " endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind[<sep>tags]]]] with <sep> a comma, tab"
            + " or spaces",
        "a,b,1,2,k,x,y\\n|events.csv:1: found 7 field(s)",
        "a,b\\n\\n,c\\n|events.csv:3: empty endorser id",
        "a,b,1\\nc,d,abc\\n|events.csv:2: weight 'abc' is not a number; expected",
        "a,b,1\\nc,d,Infinity\\n|events.csv:2: weight 'Infinity' is not a finite number",
        "a,b,1\\nc,d,1,yesterday\\n|events.csv:2: time 'yesterday' is not a time: give Unix"
            + " seconds",
        "a,b,1,1\\nc,d,1,1e30\\n|events.csv:2: time '1e30' is not a time",
        "# only a comment\\n|events.csv: no endorsements found; expected"
            + " endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind[<sep>tags]]]]",
        "endorser,endorsed,weight,time,kind\\n|events.csv: no endorsements found",
      })
  void readRecords_malformedInput_throwsNamingFileAndLine(String text, String message) {
    byte[] bytes = text.replace("\\n", "\n").getBytes(UTF_8);

    assertThatThrownBy(() -> readRecords(bytes))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void readRecords_consumerThrows_stopsAndThrowsThat() {
    byte[] bytes = "a,b\nb,c\nc,d\n".getBytes(UTF_8);
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                EdgeListReader.create()
                    .readRecords(
                        new ByteArrayInputStream(bytes),
                        "events.csv",
                        record -> {
                          seen.add(record.endorser());
                          if (record.line() == 2) {
                            throw new java.util.concurrent.TimeoutException("refused");
                          }
                        }))
        .isInstanceOf(java.util.concurrent.TimeoutException.class)
        .hasMessage("refused");
    assertThat(seen).containsExactly("a", "b");
  }

  private static List<EdgeRecord> readRecords(byte[] bytes) throws IOException {
    List<EdgeRecord> records = new ArrayList<>();
    EdgeListReader.create()
        .readRecords(new ByteArrayInputStream(bytes), "events.csv", records::add);
    return records;
  }

  private static EdgeRecord record(
      String endorser, String endorsed, Double weight, Instant time, String kind, long line) {
    return new EdgeRecord(
        endorser,
        endorsed,
        weight == null ? OptionalDouble.empty() : OptionalDouble.of(weight),
        Optional.ofNullable(time),
        Optional.ofNullable(kind),
        line);
  }

  private static EdgeListReader.Result read(byte[] bytes) throws IOException {
    return EdgeListReader.create().read(new ByteArrayInputStream(bytes), "edges.csv");
  }

  private static double weight(EndorsementGraph graph, String from, String to) {
    return graph.weight(graph.indexOf(from).getAsInt(), graph.indexOf(to).getAsInt());
  }

  private static EdgeListReader.Result readFast(InputStream in, String source, boolean drop)
      throws IOException {
    return EdgeListReader.create().dropNegative(drop).read(in, source);
  }

  /** A reader under test: the fast one or the reference. */
  private interface Reader {
    EdgeListReader.Result read(InputStream in, String source, boolean dropNegative)
        throws IOException;
  }

  /**
   * What reading {@code bytes} gives, as text: the exception and its message, or every count, id,
   * endorsement and weight (to the bit) of the result. {@code maxRead} 0 reads all at once.
   */
  private static String outcome(
      Reader reader, byte[] bytes, boolean dropNegative, int maxRead, long seed) {
    InputStream in =
        maxRead == 0
            ? new ByteArrayInputStream(bytes)
            : new ChunkedInputStream(bytes, maxRead, seed);
    EdgeListReader.Result result;
    try {
      result = reader.read(in, "edges.csv", dropNegative);
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    EndorsementGraph graph = result.graph();
    StringBuilder out = new StringBuilder();
    out.append(result.records())
        .append(" records, ")
        .append(result.droppedNegative())
        .append(" dropped, header ")
        .append(result.headerSkipped())
        .append(", ")
        .append(graph.droppedSelfEndorsements())
        .append(" self, ")
        .append(graph.mergedDuplicates())
        .append(" merged\n")
        .append(graph.ids())
        .append('\n');
    for (int v = 0; v < graph.size(); v++) {
      out.append(v)
          .append(" out ")
          .append(Double.doubleToRawLongBits(graph.outWeight(v)))
          .append(" in");
      for (int e = graph.inStart(v); e < graph.inEnd(v); e++) {
        out.append(' ')
            .append(graph.source(e))
            .append('=')
            .append(Double.doubleToRawLongBits(graph.weight(e)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static final String[] IDS = {
    "a",
    "b",
    "c",
    "a1",
    "bob",
    "12345678",
    "123456789",
    "user-0001-long",
    "émile",
    "日本",
    "😀x",
    "source",
    "SRC",
    "from",
    "0",
    "-1",
    "\u00a0nbsp",
    "%p",
    "#h"
  };
  private static final String[] ODD_NUMBERS = {
    "-0",
    "+3",
    ".5",
    "5.",
    "1e3",
    "0x1p3",
    "3d",
    "12345678901234567890",
    "9007199254740993",
    "007",
    "1289241911.72836",
    "4.35",
    "0.1",
    "",
    "-0.0"
  };
  private static final String[] BAD_NUMBERS = {"NaN", "Infinity", "-Infinity", "abc", "1.2.3"};
  private static final String[] SEPARATORS = {",", ", ", " ,", "\t", " \t ", " ", "   ", "\t\t"};
  private static final String[] LINE_ENDS = {"\n", "\r\n", "\r"};
  private static final String[] BLANKS = {"", "", "", " ", "\t", "\u000b", "\f", "\u0000"};

  /**
   * A random edge list: records with mixed separators, blanks, comments, odd numbers and non-ASCII
   * ids. Half of the lists have no error but negative weights; in the others, a line may have too
   * few or too many fields, an empty id, a bad number or bytes that are not UTF-8.
   */
  private static byte[] randomEdgeList(Random random, int lines, boolean dropNegative)
      throws IOException {
    boolean clean = random.nextBoolean();
    int trouble = clean ? Integer.MAX_VALUE : 10 * lines;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      out.write(pick(random, "source,target,weight\n", "src dst\r\n", "a,b,w,t\n").getBytes(UTF_8));
    }
    for (int line = 0; line < lines; line++) {
      StringBuilder text = new StringBuilder(pick(random, BLANKS));
      if (random.nextInt(20) == 0) {
        text.append(pick(random, "# comment, with commas", "% comment", "#", ""));
      } else {
        int fields = random.nextInt(trouble) == 0 ? 1 + random.nextInt(5) : 2 + random.nextInt(3);
        // "\t\t" makes an empty field; a tab after a line of spaces makes it one tab field
        String separator =
            clean
                ? pick(random, ",", ", ", " ,", "\t", " \t ", " ", "  ")
                : pick(random, SEPARATORS);
        for (int f = 0; f < fields; f++) {
          if (f > 0) {
            text.append(random.nextInt(trouble) == 0 ? pick(random, SEPARATORS) : separator);
          }
          if (f < 2) {
            boolean spaced = !separator.isBlank() && random.nextInt(10) == 0;
            text.append(random.nextInt(trouble) == 0 ? "" : spaced ? "x y" : pick(random, IDS));
          } else if (random.nextInt(trouble) == 0) {
            text.append(pick(random, BAD_NUMBERS));
          } else if (random.nextInt(6) == 0) {
            text.append(pick(random, ODD_NUMBERS));
          } else {
            text.append(randomNumber(random, clean && !dropNegative));
          }
        }
      }
      text.append(clean ? pick(random, "", " ", "\u000b") : pick(random, BLANKS));
      out.write(text.toString().getBytes(UTF_8));
      if (random.nextInt(trouble) == 0) {
        out.write(pick(random, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}));
      }
      if (line < lines - 1 || random.nextBoolean()) {
        out.write(pick(random, LINE_ENDS).getBytes(UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static void appendRandomLine(Random random, StringBuilder text) {
    text.append(random.nextInt(3000))
        .append(random.nextBoolean() ? "," : "\t")
        .append("user-")
        .append(random.nextInt(3000))
        .append(",")
        .append(random.nextInt(100) / 8.0)
        .append(",")
        .append(1289241911 + random.nextInt(1000000))
        .append(".72836")
        .append(pick(random, LINE_ENDS));
  }

  private static String randomNumber(Random random, boolean nonNegative) {
    switch (random.nextInt(4)) {
      case 0:
        return Integer.toString(random.nextInt(100));
      case 1:
        return Double.toString(random.nextInt(10000) / 100.0);
      case 2:
        return (1289241911 + random.nextInt(100000)) + "." + random.nextInt(100000);
      default:
        double value = random.nextDouble() * 20 - (nonNegative ? 0 : 2);
        return String.format(Locale.ROOT, "%.6f", value);
    }
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static String escaped(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(b >= ' ' && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return out.toString();
  }

  /** Turns the {@code \n} and {@code \\uXXXX} escapes of a test text into chars. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith("\\n", i)) {
        out.append('\n');
        i++;
      } else if (text.startsWith("\\u", i)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }
}
