package io.legerible.sparkjobs.recommendations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The recommender as pure Dataset functions: item-item cosine similarity of co-loans blended with
 * TF-IDF content similarity (title words, authors, language), then per member the best-scored books
 * they never loaned, each with the loaned book that contributed most. Members without loans, and
 * members whose loans have too few neighbours, get the most loaned books.
 */
public final class Recommender {

  /** Schema of {@link #recommend}: one row per member and rank. */
  public static final StructType RECOMMENDATIONS =
      new StructType()
          .add("member_id", DataTypes.LongType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("book_id", DataTypes.LongType, false)
          .add("because_book_id", DataTypes.LongType, true)
          .add("score", DataTypes.DoubleType, false);

  /** Small catalogues keep every shared term: the frequency cut only matters at scale. */
  private static final double MIN_MAX_DOCUMENTS = 50;

  private static final UserDefinedFunction TERMS =
      udf(
          (Vector vector) -> {
            SparseVector sparse = vector.toSparse();
            List<Integer> indices = new ArrayList<>(sparse.indices().length);
            for (int index : sparse.indices()) {
              indices.add(index);
            }
            return indices;
          },
          DataTypes.createArrayType(DataTypes.IntegerType));

  private static final UserDefinedFunction WEIGHTS =
      udf(
          (Vector vector) -> {
            SparseVector sparse = vector.toSparse();
            List<Double> values = new ArrayList<>(sparse.values().length);
            for (double value : sparse.values()) {
              values.add(value);
            }
            return values;
          },
          DataTypes.createArrayType(DataTypes.DoubleType));

  private Recommender() {}

  /**
   * Distinct (member_id, book_id, loaned_at = latest loan) of {@code loans} (member_id, book_id,
   * loaned_at), keeping each member's {@code maxPerMember} most recent books.
   */
  public static Dataset<Row> memberBooks(Dataset<Row> loans, int maxPerMember) {
    return loans
        .groupBy("member_id", "book_id")
        .agg(max("loaned_at").as("loaned_at"))
        .withColumn(
            "recency",
            row_number()
                .over(
                    Window.partitionBy("member_id")
                        .orderBy(col("loaned_at").desc(), col("book_id"))))
        .filter(col("recency").leq(maxPerMember))
        .drop("recency");
  }

  /** Cosine similarity of books' loan vectors: (book_id, similar_id, similarity) for co-loans. */
  public static Dataset<Row> coLoanSimilarity(Dataset<Row> memberBooks) {
    Dataset<Row> counts = memberBooks.groupBy("book_id").agg(count(lit(1)).as("n"));
    // Co-loan counts are symmetric: count each pair once and mirror the result.
    Dataset<Row> coLoans =
        memberBooks
            .select(col("member_id"), col("book_id").as("book_a"))
            .join(memberBooks.select(col("member_id"), col("book_id").as("book_b")), "member_id")
            .filter(col("book_a").lt(col("book_b")))
            .groupBy("book_a", "book_b")
            .agg(count(lit(1)).as("co"));
    Dataset<Row> pairs =
        coLoans
            .join(counts.select(col("book_id").as("book_a"), col("n").as("n_a")), "book_a")
            .join(counts.select(col("book_id").as("book_b"), col("n").as("n_b")), "book_b")
            .select(
                col("book_a"),
                col("book_b"),
                col("co").divide(sqrt(col("n_a").multiply(col("n_b")))).as("similarity"));
    return pairs
        .select(col("book_a").as("book_id"), col("book_b").as("similar_id"), col("similarity"))
        .union(
            pairs.select(
                col("book_b").as("book_id"), col("book_a").as("similar_id"), col("similarity")));
  }

  /**
   * The terms of each book (book_id, terms): title words without stop words, each author as one
   * term, the language (all English variants as one).
   */
  public static Dataset<Row> documents(Dataset<Row> books) {
    Column words =
        filter(
            split(lower(coalesce(col("title"), lit(""))), "[^\\p{L}\\p{N}]+"),
            word -> length(word).geq(2));
    Column authors =
        transform(
            filter(split(coalesce(col("authors"), lit("")), ","), a -> length(trim(a)).gt(0)),
            a -> concat(lit("author:"), regexp_replace(lower(trim(a)), "\\s+", "_")));
    Column language = lower(trim(coalesce(col("language"), lit(""))));
    Column languageTerm =
        when(language.equalTo(""), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
            .otherwise(
                array(
                    concat(
                        lit("lang:"),
                        when(language.startsWith("en"), lit("en")).otherwise(language))));
    Dataset<Row> titled =
        books.select(
            col("id").as("book_id"), words.as("words"), authors.as("a"), languageTerm.as("l"));
    Dataset<Row> withoutStopWords =
        new StopWordsRemover().setInputCol("words").setOutputCol("title_terms").transform(titled);
    return withoutStopWords.select(
        col("book_id"), concat(col("title_terms"), col("a"), col("l")).as("terms"));
  }

  /**
   * Cosine similarity of L2-normalised TF-IDF vectors (CountVectorizer + IDF), as (book_id,
   * similar_id, similarity). Terms of a single book or of more than {@code maxDocumentFrequency} of
   * all books are left out.
   */
  public static Dataset<Row> contentSimilarity(Dataset<Row> books, double maxDocumentFrequency) {
    Dataset<Row> documents = documents(books).cache();
    long bookCount = documents.count();
    double maxDocuments = Math.max(MIN_MAX_DOCUMENTS, Math.floor(maxDocumentFrequency * bookCount));
    Dataset<Row> termFrequencies =
        new CountVectorizer()
            .setInputCol("terms")
            .setOutputCol("tf")
            .setMinDF(2)
            .setMaxDF(maxDocuments)
            .fit(documents)
            .transform(documents);
    Dataset<Row> tfidf =
        new IDF()
            .setInputCol("tf")
            .setOutputCol("tfidf")
            .fit(termFrequencies)
            .transform(termFrequencies);
    Dataset<Row> vectors =
        new Normalizer().setInputCol("tfidf").setOutputCol("vector").setP(2).transform(tfidf);
    Dataset<Row> weights =
        vectors
            .select(
                col("book_id"),
                explode(
                        arrays_zip(
                            TERMS.apply(col("vector")).as("term"),
                            WEIGHTS.apply(col("vector")).as("weight")))
                    .as("tw"))
            .select(col("book_id"), col("tw.term").as("term"), col("tw.weight").as("weight"))
            .filter(col("weight").gt(0));
    Dataset<Row> result =
        weights
            .select(col("term"), col("book_id").as("book_a"), col("weight").as("w_a"))
            .join(
                weights.select(col("term"), col("book_id").as("book_b"), col("weight").as("w_b")),
                "term")
            .filter(col("book_a").lt(col("book_b")))
            .groupBy("book_a", "book_b")
            .agg(sum(col("w_a").multiply(col("w_b"))).as("similarity"));
    return result
        .select(col("book_a").as("book_id"), col("book_b").as("similar_id"), col("similarity"))
        .union(
            result.select(
                col("book_b").as("book_id"), col("book_a").as("similar_id"), col("similarity")));
  }

  /** The {@code neighbours} most similar books of each book. */
  public static Dataset<Row> topNeighbours(Dataset<Row> similarities, int neighbours) {
    return similarities
        .withColumn(
            "position",
            row_number()
                .over(
                    Window.partitionBy("book_id")
                        .orderBy(col("similarity").desc(), col("similar_id"))))
        .filter(col("position").leq(neighbours))
        .drop("position");
  }

  /**
   * Each book's nearest neighbours by {@code coLoanWeight × co-loan + (1 − coLoanWeight) × content}
   * similarity.
   */
  public static Dataset<Row> blendedNeighbours(
      Dataset<Row> memberBooks, Dataset<Row> books, RecommenderSettings settings) {
    Dataset<Row> coLoan =
        topNeighbours(coLoanSimilarity(memberBooks), settings.neighbours())
            .withColumnRenamed("similarity", "co_loan");
    Dataset<Row> content =
        topNeighbours(
                contentSimilarity(books, settings.maxDocumentFrequency()), settings.neighbours())
            .withColumnRenamed("similarity", "content");
    Column blended =
        coalesce(col("co_loan"), lit(0.0))
            .multiply(settings.coLoanWeight())
            .plus(coalesce(col("content"), lit(0.0)).multiply(1 - settings.coLoanWeight()));
    return topNeighbours(
        coLoan
            .join(content, new String[] {"book_id", "similar_id"}, "full_outer")
            .select(col("book_id"), col("similar_id"), blended.as("similarity")),
        settings.neighbours());
  }

  /**
   * Every book of {@code books} (id) by number of members who loaned it, most loaned first, then
   * never-loaned books by id: (book_id, loans).
   */
  public static Dataset<Row> popularity(Dataset<Row> books, Dataset<Row> memberBooks) {
    return books
        .select(col("id").as("book_id"))
        .join(
            memberBooks.groupBy("book_id").agg(count(lit(1)).as("loans")),
            new String[] {"book_id"},
            "left_outer")
        .select(col("book_id"), coalesce(col("loans"), lit(0L)).as("loans"))
        .orderBy(col("loans").desc(), col("book_id"));
  }

  /**
   * The top {@link RecommenderSettings#PER_MEMBER} never-loaned books of every member of {@code
   * members} (id), in the {@link #RECOMMENDATIONS} schema; {@code books} (id) supplies the popular
   * books that fill up lists with fewer than 4 scored candidates.
   */
  public static Dataset<Row> recommend(
      Dataset<Row> members,
      Dataset<Row> books,
      Dataset<Row> memberBooks,
      Dataset<Row> neighbours,
      int maxLoansPerMember) {
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(members.sparkSession().sparkContext());
    Broadcast<Scorer> scorer =
        context.broadcast(
            new Scorer(
                collectNeighbours(neighbours),
                popularity(books, memberBooks)
                    .limit(RecommenderSettings.PER_MEMBER + maxLoansPerMember)
                    .collectAsList()
                    .stream()
                    .map(row -> row.getLong(0))
                    .toList()));
    Dataset<Row> withLoans =
        memberBooks
            .select("member_id", "book_id")
            .groupByKey((MapFunction<Row, Long>) row -> row.getLong(0), Encoders.LONG())
            .flatMapGroups(
                (FlatMapGroupsFunction<Long, Row, Row>)
                    (member, rows) -> scorer.value().recommend(member, rows).iterator(),
                Encoders.row(RECOMMENDATIONS));
    Dataset<Row> withoutLoans =
        members
            .select(col("id").as("member_id"))
            .join(
                memberBooks.select("member_id").distinct(), new String[] {"member_id"}, "left_anti")
            .flatMap(
                (FlatMapFunction<Row, Row>)
                    row ->
                        scorer
                            .value()
                            .recommend(row.getLong(0), Collections.emptyIterator())
                            .iterator(),
                Encoders.row(RECOMMENDATIONS));
    return withLoans.union(withoutLoans);
  }

  private static Map<Long, Neighbours> collectNeighbours(Dataset<Row> neighbours) {
    Map<Long, List<Row>> byBook = new HashMap<>();
    for (Row row : neighbours.collectAsList()) {
      byBook.computeIfAbsent(row.getLong(0), id -> new ArrayList<>()).add(row);
    }
    Map<Long, Neighbours> result = new HashMap<>();
    byBook.forEach(
        (book, rows) -> {
          long[] ids = new long[rows.size()];
          double[] similarities = new double[rows.size()];
          for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).getLong(1);
            similarities[i] = rows.get(i).getDouble(2);
          }
          result.put(book, new Neighbours(ids, similarities));
        });
    return result;
  }

