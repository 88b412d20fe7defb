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
 * Every member's books as flat arrays over a dense index of book ids, broadcast to the tasks that
 * count co-loans: each task takes a block of books and counts, in one dense table, how often each
 * of them was loaned with every other book. The work is the sum of squared shelf sizes in array
 * increments, with no row per co-loaned pair.
 */
final class CoLoans implements Serializable {

  /** Cells of one task's count table: 16 MB of ints, whatever the catalogue's size. */
  private static final int TABLE_CELLS = 4_000_000;

  private final long[] ids;
  private final int[] loans;
  private final int[] shelfStart;
  private final int[] shelfBooks;

  private CoLoans(long[] ids, int[] loans, int[] shelfStart, int[] shelfBooks) {
    this.ids = ids;
    this.loans = loans;
    this.shelfStart = shelfStart;
    this.shelfBooks = shelfBooks;
  }

  /** One partition's rows (books) as one block: each shelf's size, then its ids. */
  static Iterator<byte[]> encode(Iterator<Row> rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    while (rows.hasNext()) {
      List<Long> shelf = rows.next().getList(0);
      out.writeInt(shelf.size());
      for (long book : shelf) {
        out.writeLong(book);
      }
    }
    out.flush();
    return List.of(bytes.toByteArray()).iterator();
  }

  /** The shelves of all blocks, indexed. */
  static CoLoans decode(List<byte[]> blocks) {
    int shelfCount = 0;
    int loanCount = 0;
    for (byte[] block : blocks) {
      ByteBuffer buffer = ByteBuffer.wrap(block);
      while (buffer.hasRemaining()) {
        int size = buffer.getInt();
        shelfCount++;
        loanCount += size;
        buffer.position(buffer.position() + size * Long.BYTES);
      }
    }
    long[] loaned = new long[loanCount];
    int[] shelfStart = new int[shelfCount + 1];
    int shelf = 0;
    int at = 0;
    for (byte[] block : blocks) {
      ByteBuffer buffer = ByteBuffer.wrap(block);
      while (buffer.hasRemaining()) {
        shelfStart[shelf++] = at;
        int size = buffer.getInt();
        for (int i = 0; i < size; i++) {
          loaned[at++] = buffer.getLong();
        }
      }
    }
    shelfStart[shelfCount] = at;
    long[] ids = Arrays.stream(loaned).sorted().distinct().toArray();
    int[] loans = new int[ids.length];
    int[] shelfBooks = new int[loanCount];
    for (int i = 0; i < loanCount; i++) {
      shelfBooks[i] = Arrays.binarySearch(ids, loaned[i]);
      loans[shelfBooks[i]]++;
    }
    return new CoLoans(ids, loans, shelfStart, shelfBooks);
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
    int books = ids.length;
    int from = block * blockSize();
    int to = Math.min(books, from + blockSize());
    int[] counts = new int[Math.max(0, to - from) * books];
    for (int shelf = 0; shelf + 1 < shelfStart.length; shelf++) {
      for (int i = shelfStart[shelf]; i < shelfStart[shelf + 1]; i++) {
        int book = shelfBooks[i];
        if (book < from || book >= to) {
          continue;
        }
        int row = (book - from) * books;
        for (int j = shelfStart[shelf]; j < shelfStart[shelf + 1]; j++) {
          counts[row + shelfBooks[j]]++;
        }
      }
    }
    List<Row> result = new ArrayList<>();
    int[] top = new int[neighbours];
    double[] topSimilarity = new double[neighbours];
    for (int book = from; book < to; book++) {
      int row = (book - from) * books;
      int size = 0;
      // Candidates in ascending id order, inserted only when strictly better: ties keep the
      // smaller id first.
      for (int other = 0; other < books; other++) {
        int co = counts[row + other];
        if (co == 0 || other == book) {
          continue;
        }
        double similarity = co / Math.sqrt((double) loans[book] * loans[other]);
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
