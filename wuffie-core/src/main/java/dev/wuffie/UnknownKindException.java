package dev.wuffie;

/**
 * Thrown when a {@link ScoringPolicy} is asked to weigh an endorsement of a kind it does not
 * declare.
 *
 * <p>Immutable, as exceptions go.
 */
public final class UnknownKindException extends WuffieException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal of an endorsement of the undeclared {@code kind}.
   *
   * @param message what was wrong and how to fix it
   * @param kind the undeclared kind
   */
  public UnknownKindException(String message, String kind) {
    super(message, kind);
  }

  /** The kind the policy does not declare. */
  public String kind() {
    return id();
  }
}
