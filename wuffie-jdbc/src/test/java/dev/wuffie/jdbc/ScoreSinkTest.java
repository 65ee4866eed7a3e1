package dev.wuffie.jdbc;

import static dev.wuffie.jdbc.Fixtures.T0;
import static dev.wuffie.jdbc.Fixtures.community;
import static dev.wuffie.jdbc.Fixtures.readScores;
import static dev.wuffie.jdbc.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.Tiers;
import dev.wuffie.jdbc.Database.TestDatabase;
import dev.wuffie.jdbc.Fixtures.ScoreRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ScoreSinkTest {
  private static final String TABLE = "member_scores";
  private static final Instant T1 = Instant.parse("2026-11-02T08:00:00.123Z");
  private static final Instant T2 = Instant.parse("2026-11-02T09:00:00.456Z");
  private static final Instant T3 = Instant.parse("2026-11-02T10:00:00Z");

  private static ScoreSink sink(DataSource db, Instant at) {
    return ScoreSink.builder(db, TABLE).clock(Clock.fixed(at, ZoneOffset.UTC)).batchSize(2).build();
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void write_valuesReadBack_equalTheReputation(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Reputation reputation = score(community());
      ScoreSink sink = sink(db, T1);
      sink.createTable();
      sink.createTable(); // a second time changes nothing

      ScoreSink.Written written = sink.write(reputation, Map.of("bob", "trusted"));

      Map<String, ScoreRow> rows = readScores(db, TABLE);
      assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(reputation.ids());
      for (String id : reputation.ids()) {
        assertThat(rows.get(id).holds(reputation, id, id.equals("bob") ? "trusted" : null))
            .as("row of %s: %s", id, rows.get(id))
            .isTrue();
        assertThat(rows.get(id).at()).isEqualTo(T1);
      }
      assertThat(written).isEqualTo(new ScoreSink.Written(5, 0, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void laterWrites_touchOnlyTheRowsThatChanged(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Ledger ledger = community();
      Reputation first = score(ledger);
      ScoreSink.builder(db, TABLE).build().createTable();
      MutableClock clock = new MutableClock(T1);
      ScoreSink sink = ScoreSink.builder(db, TABLE).clock(clock).batchSize(2).build();
      sink.write(first);

      // The same scores with one tier more: exactly bob's row is written.
      clock.at = T2;
      ScoreSink.Written tierOnly = sink.write(first, Map.of("bob", "trusted"));
      assertThat(idsWrittenAt(db, T2)).containsExactly("bob");
      assertThat(tierOnly).isEqualTo(new ScoreSink.Written(1, 0, 4));

      // A new endorsement and a new member: the rows written are those whose standing differs.
      ledger.record(Endorsement.of("frank", "dave", "upvote", T0));
      Reputation second = score(ledger);
      clock.at = T3;
      ScoreSink.Written written = sink.write(second, Map.of("bob", "trusted"));
      Set<String> changed =
          second.ids().stream()
              .filter(id -> !first.contains(id) || !first.standing(id).equals(second.standing(id)))
              .collect(Collectors.toSet());
      assertThat(idsWrittenAt(db, T3)).containsExactlyInAnyOrderElementsOf(changed);
      assertThat(written.upserted()).isEqualTo(changed.size());

      // Writing the same again writes nothing.
      clock.at = T3.plusSeconds(60);
      assertThat(sink.write(second, Map.of("bob", "trusted")))
          .isEqualTo(new ScoreSink.Written(0, 0, 6));
      assertThat(idsWrittenAt(db, clock.at)).isEmpty();
      Map<String, ScoreRow> rows = readScores(db, TABLE);
      for (String id : second.ids()) {
        assertThat(rows.get(id).holds(second, id, id.equals("bob") ? "trusted" : null)).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aNewSink_comparesWithTheTable_andWritesOnlyWhatDiffers(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Reputation reputation = score(community());
      ScoreSink first = sink(db, T1);
      first.createTable();
      first.write(reputation);
      db.execute("UPDATE member_scores SET score = 0.5 WHERE id = 'carol'"); // out of date

      ScoreSink.Written written = sink(db, T2).write(reputation); // as after a restart

      assertThat(written).isEqualTo(new ScoreSink.Written(1, 0, 4));
      assertThat(idsWrittenAt(db, T2)).containsExactly("carol");
      assertThat(readScores(db, TABLE).get("carol").holds(reputation, "carol", null)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aMemberWithoutStanding_hasItsRowDeleted(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Ledger ledger = community();
      ScoreSink sink = sink(db, T1);
      sink.createTable();
      sink.write(score(ledger));
      db.execute(
          "INSERT INTO member_scores VALUES ('gone', 0.1, 9, 0, 0.5, NULL, TIMESTAMP '2026-01-01 00:00:00')");
      ScoreSink restarted = sink(db, T1); // reads the table first, so it sees 'gone' too

      ledger.merge("erin", "dave"); // erin is dave's second account: erin has no standing now
      Reputation merged = score(ledger);
      ScoreSink.Written written = restarted.write(merged);

      assertThat(readScores(db, TABLE).keySet())
          .containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
      assertThat(written.deleted()).isEqualTo(2);
      Map<String, ScoreRow> rows = readScores(db, TABLE);
      for (String id : merged.ids()) {
        assertThat(rows.get(id).holds(merged, id, null)).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aWriteInterruptedMidway_leavesTheOldTableWhole(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Ledger ledger = community();
      Reputation first = score(ledger);
      ScoreSink sink = sink(db, T1);
      sink.createTable();
      sink.write(first, Map.of("alice", "trusted"));
      Map<String, ScoreRow> before = readScores(db, TABLE);
      ledger.record(Endorsement.of("frank", "bob", "upvote", T0));
      ledger.record(Endorsement.of("bob", "frank", "upvote", T0));
      Reputation second = score(ledger);

      // Batches of 2 rows: the connection drops at the second batch, after 2 rows were sent.
      ScoreSink failing =
          ScoreSink.builder(Faults.failingOnBatch(db, 2), TABLE)
              .clock(Clock.fixed(T2, ZoneOffset.UTC))
              .batchSize(2)
              .build();
      assertThatThrownBy(() -> failing.write(second))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("writing the scores to table member_scores failed and was rolled")
          .hasMessageContaining("connection lost (injected at batch 2)");

      assertThat(readScores(db, TABLE)).isEqualTo(before);
      // The same sink writes everything at its next attempt.
      failing.write(second); // the fault fired once; this write goes through
      Map<String, ScoreRow> after = readScores(db, TABLE);
      assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(second.ids());
      for (String id : second.ids()) {
        assertThat(after.get(id).holds(second, id, null)).as(id).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aRowRefusedMidBatch_leavesTheOldTableWhole(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      // The site's own table, with a rule that the sixth member breaks.
      db.execute(
          "CREATE TABLE member_scores (id VARCHAR(100) PRIMARY KEY, score DOUBLE PRECISION,"
              + " rank INTEGER CHECK (rank <= 5), percentile DOUBLE PRECISION, points DOUBLE"
              + " PRECISION, tier VARCHAR(20), refreshed_at TIMESTAMP WITH TIME ZONE)");
      Ledger ledger = community();
      ScoreSink sink = sink(db, T1);
      sink.write(score(ledger));
      Map<String, ScoreRow> before = readScores(db, TABLE);
      ledger.record(Endorsement.of("frank", "bob", "upvote", T0));

      assertThatThrownBy(() -> sink.write(score(ledger)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("failed and was rolled back");

      assertThat(readScores(db, TABLE)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void readers_neverSeeHalfAWrite(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      // Ten different reputations of the same members, written one row per round trip.
      List<Reputation> reputations = new ArrayList<>();
      Ledger ledger = community();
      for (int i = 0; i < 10; i++) {
        ledger.record(Endorsement.of(i % 2 == 0 ? "alice" : "carol", "dave", "upvote", T0));
        reputations.add(score(ledger));
      }
      List<Map<String, Double>> states = new ArrayList<>();
      states.add(Map.of());
      for (Reputation r : reputations) {
        states.add(r.ids().stream().collect(Collectors.toMap(id -> id, r::score)));
      }
      ScoreSink sink = ScoreSink.builder(db, TABLE).batchSize(1).build();
      sink.createTable();

      AtomicBoolean done = new AtomicBoolean();
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> reads =
            reader.submit(
                () -> {
                  int count = 0;
                  try (Connection c = db.getConnection()) {
                    while (!done.get() || count < 20) {
                      Map<String, Double> seen =
                          readScores(c, TABLE).entrySet().stream()
                              .collect(
                                  Collectors.toMap(Map.Entry::getKey, e -> e.getValue().score()));
                      assertThat(states).as("read %s", count).contains(seen);
                      count++;
                    }
                  }
                  return count;
                });
        for (Reputation r : reputations) {
          sink.write(r);
        }
        done.set(true);
        assertThat(reads.get()).isGreaterThanOrEqualTo(20);
      } finally {
        done.set(true);
        reader.shutdownNow();
      }
    }
  }

  @Test
  void theMysqlDialect_upsertsOnH2InMysqlMode() throws Exception {
    String url = "jdbc:h2:mem:mysqlmode;MODE=MySQL;DB_CLOSE_DELAY=-1";
    try (TestDatabase db = new TestDatabase(Database.H2, url, "sa", () -> {})) {
      ScoreSink sink =
          ScoreSink.builder(db, TABLE)
              .dialect(Dialect.MYSQL)
              .clock(Clock.fixed(T1, ZoneOffset.UTC))
              .build();
      sink.createTable();
      Ledger ledger = community();
      Reputation first = score(ledger);
      sink.write(first);
      ledger.record(Endorsement.of("frank", "bob", "upvote", T0));
      Reputation second = score(ledger);
      sink.write(second, Map.of("bob", "trusted"));

      Map<String, ScoreRow> rows = readScores(db, TABLE);
      assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(second.ids());
      for (String id : second.ids()) {
        assertThat(rows.get(id).holds(second, id, id.equals("bob") ? "trusted" : null)).isTrue();
      }
    } finally {
      DriverManager.getConnection(url, "sa", "").createStatement().execute("SHUTDOWN");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void asAListener_writesEveryRefreshWithItsTiers(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      ScoreSink sink = sink(db, T1);
      sink.createTable();
      Ledger ledger = community();
      Tiers tiers = Tiers.builder().percentile("trusted", 70).build();
      try (LiveReputation live =
          LiveReputation.builder(ledger, Fixtures.POLICY).tiers(tiers).listener(sink).build()) {
        var refresh = live.refresh();

        Map<String, ScoreRow> rows = readScores(db, TABLE);
        Reputation reputation = refresh.current();
        assertThat(refresh.tiers()).isNotEmpty();
        for (String id : reputation.ids()) {
          assertThat(rows.get(id).holds(reputation, id, refresh.tiers().get(id))).isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "scores;drop table x", "a b", "1scores", "a.b.c", "\"scores\"", "s-1"})
  void builder_refusesATableNameThatIsNotPlain(String name) {
    assertThatThrownBy(
            () -> ScoreSink.builder(new TestDatabase(Database.H2, "", "", () -> {}), name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "table name '%s' is not a plain SQL name: give letters, digits and underscores,"
                + " starting with a letter or underscore, at most 63 of them (optionally"
                + " schema.name)",
            name);
  }

  @Test
  void write_refusesATierOfAnUnknownMember_andWritesNothing() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      ScoreSink sink = sink(db, T1);
      sink.createTable();
      assertThatThrownBy(() -> sink.write(score(community()), Map.of("zed", "trusted")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "tier 'trusted' is given for 'zed', which has no standing in the reputation; give"
                  + " the tiers assigned with this reputation (Refresh.tiers())");
      assertThat(readScores(db, TABLE)).isEmpty();
    }
  }

  @Test
  void anUnsupportedDatabase_isNamed() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      ScoreSink sink = ScoreSink.builder(Faults.claiming(db, "Oracle"), TABLE).build();
      assertThatThrownBy(() -> sink.write(score(community())))
          .isInstanceOf(SQLException.class)
          .hasMessage(
              "database 'Oracle' is not supported: wuffie-jdbc writes to PostgreSQL, H2, MySQL"
                  + " and MariaDB");
    }
  }

  @Test
  void builder_refusesABatchSizeBelowOne() {
    assertThatThrownBy(() -> ScoreSink.builder(Database.H2.create(), TABLE).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size 0: give at least 1 row");
  }

  private static Set<String> idsWrittenAt(DataSource db, Instant at) throws SQLException {
    return readScores(db, TABLE).entrySet().stream()
        .filter(e -> e.getValue().at().equals(at))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    volatile Instant at;

    MutableClock(Instant at) {
      this.at = at;
    }

    @Override
    public Instant instant() {
      return at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
