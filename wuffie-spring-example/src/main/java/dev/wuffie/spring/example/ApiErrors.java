package dev.wuffie.spring.example;

import dev.wuffie.UnknownContributorException;
import dev.wuffie.WuffieException;
import dev.wuffie.spring.UnknownScopeException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns refused requests into JSON errors: {@code {"status": 404, "error": "..."}}. */
@RestControllerAdvice
class ApiErrors {

  /** An error's body. */
  record Error(int status, String error) {}

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Error> refused(ApiException e) {
    return error(e.status(), e.getMessage());
  }

  /** wuffie knows no contributor with that id: no such member, or one nobody has voted with. */
  @ExceptionHandler(UnknownContributorException.class)
  ResponseEntity<Error> unknownContributor(UnknownContributorException e) {
    return error(
        HttpStatus.NOT_FOUND,
        "member '"
            + e.contributor()
            + "' has no reputation: there is no such member, or no answer or vote of theirs has"
            + " been scored yet");
  }

  /** No published scope has that tag. */
  @ExceptionHandler(UnknownScopeException.class)
  ResponseEntity<Error> unknownScope(UnknownScopeException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(WuffieException.class)
  ResponseEntity<Error> wuffie(WuffieException e) {
    return error(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Error> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "the body is not the JSON expected: " + e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Error> mismatch(MethodArgumentTypeMismatchException e) {
    return error(
        HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' cannot be '" + e.getValue() + "'");
  }

  /** A row that refers to a member or answer deleted meanwhile. */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Error> integrity(DataIntegrityViolationException e) {
    return error(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "the database refuses the row: " + e.getMostSpecificCause().getMessage());
  }

  private static ResponseEntity<Error> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(new Error(status.value(), message));
  }
}
