package io.legerible.webapp.book;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A request named a book the catalogue does not hold; answered with 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class BookNotFoundException extends RuntimeException {

  public BookNotFoundException(long bookId) {
    super("No book with id " + bookId);
  }
}
