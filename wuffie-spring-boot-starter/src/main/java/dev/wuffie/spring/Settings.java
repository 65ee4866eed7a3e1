package dev.wuffie.spring;

import dev.wuffie.LiveReputation;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Tiers;
import dev.wuffie.json.PolicyJson;
import dev.wuffie.spring.WuffieProperties.Level;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * Turns {@link WuffieProperties} into wuffie's types, with a {@link WuffieConfigurationException}
 * naming the property for a setting that cannot work.
 */
final class Settings {
  private Settings() {}

  /** The policy of {@code wuffie.policy.*}: from the file, the inline JSON, or the default. */
  static ScoringPolicy policy(WuffieProperties.Policy settings) {
    Resource file = settings.getFile();
    String json = settings.getJson();
    if (file != null && json != null) {
      throw new WuffieConfigurationException(
          "wuffie.policy.file",
          "wuffie.policy.file and wuffie.policy.json are both set; set one of them: the policy"
              + " in a file, or inline",
          null);
    }
    if (json != null) {
      return read(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
          "wuffie.policy.json",
          "wuffie.policy.json");
    }
    if (file == null) {
      return ScoringPolicy.builder().build();
    }
    if (!file.exists()) {
      throw new WuffieConfigurationException(
          "wuffie.policy.file",
          "there is no "
              + file.getDescription()
              + "; give an existing policy file, such as classpath:wuffie-policy.json or"
              + " file:/etc/site/wuffie-policy.json",
          null);
    }
    try {
      return read(file.getInputStream(), file.getDescription(), "wuffie.policy.file");
    } catch (IOException e) {
      throw new WuffieConfigurationException(
          "wuffie.policy.file", "cannot read " + file.getDescription() + ": " + e, e);
    }
  }

  private static ScoringPolicy read(InputStream in, String source, String property) {
    try {
      return PolicyJson.read(in, source);
    } catch (IOException e) {
      // InputFormatException's message: the source, line, column, field, problem and fix
      throw new WuffieConfigurationException(property, "not a valid policy: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new WuffieConfigurationException(property, "not a valid policy: " + e.getMessage(), e);
    }
  }

  /** The tiers of {@code wuffie.tiers.*}; without levels, tiers that assign none. */
  static Tiers tiers(WuffieProperties.TierSettings settings) {
    Tiers.Builder builder = Tiers.builder();
    try {
      builder.lowWater(settings.getLowWater());
    } catch (IllegalArgumentException e) {
      throw new WuffieConfigurationException("wuffie.tiers.low-water", e.getMessage(), e);
    }
    List<Level> levels = settings.getLevels();
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      String property = "wuffie.tiers.levels[" + i + "]";
      if (level.getName() == null || level.getName().isBlank()) {
        throw new WuffieConfigurationException(
            property + ".name", "the tier has no name; give each tier a name", null);
      }
      if ((level.getPercentile() == null) == (level.getPoints() == null)) {
        throw new WuffieConfigurationException(
            property,
            "tier '"
                + level.getName()
                + "' needs either a percentile or points, not "
                + (level.getPoints() == null ? "neither" : "both"),
            null);
      }
      try {
        if (level.getPercentile() != null) {
          builder.percentile(level.getName(), level.getPercentile());
        } else {
          builder.points(level.getName(), level.getPoints());
        }
      } catch (IllegalArgumentException e) {
        throw new WuffieConfigurationException(property, e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /**
   * Applies {@code wuffie.warm-start}, {@code wuffie.accuracy}, {@code wuffie.exact-every} and
   * {@code wuffie.scopes} to a live reputation's builder.
   */
  static LiveReputation.Builder refreshes(
      LiveReputation.Builder builder, WuffieProperties properties) {
    builder.warmStart(properties.isWarmStart());
    try {
      builder.accuracy(properties.getAccuracy());
    } catch (IllegalArgumentException e) {
      throw new WuffieConfigurationException("wuffie.accuracy", e.getMessage(), e);
    }
    scopes(builder, properties.getScopes());
    return builder.exactEvery(positive(properties.getExactEvery(), "wuffie.exact-every", "1h"));
  }

  /** Keeps the scopes of {@code wuffie.scopes}: none if empty, every tag for {@code *}. */
  private static void scopes(LiveReputation.Builder builder, List<String> scopes) {
    if (scopes == null || scopes.isEmpty()) {
      return;
    }
    if (scopes.contains("*")) {
      if (scopes.size() > 1) {
        throw new WuffieConfigurationException(
            "wuffie.scopes",
            "is " + scopes + ": * (every tag) with other tags; give either * or a list of tags",
            null);
      }
      builder.scopes();
      return;
    }
    try {
      builder.scopes(scopes);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new WuffieConfigurationException("wuffie.scopes", e.getMessage(), e);
    }
  }

  /** {@code d}, or an exception naming {@code property} if it is unset, zero or negative. */
  static Duration positive(Duration d, String property, String example) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new WuffieConfigurationException(
          property, "is " + d + "; give a positive duration, such as " + example, null);
    }
    return d;
  }
}
