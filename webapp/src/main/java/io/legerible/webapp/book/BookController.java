package io.legerible.webapp.book;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The catalogue: list, search and a book's details with its availability. */
@Controller
class BookController {

  static final int PAGE_SIZE = 20;

  private final BookRepository books;

  BookController(BookRepository books) {
    this.books = books;
  }

  @GetMapping("/books")
  String list(
      @RequestParam(name = "q", defaultValue = "") String query,
      @RequestParam(name = "sort", defaultValue = "title") String sort,
      @RequestParam(name = "page", defaultValue = "1") int page,
      Model model) {
    CatalogueSort order = CatalogueSort.fromParameter(sort);
    model.addAttribute("q", query);
    model.addAttribute("sort", order.parameter());
    model.addAttribute("sorts", CatalogueSort.values());
    model.addAttribute("books", books.findPage(query, order, Math.max(0, page - 1), PAGE_SIZE));
    return "books/bookList";
  }

  @GetMapping("/books/{bookId}")
  String show(@PathVariable long bookId, Model model) {
    Book book = books.findById(bookId).orElseThrow(() -> new BookNotFoundException(bookId));
    int onLoan = books.countOnLoan(bookId);
    model.addAttribute("book", book);
    model.addAttribute("available", Math.max(0, book.copies() - onLoan));
    return "books/bookDetails";
  }
}
