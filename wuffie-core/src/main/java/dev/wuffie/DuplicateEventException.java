package dev.wuffie;

/**
 * Thrown when a site's event id is recorded again with a different endorsement: the same id must
 * always stand for the same event. Recording an id again with the same endorsement is not an error:
 * it changes nothing and returns the event recorded first (see {@link Ledger#record(String,
 * Endorsement)}), so that a source read at least once is recorded exactly once.
 *
 * <p>Immutable, as exceptions go.
 */
public final class DuplicateEventException extends WuffieException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal of the event {@code siteId}, already recorded as another endorsement.
   *
   * @param message what was wrong and how to fix it
   * @param siteId the site's id of the event
   */
  public DuplicateEventException(String message, String siteId) {
    super(message, siteId);
  }

  /** The site's id of the event, recorded before as another endorsement. */
  public String siteId() {
    return id();
  }
}
