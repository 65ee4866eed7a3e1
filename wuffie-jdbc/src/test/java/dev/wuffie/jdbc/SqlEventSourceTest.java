package dev.wuffie.jdbc;

import static dev.wuffie.jdbc.Fixtures.T0;
import static dev.wuffie.jdbc.Site.scores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wuffie.Endorsement;
import dev.wuffie.LedgerEntry;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.jdbc.Database.TestDatabase;
import dev.wuffie.jdbc.SqlEventSource.Poll;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class SqlEventSourceTest {
  private static final Instant T1 = T0.plusSeconds(3600);

  /** Posts, votes on members and posts, and a rating. */
  private static void community(Site site) throws Exception {
    site.post(10, T0, "bob");
    site.post(11, T0, "carol", "dave");
    site.vote(1, "alice", "bob", "thanks", T0);
    site.votePost(2, "alice", 10, "upvote", T0);
    site.votePost(3, "erin", 11, "accepted", T0);
    site.rate(4, "bob", "erin", "trust", 7, T0);
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void firstLoad_thenPolls_recordWhatTheTablesHold(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      community(site);
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).build();

      assertThat(source.poll()).isEqualTo(new Poll(4, 0, 2, 0, 0, 0));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));

      site.votePost(5, "frank", 10, "upvote", T1);
      site.remove(2);
      site.merge("erin", "dave");
      // The 4 votes and 3 author rows read before are read again (the overlap): ignored.
      assertThat(source.poll()).isEqualTo(new Poll(1, 1, 0, 1, 0, 7));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
      assertThat(live.ledger().eventCount()).isEqualTo(5);
      assertThat(source.cursors())
          .containsExactly(
              Map.entry("contributions", 11L),
              Map.entry("events", 5L),
              Map.entry("removals", 1L),
              Map.entry("merges", 1L));

      assertThat(source.poll()).isEqualTo(new Poll(0, 0, 0, 0, 0, 10));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void theFirstLoad_isStreamed_andAppliedInBatches(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      for (int i = 1; i <= 25; i++) {
        site.vote(i, "m" + (i % 7), "m" + (i * 3 % 11), "upvote", T0);
      }
      List<String> queries = new ArrayList<>();
      LiveReputation live = Site.live();
      SqlEventSource source =
          SqlEventSource.builder(Faults.recordingQueries(db, queries), live)
              .events(Site.EVENTS, "seq")
              .fetchSize(4)
              .batchSize(10)
              .build();

      assertThat(source.poll()).isEqualTo(new Poll(25, 0, 0, 0, 0, 0));

      assertThat(queries).containsExactly("fetchSize=4 autoCommit=false");
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aBadRow_failsItsBatchOnly_andTheCursorStaysBeforeIt(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      for (int i = 1; i <= 14; i++) {
        site.vote(i, "m" + (i % 5), "m" + (i * 3 % 7), "upvote", T0);
      }
      site.execute(
          "INSERT INTO votes (id, voter, member, kind, created_at) SELECT 15, 'x', 'y',"
              + " 'meh', created_at FROM votes WHERE id = 1");
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).batchSize(10).build();

      assertThatThrownBy(source::poll)
          .isInstanceOf(BadRowException.class)
          .hasMessageStartingWith("bad row in the events query (id 15, cursor 15), column kind:");

      assertThat(live.ledger().eventCount()).isEqualTo(10); // the first batch
      assertThat(source.cursors()).containsEntry("events", 10L);
      site.execute("UPDATE votes SET kind = 'upvote' WHERE id = 15"); // the site fixes the row
      assertThat(source.poll().recorded()).isEqualTo(5);
      site.expected.record(Endorsement.of("x", "y", "upvote", T0));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aSecondRowWithTheSameId_changesNothing(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      community(site);
      try (Connection c = db.getConnection()) {
        Site.insertVote(c, 1L, "alice", "bob", null, "thanks", null, T0); // the same again
        Site.insertVote(c, 2L, "zed", "bob", null, "upvote", null, T1); // another row, same id
      }
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).overlap(0).build();

      assertThat(source.poll()).isEqualTo(new Poll(4, 0, 2, 0, 0, 2));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));

      try (Connection c = db.getConnection()) {
        Site.insertVote(c, 3L, "zed", "carol", null, "upvote", null, T1); // read later
      }
      assertThat(source.poll()).isEqualTo(new Poll(0, 0, 0, 0, 0, 1));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
      assertThat(live.ledger().eventCount()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aRemovalOfAnEventNeverRecorded_isIgnored(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      community(site);
      site.remove(99);
      site.remove(1);
      site.remove(1); // twice
      LiveReputation live = Site.live();

      assertThat(site.source(live).build().poll()).isEqualTo(new Poll(4, 1, 2, 0, 0, 2));
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void aRowCommittedLate_isReadByTheOverlap(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      site.vote(1, "alice", "bob", "upvote", T0);
      LiveReputation live = Site.live();
      LiveReputation withoutOverlap = Site.live();
      SqlEventSource source = site.source(live).build();
      SqlEventSource naive = site.source(withoutOverlap).overlap(0).build();

      try (Connection late = db.getConnection()) {
        late.setAutoCommit(false);
        Site.insertVote(late, 2L, "carol", "bob", null, "upvote", null, T0); // gets seq 2 ...
        site.vote(3, "dave", "bob", "upvote", T0); // ... and seq 3 commits first
        source.poll();
        naive.poll();
        assertThat(source.cursors()).containsEntry("events", 3L);
        late.commit();
      }
      site.expected.record(Endorsement.of("carol", "bob", "upvote", T0));

      assertThat(source.poll().recorded()).isEqualTo(1);
      assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
      assertThat(naive.poll().recorded()).isZero(); // what the overlap is for
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void concurrentInserts_whilePolling_loseNothing_andCountNothingTwice(Database database)
      throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      int writers = 4;
      int votesEach = 100;
      LiveReputation live = Site.live();
      // The overlap must cover every row committed while the slowest transaction is open. On a
      // loaded machine a writer thread can stall for any number of the others' rows (an overlap
      // of 50 lost 7 of 400 rows in one CI-like run), so this test keeps the default overlap,
      // which covers all 400: it checks that polls racing the writers count nothing twice and
      // agree with a fresh read. aRowCommittedLate_isReadByTheOverlap shows what the overlap is
      // for.
      SqlEventSource source = site.source(live).fetchSize(7).build();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          done.add(
              pool.submit(
                  () -> {
                    Random random = new Random(writer);
                    try (Connection c = db.getConnection()) {
                      c.setAutoCommit(false);
                      for (int i = 0; i < votesEach; i++) {
                        String voter = "m" + random.nextInt(30);
                        String member = "m" + random.nextInt(30);
                        long id = writer * 1000L + i;
                        Site.insertVote(c, id, voter, member, null, "upvote", null, T0);
                        if (random.nextInt(5) == 0) {
                          Thread.sleep(random.nextInt(3)); // a transaction left open a while
                        }
                        if (random.nextInt(3) == 0 || i == votesEach - 1) {
                          c.commit();
                        }
                      }
                    }
                    return null;
                  }));
        }
        int polls = 0;
        while (done.stream().anyMatch(f -> !f.isDone())) {
          source.poll();
          polls++;
        }
        for (Future<?> f : done) {
          f.get();
        }
        source.poll();

        assertThat(polls).isPositive();
        assertThat(site.count("votes")).isEqualTo(writers * votesEach);
        assertThat(live.ledger().eventCount()).isEqualTo(writers * votesEach);
        // A source that starts now, reading everything at once, agrees bit for bit.
        LiveReputation restarted = Site.live();
        site.source(restarted).build().poll();
        assertThat(scores(live.ledger())).isEqualTo(scores(restarted.ledger()));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void reloadingFromTheDatabaseAlone_givesBitIdenticalScores(Database database) throws Exception {
    try (TestDatabase db = database.create()) {
      Site site = new Site(db);
      LiveReputation live = Site.live();
      SqlEventSource source = site.source(live).build();
      community(site);
      source.poll();
      site.post(12, T1, "alice");
      site.votePost(6, "bob", 12, "upvote", T1);
      site.vote(7, "frank", "alice", "thanks", T1);
      source.poll();
      site.remove(3);
      site.merge("frank", "erin");
      site.rate(8, "carol", "alice", "trust", -3, T1);
      source.poll();

      LiveReputation restarted = Site.live();
      site.source(restarted).build().poll();

      Map<String, Double> scores = scores(live.ledger());
      assertThat(scores(restarted.ledger())).isEqualTo(scores);
      assertThat(scores).isEqualTo(scores(site.expected));
    }
  }

  @Test
  void pollEvery_pollsAndRefreshes() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      community(site);
      LiveReputation live = Site.live();
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try {
        site.source(live).build().pollEvery(Duration.ofMillis(10), scheduler);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int contributors = Reputation.compute(site.expected, Fixtures.POLICY).size();
        while (live.latest().map(r -> r.size() < contributors).orElse(true)
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(live.latest()).isPresent();
        assertThat(scores(live.ledger())).isEqualTo(scores(site.expected));
      } finally {
        scheduler.shutdown(); // lets a poll in progress finish before the database closes
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Test
  void contributionsWithATagsColumn_carryTheirTags_andABadTagIsABadRow() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      try (var c = db.getConnection();
          var s = c.createStatement()) {
        Site.insertPost(c, 10, T0, "bob", "carol");
        Site.insertPost(c, 11, T0, "dave");
        Site.insertPost(c, 12, T0, "erin");
        s.execute("ALTER TABLE post_authors ADD COLUMN tags VARCHAR(50)");
        s.execute("UPDATE post_authors SET tags = 'brewing|yeast' WHERE author = 'bob'");
        s.execute("UPDATE post_authors SET tags = 'brewing' WHERE author = 'carol'");
        s.execute("UPDATE post_authors SET tags = 'home brewing' WHERE post_id = 12");
      }
      LiveReputation live = Site.live();
      SqlEventSource source =
          SqlEventSource.builder(db, live)
              .events(Site.EVENTS, "seq")
              .contributions(
                  "SELECT p.id AS contribution, a.author, a.tags, p.created_at AS made_at, p.id AS"
                      + " seq FROM posts p JOIN post_authors a ON a.post_id = p.id",
                  "seq")
              .build();

      assertThatThrownBy(source::poll)
          .isInstanceOf(BadRowException.class)
          .hasMessageContaining("column tags:")
          .hasMessageContaining("tag 'home brewing' holds whitespace");
      try (var c = db.getConnection();
          var s = c.createStatement()) {
        s.execute("UPDATE post_authors SET tags = 'home-brewing' WHERE post_id = 12");
      }
      source.poll();

      assertThat(live.ledger().snapshot().entries())
          .contains(
              LedgerEntry.contribution("10", T0, Map.of("bob", 0.5, "carol", 0.5))
                  .tagged("brewing", "yeast"),
              LedgerEntry.contribution("11", T0, "dave"),
              LedgerEntry.contribution("12", T0, "erin").tagged("home-brewing"));
    }
  }

  @Test
  void aQueryWithoutARequiredColumn_isNamed() throws Exception {
    try (TestDatabase db = Database.H2.create()) {
      Site site = new Site(db);
      SqlEventSource source =
          SqlEventSource.builder(db, Site.live())
              .events(
                  "SELECT seq, id, voter AS endorser, member AS target_member, kind FROM votes",
                  "seq")
              .build();
      assertThatThrownBy(source::poll)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the events query returns no column 'made_at' (it returns [seq, id, endorser,"
                  + " target_member, kind]); it must return id, endorser, kind, made_at, and"
                  + " target_member or target_contribution or both, and may return"
                  + " target_member, target_contribution, rating: rename columns with AS");
      assertThat(site.count("votes")).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "SELECT * FROM votes;", "SELECT * FROM votes WHERE id > ?"})
  void builder_refusesAQueryItCannotPage(String sql) {
    assertThatThrownBy(
            () -> SqlEventSource.builder(Database.H2.create(), Site.live()).events(sql, "seq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the events query ");
  }

  @Test
  void builder_refusesACursorThatIsNotAColumnName() {
    assertThatThrownBy(
            () ->
                SqlEventSource.builder(Database.H2.create(), Site.live())
                    .events(Site.EVENTS, "seq; drop table votes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "events cursor column 'seq; drop table votes' is not a plain SQL name");
  }

  @Test
  void build_withoutAnEventsQuery_fails() {
    assertThatThrownBy(
            () ->
                SqlEventSource.builder(Database.H2.create(), Site.live())
                    .merges(Site.MERGES, "seq")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no events query: give one with events(sql, cursorColumn)");
  }
}
