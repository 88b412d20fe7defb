package io.legerible.sparkjobs.recommendations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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

  private static final StructType SIMILARITIES =
      new StructType()
          .add("book_id", DataTypes.LongType, false)
          .add("similar_id", DataTypes.LongType, false)
          .add("similarity", DataTypes.DoubleType, false);

  /** Small catalogues keep every shared term: the frequency cut only matters at scale. */
  private static final double MIN_MAX_DOCUMENTS = 50;

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

  /**
   * The {@code neighbours} books most often loaned with each book by cosine similarity of their
   * loan vectors: (book_id, similar_id, similarity), only for books loaned together.
   */
  public static Dataset<Row> coLoanNeighbours(Dataset<Row> memberBooks, int neighbours) {
    return cosineNeighbours(
        memberBooks.select(col("member_id").as("column"), col("book_id"), lit(1.0).as("weight")),
        neighbours);
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
   * The {@code neighbours} books nearest each book by cosine similarity of TF-IDF vectors, as
   * (book_id, similar_id, similarity): term frequency times {@code log((books + 1) / (document
   * frequency + 1))}, as Spark ML's CountVectorizer and IDF weigh them. Terms of a single book or
   * of more than {@code maxDocumentFrequency} of all books are left out.
   */
  public static Dataset<Row> contentNeighbours(
      Dataset<Row> books, double maxDocumentFrequency, int neighbours) {
    long bookCount = books.count();
    double maxDocuments = Math.max(MIN_MAX_DOCUMENTS, Math.floor(maxDocumentFrequency * bookCount));
    Dataset<Row> termCounts =
        documents(books)
            .select(col("book_id"), explode(col("terms")).as("term"))
            .groupBy("book_id", "term")
            .agg(count(lit(1)).as("tf"));
    Dataset<Row> idf =
        termCounts
            .groupBy("term")
            .agg(count(lit(1)).as("df"))
            .filter(col("df").geq(2).and(col("df").leq(maxDocuments)))
            .select(col("term"), log(lit(bookCount + 1.0).divide(col("df").plus(1))).as("idf"));
    return cosineNeighbours(
        termCounts
            .join(broadcast(idf), "term")
            .select(
                col("term").as("column"),
                col("book_id"),
                col("tf").multiply(col("idf")).as("weight"))
            .filter(col("weight").gt(0)),
        neighbours);
  }

  /**
   * The {@code neighbours} nearest books of each book by cosine similarity of sparse vectors given
   * as entries (column, book_id, weight), computed by {@link CosineNeighbours}.
   */
  private static Dataset<Row> cosineNeighbours(Dataset<Row> entries, int neighbours) {
    SparkSession spark = entries.sparkSession();
    // Columns travel as one compact block per partition: no row per entry reaches the driver.
    List<byte[]> columns =
        entries
            .groupBy("column")
            .agg(collect_list(struct(col("book_id"), col("weight"))).as("entries"))
            .select("entries")
            .mapPartitions(
                (MapPartitionsFunction<Row, byte[]>) CosineNeighbours::encode, Encoders.BINARY())
            .collectAsList();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<CosineNeighbours> vectors = context.broadcast(CosineNeighbours.decode(columns));
    int blocks = vectors.value().blocks();
    JavaRDD<Row> rows =
        context
            .parallelize(IntStream.range(0, blocks).boxed().toList(), Math.max(1, blocks))
            .flatMap(block -> vectors.value().neighbours(block, neighbours).iterator());
    return spark.createDataFrame(rows, SIMILARITIES);
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
        coLoanNeighbours(memberBooks, settings.neighbours())
            .withColumnRenamed("similarity", "co_loan");
    Dataset<Row> content =
        contentNeighbours(books, settings.maxDocumentFrequency(), settings.neighbours())
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
   * members} (id) and of every member with loans, in the {@link #RECOMMENDATIONS} schema; {@code
   * books} (id) supplies the popular books that fill up lists with fewer than 4 scored candidates.
   */
  public static Dataset<Row> recommend(
      Dataset<Row> members,
      Dataset<Row> books,
      Dataset<Row> memberBooks,
      Dataset<Row> neighbours,
      int maxLoansPerMember) {
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(members.sparkSession().sparkContext());
    long[] popular =
        popularity(books, memberBooks)
            .limit(RecommenderSettings.PER_MEMBER + maxLoansPerMember)
            .collectAsList()
            .stream()
            .mapToLong(row -> row.getLong(0))
            .toArray();
    Broadcast<Scorer> scorer = context.broadcast(Scorer.of(neighbours.collectAsList(), popular));
    Dataset<Row> shelves =
        memberBooks.groupBy("member_id").agg(collect_list("book_id").as("books"));
    return members
        .select(col("id").as("member_id"))
        .join(shelves, new String[] {"member_id"}, "full_outer")
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> scorer.value().recommend(rows),
            Encoders.row(RECOMMENDATIONS));
  }

  /**
   * The neighbours of every book as flat arrays over a dense index of book ids, and the popular
   * books that fill up short lists; shared read-only by the tasks of one executor.
   */
  static final class Scorer implements Serializable {

    private final long[] ids;
    private final int[] first;
    private final int[] near;
    private final double[] similarity;
    private final long[] popular;

    private Scorer(long[] ids, int[] first, int[] near, double[] similarity, long[] popular) {
      this.ids = ids;
      this.first = first;
      this.near = near;
      this.similarity = similarity;
      this.popular = popular;
    }

    /** From rows (book_id, similar_id, similarity) and the popular books, most loaned first. */
    static Scorer of(List<Row> neighbours, long[] popular) {
      TreeMap<Long, List<Row>> byBook = new TreeMap<>();
      for (Row row : neighbours) {
        byBook.computeIfAbsent(row.getLong(0), id -> new ArrayList<>()).add(row);
      }
      long[] ids =
          neighbours.stream()
              .flatMapToLong(row -> LongStream.of(row.getLong(0), row.getLong(1)))
              .sorted()
              .distinct()
              .toArray();
      int[] first = new int[ids.length + 1];
      int[] near = new int[neighbours.size()];
      double[] similarity = new double[neighbours.size()];
      int at = 0;
      for (int book = 0; book < ids.length; book++) {
        first[book] = at;
        for (Row row : byBook.getOrDefault(ids[book], List.of())) {
          near[at] = Arrays.binarySearch(ids, row.getLong(1));
          similarity[at] = row.getDouble(2);
          at++;
        }
      }
      first[ids.length] = at;
      return new Scorer(ids, first, near, similarity, popular);
    }

    /** Recommendations for rows (member_id, books or null), each member's rows in rank order. */
    Iterator<Row> recommend(Iterator<Row> members) {
      Scoring scoring = new Scoring(ids.length);
      List<Row> result = new ArrayList<>();
      members.forEachRemaining(
          row -> {
            long[] loaned =
                row.isNullAt(1)
                    ? new long[0]
                    : row.<Long>getList(1).stream().mapToLong(Long::longValue).sorted().toArray();
            scoring.recommend(row.getLong(0), loaned, result);
          });
      return result.iterator();
    }

    /** One task's scratch space: scores per indexed book, reset after each member. */
    private final class Scoring {
      private final double[] score;
      private final double[] best;
      private final long[] because;
      private final boolean[] loaned;
      private final int[] candidates;
      private final int[] top = new int[RecommenderSettings.PER_MEMBER];

      Scoring(int books) {
        score = new double[books];
        best = new double[books];
        because = new long[books];
        loaned = new boolean[books];
        candidates = new int[books];
      }

      void recommend(long member, long[] loanedIds, List<Row> out) {
        int[] loanedIndex = new int[loanedIds.length];
        for (int i = 0; i < loanedIds.length; i++) {
          loanedIndex[i] = Arrays.binarySearch(ids, loanedIds[i]);
          if (loanedIndex[i] >= 0) {
            loaned[loanedIndex[i]] = true;
          }
        }
        int candidateCount = 0;
        // Loaned books in ascending id order: on equal similarity the smaller id stays the reason.
        for (int i = 0; i < loanedIds.length; i++) {
          int book = loanedIndex[i];
          if (book < 0) {
            continue;
          }
          for (int n = first[book]; n < first[book + 1]; n++) {
            int candidate = near[n];
            double s = similarity[n];
            if (loaned[candidate] || s <= 0) {
              continue;
            }
            if (best[candidate] == 0) {
              candidates[candidateCount++] = candidate;
            }
            score[candidate] += s;
            if (s > best[candidate]) {
              best[candidate] = s;
              because[candidate] = loanedIds[i];
            }
          }
        }
        int chosen = 0;
        for (int c = 0; c < candidateCount; c++) {
          int candidate = candidates[c];
          int slot = chosen < top.length ? chosen++ : top.length;
          while (slot > 0 && ranksBefore(candidate, top[slot - 1])) {
            if (slot < top.length) {
              top[slot] = top[slot - 1];
            }
            slot--;
          }
          if (slot < top.length) {
            top[slot] = candidate;
          }
        }
        for (int rank = 0; rank < chosen; rank++) {
          out.add(
              RowFactory.create(
                  member, rank + 1, ids[top[rank]], because[top[rank]], score[top[rank]]));
        }
        int rank = chosen;
        for (long book : popular) {
          if (rank >= RecommenderSettings.PER_MEMBER) {
            break;
          }
          int index = Arrays.binarySearch(ids, book);
          boolean scored = index >= 0 && best[index] > 0;
          if (!scored && Arrays.binarySearch(loanedIds, book) < 0) {
            out.add(RowFactory.create(member, ++rank, book, null, 0.0));
          }
        }
        for (int c = 0; c < candidateCount; c++) {
          score[candidates[c]] = 0;
          best[candidates[c]] = 0;
        }
        for (int index : loanedIndex) {
          if (index >= 0) {
            loaned[index] = false;
          }
        }
      }

      private boolean ranksBefore(int a, int b) {
        return score[a] > score[b] || (score[a] == score[b] && ids[a] < ids[b]);
      }
    }
  }
}
