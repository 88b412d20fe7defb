package io.legerible.sparkjobs.recommendations;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Sparse book vectors held column by column (a member's books, a term's books, each with its
 * weight) as flat arrays over a dense index of book ids, broadcast to the tasks that find each
 * book's nearest neighbours by cosine similarity. Each task takes a block of books and accumulates
 * their dot products with every other book in one dense table: the work is the sum of squared
 * column sizes in array additions, with no row per pair of books.
 */
final class CosineNeighbours implements Serializable {

  /** Cells of one task's table: 16 MB of doubles, whatever the catalogue's size. */
  private static final int TABLE_CELLS = 2_000_000;

  private final long[] ids;
  private final double[] squaredNorms;
  private final int[] columnStart;
  private final int[] books;
  private final double[] weights;

  private CosineNeighbours(
      long[] ids, double[] squaredNorms, int[] columnStart, int[] books, double[] weights) {
    this.ids = ids;
    this.squaredNorms = squaredNorms;
    this.columnStart = columnStart;
    this.books = books;
    this.weights = weights;
  }

  /**
   * One partition's columns, rows of (entries: array of (book_id, weight)), as one block: each
   * column's size, then its book ids and weights.
   */
  static Iterator<byte[]> encode(Iterator<Row> columns) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    while (columns.hasNext()) {
      List<Row> entries = columns.next().getList(0);
      out.writeInt(entries.size());
      for (Row entry : entries) {
        out.writeLong(entry.getLong(0));
        out.writeDouble(entry.getDouble(1));
      }
    }
    out.flush();
    return List.of(bytes.toByteArray()).iterator();
  }

  /** The columns of all blocks, indexed. */
  static CosineNeighbours decode(List<byte[]> blocks) {
    int columnCount = 0;
    int entryCount = 0;
    for (byte[] block : blocks) {
      ByteBuffer buffer = ByteBuffer.wrap(block);
      while (buffer.hasRemaining()) {
        int size = buffer.getInt();
        columnCount++;
        entryCount += size;
        buffer.position(buffer.position() + size * (Long.BYTES + Double.BYTES));
      }
    }
    long[] entryIds = new long[entryCount];
    double[] weights = new double[entryCount];
    int[] columnStart = new int[columnCount + 1];
    int column = 0;
    int at = 0;
    for (byte[] block : blocks) {
      ByteBuffer buffer = ByteBuffer.wrap(block);
      while (buffer.hasRemaining()) {
        columnStart[column++] = at;
        int size = buffer.getInt();
        for (int i = 0; i < size; i++) {
          entryIds[at] = buffer.getLong();
          weights[at++] = buffer.getDouble();
        }
      }
    }
    columnStart[columnCount] = at;
    long[] ids = Arrays.stream(entryIds).sorted().distinct().toArray();
    double[] squaredNorms = new double[ids.length];
    int[] books = new int[entryCount];
    for (int i = 0; i < entryCount; i++) {
      books[i] = Arrays.binarySearch(ids, entryIds[i]);
      squaredNorms[books[i]] += weights[i] * weights[i];
    }
    return new CosineNeighbours(ids, squaredNorms, columnStart, books, weights);
  }

  /** How many blocks of books the tasks share. */
  int blocks() {
    return (ids.length + blockSize() - 1) / blockSize();
  }

  private int blockSize() {
    return Math.max(1, TABLE_CELLS / Math.max(1, ids.length));
  }

  /**
   * Rows (book_id, similar_id, similarity) of the {@code neighbours} nearest of a block's books.
   */
  List<Row> neighbours(int block, int neighbours) {
    int bookCount = ids.length;
    int from = block * blockSize();
    int to = Math.min(bookCount, from + blockSize());
    double[] dots = new double[Math.max(0, to - from) * bookCount];
    for (int column = 0; column + 1 < columnStart.length; column++) {
      for (int i = columnStart[column]; i < columnStart[column + 1]; i++) {
        int book = books[i];
        if (book < from || book >= to) {
          continue;
        }
        int row = (book - from) * bookCount;
        for (int j = columnStart[column]; j < columnStart[column + 1]; j++) {
          dots[row + books[j]] += weights[i] * weights[j];
        }
      }
    }
    List<Row> result = new ArrayList<>();
    int[] top = new int[neighbours];
    double[] topSimilarity = new double[neighbours];
    for (int book = from; book < to; book++) {
      int row = (book - from) * bookCount;
      int size = 0;
      // Candidates in ascending id order, inserted only when strictly better: ties keep the
      // smaller id first.
      for (int other = 0; other < bookCount; other++) {
        double dot = dots[row + other];
        if (dot <= 0 || other == book) {
          continue;
        }
        double similarity = dot / Math.sqrt(squaredNorms[book] * squaredNorms[other]);
        if (size == neighbours && similarity <= topSimilarity[size - 1]) {
          continue;
        }
        int slot = size < neighbours ? size++ : size - 1;
        while (slot > 0 && similarity > topSimilarity[slot - 1]) {
          top[slot] = top[slot - 1];
          topSimilarity[slot] = topSimilarity[slot - 1];
          slot--;
        }
        top[slot] = other;
        topSimilarity[slot] = similarity;
      }
      for (int n = 0; n < size; n++) {
        result.add(RowFactory.create(ids[book], ids[top[n]], topSimilarity[n]));
      }
    }
    return result;
  }
}
