package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wuffie.spring.TestDatabase.Db;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A setting that cannot work stops the application with one message naming the property. */
final class StartupFailureTest {
  private Db db;

  @BeforeEach
  void createDatabase() throws SQLException {
    db = TestDatabase.H2.create();
    QaSite.createTables(db.dataSource());
    QaSite site = new QaSite(2, 5);
    site.addPosts(4, db.dataSource());
    site.addVotes(10, db.dataSource());
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  private ApplicationContextRunner runner(String... overrides) {
    // An override "-name" drops the property; "name=value" sets it.
    List<String> properties = new ArrayList<>(List.of(QaSite.PROPERTIES));
    for (String override : overrides) {
      if (override.startsWith("-")) {
        properties.removeIf(p -> p.startsWith(override.substring(1) + "="));
      } else {
        properties.add(override);
      }
    }
    return db.runner().withPropertyValues(properties.toArray(String[]::new));
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        arguments(
            "missing policy file",
            new String[] {"wuffie.policy.file=classpath:absent-policy.json"},
            "wuffie.policy.file",
            "wuffie.policy.file: there is no class path resource [absent-policy.json]; give an"
                + " existing policy file"),
        arguments(
            "invalid policy file",
            new String[] {"wuffie.policy.file=classpath:bad-policy.json"},
            "wuffie.policy.file",
            "wuffie.policy.file: not a valid policy: class path resource [bad-policy.json]:3:25:"
                + " solver.damping: damping 1.5 is outside [0, 1); 0.85 is the usual choice"),
        arguments(
            "invalid inline policy",
            new String[] {"-wuffie.policy.file", "wuffie.policy.json={\"saturation\": \"cubic\"}"},
            "wuffie.policy.json",
            "wuffie.policy.json: not a valid policy: wuffie.policy.json:1:16: saturation:"),
        arguments(
            "file and inline policy",
            new String[] {"wuffie.policy.json={}"},
            "wuffie.policy.file",
            "wuffie.policy.file: wuffie.policy.file and wuffie.policy.json are both set; set one"
                + " of them"),
        arguments(
            "a table that does not exist",
            new String[] {
              "wuffie.source.events.sql=SELECT id, voter AS endorser, post_id AS"
                  + " target_contribution, kind, created_at AS made_at FROM ballots"
            },
            "wuffie.source.events.sql",
            "wuffie.source.events.sql: the query fails on the database: Table \"BALLOTS\" not"
                + " found"),
        arguments(
            "SQL that is no query",
            new String[] {"wuffie.source.contributions.sql=SELEKT * FROM posts"},
            "wuffie.source.contributions.sql",
            "wuffie.source.contributions.sql: the query fails on the database: Table \"SELEKT\" not"
                + " found"),
        arguments(
            "SQL with a parameter",
            new String[] {"wuffie.source.contributions.sql=SELECT * FROM posts WHERE id > ?"},
            "wuffie.source.contributions.sql",
            "wuffie.source.contributions.sql: the contributions query has a '?'"),
        arguments(
            "a missing column",
            new String[] {
              "wuffie.source.events.sql=SELECT id, voter AS endorser, post_id AS"
                  + " target_contribution, kind FROM votes"
            },
            "wuffie.source.events.sql",
            "wuffie.source.events.sql: the first poll failed: the events query returns no column"
                + " 'made_at'"),
        arguments(
            "a cursor column the query lacks",
            new String[] {"wuffie.source.events.cursor=seq"},
            "wuffie.source.events.cursor",
            "wuffie.source.events.cursor: the events query returns no column 'seq' (it returns"
                + " [id, endorser, target_contribution, kind, made_at])"),
        arguments(
            "no cursor column",
            new String[] {"-wuffie.source.contributions.cursor"},
            "wuffie.source.contributions.cursor",
            "wuffie.source.contributions.cursor: is not set; name the contributions query's"
                + " cursor column"),
        arguments(
            "a bad row",
            new String[] {
              "wuffie.source.events.sql=SELECT id, voter AS endorser, post_id AS"
                  + " target_contribution, 'star' AS kind, created_at AS made_at FROM votes"
            },
            "wuffie.source.events.sql",
            "wuffie.source.events.sql: the first poll failed: bad row in the events query (id 1,"
                + " cursor 1), column kind:"),
        arguments(
            "a score table that does not exist",
            new String[] {"wuffie.sink.create-table=false"},
            "wuffie.sink.table",
            "wuffie.sink.table: cannot read table member_scores ("),
        arguments(
            "a score table name that is no SQL name",
            new String[] {"wuffie.sink.table=member scores"},
            "wuffie.sink",
            "wuffie.sink: table name 'member scores'"),
        arguments(
            "a tier with both thresholds",
            new String[] {"wuffie.tiers.levels[0].points=2"},
            "wuffie.tiers.levels[0]",
            "wuffie.tiers.levels[0]: tier 'regular' needs either a percentile or points, not both"),
        arguments(
            "a zero poll period",
            new String[] {"wuffie.source.poll-every=0s"},
            "wuffie.source.poll-every",
            "wuffie.source.poll-every: is PT0S; give a positive duration"),
        arguments(
            "a zero accuracy",
            new String[] {"wuffie.accuracy=0"},
            "wuffie.accuracy",
            "wuffie.accuracy: accuracy 0.0 must be in [1e-10, 1), an L1 bound such as 1e-6"),
        arguments(
            "an accuracy above one",
            new String[] {"wuffie.accuracy=2"},
            "wuffie.accuracy",
            "wuffie.accuracy: accuracy 2.0 must be in [1e-10, 1), an L1 bound such as 1e-6"),
        arguments(
            "an accuracy that is no number",
            new String[] {"wuffie.accuracy=NaN"},
            "wuffie.accuracy",
            "wuffie.accuracy: accuracy NaN must be in [1e-10, 1), an L1 bound such as 1e-6"),
        arguments(
            "a zero exact period",
            new String[] {"wuffie.exact-every=0s"},
            "wuffie.exact-every",
            "wuffie.exact-every: is PT0S; give a positive duration, such as 1h"),
        arguments(
            "a negative exact period",
            new String[] {"wuffie.exact-every=-5m"},
            "wuffie.exact-every",
            "wuffie.exact-every: is PT-5M; give a positive duration, such as 1h"),
        arguments(
            "a health max age below the refresh period",
            new String[] {"wuffie.health.max-age=30s"},
            "wuffie.health.max-age",
            "wuffie.health.max-age: is PT30S, not above wuffie.refresh-every (PT1M)"),
        arguments(
            "every scope and more",
            new String[] {"wuffie.scopes=*,brewing"},
            "wuffie.scopes",
            "wuffie.scopes: is [*, brewing]: * (every tag) with other tags; give either * or a list"
                + " of tags"),
        arguments(
            "a scope that no tag can be",
            new String[] {"wuffie.scopes=brewing,home brewing"},
            "wuffie.scopes",
            "wuffie.scopes: scope tag 'home brewing' is empty or holds whitespace or a comma; a tag"
                + " is one word, as contributions carry it: 'home-brewing'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badSettings")
  void badSetting_failsTheStartup_namingTheProperty(
      String description, String[] overrides, String property, String message) {
    runner(overrides)
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              WuffieConfigurationException cause = find(failure);
              assertThat(cause).as("cause of %s", failure).isNotNull();
              assertThat(cause.property()).isEqualTo(property);
              assertThat(cause).hasMessageStartingWith(message);
              FailureAnalysis analysis = new WuffieFailureAnalyzer().analyze(failure);
              assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
              assertThat(analysis.getAction()).contains("'" + property + "'");
            });
  }

  @Test
  void badSetting_nothingKeepsRunning() {
    runner("wuffie.sink.create-table=false").run(context -> assertThat(context).hasFailed());
    Await.until("no wuffie-runner thread", () -> !RunnerThreads.anyAlive());
  }

  private static WuffieConfigurationException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WuffieConfigurationException e) {
        return e;
      }
    }
    return null;
  }
}
