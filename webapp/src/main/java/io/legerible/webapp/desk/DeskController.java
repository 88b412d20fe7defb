package io.legerible.webapp.desk;

import io.legerible.catalogue.BookMetadata;
import io.legerible.catalogue.Isbn;
import io.legerible.catalogue.OpenLibraryUnavailableException;
import io.legerible.webapp.book.BookRepository;
import io.legerible.webapp.book.CatalogueLookup;
import io.legerible.webapp.book.NewBook;
import io.legerible.webapp.loan.LoanOutcome;
import io.legerible.webapp.loan.LoanRepository;
import io.legerible.webapp.loan.LoanService;
import io.legerible.webapp.member.LibraryCards;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The librarian's desk: library cards for new members, books added by ISBN and their copies, every
 * member's loans with check-in, and the loan simulation.
 */
@Controller
@RequestMapping("/desk")
class DeskController {

  static final int PAGE_SIZE = 20;
  static final int MAX_COPIES = 1000;

  private final LibraryCards cards;
  private final CatalogueLookup catalogue;
  private final BookRepository books;
  private final LoanService lending;
  private final LoanRepository loans;

  DeskController(
      LibraryCards cards,
      CatalogueLookup catalogue,
      BookRepository books,
      LoanService lending,
      LoanRepository loans) {
    this.cards = cards;
    this.catalogue = catalogue;
    this.books = books;
    this.lending = lending;
    this.loans = loans;
  }

  @GetMapping
  String desk(@RequestParam(name = "loaned", required = false) Integer loaned, Model model) {
    model.addAttribute("loaned", loaned);
    model.addAttribute("maxRandomLoans", LoanService.MAX_RANDOM_LOANS);
    model.addAttribute("maxCopies", MAX_COPIES);
    return "desk/desk";
  }

  @PostMapping("/members")
  String register(
      @RequestParam(name = "username", defaultValue = "") String username,
      @RequestParam(name = "firstName", defaultValue = "") String firstName,
      @RequestParam(name = "lastName", defaultValue = "") String lastName,
      RedirectAttributes redirect) {
    String name = username.strip();
    DeskNotice notice;
    if (!LibraryCards.USERNAME.matcher(name).matches()) {
      notice = DeskNotice.refused("desk.register.invalidUsername");
    } else if (firstName.isBlank()
        || lastName.isBlank()
        || firstName.length() > 100
        || lastName.length() > 100) {
      notice = DeskNotice.refused("desk.register.invalidName");
    } else {
      notice =
          cards
              .issue(name, firstName, lastName)
              .map(card -> DeskNotice.done("desk.register.done", card.username(), card.password()))
              .orElseGet(() -> DeskNotice.refused("desk.register.taken", name));
    }
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/desk";
  }

  @PostMapping("/books")
  String addBook(
      @RequestParam(name = "isbn", defaultValue = "") String isbn,
      @RequestParam(name = "copies", defaultValue = "1") int copies,
      RedirectAttributes redirect) {
    Optional<String> isbn13 = Isbn.toIsbn13(isbn);
    if (isbn13.isEmpty()) {
      redirect.addFlashAttribute("notice", DeskNotice.refused("desk.book.invalidIsbn"));
      return "redirect:/desk";
    }
    if (copies < 1 || copies > MAX_COPIES) {
      redirect.addFlashAttribute(
          "notice", DeskNotice.refused("desk.book.invalidCopies", String.valueOf(MAX_COPIES)));
      return "redirect:/desk";
    }
    Optional<Long> existing = books.findIdByIsbn13(isbn13.get());
    if (existing.isPresent()) {
      redirect.addFlashAttribute("notice", DeskNotice.refused("desk.book.present"));
      return "redirect:/books/" + existing.get();
    }
    Optional<BookMetadata> found;
    try {
      found = catalogue.find(isbn13.get());
    } catch (OpenLibraryUnavailableException e) {
      redirect.addFlashAttribute("notice", DeskNotice.refused("desk.book.lookupUnavailable"));
      return "redirect:/desk";
    }
    if (found.isEmpty()) {
      redirect.addFlashAttribute("notice", DeskNotice.refused("desk.book.unknown", isbn13.get()));
      return "redirect:/desk";
    }
    BookMetadata book = found.get();
    Optional<Long> id = books.insertIfAbsent(NewBook.of(book, copies));
    if (id.isEmpty()) {
      redirect.addFlashAttribute("notice", DeskNotice.refused("desk.book.present"));
      return "redirect:/desk";
    }
    redirect.addFlashAttribute(
        "notice", DeskNotice.done("desk.book.added", book.title(), String.valueOf(copies)));
    return "redirect:/books/" + id.get();
  }

  @PostMapping("/books/{bookId}/copies")
  String changeCopies(
      @PathVariable long bookId,
      @RequestParam(name = "copies") int copies,
      RedirectAttributes redirect) {
    DeskNotice notice;
    if (copies < 0 || copies > MAX_COPIES) {
      notice = DeskNotice.refused("desk.book.invalidCopies", String.valueOf(MAX_COPIES));
    } else if (books.updateCopies(bookId, copies)) {
      notice = DeskNotice.done("desk.copies.done", String.valueOf(copies));
    } else {
      notice = DeskNotice.refused("desk.copies.belowOnLoan");
    }
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/books/" + bookId;
  }

  @GetMapping("/loans")
  String loans(
      @RequestParam(name = "q", defaultValue = "") String query,
      @RequestParam(name = "page", defaultValue = "1") int page,
      Model model) {
    model.addAttribute("q", query);
    model.addAttribute("loans", loans.findPage(null, query, Math.max(0, page - 1), PAGE_SIZE));
    return "desk/loans";
  }

  @PostMapping("/loans/{loanId}/check-in")
  String checkIn(
      @PathVariable long loanId,
      @RequestParam(name = "q", defaultValue = "") String query,
      RedirectAttributes redirect) {
    LoanOutcome outcome = lending.checkIn(loanId);
    redirect.addFlashAttribute("outcome", outcome);
    redirect.addAttribute("q", query);
    return "redirect:/desk/loans";
  }

  @PostMapping(value = "/simulation", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Integer> simulateForScript(
      @RequestParam(name = "count", defaultValue = "1") int count) {
    return Map.of("loaned", lending.simulateLoans(count));
  }

  @PostMapping("/simulation")
  String simulate(@RequestParam(name = "count", defaultValue = "50") int count) {
    return "redirect:/desk?loaned=" + lending.simulateLoans(count);
  }
}
