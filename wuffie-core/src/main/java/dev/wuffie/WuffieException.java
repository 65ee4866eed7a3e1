package dev.wuffie;

/**
 * The base of the refusals that a site's web layer may want to tell apart: an unknown contributor,
 * contribution or kind, or a duplicate event. Each names the offending id, so that a site can map
 * it to a 404, a 400 or a 409 without reading the message.
 *
 * <p>It extends {@link IllegalArgumentException}, which is what wuffie threw for these refusals
 * before they had types of their own: code that catches that keeps working, and every message stays
 * as it was. Other bad arguments (an empty id, a time too far in the future, a bad batch) are still
 * plain {@code IllegalArgumentException}s.
 *
 * <pre>{@code
 * try {
 *   live.record(endorsement);
 * } catch (UnknownContributionException | UnknownKindException e) {
 *   return badRequest(e.getMessage());
 * }
 * }</pre>
 *
 * <p>Instances are immutable, as exceptions go.
 */
public abstract class WuffieException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String id;

  /**
   * A refusal with {@code message} about {@code id}.
   *
   * @param message what was wrong and how to fix it
   * @param id the offending id
   */
  protected WuffieException(String message, String id) {
    super(message);
    this.id = id;
  }

  /** The offending id: a contributor, contribution or kind id, or a site's event id. */
  public String id() {
    return id;
  }
}
