package io.legerible.sparkjobs.recommendations;

import java.util.List;

/** A small hand-checked library: two authors' series, a loner, and members with 0–3 loans. */
final class LibraryFixture {

  /** id, title, authors, language. */
  static final List<Object[]> BOOKS =
      List.of(
          new Object[] {1L, "Dune", "Frank Herbert", "eng"},
          new Object[] {2L, "Dune Messiah", "Frank Herbert", "eng"},
          new Object[] {3L, "Children of Dune", "Frank Herbert", "en-US"},
          new Object[] {4L, "Emma", "Jane Austen", "eng"},
          new Object[] {5L, "Persuasion", "Jane Austen", "eng"},
          new Object[] {6L, "Pride and Prejudice", "Jane Austen", "en-GB"},
          new Object[] {7L, "Neuromancer", "William Gibson", "eng"});

  /** member id, book id: member 6 has no loans. */
  static final long[][] LOANS = {
    {1, 1}, {1, 2}, {2, 1}, {2, 2}, {2, 3}, {3, 4}, {3, 5}, {4, 4}, {4, 5}, {4, 6}, {5, 1}, {7, 7}
  };

  static final long[] MEMBERS = {1, 2, 3, 4, 5, 6, 7};

  private LibraryFixture() {}
}
