package io.legerible.webapp.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** When PostgreSQL cannot be reached, pages answer 503 and say to try again, not 500. */
@ControllerAdvice
class DatabaseUnavailableAdvice {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

  @ExceptionHandler(DataAccessResourceFailureException.class)
  @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
  String databaseUnavailable(DataAccessResourceFailureException e, Model model) {
    log.warn("PostgreSQL cannot be reached: {}", e.getMessage());
    model.addAttribute("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    return "error";
  }
}
