package dev.wuffie;

/**
 * Thrown when an id names no contributor: a {@link Reputation} asked about an id it did not score,
 * or a {@linkplain Ledger#merge(String, String) merge} into a person the ledger has never seen.
 *
 * <p>Immutable, as exceptions go.
 */
public final class UnknownContributorException extends WuffieException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal of the unknown contributor {@code contributor}.
   *
   * @param message what was wrong and how to fix it
   * @param contributor the id that names no contributor
   */
  public UnknownContributorException(String message, String contributor) {
    super(message, contributor);
  }

  /** The id that names no contributor. */
  public String contributor() {
    return id();
  }
}
