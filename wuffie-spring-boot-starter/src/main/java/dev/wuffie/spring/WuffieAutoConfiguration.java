package dev.wuffie.spring;

import dev.wuffie.Ledger;
import dev.wuffie.LiveReputation;
import dev.wuffie.RefreshListener;
import dev.wuffie.ScoringPolicy;
import dev.wuffie.Tiers;
import dev.wuffie.jdbc.ScoreSink;
import dev.wuffie.jdbc.SqlEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires wuffie into a Spring Boot application from its {@code wuffie.*} properties ({@link
 * WuffieProperties}), when {@code wuffie.enabled=true}: a {@link ScoringPolicy}, a {@link Ledger},
 * {@link Tiers}, a {@link LiveReputation}, a {@link SqlEventSource} over the application's {@link
 * DataSource} (when {@code wuffie.source.events.sql} is set), a {@link ScoreSink} (when {@code
 * wuffie.sink.table} is set) and the {@link WuffieRunner} that drives them; with the actuator, a
 * health indicator named {@code wuffie}; with a Micrometer {@link MeterRegistry}, wuffie's meters.
 *
 * <p>Every bean backs off when the application defines its own of the same type, which then takes
 * its place: a policy built in code, say. Every {@link RefreshListener} bean of the application is
 * told of each refresh of the auto-configured live reputation.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "wuffie", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(WuffieProperties.class)
public class WuffieAutoConfiguration {

  /** Made by Spring. */
  public WuffieAutoConfiguration() {}

  /**
   * The policy of {@code wuffie.policy.file} or {@code wuffie.policy.json}, else the default one.
   *
   * @param properties the settings
   * @return the policy
   * @throws WuffieConfigurationException if both are set, or the file is missing or no valid policy
   */
  @Bean
  @ConditionalOnMissingBean
  public ScoringPolicy wuffiePolicy(WuffieProperties properties) {
    return Settings.policy(properties.getPolicy());
  }

  /**
   * An empty ledger, which the source fills.
   *
   * @return the ledger
   */
  @Bean
  @ConditionalOnMissingBean
  public Ledger wuffieLedger() {
    return Ledger.create();
  }

  /**
   * The tiers of {@code wuffie.tiers.*} (none without levels).
   *
   * @param properties the settings
   * @return the tiers
   * @throws WuffieConfigurationException if a tier has no name, or neither or both thresholds
   */
  @Bean
  @ConditionalOnMissingBean
  public Tiers wuffieTiers(WuffieProperties properties) {
    return Settings.tiers(properties.getTiers());
  }

  /**
   * The live reputation over the ledger and the policy, with the tiers, the refresh settings of
   * {@code wuffie.warm-start}, {@code wuffie.accuracy} and {@code wuffie.exact-every}, the scopes
   * of {@code wuffie.scopes}, and every {@link RefreshListener} bean (the score sink first). The
   * {@link WuffieRunner} refreshes it.
   *
   * @param ledger the ledger
   * @param policy the policy
   * @param tiers the tiers
   * @param listeners the application's refresh listeners
   * @param properties the settings
   * @return the live reputation; Spring closes it at shutdown
   * @throws WuffieConfigurationException if {@code wuffie.accuracy} is not in {@code [1e-10, 1)},
   *     {@code wuffie.exact-every} is not positive, or {@code wuffie.scopes} lists a tag that
   *     cannot be one (blank, with whitespace or a comma) or {@code *} with other tags
   */
  @Bean
  @ConditionalOnMissingBean
  public LiveReputation wuffieLiveReputation(
      Ledger ledger,
      ScoringPolicy policy,
      Tiers tiers,
      ObjectProvider<RefreshListener> listeners,
      WuffieProperties properties) {
    LiveReputation.Builder builder =
        Settings.refreshes(LiveReputation.builder(ledger, policy).tiers(tiers), properties);
    // A ScoreSink bean is told through its SinkListener, which keeps what the writes did.
    listeners.orderedStream().filter(l -> !(l instanceof ScoreSink)).forEach(builder::listener);
    return builder.build();
  }

  /**
   * The reads of scopes and personal trust over the live reputation's latest published state.
   *
   * @param live the live reputation
   * @param properties the settings
   * @return the reads
   */
  @Bean
  @ConditionalOnMissingBean
  public WuffieReputations wuffieReputations(LiveReputation live, WuffieProperties properties) {
    return new WuffieReputations(live, properties.getScopes());
  }

