package dev.wuffie.cli;

import dev.wuffie.graph.EndorsementGraph;
import dev.wuffie.io.EdgeListFormat;
import dev.wuffie.io.EdgeListFormat.Column;
import dev.wuffie.io.EdgeListReader;
import dev.wuffie.io.EdgeRecord;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A database as the input ({@code --jdbc URL --events SQL}): the query's rows are the edge list's
 * records, its columns matched by name ({@link Column#named}, in any case) to {@code endorser},
 * {@code endorsed} and the optional {@code weight}, {@code time}, {@code kind} and {@code tags}.
 * Other columns are ignored.
 *
 * <p>A weight is a SQL number or a number as text; a time is a SQL timestamp (one without a time
 * zone is taken as UTC), a number of Unix seconds or text in one of {@link
 * EdgeListFormat#TIME_FORMS}; a kind is text; tags are text, words separated by {@code |} as in an
 * edge list ({@link EdgeListFormat#parseTags}). SQL NULL, like an empty text, is an absent field.
 * Rows are read with a fetch size, in a transaction (so PostgreSQL streams them), and never
 * written.
 *
 * <p>Errors are {@link BadInputException}s of one line: the driver's message for a bad URL or bad
 * SQL, the row number and column for a bad value.
 *
 * @param url the JDBC URL
 * @param user the user, or null
 * @param password the password, or null
 * @param sql the query that returns the endorsements
 */
record JdbcSource(String url, String user, String password, String sql) implements DataSource {
  private static final int FETCH_SIZE = 1_000;

  /** How the input is named in messages. */
  String name() {
    return "the --events query";
  }

  /** Connects, as a {@link DataSource} for the score sink. */
  @Override
  public Connection getConnection() throws SQLException {
    Properties info = new Properties();
    if (user != null) {
      info.setProperty("user", user);
    }
    if (password != null) {
      info.setProperty("password", password);
    }
    return DriverManager.getConnection(url, info);
  }

  /** The URL and the query; never the password. */
  @Override
  public String toString() {
    return url + " (" + sql + ")";
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return DriverManager.getConnection(url, username, pass);
  }

  @Override
  public PrintWriter getLogWriter() {
    return DriverManager.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    DriverManager.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) {
    DriverManager.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  /**
   * Passes every row of the query to {@code consumer} as a record, its {@linkplain
   * EdgeRecord#line() line} the 1-based row number; returns how many rows there were.
   *
   * @throws BadInputException if the database cannot be reached, the query fails, a required column
   *     is missing or a value is malformed
   * @throws X if {@code consumer} throws it: reading stops there
   */
  <X extends Exception> long read(EdgeListReader.RecordConsumer<X> consumer)
      throws BadInputException, X {
    Connection connection;
    try {
      connection = getConnection();
    } catch (SQLException e) {
      throw new BadInputException("cannot connect to " + url + ": " + oneLine(e));
    }
    try (connection) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = statement.executeQuery(sql)) {
          return read(rows, consumer);
        } finally {
          connection.rollback(); // read only: nothing to keep
        }
      }
    } catch (SQLException e) {
      throw new BadInputException(name() + " failed: " + oneLine(e));
    }
  }

  /**
   * Reads the rows into a weighted graph, as {@link EdgeListReader#read} reads an edge list: a
   * missing weight is 1, repeated pairs are summed, self-endorsements dropped, and a negative
   * weight is an error unless {@code dropNegative} (then it is dropped and counted; its
   * contributors stay). The time and kind columns, if any, are read and checked but not used.
   *
   * @throws BadInputException as {@link #read(EdgeListReader.RecordConsumer)}, or for a negative
   *     weight
   */
  EdgeListReader.Result readGraph(boolean dropNegative) throws BadInputException {
    EndorsementGraph.Builder builder = EndorsementGraph.builder();
    long[] dropped = new long[1];
    long records =
        read(
            record -> {
              if (record.kind().isPresent()) {
                throw new BadInputException(
                    where(record.line())
                        + "kind '"
                        + record.kind().get()
                        + "', but without policy options a kind means nothing; declare the kinds"
                        + " with --kinds NAME=WEIGHT,... (or --policy), or leave the kind column"
                        + " out of the query");
              }
              int endorser = builder.addContributor(record.endorser());
              int endorsed = builder.addContributor(record.endorsed());
              double weight = record.weight().orElse(1);
              if (weight >= 0) {
                builder.add(endorser, endorsed, weight);
              } else if (dropNegative) {
                dropped[0]++;
              } else {
                throw new BadInputException(
                    where(record.line())
                        + "negative weight "
                        + Report.number(weight)
                        + " for "
                        + record.endorser()
                        + " -> "
                        + record.endorsed()
                        + "; weights must be >= 0: drop negative ratings with --drop-negative, or"
                        + " apply them as distrust with --distrust");
              }
            });
    return new EdgeListReader.Result(builder.build(), records, dropped[0], false);
  }

  /** The first line of the exception's message, for a one-line error. */
  static String oneLine(SQLException e) {
    String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    int end = message.indexOf('\n');
    String line = (end < 0 ? message : message.substring(0, end)).strip();
    return line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
  }

  private <X extends Exception> long read(ResultSet rows, EdgeListReader.RecordConsumer<X> consumer)
      throws SQLException, BadInputException, X {
    ResultSetMetaData meta = rows.getMetaData();
    Map<Column, Integer> index = columns(meta);
    TimeType timeType =
        index.containsKey(Column.TIME) ? TimeType.of(meta, index.get(Column.TIME)) : TimeType.OTHER;
    long row = 0;
    while (rows.next()) {
      row++;
      consumer.accept(
          new EdgeRecord(
              id(rows, index, Column.ENDORSER, row),
              id(rows, index, Column.ENDORSED, row),
              weight(rows, index.get(Column.WEIGHT), row),
              time(rows, index.get(Column.TIME), timeType, row),
              text(rows, index.get(Column.KIND)),
              tags(rows, index.get(Column.TAGS), row),
              row));
    }
    if (row == 0) {
      throw new BadInputException(name() + ": no endorsements found (the query returned no rows)");
    }
    return row;
  }

  /** The index of each column of the edge list that the query returns. */
  private Map<Column, Integer> columns(ResultSetMetaData meta)
      throws SQLException, BadInputException {
    Map<Column, Integer> index = new EnumMap<>(Column.class);
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String label = meta.getColumnLabel(i);
      names.add(label);
      int at = i;
      Column.named(label).ifPresent(column -> index.putIfAbsent(column, at));
    }
    for (Column required : List.of(Column.ENDORSER, Column.ENDORSED)) {
      if (!index.containsKey(required)) {
        throw new BadInputException(
            name()
                + " returns no column '"
                + required.columnName()
                + "' (it returns "
                + String.join(", ", names)
                + "); name the columns endorser, endorsed and optionally weight, time, kind, tags,"
                + " as in SELECT voter AS endorser, ...");
      }
    }
    return index;
  }

  private String id(ResultSet rows, Map<Column, Integer> index, Column column, long row)
      throws SQLException, BadInputException {
    Optional<String> id = text(rows, index.get(column));
    if (id.isEmpty()) {
      throw new BadInputException(
          where(row) + "no " + column.columnName() + " (NULL or empty); every row needs both ids");
    }
    return id.get();
  }

  private static Optional<String> text(ResultSet rows, Integer column) throws SQLException {
    if (column == null) {
      return Optional.empty();
    }
    String text = rows.getString(column);
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  private Set<String> tags(ResultSet rows, Integer column, long row)
      throws SQLException, BadInputException {
    Optional<String> text = text(rows, column);
    if (text.isEmpty()) {
      return Set.of();
    }
    try {
      return EdgeListFormat.parseTags(text.get());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where(row) + e.getMessage());
    }
  }

  private OptionalDouble weight(ResultSet rows, Integer column, long row)
      throws SQLException, BadInputException {
    if (column == null) {
      return OptionalDouble.empty();
    }
    Object value = rows.getObject(column);
    double weight;
    if (value == null) {
      return OptionalDouble.empty();
    } else if (value instanceof Number number) {
      weight = number.doubleValue();
    } else {
      String text = value.toString().strip();
      if (text.isEmpty()) {
        return OptionalDouble.empty();
      }
      try {
        weight = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new BadInputException(where(row) + "weight '" + text + "' is not a number");
      }
    }
    if (!Double.isFinite(weight)) {
      throw new BadInputException(where(row) + "weight " + value + " is not a finite number");
    }
    return OptionalDouble.of(weight);
  }

  /** How a time column is read: a timestamp with a zone, one without (taken as UTC), or text. */
  private enum TimeType {
    ZONED,
    LOCAL,
    OTHER;

    static TimeType of(ResultSetMetaData meta, int column) throws SQLException {
      int type = meta.getColumnType(column);
      String name = Objects.requireNonNullElse(meta.getColumnTypeName(column), "");
      if (type == Types.TIMESTAMP_WITH_TIMEZONE
          || name.toLowerCase(Locale.ROOT).contains("tz")
          || name.toUpperCase(Locale.ROOT).contains("WITH TIME ZONE")) {
        return ZONED;
      }
      return type == Types.TIMESTAMP ? LOCAL : OTHER;
    }
  }

  private Optional<Instant> time(ResultSet rows, Integer column, TimeType type, long row)
      throws SQLException, BadInputException {
    if (column == null) {
      return Optional.empty();
    }
    if (type == TimeType.ZONED) {
      OffsetDateTime zoned = rows.getObject(column, OffsetDateTime.class);
      return Optional.ofNullable(zoned).map(OffsetDateTime::toInstant);
    }
    if (type == TimeType.LOCAL) {
      LocalDateTime local = rows.getObject(column, LocalDateTime.class);
      return Optional.ofNullable(local).map(t -> t.toInstant(ZoneOffset.UTC));
    }
    Object value = rows.getObject(column);
    if (value == null) {
      return Optional.empty();
    } else if (value instanceof Timestamp timestamp) {
      return Optional.of(timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC));
    } else if (value instanceof LocalDateTime local) {
      return Optional.of(local.toInstant(ZoneOffset.UTC));
    } else if (value instanceof OffsetDateTime offset) {
      return Optional.of(offset.toInstant());
    } else if (value instanceof ZonedDateTime zoned) {
      return Optional.of(zoned.toInstant());
    } else if (value instanceof Instant instant) {
      return Optional.of(instant);
    } else if (value instanceof java.sql.Date date) {
      return Optional.of(date.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC));
    } else if (value instanceof LocalDate date) {
      return Optional.of(date.atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    String text = value.toString().strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(EdgeListFormat.parseTime(text));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(where(row) + "time " + e.getMessage());
    }
  }

  private String where(long row) {
    return name() + ", row " + row + ": ";
  }
}
