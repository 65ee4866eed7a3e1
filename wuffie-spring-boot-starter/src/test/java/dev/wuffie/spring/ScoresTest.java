package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.spring.TestDatabase.Db;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Known answers: the scores the starter publishes, and writes to the score table, equal {@link
 * Reputation#compute} on the same events recorded directly, on H2 and on PostgreSQL.
 */
final class ScoresTest {
  @TempDir Path dir;

  private static ApplicationContextRunner runner(Db db, String... more) {
    return db.runner().withPropertyValues(QaSite.PROPERTIES).withPropertyValues(more);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void startup_publishesAndWritesExactlyWhatComputeGives(TestDatabase kind) throws Exception {
    try (Db db = kind.create()) {
      QaSite site = new QaSite(3, 12);
      QaSite.createTables(db.dataSource());
      site.addPosts(30, db.dataSource());
      site.addVotes(200, db.dataSource());
      Reputation expected = site.expected();

      runner(db)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                LiveReputation live = context.getBean(LiveReputation.class);
                QaSite.assertSameStandings(live.latest().orElseThrow(), expected);
                QaSite.assertScoreTable(db.dataSource(), expected);
                Map<String, String> tiers = QaSite.TIERS.assign(expected, Map.of());
                assertThat(tiers).isNotEmpty();
                for (String id : expected.ids()) {
                  assertThat(live.tier(id)).as(id).isEqualTo(Optional.ofNullable(tiers.get(id)));
                }
              });
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void newRows_arePolledAndPublished_exactlyWithoutWarmStart(TestDatabase kind) throws Exception {
    try (Db db = kind.create()) {
      QaSite site = new QaSite(4, 10);
      QaSite.createTables(db.dataSource());
      site.addPosts(10, db.dataSource());
      site.addVotes(50, db.dataSource());

      runner(db, "wuffie.source.poll-every=50ms", "wuffie.warm-start=false")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                LiveReputation live = context.getBean(LiveReputation.class);
                site.addPosts(10, db.dataSource());
                site.addVotes(150, db.dataSource());
                Reputation expected = site.expected();

                Await.until(
                    "the new rows to be published",
                    () -> live.latest().map(r -> same(r, expected)).orElse(false));
                QaSite.assertSameStandings(live.latest().orElseThrow(), expected);
                Await.until("the score table to be written", () -> tableHolds(db, expected));
                QaSite.assertScoreTable(db.dataSource(), expected, tiers(live, expected));
              });
    }
  }

  @Test
  void newRows_withAShortExactPeriod_arePublishedExactly() throws Exception {
    try (Db db = TestDatabase.H2.create()) {
      QaSite site = new QaSite(7, 10);
      QaSite.createTables(db.dataSource());
      site.addPosts(10, db.dataSource());
      site.addVotes(50, db.dataSource());

      // Warm starts, but each refresh comes more than a nanosecond after the last exact one.
      runner(db, "wuffie.source.poll-every=50ms", "wuffie.exact-every=1ns")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                LiveReputation live = context.getBean(LiveReputation.class);
                site.addVotes(100, db.dataSource());
                Reputation expected = site.expected();

                Await.until(
                    "the new rows to be published",
                    () -> live.latest().map(r -> same(r, expected)).orElse(false));
                QaSite.assertSameStandings(live.latest().orElseThrow(), expected);
                assertThat(live.latest().orElseThrow().errorBound())
                    .isEqualTo(expected.errorBound());
              });
    }
  }

  @Test
  void newRows_withWarmStart_agreeWithComputeWithinTheSolversTolerance() throws Exception {
    try (Db db = TestDatabase.H2.create()) {
      QaSite site = new QaSite(5, 10);
      QaSite.createTables(db.dataSource());
      site.addPosts(10, db.dataSource());
      site.addVotes(50, db.dataSource());

      // Incremental refreshes stop within wuffie.accuracy (an L1 bound, 1e-6 by default): set to
      // the solver's tolerance, they agree with compute per score within that tolerance.
      runner(db, "wuffie.source.poll-every=50ms", "wuffie.accuracy=1e-10")
          .run(
              context -> {
                LiveReputation live = context.getBean(LiveReputation.class);
                int events = site.votes.size() + 100;
                site.addVotes(100, db.dataSource());
                Reputation expected = site.expected();
                double tolerance = expected.policy().orElseThrow().solver().tolerance();

                Await.until(
                    "the new rows to be published",
                    () ->
                        live.ledger().eventCount() == events
                            && context.getBean(WuffieRunner.class).status().lastPublished() != null
                            && live.latest().map(r -> close(r, expected, tolerance)).orElse(false));
                Reputation published = live.latest().orElseThrow();
                assertThat(published.ids()).containsExactlyInAnyOrderElementsOf(expected.ids());
                for (String id : expected.ids()) {
                  assertThat(published.score(id))
                      .as(id)
                      .isCloseTo(expected.score(id), within(tolerance));
                }
              });
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void restart_restoresTheCheckpoint_readsOnlyNewRows_andScoresAsCompute(TestDatabase kind)
      throws Exception {
    Path checkpoint = dir.resolve("wuffie-checkpoint.zip");
    try (Db db = kind.create()) {
      QaSite site = new QaSite(6, 10);
      QaSite.createTables(db.dataSource());
      site.addPosts(12, db.dataSource());
      site.addVotes(80, db.dataSource());
      String path = "wuffie.source.checkpoint.path=" + checkpoint;

      runner(db, path)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(checkpoint).doesNotExist();
              });
      assertThat(checkpoint).exists();

      List<QaSite.Vote> added = site.addVotes(40, db.dataSource());
      Reputation expected = site.expected();
      runner(db, path)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                WuffieStatus status = context.getBean(WuffieRunner.class).status();
                assertThat(status.lastPollResult().recorded()).isEqualTo(added.size());
                assertThat(status.lastPollResult().contributions()).isZero();
                QaSite.assertSameStandings(
                    context.getBean(LiveReputation.class).latest().orElseThrow(), expected);
                QaSite.assertScoreTable(db.dataSource(), expected);
              });
    }
  }

  @Test
  void close_stopsTheRunner_closesTheLiveReputation_leavesNoThread() throws Exception {
    try (Db db = TestDatabase.H2.create()) {
      QaSite site = new QaSite(7, 6);
      QaSite.createTables(db.dataSource());
      site.addPosts(5, db.dataSource());
      site.addVotes(20, db.dataSource());
      List<Object> beans = new ArrayList<>();

      runner(db, "wuffie.source.poll-every=20ms", "wuffie.refresh-every=20ms")
          .run(
              context -> {
                assertThat(RunnerThreads.anyAlive()).isTrue();
                beans.add(context.getBean(WuffieRunner.class));
                beans.add(context.getBean(LiveReputation.class));
              });

      WuffieRunner runner = (WuffieRunner) beans.get(0);
      LiveReputation live = (LiveReputation) beans.get(1);
      assertThat(runner.isRunning()).isFalse();
      assertThatThrownBy(live::refresh)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this live reputation is closed");
      Await.until("the wuffie-runner thread to end", () -> !RunnerThreads.anyAlive());
      assertThatThrownBy(runner::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot start again");
    }
  }

  /** The tiers the live reputation holds, by id. */
  static Map<String, String> tiers(LiveReputation live, Reputation reputation) {
    Map<String, String> tiers = new java.util.HashMap<>();
    for (String id : reputation.ids()) {
      live.tier(id).ifPresent(t -> tiers.put(id, t));
    }
    return tiers;
  }

  private static boolean same(Reputation actual, Reputation expected) {
    return actual.size() == expected.size()
        && expected.ids().stream()
            .allMatch(id -> actual.find(id).equals(Optional.of(expected.standing(id))));
  }

  private static boolean close(Reputation actual, Reputation expected, double tolerance) {
    return actual.size() == expected.size()
        && expected.ids().stream()
            .allMatch(
                id ->
                    actual.contains(id)
                        && Math.abs(actual.score(id) - expected.score(id)) <= tolerance);
  }

  private static boolean tableHolds(Db db, Reputation expected) {
    try {
      Map<String, QaSite.Row> rows = QaSite.scoreTable(db.dataSource());
      return rows.size() == expected.size()
          && expected.ids().stream()
              .allMatch(
                  id ->
                      rows.containsKey(id)
                          && rows.get(id).standing().equals(expected.standing(id)));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
