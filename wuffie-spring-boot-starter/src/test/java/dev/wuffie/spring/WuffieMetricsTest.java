package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Endorsement;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.spring.TestDatabase.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** wuffie's meters, with the counts of a known site. */
final class WuffieMetricsTest {
  private Db db;
  private QaSite site;

  @BeforeEach
  void createDatabase() throws Exception {
    db = TestDatabase.H2.create();
    site = new QaSite(9, 9);
    QaSite.createTables(db.dataSource());
    site.addPosts(12, db.dataSource());
    site.addVotes(70, db.dataSource());
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  private ApplicationContextRunner runner(String... more) {
    return db.runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(QaSite.PROPERTIES)
        .withPropertyValues(more);
  }

  @Test
  void afterStartup_countTheRowsReadTheRefreshAndTheRowsWritten() {
    Reputation expected = site.expected();
    runner()
        .run(
            context -> {
              MeterRegistry meters = context.getBean(MeterRegistry.class);

              assertThat(rows(meters, "recorded")).isEqualTo(70);
              assertThat(rows(meters, "contributions")).isEqualTo(12);
              assertThat(rows(meters, "removed")).isZero();
              assertThat(rows(meters, "skipped")).isZero();
              assertThat(meters.get("wuffie.source.poll").tag("outcome", "success").timer().count())
                  .isEqualTo(1);
              assertThat(meters.get("wuffie.refresh").tag("outcome", "published").timer().count())
                  .isEqualTo(1);
              assertThat(meters.get("wuffie.refresh").tag("outcome", "failed").timer().count())
                  .isZero();
              assertThat(meters.get("wuffie.refresh.iterations").summary().max())
                  .isEqualTo(expected.iterations());
              assertThat(
                      meters
                          .get("wuffie.sink.rows")
                          .tag("operation", "upserted")
                          .functionCounter()
                          .count())
                  .isEqualTo(expected.size());
              assertThat(
                      meters
                          .get("wuffie.sink.rows")
                          .tag("operation", "deleted")
                          .functionCounter()
                          .count())
                  .isZero();
              assertThat(meters.get("wuffie.ledger.events").gauge().value()).isEqualTo(70);
              assertThat(meters.get("wuffie.ledger.events.live").gauge().value()).isEqualTo(70);
              assertThat(meters.get("wuffie.reputation.contributors").gauge().value())
                  .isEqualTo(expected.size());
              assertThat(meters.get("wuffie.reputation.converged").gauge().value()).isEqualTo(1);
              assertThat(meters.get("wuffie.reputation.refused.events").gauge().value()).isZero();
            });
  }

  @Test
  void badRowsSkipped_andEventsThePolicyCannotWeigh_areCounted() throws Exception {
    QaSite.insertVotes(
        List.of(
            new QaSite.Vote(71, "m1", 1, "star", QaSite.T0),
            new QaSite.Vote(72, "m2", 1, "star", QaSite.T0)),
        db.dataSource());
    runner("wuffie.source.bad-rows=skip")
        .run(
            context -> {
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(rows(meters, "recorded")).isEqualTo(70);
              assertThat(rows(meters, "skipped")).isEqualTo(2);
              assertThat(context.getBean(WuffieRunner.class).status().rowsSkipped()).isEqualTo(2);

              // An event recorded into the ledger behind the policy's back is left out and counted.
              LiveReputation live = context.getBean(LiveReputation.class);
              live.ledger().record(Endorsement.of("m1", "m2", "star", QaSite.T0));
              live.refresh();
              assertThat(meters.get("wuffie.reputation.refused.events").gauge().value())
                  .isEqualTo(1);
              assertThat(meters.get("wuffie.ledger.events").gauge().value()).isEqualTo(71);
            });
  }

  private static double rows(MeterRegistry meters, String outcome) {
    return meters.get("wuffie.source.rows").tag("outcome", outcome).counter().count();
  }
}
