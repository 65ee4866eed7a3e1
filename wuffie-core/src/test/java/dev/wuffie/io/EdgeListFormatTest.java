package dev.wuffie.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wuffie.io.EdgeListFormat.Column;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class EdgeListFormatTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000);

  static Stream<Arguments> times() {
    return Stream.of(
        arguments("1700000000", Instant.ofEpochSecond(1_700_000_000)),
        arguments("1289241911.72836", Instant.ofEpochSecond(1_289_241_911, 728_360_000)),
        arguments("0.0000000019", Instant.ofEpochSecond(0, 1)),
        arguments("-1.5", Instant.ofEpochSecond(-2, 500_000_000)),
        arguments("0", Instant.EPOCH),
        arguments("1e9", Instant.ofEpochSecond(1_000_000_000)),
        arguments("1700000000.5e0", Instant.ofEpochSecond(1_700_000_000, 500_000_000)),
        arguments("2026-01-01", Instant.parse("2026-01-01T00:00:00Z")),
        arguments("2026-01-01T00:00:00Z", Instant.parse("2026-01-01T00:00:00Z")),
        arguments("2026-01-01T09:00:00+09:00", Instant.parse("2026-01-01T00:00:00Z")),
        arguments("2026-01-01T00:00:00.123Z", Instant.parse("2026-01-01T00:00:00.123Z")),
        // numbers that only Double.parseDouble reads, as the graph reader always accepted them
        arguments("+5", Instant.ofEpochSecond(5)),
        arguments(".5", Instant.ofEpochSecond(0, 500_000_000)),
        arguments("5.", Instant.ofEpochSecond(5)),
        arguments("0x1p3", Instant.ofEpochSecond(8)),
        arguments("3d", Instant.ofEpochSecond(3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("times")
  void parseTime_acceptedForm_parsesExactly(String text, Instant expected) {
    assertThat(EdgeListFormat.parseTime(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2026-01-01T00:00:00",
        "12:00",
        "1.2.3",
        "2026-13-01",
        "NaN",
        "Infinity",
        " 5",
        "1e30", // beyond Instant's range
        "12345678901234567890"
      })
  void parseTime_otherText_throwsNamingTheForms(String text) {
    assertThatThrownBy(() -> EdgeListFormat.parseTime(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a time: give " + EdgeListFormat.TIME_FORMS);
  }

  @Test
  void columns_namesInOrder_andFoundInAnyCase() {
    assertThat(Stream.of(Column.values()).map(Column::columnName))
        .containsExactly("endorser", "endorsed", "weight", "time", "kind", "tags");
    assertThat(Column.named("Endorsed")).contains(Column.ENDORSED);
    assertThat(Column.named("KIND")).contains(Column.KIND);
    assertThat(Column.named("target")).isEmpty();
    assertThat(EdgeListFormat.EDGES.columns())
        .containsExactly(Column.ENDORSER, Column.ENDORSED, Column.WEIGHT, Column.TIME);
    assertThat(EdgeListFormat.EVENTS.columns()).containsExactly(Column.values());
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        arguments("a,b", record("a", "b", null, null, null)),
        arguments("a,b,2.5", record("a", "b", 2.5, null, null)),
        arguments("a,b,,1700000000", record("a", "b", null, T, null)),
        arguments(
            "a\tb\t-1\t2023-11-14T22:13:20Z\tdownvote", record("a", "b", -1.0, T, "downvote")),
        arguments("a b 1 1700000000 upvote", record("a", "b", 1.0, T, "upvote")),
        arguments(" a , b , , , ", record("a", "b", null, null, null)),
        arguments("a,b,,,accepted", record("a", "b", null, null, "accepted")),
        arguments("émile,日本,1e3", record("émile", "日本", 1000.0, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void parseLine_events_givesEveryFieldPresentOrAbsent(String line, EdgeRecord expected) {
    assertThat(EdgeListFormat.EVENTS.parseLine(line, 7, true)).contains(expected);
  }

  @Test
  void parseLine_edges_checksTheTimeButDoesNotKeepIt() {
    assertThat(EdgeListFormat.EDGES.parseLine("a,b,2,1e30", 3, false))
        .contains(record("a", "b", 2.0, null, null, 3));
  }

  @Test
  void parseLine_nonFiniteWeight_isLeftToTheCaller() {
    EdgeRecord record = EdgeListFormat.EDGES.parseLine("a,b,NaN", 1, false).orElseThrow();

    assertThat(record.weight().getAsDouble()).isNaN();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "   ",
        "# a comment, with commas",
        "% another",
        "endorser,endorsed,weight,time,kind",
        "Endorser\tEndorsed",
        "source,target,weight,timestamp",
        "from to"
      })
  void parseLine_blankCommentOrHeader_isEmpty(String line) {
    assertThat(EdgeListFormat.EVENTS.parseLine(line, 1, true)).isEmpty();
  }

  @Test
  void parseLine_headerWhereNoneMayBe_isMalformed() {
    assertThatThrownBy(
            () -> EdgeListFormat.EVENTS.parseLine("endorser,endorsed,weight,time,kind", 2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("weight 'weight' is not a number; expected endorser<sep>endorsed");
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EDGES|a|found 1 field(s); expected endorser<sep>endorsed[<sep>weight[<sep>timestamp]]"
            + " with <sep> a comma, tab or spaces",
        "EDGES|a,b,1,2,k|found 5 field(s); expected endorser<sep>endorsed[<sep>weight[<sep>"
            + "timestamp]] with <sep> a comma, tab or spaces",
        "EVENTS|a,b,1,2,k,x,y|found 7 field(s); expected endorser<sep>endorsed[<sep>weight[<sep>"
            + "time[<sep>kind[<sep>tags]]]] with <sep> a comma, tab or spaces",
        "EVENTS|,b|empty endorser id",
        "EDGES|a,,1|empty endorsed id",
        "EVENTS|a,b,high|weight 'high' is not a number; expected endorser<sep>endorsed[<sep>weight"
            + "[<sep>time[<sep>kind[<sep>tags]]]] with <sep> a comma, tab or spaces",
        "EDGES|a,b,1,yesterday|timestamp 'yesterday' is not a number; expected"
            + " endorser<sep>endorsed[<sep>weight[<sep>timestamp]] with <sep> a comma, tab or"
            + " spaces",
        "EDGES|a,b,1,NaN|timestamp 'NaN' is not a finite number",
        "EVENTS|a,b,1,yesterday|time 'yesterday' is not a time: give Unix seconds (1700000000),"
            + " an ISO-8601 instant (2026-01-01T00:00:00Z) or a date (2026-01-01)",
        "EVENTS|a,b,1,1e30|time '1e30' is not a time: give Unix seconds (1700000000), an ISO-8601"
            + " instant (2026-01-01T00:00:00Z) or a date (2026-01-01)",
        "EVENTS|a,\ufffd|not valid UTF-8 text; save the file as UTF-8",
      })
  void parseLine_malformed_throwsSayingWhatAndWhatWasExpected(
      EdgeListFormat format, String line, String message) {
    assertThatThrownBy(() -> format.parseLine(line, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parseLine_tags_keptInOrderEachOnce() {
    EdgeRecord record =
        EdgeListFormat.EVENTS
            .parseLine("a,b,1,2026-01-01,upvote,brewing|c++|brewing", 1, false)
            .get();

    assertThat(record.tags()).containsExactly("brewing", "c++");
    assertThat(record.kind()).contains("upvote");
    assertThat(EdgeListFormat.EVENTS.parseLine("a b 1 0 up yeast", 1, false).get().tags())
        .containsExactly("yeast");
    assertThat(EdgeListFormat.EVENTS.parseLine("a,b,1,0,up,", 1, false).get().tags()).isEmpty();
    assertThat(EdgeListFormat.EVENTS.parseLine("endorser,endorsed,weight,time,kind,tags", 1, true))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      value = {
        "a,b,1,0,up,x||y => tags 'x||y' hold an empty tag; give words separated by |, such as"
            + " brewing|yeast",
        "a,b,1,0,up,|x => tags '|x' hold an empty tag; give words separated by |, such as"
            + " brewing|yeast",
        "a\tb\t1\t0\tup\thome brewing => tag 'home brewing' holds whitespace; a tag is one word:"
            + " write home-brewing for 'home brewing'",
      })
  void parseLine_badTags_throwsSayingHowToWriteThem(String line, String message) {
    assertThatThrownBy(() -> EdgeListFormat.EVENTS.parseLine(line.replace("\\t", "\t"), 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static EdgeRecord record(
      String endorser, String endorsed, Double weight, Instant time, String kind) {
    return record(endorser, endorsed, weight, time, kind, 7);
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

  @Test
  void record_nullComponent_throwsNamingIt() {
    assertThatThrownBy(() -> new EdgeRecord("a", "b", null, Optional.empty(), Optional.empty(), 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("weight is null; use OptionalDouble.empty()");
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"a,b\nc,d", "a,b\r"})
  void parseLine_withALineEnd_throws(String line) {
    assertThatThrownBy(() -> EdgeListFormat.EVENTS.parseLine(line, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the line holds a line end; give one line without it");
  }
}