  /**
   * The source of {@code wuffie.source.*} over the application's data source; each query is run
   * once without reading rows, so that one the database refuses stops the startup.
   *
   * @param dataSource the application's data source
   * @param live the live reputation to record into
   * @param properties the settings
   * @return the source
   * @throws WuffieConfigurationException if a query is refused or lacks its cursor column
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(prefix = "wuffie.source.events", name = "sql")
  @DependsOnDatabaseInitialization
  public SqlEventSource wuffieSource(
      DataSource dataSource, LiveReputation live, WuffieProperties properties) {
    return SourceFactory.create(dataSource, live, properties.getSource());
  }

  /**
   * The score sink of {@code wuffie.sink.*} over the application's data source.
   *
   * @param dataSource the application's data source
   * @param properties the settings
   * @return the sink
   * @throws WuffieConfigurationException if the table is no plain SQL name
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(prefix = "wuffie.sink", name = "table")
  @DependsOnDatabaseInitialization
  public ScoreSink wuffieSink(DataSource dataSource, WuffieProperties properties) {
    try {
      return ScoreSink.builder(dataSource, properties.getSink().getTable())
          .batchSize(properties.getSink().getBatchSize())
          .build();
    } catch (IllegalArgumentException e) {
      throw new WuffieConfigurationException("wuffie.sink", e.getMessage(), e);
    }
  }

  @Bean
  @ConditionalOnBean({ScoreSink.class, DataSource.class})
  @DependsOnDatabaseInitialization
  SinkListener wuffieSinkListener(
      ScoreSink sink, DataSource dataSource, WuffieProperties properties) {
    return new SinkListener(
        sink, dataSource, properties.getSink().isCreateTable(), Clock.systemUTC());
  }

  /**
   * The runner that loads, polls, refreshes and checkpoints, started and stopped with the
   * application.
   *
   * @param live the live reputation
   * @param source the source, if any
   * @param sink the sink's listener, if any
   * @param observer the meters, if any
   * @param dataSources the application's data source, if any
   * @param properties the settings
   * @return the runner
   * @throws WuffieConfigurationException if a duration is not positive, or a source is configured
   *     without a data source
   */
  @Bean
  @ConditionalOnMissingBean
  public WuffieRunner wuffieRunner(
      LiveReputation live,
      ObjectProvider<SqlEventSource> source,
      ObjectProvider<SinkListener> sink,
      ObjectProvider<RunObserver> observer,
      ObjectProvider<DataSource> dataSources,
      WuffieProperties properties) {
    if (dataSources.getIfAvailable() == null) {
      if (properties.getSource().getEvents().getSql() != null && source.getIfAvailable() == null) {
        throw new WuffieConfigurationException(
            "wuffie.source.events.sql",
            "is set, but the application has no DataSource to run it on; configure one"
                + " (spring.datasource.url and a JDBC driver)",
            null);
      }
      if (properties.getSink().getTable() != null) {
        throw new WuffieConfigurationException(
            "wuffie.sink.table",
            "is set, but the application has no DataSource to write to; configure one"
                + " (spring.datasource.url and a JDBC driver)",
            null);
      }
    }
    return new WuffieRunner(
        live,
        source.getIfAvailable(),
        sink.getIfAvailable(),
        observer.getIfAvailable(() -> RunObserver.NONE),
        properties,
        Clock.systemUTC());
  }

  /** The health indicator, when the actuator is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "wuffieHealthIndicator")
    WuffieHealthIndicator wuffieHealthIndicator(
        WuffieRunner runner, ObjectProvider<SqlEventSource> source, WuffieProperties properties) {
      Duration maxAge = properties.getHealth().getMaxAge();
      if (maxAge == null || maxAge.compareTo(properties.getRefreshEvery()) <= 0) {
        throw new WuffieConfigurationException(
            "wuffie.health.max-age",
            "is "
                + maxAge
                + ", not above wuffie.refresh-every ("
                + properties.getRefreshEvery()
                + "), so the health would turn DOWN between two refreshes; give a longer one",
            null);
      }
      return new WuffieHealthIndicator(
          runner,
          source.getIfAvailable(),
          properties.getSink().getTable(),
          maxAge,
          Clock.systemUTC());
    }
  }

  /** The meters, when Micrometer is on the class path and the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WuffieMetrics wuffieMetrics(
        MeterRegistry registry, LiveReputation live, ObjectProvider<SinkListener> sink) {
      return new WuffieMetrics(registry, live, sink.getIfAvailable());
    }
  }
}
