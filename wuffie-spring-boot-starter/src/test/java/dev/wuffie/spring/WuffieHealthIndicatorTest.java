package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.spring.TestDatabase.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator named wuffie: UP with the details, DOWN saying which step failed. */
final class WuffieHealthIndicatorTest {
  private Db db;
  private QaSite site;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.H2.create();
    site = new QaSite(8, 8);
    QaSite.createTables(db.dataSource());
    site.addPosts(10, db.dataSource());
    site.addVotes(60, db.dataSource());
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  private ApplicationContextRunner runner(String... more) {
    return db.runner().withPropertyValues(QaSite.PROPERTIES).withPropertyValues(more);
  }

  @Test
  void afterStartup_up_withTheRefreshSourceAndSinkDetails() {
    Reputation expected = site.expected();
    runner()
        .run(
            context -> {
              Health health =
                  context.getBean("wuffieHealthIndicator", HealthIndicator.class).health();
              Reputation published = context.getBean(LiveReputation.class).latest().orElseThrow();

              assertThat(health.getStatus()).isEqualTo(Status.UP);
              Map<String, Object> details = health.getDetails();
              assertThat(details)
                  .containsEntry("contributors", expected.size())
                  .containsEntry("events", 60L)
                  .containsEntry("converged", true)
                  .containsEntry("iterations", expected.iterations())
                  .containsEntry("residual", expected.residual())
                  .containsEntry("errorBound", expected.errorBound())
                  .containsEntry("refusedEvents", 0L)
                  .containsKeys("lastRefresh", "refreshAge", "lastPublished")
                  .doesNotContainKey("reason");
              assertThat(published.iterations()).isEqualTo(expected.iterations());
              assertThat(details.get("source"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                  .containsEntry("rowsApplied", 70L)
                  .containsEntry("rowsSkipped", 0L)
                  .containsEntry(
                      "lastPollRows",
                      Map.of(
                          "recorded",
                          60,
                          "removed",
                          0,
                          "contributions",
                          10,
                          "merges",
                          0,
                          "skipped",
                          0,
                          "ignored",
                          0))
                  .containsEntry("cursors", Map.of("events", 60L, "contributions", 10L))
                  .containsKeys("lastPoll", "pollAge");
              assertThat(details.get("sink"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                  .containsEntry("table", "member_scores")
                  .containsEntry("rowsWritten", (long) expected.size())
                  .containsKey("lastWrite");
            });
  }

  @Test
  void incrementalRefresh_errorBound_boundsThePublishedScores_withinWuffieAccuracy() {
    runner("wuffie.source.poll-every=20ms", "wuffie.accuracy=1e-2")
        .run(
            context -> {
              LiveReputation live = context.getBean(LiveReputation.class);
              HealthIndicator indicator =
                  context.getBean("wuffieHealthIndicator", HealthIndicator.class);
              site.addVotes(40, db.dataSource());
              Await.until("the new votes to be recorded", () -> live.ledger().eventCount() == 100);
              live.refresh(); // publishes them, unless the runner already has: no exact one is due
              Reputation published = live.latest().orElseThrow();
              Reputation expected = site.expected();

              assertThat(indicator.health().getDetails())
                  .containsEntry("events", 100L)
                  .containsEntry("errorBound", published.errorBound());
              // Stopped by wuffie.accuracy: the default accuracy would have gone below 1e-6.
              assertThat(published.errorBound())
                  .isLessThan(1e-2)
                  .isGreaterThan(LiveReputation.DEFAULT_ACCURACY);
              assertThat(published.ids()).containsExactlyInAnyOrderElementsOf(expected.ids());
              double distance = 0;
              for (String id : expected.ids()) {
                distance += Math.abs(published.score(id) - expected.score(id));
              }
              assertThat(distance)
                  .isLessThanOrEqualTo(published.errorBound() + expected.errorBound());
            });
  }

  @Test
  void pollFails_down_sayingThePollAndWhy_thenUpOnceItWorksAgain() {
    runner("wuffie.source.poll-every=20ms")
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("wuffieHealthIndicator", HealthIndicator.class);
              db.execute("ALTER TABLE votes RENAME TO votes_away");

              Await.until("DOWN", () -> indicator.health().getStatus().equals(Status.DOWN));
              Health down = indicator.health();
              assertThat((String) down.getDetails().get("reason"))
                  .startsWith("the last poll failed: ")
                  .contains("Table \"VOTES\" not found");
              assertThat(down.getDetails().get("source"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                  .containsKeys("failure", "failedAt");

              db.execute("ALTER TABLE votes_away RENAME TO votes");
              Await.until("UP", () -> indicator.health().getStatus().equals(Status.UP));
            });
  }

  @Test
  void sinkWriteFails_down_sayingTheWrite_thenTheRefreshTickWritesAgain() {
    runner("wuffie.source.poll-every=20ms", "wuffie.refresh-every=50ms")
        .run(
            context -> {
              HealthIndicator indicator =
                  context.getBean("wuffieHealthIndicator", HealthIndicator.class);
              db.execute("DROP TABLE member_scores");
              site.addVotes(30, db.dataSource());

              Await.until("DOWN", () -> indicator.health().getStatus().equals(Status.DOWN));
              assertThat((String) indicator.health().getDetails().get("reason"))
                  .startsWith("the last write failed: ")
                  .contains("member_scores");

              context.getBean(ScoreSink.class).createTable();
              Await.until("UP", () -> indicator.health().getStatus().equals(Status.UP));
              LiveReputation live = context.getBean(LiveReputation.class);
              Reputation published = live.latest().orElseThrow();
              QaSite.assertScoreTable(
                  db.dataSource(), published, ScoresTest.tiers(live, published));
            });
  }

  @Test
  void noRefreshWithinMaxAge_down_sayingHowLong() {
    Instant t0 = Instant.parse("2025-06-01T12:00:00Z");
    Ledger ledger = Ledger.create();
    ledger.record(Endorsement.of("a", "b", "upvote", t0));
    LiveReputation live = LiveReputation.builder(ledger, ScoringPolicy.builder().build()).build();
    WuffieProperties properties = new WuffieProperties();
    WuffieRunner runner =
        new WuffieRunner(
            live, null, null, RunObserver.NONE, properties, Clock.fixed(t0, ZoneOffset.UTC));
    Duration maxAge = properties.getHealth().getMaxAge();
    try {
      assertThat(health(runner, t0, maxAge).getDetails())
          .containsEntry("reason", "no refresh has completed since the start");

      runner.start();
      Health atMaxAge = health(runner, t0.plus(maxAge), maxAge);
      Health past = health(runner, t0.plus(maxAge).plusSeconds(1), maxAge);

      assertThat(atMaxAge.getStatus()).isEqualTo(Status.UP);
      assertThat(atMaxAge.getDetails()).containsEntry("refreshAge", "PT10M");
      assertThat(past.getStatus()).isEqualTo(Status.DOWN);
      assertThat(past.getDetails())
          .containsEntry(
              "reason",
              "no refresh completed for PT10M1S, longer than wuffie.health.max-age (PT10M)")
          .containsEntry("lastRefresh", "2025-06-01T12:00:00Z");
    } finally {
      runner.stop();
    }
  }

  private static Health health(WuffieRunner runner, Instant now, Duration maxAge) {
    return new WuffieHealthIndicator(runner, null, null, maxAge, Clock.fixed(now, ZoneOffset.UTC))
        .health();
  }
}
