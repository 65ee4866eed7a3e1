package dev.wuffie.spring;

import dev.wuffie.WuffieException;

/**
 * Thrown by {@link WuffieReputations} for a scope it does not publish: no contribution carries the
 * tag, {@code wuffie.scopes} does not keep it, or no scopes are kept at all. A web layer maps it to
 * a 404; the message says which of these it is and lists the scopes there are.
 *
 * <p>Immutable, as exceptions go.
 */
public final class UnknownScopeException extends WuffieException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal of the unknown scope {@code scope}.
   *
   * @param message what was wrong and how to fix it
   * @param scope the tag that names no published scope
   */
  public UnknownScopeException(String message, String scope) {
    super(message, scope);
  }

  /** The tag that names no published scope. */
  public String scope() {
    return id();
  }
}