  /** The similar books of one book. */
  record Neighbours(long[] ids, double[] similarities) implements Serializable {}

  /** Scores candidates for one member from the broadcast neighbours; falls back to popularity. */
  record Scorer(Map<Long, Neighbours> neighbours, List<Long> popular) implements Serializable {

    List<Row> recommend(long member, Iterator<Row> loanedRows) {
      Set<Long> loaned = new HashSet<>();
      loanedRows.forEachRemaining(row -> loaned.add(row.getLong(1)));
      Map<Long, double[]> scores = new HashMap<>();
      Map<Long, Long> because = new HashMap<>();
      for (long book : loaned) {
        Neighbours near = neighbours.get(book);
        if (near == null) {
          continue;
        }
        for (int i = 0; i < near.ids().length; i++) {
          long candidate = near.ids()[i];
          double similarity = near.similarities()[i];
          if (loaned.contains(candidate) || similarity <= 0) {
            continue;
          }
          double[] score = scores.computeIfAbsent(candidate, id -> new double[2]);
          score[0] += similarity;
          if (similarity > score[1] || (similarity == score[1] && book < because.get(candidate))) {
            score[1] = similarity;
            because.put(candidate, book);
          }
        }
      }
      List<Row> result = new ArrayList<>(RecommenderSettings.PER_MEMBER);
      scores.entrySet().stream()
          .sorted(
              Comparator.comparingDouble((Map.Entry<Long, double[]> e) -> -e.getValue()[0])
                  .thenComparing(Map.Entry::getKey))
          .limit(RecommenderSettings.PER_MEMBER)
          .forEach(
              e ->
                  result.add(
                      RowFactory.create(
                          member,
                          result.size() + 1,
                          e.getKey(),
                          because.get(e.getKey()),
                          e.getValue()[0])));
      Set<Long> chosen = new HashSet<>(scores.keySet());
      for (long book : popular) {
        if (result.size() >= RecommenderSettings.PER_MEMBER) {
          break;
        }
        if (!loaned.contains(book) && !chosen.contains(book)) {
          chosen.add(book);
          result.add(RowFactory.create(member, result.size() + 1, book, null, 0.0));
        }
      }
      return result;
    }
  }
}
