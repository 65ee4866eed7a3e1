package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.jdbc.SqlEventSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * Builds the {@link SqlEventSource} of {@code wuffie.source.*}, and checks each query on the
 * database first, so that a query the database refuses fails the startup with the property's name.
 */
final class SourceFactory {
  private SourceFactory() {}

  static SqlEventSource create(
      DataSource dataSource, LiveReputation live, WuffieProperties.Source settings) {
    SqlEventSource.Builder builder = SqlEventSource.builder(dataSource, live);
    query(builder::events, "events", settings.getEvents(), dataSource);
    query(builder::contributions, "contributions", settings.getContributions(), dataSource);
    query(builder::removals, "removals", settings.getRemovals(), dataSource);
    query(builder::merges, "merges", settings.getMerges(), dataSource);
    set(() -> builder.fetchSize(settings.getFetchSize()), "wuffie.source.fetch-size");
    set(() -> builder.batchSize(settings.getBatchSize()), "wuffie.source.batch-size");
    set(() -> builder.overlap(settings.getOverlap()), "wuffie.source.overlap");
    set(() -> builder.badRows(settings.getBadRows()), "wuffie.source.bad-rows");
    return builder.build();
  }

  private static void query(
      BiConsumer<String, String> setter,
      String name,
      WuffieProperties.Query query,
      DataSource dataSource) {
    String property = "wuffie.source." + name;
    if (query.getSql() == null) {
      if (query.getCursor() != null) {
        throw new WuffieConfigurationException(
            property + ".sql", "is not set, but " + property + ".cursor is; give the query", null);
      }
      return;
    }
    if (query.getCursor() == null || query.getCursor().isBlank()) {
      throw new WuffieConfigurationException(
          property + ".cursor",
          "is not set; name the "
              + name
              + " query's cursor column: an integer column of its result that only grows as rows"
              + " are added, such as an identity",
          null);
    }
    try {
      setter.accept(query.getSql(), query.getCursor());
    } catch (IllegalArgumentException e) {
      String fault =
          e.getMessage() != null && e.getMessage().contains("cursor column") ? ".cursor" : ".sql";
      throw new WuffieConfigurationException(property + fault, e.getMessage(), e);
    }
    List<String> columns = columns(query.getSql(), property + ".sql", dataSource);
    if (!columns.contains(query.getCursor().toLowerCase(Locale.ROOT))) {
      throw new WuffieConfigurationException(
          property + ".cursor",
          "the "
              + name
              + " query returns no column '"
              + query.getCursor()
              + "' (it returns "
              + columns
              + "); name one of its columns, or add it to the query",
          null);
    }
  }

  /** The result columns of {@code sql} (lower case), from running it without reading any row. */
  private static List<String> columns(String sql, String property, DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT * FROM (" + sql + ") wuffie_check WHERE 1 = 0")) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
      }
      return columns;
    } catch (SQLException e) {
      throw new WuffieConfigurationException(
          property, "the query fails on the database: " + e.getMessage(), e);
    }
  }

  private static void set(Runnable setter, String property) {
    try {
      setter.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new WuffieConfigurationException(property, e.getMessage(), e);
    }
  }
}
