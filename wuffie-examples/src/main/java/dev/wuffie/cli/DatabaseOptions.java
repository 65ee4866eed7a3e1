package dev.wuffie.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that read the endorsements from a database, shared by {@code score} and {@code
 * explain} (a picocli mixin): {@code --jdbc URL --events SQL}, and the credentials. A password is
 * never given on the command line, only the name of the environment variable that holds it.
 */
final class DatabaseOptions {
  @Option(
      names = "--jdbc",
      paramLabel = "URL",
      order = 4,
      description =
          "Read the endorsements from a database instead: a JDBC URL (H2 and PostgreSQL drivers"
              + " included), with --events.")
  private String url;

  @Option(
      names = "--events",
      paramLabel = "SQL",
      order = 5,
      description =
          "The query that returns the endorsements, its columns named endorser, endorsed and"
              + " optionally weight, time, kind (any case; others are ignored).")
  private String sql;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      order = 6,
      description = "The database user (default: the URL's, if any).")
  private String user;

  @Option(
      names = "--jdbc-password-env",
      paramLabel = "VAR",
      order = 7,
      description = "The environment variable that holds the database password.")
  private String passwordEnv;

  /** Whether {@code --jdbc} was given. */
  boolean given() {
    return url != null;
  }

  /**
   * The database to read, or null if {@code --jdbc} was not given.
   *
   * @throws ParameterException if {@code --events} is given without {@code --jdbc} or the other way
   *     round, or the password's variable is not set
   */
  JdbcSource source(CommandLine cli) {
    if (url == null) {
      if (sql != null || user != null || passwordEnv != null) {
        throw new ParameterException(
            cli,
            (sql != null ? "--events" : user != null ? "--jdbc-user" : "--jdbc-password-env")
                + " is for a database: give --jdbc URL too");
      }
      return null;
    }
    if (sql == null || sql.isBlank()) {
      throw new ParameterException(
          cli,
          "--jdbc needs the query that returns the endorsements: --events \"SELECT voter AS"
              + " endorser, author AS endorsed FROM votes\"");
    }
    String password = null;
    if (passwordEnv != null) {
      password = System.getenv(passwordEnv);
      if (password == null) {
        throw new ParameterException(
            cli,
            "--jdbc-password-env "
                + passwordEnv
                + ": the environment variable "
                + passwordEnv
                + " is not set");
      }
    }
    return new JdbcSource(url, user, password, sql);
  }
}
