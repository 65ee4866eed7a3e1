package dev.wuffie.spring;

/**
 * A {@code wuffie.*} setting that cannot work: a policy file that is missing or invalid, a query
 * the database refuses or that lacks a column, two settings that exclude each other. The message
 * starts with the property's name and says how to fix it; Spring Boot prints it as the reason the
 * application failed to start.
 *
 * <p>Instances are immutable.
 */
public final class WuffieConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;

  /**
   * An exception about {@code property}.
   *
   * @param property the property at fault, such as {@code wuffie.policy.file}
   * @param problem what is wrong and how to fix it; the message is {@code property: problem}
   * @param cause the underlying failure, or null
   */
  public WuffieConfigurationException(String property, String problem, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
  }

  /** The property at fault, such as {@code wuffie.policy.file}. */
  public String property() {
    return property;
  }
}
