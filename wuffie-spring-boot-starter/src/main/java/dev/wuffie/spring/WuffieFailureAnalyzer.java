package dev.wuffie.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link WuffieConfigurationException} that stopped the application into Spring Boot's
 * "APPLICATION FAILED TO START" report: the message as the description, the property as the action.
 */
final class WuffieFailureAnalyzer extends AbstractFailureAnalyzer<WuffieConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WuffieConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the property '"
            + cause.property()
            + "' in the application's configuration (see the wuffie-spring-boot-starter README).",
        cause);
  }
}
