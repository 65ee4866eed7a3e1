package dev.wuffie.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuffie.LiveReputation;
import dev.wuffie.Tiers;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.jdbc.SqlEventSource;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata that spring-boot-configuration-processor makes from {@link WuffieProperties}:
 * every main property with its description and default.
 */
final class ConfigurationMetadataTest {

  @Test
  void metadata_describesTheMainProperties_withTheirDefaults() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    for (URL url :
        Collections.list(
            getClass()
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
          if (property.path("name").asText().startsWith("wuffie.")) {
            properties.put(property.path("name").asText(), property);
          }
        }
      }
    }

    assertThat(properties)
        .containsKeys(
            "wuffie.enabled",
            "wuffie.policy.file",
            "wuffie.policy.json",
            "wuffie.refresh-every",
            "wuffie.warm-start",
            "wuffie.accuracy",
            "wuffie.exact-every",
            "wuffie.scopes",
            "wuffie.tiers.levels",
            "wuffie.tiers.low-water",
            "wuffie.source.events.sql",
            "wuffie.source.events.cursor",
            "wuffie.source.contributions.sql",
            "wuffie.source.removals.sql",
            "wuffie.source.merges.sql",
            "wuffie.source.poll-every",
            "wuffie.source.bad-rows",
            "wuffie.source.fetch-size",
            "wuffie.source.overlap",
            "wuffie.source.checkpoint.path",
            "wuffie.source.checkpoint.every",
            "wuffie.sink.table",
            "wuffie.sink.create-table",
            "wuffie.health.max-age");
    properties.forEach(
        (name, p) -> assertThat(p.path("description").asText()).as(name).isNotBlank());
    assertThat(properties.get("wuffie.enabled").path("defaultValue").asBoolean(true)).isFalse();
    assertThat(properties.get("wuffie.refresh-every").path("defaultValue").asText())
        .isEqualTo("1m");
    assertThat(properties.get("wuffie.accuracy").path("defaultValue").asDouble())
        .isEqualTo(LiveReputation.DEFAULT_ACCURACY);
    assertThat(properties.get("wuffie.exact-every").path("defaultValue").asText()).isEqualTo("1h");
    assertThat(properties.get("wuffie.source.poll-every").path("defaultValue").asText())
        .isEqualTo("10s");
    assertThat(properties.get("wuffie.source.bad-rows").path("defaultValue").asText())
        .isEqualTo("fail");
    assertThat(properties.get("wuffie.source.fetch-size").path("defaultValue").asInt())
        .isEqualTo(SqlEventSource.DEFAULT_FETCH_SIZE);
    assertThat(properties.get("wuffie.policy.file").path("type").asText())
        .isEqualTo("org.springframework.core.io.Resource");
  }

  @Test
  void defaults_equalTheLibrarysDefaults() {
    WuffieProperties properties = new WuffieProperties();
    assertThat(properties.isEnabled()).isFalse();
    assertThat(properties.getAccuracy()).isEqualTo(LiveReputation.DEFAULT_ACCURACY);
    assertThat(properties.getExactEvery()).isEqualTo(LiveReputation.DEFAULT_EXACT_EVERY);
    assertThat(properties.getTiers().getLowWater()).isEqualTo(Tiers.DEFAULT_LOW_WATER);
    assertThat(properties.getSource().getFetchSize()).isEqualTo(SqlEventSource.DEFAULT_FETCH_SIZE);
    assertThat(properties.getSource().getBatchSize()).isEqualTo(SqlEventSource.DEFAULT_BATCH_SIZE);
    assertThat(properties.getSource().getOverlap()).isEqualTo(SqlEventSource.DEFAULT_OVERLAP);
    assertThat(properties.getSink().getBatchSize()).isEqualTo(ScoreSink.DEFAULT_BATCH_SIZE);
  }
}
