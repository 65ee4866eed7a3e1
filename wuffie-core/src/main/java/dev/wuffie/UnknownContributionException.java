package dev.wuffie;

/**
 * Thrown when an endorsement names a contribution that the {@link Ledger} has not registered.
 *
 * <p>Immutable, as exceptions go.
 */
public final class UnknownContributionException extends WuffieException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal of an endorsement of the unregistered {@code contribution}.
   *
   * @param message what was wrong and how to fix it
   * @param contribution the id of the unregistered contribution
   */
  public UnknownContributionException(String message, String contribution) {
    super(message, contribution);
  }

  /** The id of the unregistered contribution. */
  public String contribution() {
    return id();
  }
}
