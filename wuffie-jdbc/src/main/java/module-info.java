/**
 * wuffie inside a running site: {@link dev.wuffie.jdbc.SqlEventSource} reads the site's own tables
 * into a {@link dev.wuffie.LiveReputation}, and {@link dev.wuffie.jdbc.ScoreSink} writes the scores
 * back to a table of the site's. Only {@code java.sql}: the site brings its JDBC driver.
 */
module dev.wuffie.jdbc {
  requires transitive dev.wuffie.core;
  requires transitive java.sql;
  requires com.google.common;

  exports dev.wuffie.jdbc;
}
