package dev.wuffie.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL that differs between the databases wuffie-jdbc writes to: how a name is quoted, how a
 * table is created, and how a row is inserted or updated in one statement (an upsert).
 */
enum Dialect {
  POSTGRESQL("\"", "DOUBLE PRECISION", "TIMESTAMP WITH TIME ZONE") {
    @Override
    String upsert(String table, List<String> columns, String key) {
      return insert(table, columns)
          + " ON CONFLICT ("
          + key
          + ") DO UPDATE SET "
          + columns.stream()
              .filter(c -> !c.equals(key))
              .map(c -> c + " = EXCLUDED." + c)
              .collect(Collectors.joining(", "));
    }
  },
  H2("\"", "DOUBLE PRECISION", "TIMESTAMP WITH TIME ZONE") {
    @Override
    String upsert(String table, List<String> columns, String key) {
      return "MERGE INTO "
          + table
          + " ("
          + String.join(", ", columns)
          + ") KEY ("
          + key
          + ") VALUES ("
          + placeholders(columns.size())
          + ")";
    }
  },
  /** MySQL and MariaDB. */
  MYSQL("`", "DOUBLE", "DATETIME(3)") {
    @Override
    String upsert(String table, List<String> columns, String key) {
      return insert(table, columns)
          + " ON DUPLICATE KEY UPDATE "
          + columns.stream()
              .filter(c -> !c.equals(key))
              .map(c -> c + " = VALUES(" + c + ")")
              .collect(Collectors.joining(", "));
    }

    @Override
    String name(String name, DatabaseMetaData metaData) {
      return quote + name + quote; // MySQL compares column names without regard to case
    }
  };

  /** A name as an unquoted SQL identifier: a letter or underscore, then letters, digits, _. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  final String quote;
  final String doubleType;
  final String timestampType;

  Dialect(String quote, String doubleType, String timestampType) {
    this.quote = quote;
    this.doubleType = doubleType;
    this.timestampType = timestampType;
  }

  /**
   * The dialect of the database {@code connection} is connected to, by its product name.
   *
   * @throws SQLException if the database is none of those supported, or the driver fails
   */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (lower.contains("postgresql")) {
      return POSTGRESQL;
    } else if (lower.equals("h2")) {
      return H2;
    } else if (lower.contains("mysql") || lower.contains("mariadb")) {
      return MYSQL;
    }
    throw new SQLException(
        "database '"
            + product
            + "' is not supported: wuffie-jdbc writes to PostgreSQL, H2, MySQL and MariaDB");
  }

  /**
   * Checks that {@code name} is a plain identifier, or two joined by a dot ({@code schema.table}),
   * and returns it unchanged.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not
   */
  static String checkName(String name, String what) {
    if (name == null) {
      throw new NullPointerException(what + " is null");
    }
    String[] parts = name.split("\\.", -1);
    boolean plain = parts.length <= 2;
    for (String part : parts) {
      plain &= IDENTIFIER.matcher(part).matches();
    }
    if (!plain) {
      throw new IllegalArgumentException(
          String.format(
              "%s '%s' is not a plain SQL name: give letters, digits and underscores, starting"
                  + " with a letter or underscore, at most 63 of them (optionally schema.name)",
              what, name));
    }
    return name;
  }

  /**
   * {@code name} (checked by {@link #checkName}) quoted for this database, each part as the
   * database stores an unquoted identifier (upper case in H2, lower case in PostgreSQL): so the
   * quoted name is the one that the unquoted name means in the site's own SQL, and a name that is
   * also a keyword ({@code rank}) still works.
   */
  String name(String name, DatabaseMetaData metaData) throws SQLException {
    StringBuilder quoted = new StringBuilder();
    for (String part : name.split("\\.")) {
      String folded =
          metaData.storesUpperCaseIdentifiers()
              ? part.toUpperCase(Locale.ROOT)
              : metaData.storesLowerCaseIdentifiers() ? part.toLowerCase(Locale.ROOT) : part;
      quoted.append(quoted.length() == 0 ? "" : ".").append(quote).append(folded).append(quote);
    }
    return quoted.toString();
  }

  /** A statement that inserts a row of {@code columns} into {@code table}, or updates it by key. */
  abstract String upsert(String table, List<String> columns, String key);

  static String insert(String table, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + placeholders(columns.size())
        + ")";
  }

  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
