package io.legerible.sparkjobs.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.legerible.contracts.LoanEventType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Pure transforms of the loan event stream: Kafka records → parsed, validated events. They work on
 * a batch {@link Dataset} as well as on a stream.
 */
public final class LoanEventTransforms {

  /** Set when a record is not a valid loan event, with the reason; null for a valid one. */
  public static final String ERROR = "error";

  private static final String CORRUPT = "_corrupt_record";

  private static final List<String> TYPE_NAMES =
      Arrays.stream(LoanEventType.values()).map(LoanEventType::name).toList();

  private static final String UUID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  /** The JSON payload of {@link io.legerible.contracts.LoanEvent}, plus the corrupt-record slot. */
  static final StructType PAYLOAD =
      new StructType()
          .add("eventId", DataTypes.StringType)
          .add("type", DataTypes.StringType)
          .add("memberId", DataTypes.LongType)
          .add("bookId", DataTypes.LongType)
          .add("isbn", DataTypes.StringType)
          .add("occurredAt", DataTypes.StringType)
          .add(CORRUPT, DataTypes.StringType);

  private LoanEventTransforms() {}

  /**
   * Parses Kafka records (columns {@code key}, {@code value} as binary or string, {@code topic},
   * {@code partition}, {@code offset}) into {@code key, value, topic, partition, offset, eventId,
   * type, memberId, bookId, isbn, occurredAt (timestamp), error}. Nothing is dropped: a record that
   * is not a valid loan event keeps its raw key and value and says why in {@code error}.
   */
  public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
    Column value = col("value").cast(DataTypes.StringType);
    Dataset<Row> withPayload =
        kafkaRecords
            .select(
                col("key").cast(DataTypes.StringType).as("key"),
                value.as("value"),
                col("topic"),
                col("partition"),
                col("offset"))
            .withColumn(
                "payload",
                from_json(
                    col("value"),
                    PAYLOAD,
                    Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT)));
    Column occurredAt = try_to_timestamp(col("payload.occurredAt"));
    Column error =
        when(col("value").isNull(), lit("the record has no value"))
            .when(
                col("payload").isNull().or(col("payload." + CORRUPT).isNotNull()),
                lit("not a loan event: malformed JSON or a field of the wrong type"))
            .when(
                col("payload.eventId").isNull().or(not(col("payload.eventId").rlike(UUID_PATTERN))),
                lit("eventId is missing or not a UUID"))
            .when(
                col("payload.type")
                    .isNull()
                    .or(not(col("payload.type").isin(TYPE_NAMES.toArray()))),
                lit("type must be one of " + String.join(", ", TYPE_NAMES)))
            .when(col("payload.memberId").isNull(), lit("memberId is missing"))
            .when(col("payload.bookId").isNull(), lit("bookId is missing"))
            .when(occurredAt.isNull(), lit("occurredAt is missing or not an ISO-8601 instant"))
            .otherwise(lit(null).cast(DataTypes.StringType));
    return withPayload.select(
        col("key"),
        col("value"),
        col("topic"),
        col("partition"),
        col("offset"),
        col("payload.eventId").as("eventId"),
        col("payload.type").as("type"),
        col("payload.memberId").as("memberId"),
        col("payload.bookId").as("bookId"),
        col("payload.isbn").as("isbn"),
        occurredAt.as("occurredAt"),
        error.as(ERROR));
  }
}
