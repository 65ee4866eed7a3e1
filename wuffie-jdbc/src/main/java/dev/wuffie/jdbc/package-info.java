/**
 * wuffie over JDBC: the site's database in, the scores back out.
 *
 * <p>Start with {@link dev.wuffie.jdbc.SqlEventSource}, which reads endorsements, contributions,
 * removed endorsements and merged accounts from the site's tables with one query each, first in
 * full and then only the rows past each query's cursor, into a {@link dev.wuffie.LiveReputation};
 * and {@link dev.wuffie.jdbc.ScoreSink}, which writes each member's standing to a table of the
 * site's after every refresh, in one transaction.
 */
package dev.wuffie.jdbc;
