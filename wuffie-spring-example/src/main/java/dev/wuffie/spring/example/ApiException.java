package dev.wuffie.spring.example;

import org.springframework.http.HttpStatus;

/** A request the service refuses, with the status and a message that says why. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  ApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
