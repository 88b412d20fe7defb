package io.legerible.sparkjobs.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.legerible.contracts.LoanEvent;
import io.legerible.contracts.LoanEventType;
import io.legerible.sparkjobs.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LoanEventTransformsTest {

  private static final StructType KAFKA =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType);

  private final SparkSession spark = LocalSpark.session();

  @Test
  void validEventIsParsedWithItsFields() {
    UUID id = UUID.randomUUID();
    Row row = parse(event(id, "LOANED", 7, 42, "2026-11-25T10:15:30.123Z")).collectAsList().get(0);

    assertThat((String) row.getAs("error")).isNull();
    assertThat((String) row.getAs("eventId")).isEqualTo(id.toString());
    assertThat((String) row.getAs("type")).isEqualTo("LOANED");
    assertThat(row.<Long>getAs("memberId")).isEqualTo(7L);
    assertThat(row.<Long>getAs("bookId")).isEqualTo(42L);
    assertThat(row.<Timestamp>getAs("occurredAt").toInstant())
        .isEqualTo(Instant.parse("2026-11-25T10:15:30.123Z"));
    assertThat(RankingBatchSink.toEvent(row).eventId()).isEqualTo(id);
  }

  @Test
  void eachKindOfBadRecordIsRejectedWithItsReason() {
    UUID id = UUID.randomUUID();
    Map<String, String> errors =
        parse(
                "{not json",
                "[1,2]",
                event(null, "LOANED", 1, 1, "2026-11-25T10:00:00Z"),
                "{\"eventId\":\"nope\",\"type\":\"LOANED\",\"memberId\":1,\"bookId\":1,"
                    + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}",
                event(id, "BURNED", 1, 1, "2026-11-25T10:00:00Z"),
                "{\"eventId\":\""
                    + id
                    + "\",\"type\":\"LOANED\",\"memberId\":1,"
                    + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}",
                "{\"eventId\":\""
                    + id
                    + "\",\"type\":\"LOANED\",\"memberId\":1,\"bookId\":\"x\","
                    + "\"occurredAt\":\"2026-11-25T10:00:00Z\"}",
                event(id, "RETURNED", 1, 1, "yesterday"))
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(r -> r.<String>getAs("value"), r -> r.<String>getAs("error")));

    assertThat(errors).hasSize(8).doesNotContainValue(null);
    assertThat(errors.get("{not json")).contains("malformed JSON");
    assertThat(errors.get("[1,2]")).contains("malformed JSON");
    assertThat(errors.values())
        .contains(
            "eventId is missing or not a UUID",
            "type must be one of LOANED, RETURNED, PROBE",
            "bookId is missing",
            "occurredAt is missing or not an ISO-8601 instant");
  }

  @Test
  void probeOfTheDataPathIsAValidEventOfItsOwnType() {
    UUID id = UUID.randomUUID();
    Row row = parse(probe(id, "2026-11-25T10:15:30.123Z")).collectAsList().get(0);

    assertThat((String) row.getAs("error")).isNull();
    assertThat(RankingBatchSink.toEvent(row))
        .isEqualTo(
            new LoanEvent(
                id, LoanEventType.PROBE, 0, 0, null, Instant.parse("2026-11-25T10:15:30.123Z")));
  }

  @Test
  void windowSpecParsesLengthAndSlide() {
    assertThat(WindowSpec.parse("5,1")).isEqualTo(new WindowSpec(5, 1));
    assertThat(WindowSpec.parse("10")).isEqualTo(new WindowSpec(10, 10));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WindowSpec.parse("1,5"))
        .hasMessageContaining("length,slide");
  }

  @Test
  void aLoanFallsInTheWindowsItsSlotBeginsOrTheLastOneWhileItReachesIt() {
    assertThat(new WindowSpec(5, 1).windowsPerLoan()).isEqualTo(5);
    assertThat(new WindowSpec(5, 1).lastWindowReachMinutes()).isEqualTo(1);
    assertThat(new WindowSpec(60, 5).windowsPerLoan()).isEqualTo(12);
    assertThat(new WindowSpec(10, 10).windowsPerLoan()).isEqualTo(1);
    // 5 minutes every 2: a loan at 10:03 is in 10:02 and 10:00, at 10:02:30 also in 09:58.
    assertThat(new WindowSpec(5, 2).windowsPerLoan()).isEqualTo(3);
    assertThat(new WindowSpec(5, 2).lastWindowReachMinutes()).isEqualTo(1);
  }

  private static String event(UUID id, String type, long member, long book, String at) {
    return "{"
        + (id == null ? "" : "\"eventId\":\"" + id + "\",")
        + "\"type\":\""
        + type
        + "\",\"memberId\":"
        + member
        + ",\"bookId\":"
        + book
        + ",\"isbn\":\"9780000000002\",\"occurredAt\":\""
        + at
        + "\"}";
  }

  /** A probe as the operator sends it: member and book 0, no ISBN. */
  private static String probe(UUID id, String at) {
    return "{\"eventId\":\""
        + id
        + "\",\"type\":\"PROBE\",\"memberId\":0,\"bookId\":0,\"isbn\":null,\"occurredAt\":\""
        + at
        + "\"}";
  }

  private Dataset<Row> parse(String... values) {
    List<Row> rows =
        java.util.stream.IntStream.range(0, values.length)
            .mapToObj(
                i ->
                    RowFactory.create(
                        "k".getBytes(), values[i].getBytes(), "library.loans", 0, (long) i))
            .toList();
    return LoanEventTransforms.parse(spark.createDataFrame(rows, KAFKA));
  }
}
