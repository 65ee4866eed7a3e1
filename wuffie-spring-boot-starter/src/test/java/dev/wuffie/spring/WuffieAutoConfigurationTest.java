package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Refresh;
import dev.wuffie.RefreshListener;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Tiers;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.jdbc.SqlEventSource;
import dev.wuffie.spring.TestDatabase.Db;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the starter makes, and when it backs off for the application's own. */
final class WuffieAutoConfigurationTest {
  private Db db;

  @BeforeEach
  void createDatabase() throws SQLException {
    db = TestDatabase.H2.create();
    QaSite.createTables(db.dataSource());
    QaSite site = new QaSite(1, 6);
    site.addPosts(5, db.dataSource());
    site.addVotes(20, db.dataSource());
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  private ApplicationContextRunner runner() {
    return db.runner();
  }

  @Test
  void enabledAbsent_createsNothing() {
    runner()
        .withPropertyValues("wuffie.source.events.sql=SELECT 1", "wuffie.sink.table=t")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(DataSource.class);
              assertThat(context).doesNotHaveBean(ScoringPolicy.class);
              assertThat(context).doesNotHaveBean(Ledger.class);
              assertThat(context).doesNotHaveBean(LiveReputation.class);
              assertThat(context).doesNotHaveBean(SqlEventSource.class);
              assertThat(context).doesNotHaveBean(ScoreSink.class);
              assertThat(context).doesNotHaveBean(WuffieRunner.class);
              assertThat(context).doesNotHaveBean(WuffieProperties.class);
            });
  }

  @Test
  void enabledFalse_createsNothing() {
    runner()
        .withPropertyValues("wuffie.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(LiveReputation.class));
  }

  @Test
  void enabledAlone_makesALiveReputationWithDefaultPolicy_noSourceNoSink() {
    runner()
        .withPropertyValues("wuffie.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ScoringPolicy.class))
                  .isEqualTo(ScoringPolicy.builder().build());
              assertThat(context.getBean(Tiers.class).tiers()).isEmpty();
              assertThat(context).hasSingleBean(LiveReputation.class);
              assertThat(context).doesNotHaveBean(SqlEventSource.class);
              assertThat(context).doesNotHaveBean(ScoreSink.class);
              assertThat(context.getBean(WuffieRunner.class).isRunning()).isTrue();
              assertThat(context.getBean(LiveReputation.class).latest()).isEmpty();
            });
  }

  @Test
  void siteProperties_makeEveryBeanFromThem() {
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ScoringPolicy.class)).isEqualTo(QaSite.policy());
              assertThat(context.getBean(Tiers.class).tiers()).isEqualTo(QaSite.TIERS.tiers());
              assertThat(context.getBean(ScoreSink.class).table()).isEqualTo("member_scores");
              assertThat(context.getBean(SqlEventSource.class).cursors())
                  .containsEntry("events", 20L)
                  .containsEntry("contributions", 5L);
              assertThat(context.getBean(LiveReputation.class).latest()).isPresent();
              assertThat(context).hasBean("wuffieHealthIndicator");
            });
  }

  @Test
  void policyJsonInline_isThePolicy() {
    runner()
        .withPropertyValues(
            "wuffie.enabled=true",
            "wuffie.policy.json={\"kinds\": {\"star\": 0.5}, \"saturation\": \"linear\"}")
        .run(
            context ->
                assertThat(context.getBean(ScoringPolicy.class))
                    .isEqualTo(
                        ScoringPolicy.builder()
                            .kind("star", 0.5)
                            .saturation(dev.wuffie.Saturation.linear())
                            .build()));
  }

  /** One bean type the application may define itself, with what makes one. */
  record OwnBean<T>(Class<T> type, Function<TestDatabase.Db, T> make) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }
  }

  static Stream<Arguments> ownBeans() {
    return Stream.of(
        Arguments.of(new OwnBean<>(ScoringPolicy.class, d -> QaSite.policy())),
        Arguments.of(new OwnBean<>(Ledger.class, d -> Ledger.create())),
        Arguments.of(
            new OwnBean<>(Tiers.class, d -> Tiers.builder().percentile("top", 90).build())),
        Arguments.of(
            new OwnBean<>(
                LiveReputation.class,
                d -> LiveReputation.builder(Ledger.create(), QaSite.policy()).build())),
        Arguments.of(
            new OwnBean<>(
                ScoreSink.class, d -> ScoreSink.builder(d.dataSource(), "member_scores").build())));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("ownBeans")
  <T> void applicationsOwnBean_wins(OwnBean<T> own) {
    T mine = own.make().apply(db);
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .withBean("mine", own.type(), () -> mine)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(own.type());
              assertThat(context.getBean(own.type())).isSameAs(mine);
            });
  }

  @Test
  void applicationsOwnSource_wins_andIsPolled() {
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .withUserConfiguration(OwnSource.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              SqlEventSource source = context.getBean(SqlEventSource.class);
              assertThat(source).isSameAs(context.getBean(OwnSource.class).source);
              assertThat(source.cursors()).containsOnlyKeys("events", "contributions");
              assertThat(context.getBean(LiveReputation.class).ledger().eventCount()).isEqualTo(20);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSource {
    SqlEventSource source;

    @Bean
    SqlEventSource mySource(DataSource dataSource, LiveReputation live) {
      source =
          SqlEventSource.builder(dataSource, live)
              .events(
                  "SELECT id, voter AS endorser, post_id AS target_contribution, kind,"
                      + " created_at AS made_at FROM votes",
                  "id")
              .contributions(
                  "SELECT id AS contribution, author, created_at AS made_at FROM posts",
                  "contribution")
              .overlap(0)
              .build();
      return source;
    }
  }

  @Test
  void applicationsOwnHealthIndicator_wins() {
    HealthIndicator mine = () -> org.springframework.boot.actuate.health.Health.up().build();
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .withBean("wuffieHealthIndicator", HealthIndicator.class, () -> mine)
        .run(context -> assertThat(context.getBean("wuffieHealthIndicator")).isSameAs(mine));
  }

  @Test
  void withoutActuator_noHealthIndicator_stillStarts() {
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("wuffieHealthIndicator");
              assertThat(context.getBean(LiveReputation.class).latest()).isPresent();
            });
  }

  @Test
  void withoutMeterRegistry_noMeters() {
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .run(context -> assertThat(context).doesNotHaveBean(WuffieMetrics.class));
  }

  @Test
  void refreshListenerBeans_areToldOfEveryRefresh_afterTheSink() {
    List<Refresh> heard = new CopyOnWriteArrayList<>();
    List<Integer> rowsWhenHeard = new CopyOnWriteArrayList<>();
    runner()
        .withPropertyValues(QaSite.PROPERTIES)
        .withBean(
            RefreshListener.class,
            () ->
                refresh -> {
                  heard.add(refresh);
                  try {
                    rowsWhenHeard.add(QaSite.scoreTable(db.dataSource()).size());
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                })
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              LiveReputation live = context.getBean(LiveReputation.class);
              assertThat(heard).hasSize(1);
              assertThat(heard.get(0).current()).isSameAs(live.latest().orElseThrow());
              assertThat(rowsWhenHeard).containsExactly(live.latest().orElseThrow().size());
            });
  }

  @Test
  void noDataSource_butSourceOrSinkSet_failsNamingTheProperty() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(WuffieAutoConfiguration.class))
        .withPropertyValues("wuffie.enabled=true", "wuffie.sink.table=member_scores")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(WuffieConfigurationException.class)
                    .hasMessageStartingWith(
                        "wuffie.sink.table: is set, but the application has no DataSource"));
  }
}
