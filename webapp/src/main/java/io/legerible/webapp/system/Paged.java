package io.legerible.webapp.system;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a longer list: the items, the zero-based page number, the page size and the total.
 */
public record Paged<T extends Serializable>(List<T> items, int page, int size, long total)
    implements Serializable {

  public Paged {
    items = List.copyOf(items);
  }

  /** Number of pages; at least one, so an empty list still has a page to show. */
  public int totalPages() {
    return (int) Math.max(1, (total + size - 1) / size);
  }

  /** One-based page number for display. */
  public int number() {
    return page + 1;
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return page + 1 < totalPages();
  }

  /** Row offset of the first item, for SQL. */
  public static long offset(int page, int size) {
    return (long) page * size;
  }
}
