package dev.wuffie.jdbc;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** Ledgers, reputations and table reads shared by the tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
  static final ScoringPolicy POLICY = ScoringPolicy.builder().build(); // the default kinds

  private Fixtures() {}

  /** A small community: five members and a contribution. */
  static Ledger community() {
    Ledger ledger = Ledger.create();
    ledger.addContribution("answer-1", T0, "bob");
    ledger.record(Endorsement.ofContribution("alice", "answer-1", "upvote", T0));
    ledger.record(Endorsement.ofContribution("carol", "answer-1", "accepted", T0));
    ledger.record(Endorsement.of("bob", "alice", "thanks", T0));
    ledger.record(Endorsement.of("dave", "carol", "follow", T0));
    ledger.record(Endorsement.of("erin", "dave", "upvote", T0));
    ledger.record(Endorsement.of("alice", "erin", "upvote", T0));
    return ledger;
  }

  static Reputation score(Ledger ledger) {
    return Reputation.compute(ledger, POLICY);
  }

  /** One row of a scores table, as read back. */
  record ScoreRow(
      double score, int rank, double percentile, double points, String tier, Instant at) {

    /** Whether the row holds {@code id}'s standing in {@code reputation}, exactly. */
    boolean holds(Reputation reputation, String id, String expectedTier) {
      var s = reputation.standing(id);
      return Double.compare(score, s.score()) == 0
          && rank == s.rank()
          && Double.compare(percentile, s.percentile()) == 0
          && Double.compare(points, s.points()) == 0
          && Objects.equals(tier, expectedTier);
    }
  }

  /** Every row of the scores table {@code table}, by id, read on a connection of its own. */
  static Map<String, ScoreRow> readScores(DataSource db, String table) throws SQLException {
    try (Connection c = db.getConnection()) {
      return readScores(c, table);
    }
  }

  static Map<String, ScoreRow> readScores(Connection c, String table) throws SQLException {
    Map<String, ScoreRow> rows = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT id, score, rank, percentile, points, tier, refreshed_at FROM " + table)) {
      while (r.next()) {
        rows.put(
            r.getString("id"),
            new ScoreRow(
                r.getDouble("score"),
                r.getInt("rank"),
                r.getDouble("percentile"),
                r.getDouble("points"),
                r.getString("tier"),
                r.getObject("refreshed_at", OffsetDateTime.class).toInstant()));
      }
    }
    return rows;
  }
}
