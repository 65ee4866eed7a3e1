package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wuffie.Endorsement;
import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.Reputation;
import dev.wuffie.Tiers;
import dev.wuffie.json.PolicyJson;
import dev.wuffie.spring.TestDatabase.Db;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The ten lines of {@code application.properties} that the root README and the starter's README
 * show, as they stand there (the two copies must agree), run on H2 over the tables they name: the
 * published scores and the score table equal {@link Reputation#compute} of the same votes under
 * {@code wuffie-policy.json}, and the tier is the 75th percentile's.
 */
final class ReadmePropertiesTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  /** The answers (id, author) and votes (id, voter, answer, kind), a minute apart. */
  private static final List<String[]> ANSWERS =
      List.of(new String[] {"1", "alice"}, new String[] {"2", "bob"}, new String[] {"3", "carol"});

  private static final List<String[]> VOTES =
      List.of(
          new String[] {"1", "bob", "1", "up"},
          new String[] {"2", "carol", "1", "accept"},
          new String[] {"3", "alice", "2", "up"},
          new String[] {"4", "dave", "3", "up"},
          new String[] {"5", "dave", "1", "down"},
          new String[] {"6", "carol", "2", "up"});

  @Test
  void theReadmesTenLines_scoreTheirTablesAsComputeDoes() throws Exception {
    List<String> lines = propertiesBlock(Path.of("../README.md"));
    assertThat(propertiesBlock(Path.of("README.md"))).isEqualTo(lines);
    assertThat(lines).hasSize(10);
    try (Db db = TestDatabase.H2.create()) {
      db.execute(
          "CREATE TABLE answers (id BIGINT PRIMARY KEY, author_id VARCHAR(64), created_at"
              + " TIMESTAMP)",
          "CREATE TABLE votes (id BIGINT PRIMARY KEY, voter_id VARCHAR(64), answer_id BIGINT,"
              + " kind VARCHAR(16), created_at TIMESTAMP)");
      for (String[] a : ANSWERS) {
        db.execute(
            String.format(
                "INSERT INTO answers VALUES (%s, '%s', TIMESTAMP '%s')",
                a[0], a[1], sql(time(a[0]))));
      }
      for (String[] v : VOTES) {
        db.execute(
            String.format(
                "INSERT INTO votes VALUES (%s, '%s', %s, '%s', TIMESTAMP '%s')",
                v[0], v[1], v[2], v[3], sql(time(v[0]).plusSeconds(600))));
      }
      Reputation expected = expected();

      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class, WuffieAutoConfiguration.class))
          .withPropertyValues(db.properties().toArray(String[]::new))
          .withPropertyValues(lines.toArray(String[]::new))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                LiveReputation live = context.getBean(LiveReputation.class);
                QaSite.assertSameStandings(live.latest().orElseThrow(), expected);
                Map<String, String> tiers =
                    Tiers.builder().percentile("trusted", 75).build().assign(expected, Map.of());
                assertThat(tiers).isNotEmpty();
                QaSite.assertScoreTable(db.dataSource(), expected, tiers);
              });
    }
  }

  /** The known answer: the same answers and votes recorded directly, under the same policy. */
  private static Reputation expected() throws Exception {
    Ledger ledger = Ledger.create();
    for (String[] a : ANSWERS) {
      ledger.addContribution(a[0], time(a[0]), a[1]);
    }
    for (String[] v : VOTES) {
      ledger.record(Endorsement.ofContribution(v[1], v[2], v[3], time(v[0]).plusSeconds(600)));
    }
    try (InputStream policy =
        ReadmePropertiesTest.class.getResourceAsStream("/wuffie-policy.json")) {
      return Reputation.compute(ledger, PolicyJson.read(policy, "wuffie-policy.json"));
    }
  }

  private static Instant time(String id) {
    return T0.plusSeconds(60 * Long.parseLong(id));
  }

  private static String sql(Instant time) {
    return time.toString().replace('T', ' ').replace("Z", "");
  }

  /** The lines of the first {@code ```properties} block of {@code readme}. */
  private static List<String> propertiesBlock(Path readme) throws Exception {
    List<String> all = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = all.indexOf("```properties") + 1;
    assertThat(start).as("a ```properties block in %s", readme).isPositive();
    return all.subList(start, all.subList(start, all.size()).indexOf("```") + start);
  }
}
