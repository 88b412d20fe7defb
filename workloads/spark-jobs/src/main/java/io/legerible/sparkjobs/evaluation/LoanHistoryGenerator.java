package io.legerible.sparkjobs.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Generates a loan history with the catalogue's real popularity skew (ratings_count) and planted
 * taste groups: books fall into groups by their first author, each member belongs to one group and
 * draws most loans from it, the rest from the whole catalogue, both weighted by popularity. Each
 * member's last loan is held out to measure recommendations.
 */
public final class LoanHistoryGenerator {

  /** Share of a member's loans drawn from their taste group. */
  public static final double IN_GROUP_SHARE = 0.7;

  /** A generated history: training loans, and the held-out loan per member who has one. */
  public record History(List<Row> loans, Map<Long, Long> heldOut, List<Row> members) {}

  /** One catalogue book: id, first author, ratings count. */
  public record Book(long id, String firstAuthor, long ratings) {}

  private LoanHistoryGenerator() {}

  /**
   * {@code members} members with about {@code loans} loans in total over {@code books}, in {@code
   * groups} taste groups; deterministic for a {@code seed}. Rows of loans: (member_id, book_id,
   * loaned_at); rows of members: (id).
   */
  public static History generate(List<Book> books, int members, int loans, int groups, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, List<Book>> byGroup = new HashMap<>();
    for (Book book : books) {
      int group = Math.floorMod(book.firstAuthor().hashCode(), groups);
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(book);
    }
    Sampler everything = new Sampler(books);
    Map<Integer, Sampler> groupSamplers = new HashMap<>();
    byGroup.forEach((group, list) -> groupSamplers.put(group, new Sampler(list)));
    List<Integer> groupIds = new ArrayList<>(byGroup.keySet());
    groupIds.sort(Integer::compare);
    double meanLoans = (double) loans / members;
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    List<Row> trainLoans = new ArrayList<>(loans);
    Map<Long, Long> heldOut = new HashMap<>();
    List<Row> memberRows = new ArrayList<>(members);
    for (long member = 1; member <= members; member++) {
      memberRows.add(RowFactory.create(member));
      Sampler taste = groupSamplers.get(groupIds.get(random.nextInt(groupIds.size())));
      int count = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * (meanLoans - 1));
      count = Math.min(count, Math.max(1, books.size() / 2));
      LinkedHashSet<Long> chosen = new LinkedHashSet<>();
      int attempts = 0;
      while (chosen.size() < count && attempts++ < count * 20) {
        Sampler from = random.nextDouble() < IN_GROUP_SHARE ? taste : everything;
        chosen.add(from.sample(random));
      }
      List<Long> ordered = new ArrayList<>(chosen);
      int trainSize = ordered.size() >= 2 ? ordered.size() - 1 : ordered.size();
      for (int i = 0; i < trainSize; i++) {
        trainLoans.add(
            RowFactory.create(
                member, ordered.get(i), Timestamp.from(start.plusSeconds(3600L * (i + member)))));
      }
      if (ordered.size() >= 2) {
        heldOut.put(member, ordered.get(ordered.size() - 1));
      }
    }
    return new History(trainLoans, heldOut, memberRows);
  }

  /** Draws books with probability proportional to their ratings count. */
  private static final class Sampler {
    private final long[] ids;
    private final double[] cumulative;

    Sampler(List<Book> books) {
      ids = new long[books.size()];
      cumulative = new double[books.size()];
      double total = 0;
      for (int i = 0; i < books.size(); i++) {
        ids[i] = books.get(i).id();
        total += Math.max(1, books.get(i).ratings());
        cumulative[i] = total;
      }
    }

    long sample(SplittableRandom random) {
      double target = random.nextDouble() * cumulative[cumulative.length - 1];
      int index = Arrays.binarySearch(cumulative, target);
      return ids[index >= 0 ? index : Math.min(-index - 1, ids.length - 1)];
    }
  }
}
