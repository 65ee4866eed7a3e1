package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Standing;
import dev.wuffie.Tiers;
import dev.wuffie.json.PolicyJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * A small Q&amp;A site for the tests: posts with authors and votes on them, in the site's tables,
 * and the same events in a ledger built directly, whose {@link Reputation#compute} is the known
 * answer the starter's scores must equal.
 */
final class QaSite {
  static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  static final String[] KINDS = {"up", "up", "up", "accept", "down"};

  /** The properties of a site whose source reads these tables and writes member_scores. */
  static final String[] PROPERTIES = {
    "wuffie.enabled=true",
    "wuffie.policy.file=classpath:qa-policy.json",
    "wuffie.source.events.sql=SELECT id, voter AS endorser, post_id AS target_contribution,"
        + " kind, created_at AS made_at FROM votes",
    "wuffie.source.events.cursor=id",
    "wuffie.source.contributions.sql=SELECT id AS contribution, author, created_at AS made_at"
        + " FROM posts",
    "wuffie.source.contributions.cursor=contribution",
    "wuffie.sink.table=member_scores",
    "wuffie.sink.create-table=true",
    "wuffie.tiers.levels[0].name=regular",
    "wuffie.tiers.levels[0].percentile=50",
    "wuffie.tiers.levels[1].name=trusted",
    "wuffie.tiers.levels[1].points=1.5",
  };

  /** The tiers of {@link #PROPERTIES}, built in code. */
  static final Tiers TIERS =
      Tiers.builder().percentile("regular", 50).points("trusted", 1.5).build();

  record Post(long id, String author, Instant at) {}

  record Vote(long id, String voter, long post, String kind, Instant at) {}

  final List<Post> posts = new ArrayList<>();
  final List<Vote> votes = new ArrayList<>();
  private final Random random;
  private final int members;

  QaSite(long seed, int members) {
    this.random = new Random(seed);
    this.members = members;
  }

  static ScoringPolicy policy() {
    try {
      return PolicyJson.read(Path.of(QaSite.class.getResource("/qa-policy.json").toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void createTables(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE posts (id BIGINT PRIMARY KEY, author VARCHAR(64) NOT NULL,"
              + " created_at TIMESTAMP NOT NULL)");
      s.execute(
          "CREATE TABLE votes (id BIGINT PRIMARY KEY, voter VARCHAR(64) NOT NULL,"
              + " post_id BIGINT NOT NULL, kind VARCHAR(16) NOT NULL,"
              + " created_at TIMESTAMP NOT NULL)");
    }
  }

  /** Adds {@code count} posts by random members, and inserts them. */
  List<Post> addPosts(int count, DataSource db) throws SQLException {
    List<Post> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = posts.size() + 1;
      added.add(new Post(id, member(), T0.plusSeconds(60 * id)));
      posts.add(added.get(i));
    }
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO posts VALUES (?, ?, ?)")) {
      for (Post p : added) {
        s.setLong(1, p.id());
        s.setString(2, p.author());
        s.setObject(3, LocalDateTime.ofInstant(p.at(), ZoneOffset.UTC));
        s.executeUpdate();
      }
    }
    return added;
  }

  /**
   * Adds {@code count} votes by random members on random posts (none on their own), and inserts
   * them.
   */
  List<Vote> addVotes(int count, DataSource db) throws SQLException {
    List<Vote> added = new ArrayList<>();
    while (added.size() < count) {
      Post post = posts.get(random.nextInt(posts.size()));
      String voter = member();
      if (voter.equals(post.author())) {
        continue;
      }
      long id = votes.size() + 1;
      Vote vote =
          new Vote(
              id, voter, post.id(), KINDS[random.nextInt(KINDS.length)], T0.plusSeconds(30 * id));
      votes.add(vote);
      added.add(vote);
    }
    insertVotes(added, db);
    return added;
  }

  static void insertVotes(List<Vote> votes, DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO votes VALUES (?, ?, ?, ?, ?)")) {
      for (Vote v : votes) {
        s.setLong(1, v.id());
        s.setString(2, v.voter());
        s.setLong(3, v.post());
        s.setString(4, v.kind());
        s.setObject(5, LocalDateTime.ofInstant(v.at(), ZoneOffset.UTC));
        s.executeUpdate();
      }
    }
  }

  /** The site's events, recorded directly into a new ledger. */
  Ledger ledger() {
    Ledger ledger = Ledger.create();
    for (Post p : posts) {
      ledger.addContribution(Long.toString(p.id()), p.at(), p.author());
    }
    for (Vote v : votes) {
      ledger.record(
          Endorsement.ofContribution(v.voter(), Long.toString(v.post()), v.kind(), v.at()));
    }
    return ledger;
  }

  /** The known answer: the site's events scored directly. */
  Reputation expected() {
    return Reputation.compute(ledger(), policy());
  }

  private String member() {
    return "m" + (1 + random.nextInt(members));
  }

  /** Asserts that {@code actual} holds exactly {@code expected}'s standings, bit for bit. */
  static void assertSameStandings(Reputation actual, Reputation expected) {
    assertThat(actual.ids()).containsExactlyInAnyOrderElementsOf(expected.ids());
    for (String id : expected.ids()) {
      assertThat(actual.standing(id)).as(id).isEqualTo(expected.standing(id));
    }
  }

  /** A row of the score table. */
  record Row(Standing standing, String tier) {}

  /** The score table's rows, by id. */
  static Map<String, Row> scoreTable(DataSource db) throws SQLException {
    Map<String, Row> rows = new HashMap<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT id, rank, score, points, percentile, tier FROM member_scores")) {
      while (r.next()) {
        rows.put(
            r.getString(1),
            new Row(
                new Standing(
                    r.getString(1), r.getInt(2), r.getDouble(3), r.getDouble(4), r.getDouble(5)),
                r.getString(6)));
      }
    }
    return rows;
  }

  /**
   * Asserts that the score table holds exactly {@code expected}'s standings, and the tiers {@link
   * #TIERS} assign them on a first assignment.
   */
  static void assertScoreTable(DataSource db, Reputation expected) throws SQLException {
    assertScoreTable(db, expected, TIERS.assign(expected, Map.of()));
  }

  /**
   * Asserts that the score table holds exactly {@code expected}'s standings, and {@code tiers}
   * (after later refreshes, tiers depend on the ones held before: the low-water mark).
   */
  static void assertScoreTable(DataSource db, Reputation expected, Map<String, String> tiers)
      throws SQLException {
    Map<String, Row> rows = scoreTable(db);
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.ids());
    for (String id : expected.ids()) {
      assertThat(rows.get(id)).as(id).isEqualTo(new Row(expected.standing(id), tiers.get(id)));
    }
  }
}
