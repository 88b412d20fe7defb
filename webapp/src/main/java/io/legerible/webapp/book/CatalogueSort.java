package io.legerible.webapp.book;

import java.util.Arrays;

/** The orders the catalogue can be listed in; each maps to a fixed SQL {@code ORDER BY}. */
public enum CatalogueSort {
  TITLE("title", "title, id"),
  AUTHORS("authors", "authors, id"),
  NEWEST("newest", "publication_year DESC NULLS LAST, id"),
  OLDEST("oldest", "publication_year ASC NULLS LAST, id");

  private final String parameter;
  private final String orderBy;

  CatalogueSort(String parameter, String orderBy) {
    this.parameter = parameter;
    this.orderBy = orderBy;
  }

  /** The value of the {@code sort} request parameter. */
  public String parameter() {
    return parameter;
  }

  String orderBy() {
    return orderBy;
  }

  /** The sort a request parameter names; {@link #TITLE} for anything unknown. */
  public static CatalogueSort fromParameter(String parameter) {
    return Arrays.stream(values())
        .filter(sort -> sort.parameter.equals(parameter))
        .findFirst()
        .orElse(TITLE);
  }
}
