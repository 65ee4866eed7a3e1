package dev.wuffie.jdbc;

import static dev.wuffie.jdbc.Fixtures.T0;
import static dev.wuffie.jdbc.Site.insertVote;
import static dev.wuffie.jdbc.Site.scores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wuffie.LiveReputation;
import dev.wuffie.jdbc.Database.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad row, under both settings, on both databases. */
final class BadRowsTest {

  /** Inserts a bad row, and into the site's expected ledger whatever good rows come with it. */
  interface Rows {
    void insert(Site site, Connection c) throws SQLException;
  }

  /**
   * One kind of bad row.
   *
   * @param name what is wrong
   * @param rows the rows that show it
   * @param query the query the bad row comes from
   * @param rowId its id as the exception names it
   * @param column the column at fault
   * @param problem the part of the message that says what is wrong
   */
  record Case(String name, Rows rows, String query, String rowId, String column, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Rows vote(Long id, String voter, String member, Long post, String kind) {
    return vote(id, voter, member, post, kind, null, T0);
  }

  private static Rows vote(
      Long id, String voter, String member, Long post, String kind, Double rating, Instant at) {
    return (site, c) -> insertVote(c, id, voter, member, post, kind, rating, at);
  }

  private static Rows sql(String... statements) {
    return (site, c) -> {
      try (var s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
      }
    };
  }

  static List<Case> cases() {
    String at = "TIMESTAMP WITH TIME ZONE '2026-11-01 12:00:00+00'";
    return List.of(
        new Case(
            "null id",
            vote(null, "carol", "bob", null, "upvote"),
            "events",
            null,
            "id",
            "the id is null"),
        new Case(
            "null endorser",
            vote(200L, null, "bob", null, "upvote"),
            "events",
            "200",
            "endorser",
            "the endorser is null"),
        new Case(
            "empty endorser",
            vote(200L, "", "bob", null, "upvote"),
            "events",
            "200",
            "endorser",
            "the endorser is empty"),
        new Case(
            "no target",
            vote(200L, "carol", null, null, "upvote"),
            "events",
            "200",
            "target_member",
            "neither target_member nor target_contribution is set"),
        new Case(
            "two targets",
            vote(200L, "carol", "bob", 10L, "upvote"),
            "events",
            "200",
            "target_member",
            "both target_member and target_contribution are set"),
        new Case(
            "null kind",
            vote(200L, "carol", "bob", null, null),
            "events",
            "200",
            "kind",
            "the kind is null"),
        new Case(
            "unknown kind",
            vote(200L, "carol", "bob", null, "meh"),
            "events",
            "200",
            "kind",
            "unknown kind 'meh' of endorsement carol -> bob"),
        new Case(
            "a rating of an unrated kind",
            vote(200L, "carol", "bob", null, "upvote", 5.0, T0),
            "events",
            "200",
            "rating",
            "endorsement carol -> bob of kind 'upvote' has a value, but the kind is not rated"),
        new Case(
            "a rated kind without rating",
            vote(200L, "carol", "bob", null, "trust"),
            "events",
            "200",
            "rating",
            "endorsement carol -> bob of rated kind 'trust' has no value"),
        new Case(
            "a rating that is not a number",
            vote(200L, "carol", "bob", null, "trust", Double.NaN, T0),
            "events",
            "200",
            "rating",
            "rating NaN is not a finite number"),
        new Case(
            "null time",
            vote(200L, "carol", "bob", null, "upvote", null, null),
            "events",
            "200",
            "made_at",
            "the time is null"),
        new Case(
            "a time far in the future",
            vote(200L, "carol", "bob", null, "upvote", null, Instant.parse("2999-01-01T00:00:00Z")),
            "events",
            "200",
            "made_at",
            "the ledger refuses it: time 2999-01-01T00:00:00Z of"),
        new Case(
            "a vote on an undeclared post",
            vote(200L, "carol", null, 99L, "upvote"),
            "events",
            "200",
            "target_contribution",
            "contribution '99' is not declared: the contributions query returned no row for it"),
        new Case(
            "null author",
            sql(
                "INSERT INTO posts VALUES (20, " + at + ")",
                "INSERT INTO post_authors VALUES (20, NULL, NULL)"),
            "contributions",
            "20",
            "author",
            "the author is null"),
        new Case(
            "a share of 0",
            sql(
                "INSERT INTO posts VALUES (20, " + at + ")",
                "INSERT INTO post_authors VALUES (20, 'carol', 0)"),
            "contributions",
            "20",
            "share",
            "share 0.0 of author 'carol' is not above 0"),
        new Case(
            "a contribution without time",
            sql(
                "INSERT INTO posts VALUES (20, NULL)",
                "INSERT INTO post_authors VALUES (20, 'carol', NULL)"),
            "contributions",
            "20",
            "made_at",
            "the time is null"),
        new Case(
            "a removal without id",
            sql("INSERT INTO removed_votes (vote_id) VALUES (NULL)"),
            "removals",
            null,
            "event_id",
            "the id of the removed event is null"),
        new Case(
            "a merge into itself",
            sql("INSERT INTO merged_accounts (alias, person) VALUES ('bob', 'bob')"),
            "merges",
            "bob",
            "person",
            "'bob' is merged into itself"),
        new Case(
            "a merge without person",
            sql("INSERT INTO merged_accounts (alias, person) VALUES ('bob', NULL)"),
            "merges",
            "bob",
            "person",
            "the person is null"),
        new Case(
            "a merge cycle",
            merges("INSERT INTO merged_accounts (alias, person) VALUES ('y', 'x')"),
            "merges",
            "y",
            "person",
            "merging 'y' into 'x' would make a cycle: 'x' already belongs to 'y'"),
        new Case(
            "an account merged twice",
            merges("INSERT INTO merged_accounts (alias, person) VALUES ('x', 'z')"),
            "merges",
            "x",
            "person",
            "'x' is already merged into 'y'; an account can belong to one person"));
  }

  /** A good merge of x into y, then {@code bad}. */
  private static Rows merges(String bad) {
    return (site, c) -> {
      site.merge("x", "y");
      sql(bad).insert(site, c);
    };
  }

  static Stream<Arguments> casesOnEachDatabase() {
    List<Arguments> arguments = new ArrayList<>();
    for (Database database : Database.values()) {
      for (Case c : cases()) {
        arguments.add(Arguments.of(database, c));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("casesOnEachDatabase")
  void aBadRow_failsItsBatch_orIsSkippedAndCounted(Database database, Case bad) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      site.post(10, T0, "bob");
      site.vote(1, "alice", "bob", "thanks", T0);
      LiveReputation failing = Site.live();
      SqlEventSource source = site.source(failing).build();
      source.poll();
      Map<String, Long> cursors = source.cursors();
      long events = failing.ledger().eventCount();
      try (Connection c = db.getConnection()) {
        bad.rows().insert(site, c);
      }
      site.vote(100, "carol", "bob", "upvote", T0); // a good row after the bad one

      // FAIL: the batch of the bad row is not applied, and the exception names the row.
      BadRowException e = catchThrowableOfType(BadRowException.class, source::poll);
      assertThat(e).as("no exception").isNotNull();
      assertThat(e.query()).isEqualTo(bad.query());
      assertThat(e.rowId()).isEqualTo(bad.rowId());
      assertThat(e.column()).isEqualTo(bad.column());
      assertThat(e.getMessage())
          .startsWith("bad row in the " + bad.query() + " query (")
          .contains(", column " + bad.column() + ": " + bad.problem())
          .endsWith(
              "; fix the row, or build the source with badRows(BadRows.SKIP) to skip such"
                  + " rows");
      assertThat(source.cursors().get(bad.query())).isEqualTo(cursors.get(bad.query()));
      if (!bad.query().equals("removals") && !bad.query().equals("merges")) {
        assertThat(failing.ledger().eventCount()).isEqualTo(events); // vote 100 is not in
      }

      // SKIP: the row is skipped and counted once; the rest is recorded.
      LiveReputation skipping = Site.live();
      SqlEventSource skipper = site.source(skipping).badRows(BadRows.SKIP).build();
      List<LogRecord> logged = new ArrayList<>();
      Logger logger = Logger.getLogger(SqlEventSource.class.getName());
      Handler handler =
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      logger.addHandler(handler);
      logger.setUseParentHandlers(false);
      try {
        assertThat(skipper.poll().skipped()).isEqualTo(1);
      } finally {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(true);
      }
      assertThat(logged).hasSize(1);
      assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
      assertThat(logged.get(0).getMessage())
          .startsWith("skipped 1 bad rows; the first:")
          .contains(
              bad.query()
                  + " row "
                  + (bad.rowId() == null ? "no id" : "id " + bad.rowId())
                  + " (cursor ")
          .contains("column " + bad.column() + ": " + bad.problem());
      assertThat(scores(skipping.ledger())).isEqualTo(scores(site.expected));
      assertThat(skipper.poll().skipped()).isZero(); // read again in the overlap: not counted
      assertThat(scores(skipping.ledger())).isEqualTo(scores(site.expected));
      assertThat(skipping.ledger().eventCount()).isEqualTo(site.expected.eventCount());
    }
  }
}
