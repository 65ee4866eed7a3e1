package dev.wuffie.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The edge-list grammar: what a line of an endorsement edge list holds and how each field is read.
 * Every edge-list reader parses with it: {@link EdgeListReader}, and through it the command line;
 * Spark's job through {@link #parseLine}.
 *
 * <p>A line is {@code endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind[<sep>tags]]]]}, the
 * {@linkplain Column columns} in that order:
 *
 * <ul>
 *   <li>Lines end with LF, CRLF or CR. Text is UTF-8: a line that is not is an error. Gzip input is
 *       read transparently ({@link Gzip}).
 *   <li>{@code <sep>} is a comma if the line has one, else a tab if it has one, else a run of
 *       spaces: decided per line. Fields are trimmed of spaces and control characters.
 *   <li>Blank lines, and lines starting with {@code #} or {@code %}, are skipped.
 *   <li>The first record is a header, and skipped, if it has two fields and the first is {@code
 *       source}, {@code src}, {@code from} or {@code endorser}; or if its weight is not a number,
 *       or its time neither a number nor a time. So a header of the column names, {@code
 *       endorser,endorsed,weight,time,kind,tags}, is one.
 *   <li>The endorser and the endorsed id must not be empty.
 *   <li>The weight is a number as {@link Double#parseDouble} reads it ({@code 1}, {@code 0.5},
 *       {@code -2}, {@code 1e3}).
 *   <li>The time is a time as {@link #parseTime} reads it: Unix seconds, an ISO-8601 instant or a
 *       date.
 *   <li>The kind is any text.
 *   <li>The tags are words separated by {@code |} ({@code brewing|yeast}): the scopes the endorsed
 *       work belongs to. A tag is not empty and holds no whitespace or comma.
 *   <li>An empty weight, time, kind or tags field is absent, as are the fields after the last one
 *       given.
 * </ul>
 *
 * <p>A format is one of two shapes, which differ in the columns they take and in how their messages
 * name them: {@link #EDGES}, the edges of a weighted graph, and {@link #EVENTS}, endorsement events
 * with all six columns.
 *
 * <pre>{@code
 * Optional<EdgeRecord> record =
 *     EdgeListFormat.EVENTS.parseLine("alice,bob,1,2026-01-01,upvote", 1, false);
 * Instant asOf = EdgeListFormat.parseTime("2026-01-01T00:00:00Z");
 * }</pre>
 *
 * <p>Cost: {@link #parseLine} takes time linear in the line's length and copies it once; the
 * readers of {@link EdgeListReader} parse their input's bytes in place.
 *
 * <p>Stateless and thread-safe.
 */
public enum EdgeListFormat {
  /**
   * {@code endorser<sep>endorsed[<sep>weight[<sep>timestamp]]}: the edges of a weighted graph. The
   * time is checked (any finite number of seconds is one, even beyond the range of {@link Instant})
   * and not kept: a graph has no time. Messages call it the timestamp.
   */
  EDGES(Column.TIME, "expected endorser<sep>endorsed[<sep>weight[<sep>timestamp]]"),

  /**
   * {@code endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind[<sep>tags]]]]}: endorsement
   * events. The time is read as an {@link Instant}, so Unix seconds must lie in its range.
   */
  EVENTS(
      Column.TAGS, "expected endorser<sep>endorsed[<sep>weight[<sep>time[<sep>kind[<sep>tags]]]]");

  /**
   * The columns of an edge list, in order. Their {@linkplain #columnName() names} are those a
   * header or a query result names them by.
   */
  public enum Column {
    /** The endorser's id. */
    ENDORSER,
    /** The endorsed contributor's id. */
    ENDORSED,
    /** The weight, or the value of a rated kind. */
    WEIGHT,
    /** When the endorsement was made. */
    TIME,
    /** The kind of endorsement. */
    KIND,
    /** The tags of the endorsed work, separated by {@code |}. */
    TAGS;

    private final String columnName = name().toLowerCase(Locale.ROOT);

    /** The column's name, in lower case: {@code endorser}, {@code endorsed}, ... */
    public String columnName() {
      return columnName;
    }

    /**
     * The column named {@code name}, in any case ({@code "Endorser"} is {@link #ENDORSER}), if
     * there is one.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static Optional<Column> named(String name) {
      checkNotNull(name, "column name is null");
      for (Column column : values()) {
        if (column.columnName.equalsIgnoreCase(name)) {
          return Optional.of(column);
        }
      }
      return Optional.empty();
    }
  }

  /** The forms of a time, for messages that ask for one. */
  public static final String TIME_FORMS =
      "Unix seconds (1700000000), an ISO-8601 instant (2026-01-01T00:00:00Z) or a date"
          + " (2026-01-01)";

  /** The names that make a first line of two fields a header. */
  private static final Set<String> HEADER_NAMES =
      Set.of("source", "src", "from", Column.ENDORSER.columnName());

  private static final String SEPARATORS = " with <sep> a comma, tab or spaces";
  private static final int MAX_WHOLE_DIGITS = 18;
  private static final int NANO_DIGITS = 9;
  private static final long[] NANO_PLACES = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private final Column last;
  private final String expected;

  EdgeListFormat(Column last, String expected) {
    this.last = last;
    this.expected = expected + SEPARATORS;
  }

  /** The columns a line of this shape may have, in order. */
  public List<Column> columns() {
    return List.of(Column.values()).subList(0, last.ordinal() + 1);
  }

  /**
   * Parses one line of an edge list (without its line end), for a caller that reads lines itself
   * (Spark reads a file in splits, line by line).
   *
   * <p>The weight is not checked to be finite, unlike by the readers of {@link EdgeListReader}: a
   * NaN or infinite weight is left to the caller (a {@code dev.wuffie.Endorsement} refuses it).
   *
   * @param line the line
   * @param lineNumber the line's number, for the record
   * @param mayBeHeader whether the line may be a header (the first line of a file): one is skipped
   * @return the record, or empty for a blank line, a comment or a header
   * @throws IllegalArgumentException if the line is malformed: the message says what is wrong and
   *     what was expected, without naming the line, which the caller knows best
   * @throws NullPointerException if {@code line} is null
   */
  public Optional<EdgeRecord> parseLine(String line, long lineNumber, boolean mayBeHeader) {
    checkNotNull(line, "line is null");
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the line holds a line end; give one line without it");
    }
    TextRecords records = new TextRecords(line.getBytes(UTF_8), "line");
    try {
      if (!records.next() || (mayBeHeader && isHeader(records))) {
        return Optional.empty();
      }
      return Optional.of(record(records, false, lineNumber, null));
    } catch (InputFormatException e) {
      throw new IllegalArgumentException(e.problem(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // unreachable: the text is in memory
    }
  }

  /**
   * Parses a time: Unix seconds, an ISO-8601 instant with {@code Z} or an offset, or an ISO-8601
   * date, which means its start in UTC.
   *
   * <ul>
   *   <li>Unix seconds are a number, fractions and exponents allowed: {@code 1700000000}, {@code
   *       1289241911.72836}, {@code -1.5}, {@code 1e9}. A decimal is read exactly, to the
   *       nanosecond (further digits are dropped); other numbers that {@link Double#parseDouble}
   *       reads ({@code +5}, {@code .5}, {@code 0x1p3}) are read as that double.
   *   <li>An instant: {@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T09:00:00+09:00}, {@code
   *       2026-01-01T00:00:00.123Z}.
   *   <li>A date: {@code 2026-01-01}.
   * </ul>
   *
   * <p>The edge-list grammar reads a line's time field with it, and the command line its {@code
   * --as-of}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms ({@link #TIME_FORMS}),
   *     if it is none of them or lies outside the range of {@link Instant}
   * @throws NullPointerException if {@code text} is null
   */
  public static Instant parseTime(String text) {
    checkNotNull(text, "time is null");
    try {
      return isoOrDecimal(text);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      Instant seconds = otherNumber(text);
      if (seconds != null) {
        return seconds;
      }
      throw new IllegalArgumentException("'" + text + "' is not a time: give " + TIME_FORMS, e);
    }
  }

  // The readers' steps, on the current record of a TextRecords.

  /**
   * Whether the current record, the first of its input, is a header: two fields, the first a header
   * name; or a weight that is not a number, or a time that is neither a number nor a time.
   */
  static boolean isHeader(TextRecords records) {
    int fields = records.fieldCount();
    if (fields == 2) {
      return HEADER_NAMES.contains(records.field(0).toLowerCase(Locale.ROOT));
    }
    if (fields > 2 && !records.isEmpty(2) && !isNumber(records.field(2))) {
      return true;
    }
    return fields > 3
        && !records.isEmpty(3)
        && !isNumber(records.field(3))
        && !isTime(records.field(3));
  }

  /**
   * Checks the number of fields of the current record and its ids.
   *
   * @throws InputFormatException if it has too few or too many fields, or an empty id
   */
  void checkFields(TextRecords records) throws InputFormatException {
    int fields = records.fieldCount();
    if (fields < 2 || fields > last.ordinal() + 1) {
      throw records.error("found " + fields + " field(s); " + expected);
    }
    if (records.isEmpty(0) || records.isEmpty(1)) {
      throw records.error("empty " + (records.isEmpty(0) ? "endorser" : "endorsed") + " id");
    }
  }

  /**
   * The weight field of the current record, which has one, checked to be a number and, if {@code
   * finite}, a finite one.
   *
   * @throws InputFormatException if it is not
   */
  double weight(TextRecords records, boolean finite) throws InputFormatException {
    int i = Column.WEIGHT.ordinal();
    double value;
    try {
      value = records.number(i);
    } catch (NumberFormatException e) {
      throw records.error("weight '" + records.field(i) + "' is not a number; " + expected);
    }
    if (finite && !Double.isFinite(value)) {
      throw records.error("weight '" + records.field(i) + "' is not a finite number");
    }
    return value;
  }

  /**
   * Checks the time field of the current record, which has one, as {@link #EDGES} does: a finite
   * number of seconds, however large, or a time.
   *
   * @throws InputFormatException if it is neither
   */
  static void checkTimestamp(TextRecords records) throws InputFormatException {
    int i = Column.TIME.ordinal();
    if (records.isPlainDecimal(i)) {
      return;
    }
    String text = records.field(i);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      if (isTime(text)) {
        return;
      }
      throw records.error("timestamp '" + text + "' is not a number; " + EDGES.expected);
    }
    if (!Double.isFinite(value)) {
      throw records.error("timestamp '" + text + "' is not a finite number");
    }
  }

  /**
   * The current record, checked. Its weight is checked to be finite if {@code finiteWeight}; its
   * kind is made a String by {@code kinds}, if not null.
   *
   * @throws InputFormatException if it is malformed
   */
  EdgeRecord record(TextRecords records, boolean finiteWeight, long line, FewStrings kinds)
      throws InputFormatException {
    checkFields(records);
    String endorser = records.field(Column.ENDORSER.ordinal());
    String endorsed = records.field(Column.ENDORSED.ordinal());
    OptionalDouble weight =
        has(records, Column.WEIGHT)
            ? OptionalDouble.of(weight(records, finiteWeight))
            : OptionalDouble.empty();
    Optional<Instant> time = Optional.empty();
    if (has(records, Column.TIME)) {
      if (this == EDGES) {
        checkTimestamp(records);
      } else {
        time = Optional.of(time(records));
      }
    }
    Optional<String> kind = Optional.empty();
    if (has(records, Column.KIND)) {
      int i = Column.KIND.ordinal();
      kind = Optional.of(kinds != null ? kinds.field(records, i) : records.field(i));
    }
    Set<String> tags = has(records, Column.TAGS) ? tags(records) : Set.of();
    return new EdgeRecord(endorser, endorsed, weight, time, kind, tags, line);
  }

  /** The separator of the tags in a tags field. */
  public static final char TAG_SEPARATOR = '|';

  /**
   * The tags of a tags field: words separated by {@link #TAG_SEPARATOR}, in order, each once.
   *
   * @throws IllegalArgumentException if a tag is empty or holds whitespace or a comma
   */
  public static Set<String> parseTags(String field) {
    checkNotNull(field, "tags field is null");
    Set<String> tags = new LinkedHashSet<>();
    int from = 0;
    for (int i = 0; i <= field.length(); i++) {
      if (i == field.length() || field.charAt(i) == TAG_SEPARATOR) {
        String tag = field.substring(from, i);
        checkArgument(
            !tag.isEmpty(),
            "tags '%s' hold an empty tag; give words separated by %s, such as brewing%syeast",
            field,
            TAG_SEPARATOR,
            TAG_SEPARATOR);
        for (int j = 0; j < tag.length(); j++) {
          char c = tag.charAt(j);
          checkArgument(
              !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != ',',
              "tag '%s' holds %s; a tag is one word: write home-brewing for 'home brewing'",
              tag,
              c == ',' ? "a comma" : "whitespace");
        }
        tags.add(tag);
        from = i + 1;
      }
    }
    return tags;
  }

  private static Set<String> tags(TextRecords records) throws InputFormatException {
    try {
      return parseTags(records.field(Column.TAGS.ordinal()));
    } catch (IllegalArgumentException e) {
      throw records.error(e.getMessage());
    }
  }

  /** The error for an input without a record. */
  InputFormatException noRecords(String source) {
    return new InputFormatException(source, 0, "no endorsements found; " + expected);
  }

  private static boolean has(TextRecords records, Column column) {
    return records.fieldCount() > column.ordinal() && !records.isEmpty(column.ordinal());
  }

  private static Instant time(TextRecords records) throws InputFormatException {
    int i = Column.TIME.ordinal();
    Instant plain = plainSeconds(records.bytes(), records.start(i), records.end(i));
    if (plain != null) {
      return plain;
    }
    try {
      return parseTime(records.field(i));
    } catch (IllegalArgumentException e) {
      throw records.error("time " + e.getMessage());
    }
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isTime(String text) {
    try {
      parseTime(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A date, an instant or a number of Unix seconds as {@link BigDecimal} reads it. */
  private static Instant isoOrDecimal(String text) {
    if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
      if (isDate(text)) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (text.indexOf('T') < 0) {
        return unixSeconds(text);
      }
    }
    return Instant.parse(text);
  }

  private static boolean isDate(String text) {
    return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
  }

  /**
   * Unix seconds, exactly: a plain decimal is parsed by hand ({@link #plainSeconds}), other numbers
   * go through {@link BigDecimal}. Digits beyond nanoseconds are dropped.
   */
  private static Instant unixSeconds(String text) {
    byte[] latin1 = text.getBytes(ISO_8859_1); // any other char makes it no plain decimal
    Instant plain = plainSeconds(latin1, 0, latin1.length);
    return plain != null ? plain : instant(new BigDecimal(text));
  }

  /**
   * The Unix seconds {@code b[from, to)} if they are a plain decimal, {@code -?digits[.digits]}
   * with up to 18 digits before the point, as they are on every line of a large input: exactly,
   * digits beyond nanoseconds dropped. Null for any other text.
   */
  static Instant plainSeconds(byte[] b, int from, int to) {
    int start = from < to && b[from] == '-' ? from + 1 : from;
    int point = Bytes.indexOf(b, (byte) '.', start, to);
    int wholeEnd = point < 0 ? to : point;
    if (wholeEnd == start || wholeEnd - start > MAX_WHOLE_DIGITS || point == to - 1) {
      return null;
    }
    long whole = 0;
    for (int i = start; i < wholeEnd; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      whole = whole * 10 + digit;
    }
    long nanos = 0;
    for (int i = point + 1, digits = 0; point >= 0 && i < to; i++, digits++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      if (digits < NANO_DIGITS) {
        nanos += digit * NANO_PLACES[digits];
      }
    }
    return start == from
        ? Instant.ofEpochSecond(whole, nanos)
        : Instant.ofEpochSecond(-whole, -nanos);
  }

  /**
   * A number that {@link BigDecimal} does not read but {@link Double#parseDouble} does ({@code +5},
   * {@code .5}, {@code 0x1p3}, {@code 2d}) as Unix seconds; null if {@code text} is none, or not
   * finite, or outside the range of {@link Instant}.
   */
  private static Instant otherNumber(String text) {
    if (text.isEmpty() || text.charAt(0) <= ' ' || text.charAt(text.length() - 1) <= ' ') {
      return null; // parseDouble would trim it
    }
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
    if (!Double.isFinite(seconds)) {
      return null;
    }
    try {
      return instant(new BigDecimal(seconds));
    } catch (ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  private static Instant instant(BigDecimal seconds) {
    BigDecimal floor = seconds.setScale(0, RoundingMode.FLOOR);
    int nano =
        seconds
            .subtract(floor)
            .movePointRight(NANO_DIGITS)
            .setScale(0, RoundingMode.FLOOR)
            .intValue();
    return Instant.ofEpochSecond(floor.longValueExact(), nano);
  }
}
