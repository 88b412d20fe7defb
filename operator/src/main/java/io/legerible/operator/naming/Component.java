package io.legerible.operator.naming;

/** The parts of a library, as they appear in object names and the component label. */
public enum Component {
  POSTGRES("postgres"),
  POSTGRES_BACKUP("postgres-backup"),
  POSTGRES_PASSWORD("postgres-password"),
  MEMCACHED("memcached"),
  KAFKA("kafka"),
  KAFKA_BROKER("kafka-broker"),
  CASSANDRA("cassandra"),
  PLATFORM("platform"),
  SPARK("spark"),
  RANKING_STREAM("ranking-stream"),
  RECOMMENDATIONS("recommendations"),
  BOOK_FEED("book-feed"),
  WEBAPP("webapp");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  /** Value of the {@code app.kubernetes.io/component} label and suffix of object names. */
  public String label() {
    return label;
  }
}
