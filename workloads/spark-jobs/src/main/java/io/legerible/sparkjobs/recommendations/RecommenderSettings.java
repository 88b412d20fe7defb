package io.legerible.sparkjobs.recommendations;

import io.legerible.sparkjobs.platform.JobSettings;

/**
 * Tuning of the recommender.
 *
 * @param coLoanWeight share of co-loan similarity in the blend; the rest is content similarity
 * @param neighbours similar books kept per book
 * @param maxLoansPerMember most recent distinct books per member used for similarity and scoring
 * @param maxDocumentFrequency content terms in more than this share of books are ignored (they say
 *     little and would pair almost every book with every other)
 */
public record RecommenderSettings(
    double coLoanWeight, int neighbours, int maxLoansPerMember, double maxDocumentFrequency) {

  /** Share of co-loan similarity in the blend, 0..1. */
  public static final String CO_LOAN_WEIGHT = "LEGERIBLE_RECOMMENDATIONS_CO_LOAN_WEIGHT";

  /** Similar books kept per book. */
  public static final String NEIGHBOURS = "LEGERIBLE_RECOMMENDATIONS_NEIGHBOURS";

  /** Recommendations per member. */
  public static final int PER_MEMBER = 4;

  public RecommenderSettings {
    if (coLoanWeight < 0 || coLoanWeight > 1) {
      throw new IllegalArgumentException(CO_LOAN_WEIGHT + " must be between 0 and 1");
    }
    if (neighbours < PER_MEMBER || maxLoansPerMember < 1) {
      throw new IllegalArgumentException(
          NEIGHBOURS + " must be at least " + PER_MEMBER + " and loans per member at least 1");
    }
    if (maxDocumentFrequency <= 0 || maxDocumentFrequency > 1) {
      throw new IllegalArgumentException("maximum document frequency must be in (0, 1]");
    }
  }

  /** The defaults. */
  public static RecommenderSettings defaults() {
    return new RecommenderSettings(0.8, 30, 50, 0.05);
  }

  /** Defaults overridden by the platform environment. */
  public static RecommenderSettings from(JobSettings settings) {
    RecommenderSettings defaults = defaults();
    return new RecommenderSettings(
        settings.getDouble(CO_LOAN_WEIGHT, defaults.coLoanWeight()),
        settings.getInt(NEIGHBOURS, defaults.neighbours()),
        defaults.maxLoansPerMember(),
        defaults.maxDocumentFrequency());
  }
}
