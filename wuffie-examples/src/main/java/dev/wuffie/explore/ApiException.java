package dev.wuffie.explore;

/**
 * A request the explorer answers with an error status and a message: 400 for a bad value, 404 for
 * an unknown id or path, 405 for a method the path does not take. The message is one sentence that
 * says what was wrong, where, and how to fix it.
 */
final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status to answer with. */
  int status() {
    return status;
  }

  /** A bad value in the request: 400. */
  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** An unknown id or path: 404. */
  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
