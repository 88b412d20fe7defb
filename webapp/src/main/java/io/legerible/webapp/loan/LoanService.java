package io.legerible.webapp.loan;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.webapp.cache.CacheNames;
import io.legerible.webapp.member.MemberRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loans and returns. Each one is a transaction that writes the loan and its event into the outbox
 * together, so an event exists exactly when the loan committed.
 */
@Service
public class LoanService {

  /** Most books one request of the desk's loan simulation may loan. */
  public static final int MAX_RANDOM_LOANS = 100;

  private final LoanRepository loans;
  private final LoanEventOutbox outbox;
  private final MemberRepository members;
  private final TransactionTemplate transactions;
  private final CacheManager caches;
  private final int maxOpenLoansPerMember;
  private final int maxLoansPerMinute;

  LoanService(
      LoanRepository loans,
      LoanEventOutbox outbox,
      MemberRepository members,
      TransactionTemplate transactions,
      CacheManager caches,
      @Value("${legerible.loans.max-open-per-member:10}") int maxOpenLoansPerMember,
      @Value("${legerible.loans.max-per-minute:20}") int maxLoansPerMinute) {
    this.loans = loans;
    this.outbox = outbox;
    this.members = members;
    this.transactions = transactions;
    this.caches = caches;
    this.maxOpenLoansPerMember = maxOpenLoansPerMember;
    this.maxLoansPerMinute = maxLoansPerMinute;
  }

  /** Most books one member may hold on loan at once. */
  public int maxOpenLoansPerMember() {
    return maxOpenLoansPerMember;
  }

  /**
   * Loans a copy of the book to the member if one is free, the member does not hold one, holds
   * fewer than the most books a member may and has not loaned too many within the last minute (a
   * member's requests alone never empty the shelves). The member's row is locked first, so
   * concurrent requests of one member never pass the limit together.
   */
  public LoanOutcome loan(long memberId, long bookId) {
    return lend(memberId, bookId, true);
  }

  private LoanOutcome lend(long memberId, long bookId, boolean memberAsked) {
    LoanOutcome outcome =
        transactions.execute(
            status -> {
              if (!loans.lockMember(memberId)) {
                return LoanOutcome.NO_SUCH_MEMBER;
              }
              if (loans.countOpenOfMember(memberId) >= maxOpenLoansPerMember) {
                return LoanOutcome.LIMIT_REACHED;
              }
              if (memberAsked
                  && loans.countLoanedWithin(memberId, Duration.ofMinutes(1))
                      >= maxLoansPerMinute) {
                return LoanOutcome.TOO_MANY_LOANS_AT_ONCE;
              }
              var book = loans.lockBook(bookId);
              if (book.isEmpty()) {
                return LoanOutcome.NO_SUCH_BOOK;
              }
              if (loans.hasOpenLoan(memberId, bookId)) {
                return LoanOutcome.ALREADY_ON_LOAN_TO_MEMBER;
              }
              if (loans.countOpen(bookId) >= book.get().copies()) {
                return LoanOutcome.NO_COPY_AVAILABLE;
              }
              var loan = loans.insert(memberId, book.get());
              outbox.append(event(LoanEventType.LOANED, loan, loan.at()));
              return LoanOutcome.LOANED;
            });
    if (outcome == LoanOutcome.LOANED) {
      evictTotals();
    }
    return outcome;
  }

  /** Returns the member's loan. */
  public LoanOutcome giveBack(long memberId, long loanId) {
    LoanOutcome outcome =
        transactions.execute(
            status ->
                loans
                    .markReturned(loanId, memberId)
                    .map(
                        loan -> {
                          outbox.append(event(LoanEventType.RETURNED, loan, loan.at()));
                          return LoanOutcome.RETURNED;
                        })
                    .orElse(LoanOutcome.NO_SUCH_LOAN));
    if (outcome == LoanOutcome.RETURNED) {
      evictTotals();
    }
    return outcome;
  }

  /** Checks a loan in at the desk, whoever holds it. */
  public LoanOutcome checkIn(long loanId) {
    LoanOutcome outcome =
        transactions.execute(
            status ->
                loans
                    .markReturnedAtDesk(loanId)
                    .map(
                        loan -> {
                          outbox.append(event(LoanEventType.RETURNED, loan, loan.at()));
                          return LoanOutcome.CHECKED_IN;
                        })
                    .orElse(LoanOutcome.NO_OPEN_LOAN));
    if (outcome == LoanOutcome.CHECKED_IN) {
      evictTotals();
    }
    return outcome;
  }

  /**
   * The desk's loan simulation: up to {@code count} random books with a free copy, each loaned to a
   * member drawn at random (never a librarian), within every member's limit. Returns how many loans
   * were made; fewer when members are at their limit or the library runs out of free copies.
   */
  public int simulateLoans(int count) {
    int wanted = Math.max(0, Math.min(count, MAX_RANDOM_LOANS));
    int loaned = 0;
    for (long bookId : loans.randomAvailableBookIds(wanted)) {
      for (int attempt = 0; attempt < 3; attempt++) {
        // Drawn among the members who may borrow it; a concurrent loan can still win the race.
        var borrower = members.randomMemberWhoMayBorrow(bookId, maxOpenLoansPerMember);
        if (borrower.isEmpty()) {
          break;
        }
        if (lend(borrower.get(), bookId, false) == LoanOutcome.LOANED) {
          loaned++;
          break;
        }
      }
    }
    return loaned;
  }

  /** Records a loan of the past with its two events (used for the demo members' history). */
  public void recordPastLoan(
      long memberId, long bookId, OffsetDateTime loanedAt, OffsetDateTime returnedAt) {
    transactions.executeWithoutResult(
        status ->
            loans
                .lockBook(bookId)
                .ifPresent(
                    book -> {
                      var loan = loans.insertHistorical(memberId, book, loanedAt, returnedAt);
                      outbox.append(event(LoanEventType.LOANED, loan, loanedAt));
                      outbox.append(event(LoanEventType.RETURNED, loan, returnedAt));
                    }));
    evictTotals();
  }

  private static LoanEvent event(
      LoanEventType type, LoanRepository.Recorded loan, OffsetDateTime at) {
    return new LoanEvent(
        UUID.randomUUID(), type, loan.memberId(), loan.bookId(), loan.isbn13(), at.toInstant());
  }

  private void evictTotals() {
    Cache totals = caches.getCache(CacheNames.TOTALS);
    if (totals != null) {
      totals.clear();
    }
  }
}
