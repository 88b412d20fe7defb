package io.legerible.sparksubmitter;

import io.legerible.sparkjobs.ranking.RankingStreamJob;
import io.legerible.sparkjobs.recommendations.RecommendationsJob;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The Spark jobs the submitter knows, by their command-line name. */
public enum SparkJob {
  /** The loan-ranking stream: runs until stopped. */
  RANKING_STREAM("ranking-stream", RankingStreamJob.class.getName()),
  /** The recommendations batch: runs once and ends. */
  RECOMMENDATIONS("recommendations", RecommendationsJob.class.getName());

  private final String commandName;
  private final String mainClass;

  SparkJob(String commandName, String mainClass) {
    this.commandName = commandName;
    this.mainClass = mainClass;
  }

  /** The name on the command line and in application and pod names. */
  public String commandName() {
    return commandName;
  }

  /** The job's entry point. */
  public String mainClass() {
    return mainClass;
  }

  /** The job called {@code name}; the error lists the known ones. */
  public static SparkJob named(String name) {
    return Arrays.stream(values())
        .filter(job -> job.commandName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown job '"
                        + name
                        + "': choose one of "
                        + Arrays.stream(values())
                            .map(SparkJob::commandName)
                            .collect(Collectors.joining(", "))));
  }
}
