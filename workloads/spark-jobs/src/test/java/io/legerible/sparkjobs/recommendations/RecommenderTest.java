package io.legerible.sparkjobs.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.legerible.sparkjobs.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  private final SparkSession spark = LocalSpark.session();

  @Test
  void coLoanNeighboursAreRankedByTheCosineOfLoanVectors() {
    Map<String, Double> similarity =
        Recommender.coLoanNeighbours(Recommender.memberBooks(loans(), 50), 30)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getLong(0) + "-" + r.getLong(1), r -> r.getDouble(2)));

    // Book 1: members 1, 2, 5; book 2: members 1, 2; book 3: member 2.
    assertThat(similarity.get("1-2")).isCloseTo(2 / Math.sqrt(3 * 2), within(1e-9));
    assertThat(similarity.get("2-3")).isCloseTo(1 / Math.sqrt(2 * 1), within(1e-9));
    assertThat(similarity.get("4-6")).isCloseTo(1 / Math.sqrt(2 * 1), within(1e-9));
    assertThat(similarity).doesNotContainKeys("1-4", "1-7", "1-1");
  }

  @Test
  void documentsHoldTitleWordsAuthorsAndOneEnglish() {
    Map<Long, List<String>> terms =
        Recommender.documents(books()).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getLong(0), r -> r.getList(1)));

    assertThat(terms.get(3L))
        .containsExactlyInAnyOrder("children", "dune", "author:frank_herbert", "lang:en");
    assertThat(terms.get(6L))
        .containsExactlyInAnyOrder("pride", "prejudice", "author:jane_austen", "lang:en");
  }

  @Test
  void contentNeighboursPairBooksOfTheSameAuthorAndSeries() {
    Map<String, Double> similarity =
        Recommender.contentNeighbours(books(), 0.05, 30).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.getLong(0) + "-" + r.getLong(1), r -> r.getDouble(2)));

    assertThat(similarity.get("1-2")).isGreaterThan(similarity.getOrDefault("1-4", 0.0));
    assertThat(similarity.get("4-5")).isGreaterThan(similarity.getOrDefault("4-7", 0.0));
    assertThat(similarity.get("1-2")).isCloseTo(similarity.get("2-1"), within(1e-12));
  }

  @Test
  void membersGetFourUnseenBooksWithTheLoanedBookThatLedThere() {
    Map<Long, List<Row>> byMember =
        Recommender.recommend(
                members(),
                books(),
                Recommender.memberBooks(loans(), 50),
                Recommender.blendedNeighbours(
                    Recommender.memberBooks(loans(), 50), books(), RecommenderSettings.defaults()),
                50)
            .collectAsList()
            .stream()
            .collect(Collectors.groupingBy(r -> r.getLong(0)));

    assertThat(byMember).containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    byMember.forEach(
        (member, rows) -> {
          assertThat(rows).extracting(r -> r.getInt(1)).containsExactly(1, 2, 3, 4);
          for (long[] loan : LibraryFixture.LOANS) {
            if (loan[0] == member) {
              assertThat(rows).extracting(r -> r.getLong(2)).doesNotContain(loan[1]);
            }
          }
        });
    Row oneLoan = byMember.get(5L).get(0);
    assertThat(oneLoan.getLong(2)).isEqualTo(2L);
    assertThat(oneLoan.getLong(3)).isEqualTo(1L);
    assertThat(byMember.get(5L).get(1).getLong(2)).isEqualTo(3L);
    assertThat(byMember.get(1L).get(0).getLong(2)).isEqualTo(3L);
    assertThat(byMember.get(3L).get(0).getLong(2)).isEqualTo(6L);
    assertThat(byMember.get(3L).get(0).getLong(3)).isIn(4L, 5L);
    assertThat(byMember.get(6L)).extracting(r -> r.getLong(2)).containsExactly(1L, 2L, 4L, 5L);
    assertThat(byMember.get(6L)).allMatch(r -> r.isNullAt(3));
  }

  private Dataset<Row> books() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("title", DataTypes.StringType)
            .add("authors", DataTypes.StringType)
            .add("language", DataTypes.StringType);
    return spark.createDataFrame(
        LibraryFixture.BOOKS.stream().map(RowFactory::create).toList(), schema);
  }

  private Dataset<Row> loans() {
    StructType schema =
        new StructType()
            .add("member_id", DataTypes.LongType)
            .add("book_id", DataTypes.LongType)
            .add("loaned_at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (long[] loan : LibraryFixture.LOANS) {
      rows.add(
          RowFactory.create(
              loan[0],
              loan[1],
              Timestamp.from(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(loan[1]))));
    }
    return spark.createDataFrame(rows, schema);
  }

  private Dataset<Row> members() {
    return spark.createDataFrame(
        Arrays.stream(LibraryFixture.MEMBERS).mapToObj(id -> RowFactory.create(id)).toList(),
        new StructType().add("id", DataTypes.LongType));
  }
}
