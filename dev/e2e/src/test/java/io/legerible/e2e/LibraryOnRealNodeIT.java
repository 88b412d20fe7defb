package io.legerible.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.legerible.operator.api.ObjectStore;
import io.legerible.testkit.ProjectLayout;
import io.legerible.testkit.browser.Chromium;
import io.legerible.testkit.kubernetes.LabelledObjects;
import io.legerible.testkit.kubernetes.PortForward;
import io.legerible.testkit.kubernetes.RealCluster;
import io.legerible.testkit.services.ObjectStoreServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The project's central promise on a real node, as a platform engineer and a member meet it: the
 * chart installed with the images this build made, {@code crds/examples/minimal.yaml} applied,
 * {@code kubectl wait --for=condition=Ready}; then in headless Chromium through the website's
 * Service: loans reach the top 10 through Kafka and the stream, a recommendations run fills the
 * profile, the loan trend shows the loans, the feed adds books; then faults: the database pod
 * deleted, the library deleted and re-created over its kept volumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class LibraryOnRealNodeIT {

  private static final String NAMESPACE = "library";
  private static final String OPERATOR_NAMESPACE = "legerible-system";
  private static final String LIBRARY = "city";
  private static final String OPERATOR = "legerible-operator";
  private static final String PREFIX = "legerible-" + LIBRARY + "-";
  private static final String MEMBER = "benni";

  /** The label Spark gives a driver and its executors: the application id. */
  private static final String SPARK_APPLICATION = "spark-app-selector";

  /**
   * The original's seed books, by ISBN: the full catalogue holds other editions under similar
   * titles ("Moon Over Soho (Peter Grant, #2)"), so a title search may not show them first.
   */
  private static final List<String> ISBNS_TO_LOAN =
      List.of("9780575097568", "9780345524591", "9780525516019");

  /** Loan, return, loan again: 21 samples of click → top 10. */
  private static final int LOAN_ROUNDS = 7;

  private static final int LOANS_DURING_FAULTS = 300;
  private static final int LOANS_PER_BATCH = 6;

  /** Enough members that the desk can go on loaning through the whole Kafka outage. */
  private static final int DESK_MEMBERS = 50;

  private static final int RESIZE_MEMBERS = 12;
  private static final int LOANS_PER_RESIZE_STEP = 30;

  private static final Duration READY_WITHIN = Duration.ofMinutes(15);
  private static final Duration RANKING_DEADLINE = Duration.ofSeconds(60);
  private static final String BACKUP_BUCKET = "library-backups";
  private static final String BACKUP_BUCKET_KEYS = "backup-bucket-keys";
  private static final Pattern FED_BOOK =
      Pattern.compile("Scan \\S+: (\\d{13}) '(.*)' is in the catalogue");
  private static final ResourceDefinitionContext LIBRARIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("legerible.io")
          .withVersion("v1alpha1")
          .withPlural("legeriblelibraries")
          .withKind("LegeribleLibrary")
          .withNamespaced(true)
          .build();

  private final Path root = ProjectLayout.root();
  private RealCluster cluster;
  private KubernetesClient client;
  private ChromeDriver browser;
  private PortForward forward;
  private LibraryWebsite website;
  private final List<String> loanedTitles = new ArrayList<>();

  @BeforeAll
  void installTheChartAndApplyTheMinimalLibrary() {
    cluster = RealCluster.shared();
    client = cluster.newClient();
    cluster.importImages(
        root.resolve("operator/target/jib-image.tar"),
        root.resolve("webapp/target/jib-image.tar"),
        root.resolve("workloads/spark-submitter/target/jib-image.tar"));
    cluster.helm(
        "upgrade",
        "--install",
        "legerible",
        root.resolve("helm/legerible").toString(),
        "--namespace",
        OPERATOR_NAMESPACE,
        "--create-namespace",
        "--wait",
        "--timeout",
        "4m");
    cluster.kubectl("create", "namespace", NAMESPACE);
    Duration ready = applyAndAwaitReady();
    System.out.printf(
        "Real-node figure: minimal library Ready %d s after apply%n", ready.toSeconds());
    printReadinessPerComponent();
    System.out.println(cluster.kubectl("get", "library", "--namespace", NAMESPACE));
    System.out.println("Real-node figure: at rest, " + allocatedOnTheNode());
    browser = Chromium.newDriver();
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    openWebsite();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (forward != null) {
      forward.close();
    }
    if (client != null) {
      client.close();
    }
    // The real node is shared by the test JVM: leave it as found for the next test class.
    if (cluster != null) {
      cluster.kubectlWithin(
          Duration.ofMinutes(4), "delete", "namespace", NAMESPACE, "--wait=true", "--timeout=3m");
      cluster.helm("uninstall", "legerible", "--namespace", OPERATOR_NAMESPACE, "--wait");
    }
  }

  @Test
  @Order(1)
  void loansReachTheTopTenThroughKafkaAndTheStream() throws InterruptedException {
    website.signIn(MEMBER, demoPassword());
    List<Duration> loanToRanking = new ArrayList<>();
    for (int round = 0; round < LOAN_ROUNDS; round++) {
      if (round > 0) {
        loanedTitles.forEach(website::returnLoan);
        loanedTitles.clear();
      }
      for (String isbn : ISBNS_TO_LOAN) {
        String title = website.openBookByIsbn(isbn);
        long before = website.topTen().getOrDefault(title, 0L);
        website.openBookByIsbn(isbn);
        website.waitUntilAnotherLoanIsAllowed();
        long clicked = System.nanoTime();
        website.loanOpenBook();
        await()
            .atMost(RANKING_DEADLINE)
            .pollInterval(Duration.ofMillis(200))
            .pollInSameThread()
            .untilAsserted(() -> assertThat(website.topTen()).containsEntry(title, before + 1));
        loanToRanking.add(Duration.ofNanos(System.nanoTime() - clicked));
        loanedTitles.add(title);
      }
    }
    website.screenshot("real-node-home-after-loans");
    assertThat(
            psqlAsTheApplication(
                "SELECT rolsuper, pg_get_userbyid(d.datdba) = current_user FROM pg_roles,"
                    + " pg_database d WHERE rolname = current_user"
                    + " AND d.datname = current_database()"))
        .as("the website's role: a superuser? the database's owner?")
        .isEqualTo("f,t");
    List<Long> sorted = loanToRanking.stream().map(Duration::toMillis).sorted().toList();
    System.out.printf(
        "Real-node figure: loan click → top 10, over %d loans: median %d ms, p95 %d ms, max %d ms"
            + " %s%n",
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
        sorted.get(sorted.size() - 1),
        sorted);
  }

  @Test
  @Order(2)
  void theLoanTrendShowsTheLoans() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .pollInSameThread()
        .untilAsserted(
            () -> assertThat(website.loansInTrend()).isGreaterThanOrEqualTo(ISBNS_TO_LOAN.size()));
    website.screenshot("real-node-loan-trend");
  }

  @Test
  @Order(3)
  void aStalledStreamIsCaughtByTheProbesWhileEveryComponentLooksReady() {
    await("probe events reach PostgreSQL and Cassandra")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "True".equals(condition("DataPathReady").getStatus()));
    Map<String, Object> path = dataPath();
    @SuppressWarnings("unchecked")
    Map<String, Object> latency = (Map<String, Object>) path.get("latencyMillis");
    assertThat(latency)
        .as("every hop's latency: %s", path)
        .containsOnlyKeys("kafka", "rankingStream", "postgres", "cassandra");
    System.out.printf(
        "Real-node figure: data-path latency per hop (ms) %s, newest probe sent at %s%n",
        path.get("latencyMillis"), path.get("lastArrival"));
    String series = "library=\"" + LIBRARY + "\",namespace=\"" + NAMESPACE + "\"}";
    assertThat(operatorMetrics())
        .as("the operator's /metrics, as Prometheus scrapes it through the chart's Service")
        .contains("legerible_library_condition{condition=\"DataPathReady\"," + series + " 1.0")
        .anyMatch(
            line ->
                line.startsWith("legerible_data_path_latency_milliseconds{hop=\"rankingStream\""))
        .anyMatch(
            line ->
                line.startsWith(
                    "legerible_ranking_events_waiting{"
                        + series.substring(0, series.length() - 1)));

    // Freeze the stream's Spark driver: its pod stays Running and Ready, Kafka keeps taking
    // events, and only the probes can tell that nothing is counted any more.
    String pod = livePods("ranking-stream").get(0);
    Instant frozen = Instant.now();
    signalSparkDriver(pod, "STOP");
    try {
      await("DataPathReady False naming the stream within one interval (30 s)")
          .atMost(Duration.ofSeconds(35))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  "False".equals(condition("DataPathReady").getStatus())
                      && "rankingStream".equals(dataPath().get("failingHop")));
      System.out.printf(
          "Real-node figure: DataPathReady=False %d ms after the stream's driver froze: %s%n",
          Duration.between(frozen, Instant.now()).toMillis(),
          condition("DataPathReady").getMessage());
      for (String component :
          List.of("KafkaReady", "AnalyticsReady", "PostgresReady", "CassandraReady", "Ready")) {
        assertThat(condition(component).getStatus())
            .as("%s while the stream is frozen: its pod still looks healthy", component)
            .isEqualTo("True");
      }
      assertThat(condition("Degraded").getStatus()).isEqualTo("True");
      assertThat(condition("Degraded").getMessage()).contains("liveRanking", "rankingStream");
      assertThat(((Number) feature("liveRanking").get("eventsWaiting")).longValue())
          .as("the probes sent since the driver froze wait to be counted")
          .isPositive();
      System.out.printf(
          "Real-node figure: %s event(s) waiting to be counted while the driver is frozen%n",
          feature("liveRanking").get("eventsWaiting"));
      assertThat(condition("Available").getStatus()).isEqualTo("True");
    } finally {
      signalSparkDriver(pod, "CONT");
    }
    Instant resumed = Instant.now();
    await("DataPathReady again once the driver runs")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "True".equals(condition("DataPathReady").getStatus()));
    System.out.printf(
        "Real-node figure: DataPathReady=True %d s after the driver resumed%n",
        Duration.between(resumed, Instant.now()).toSeconds());
  }

  @Test
  @Order(4)
  void loansMadeWhileKafkaAndTheStreamAreKilledAreCountedExactlyOnce() throws Exception {
    ChromeDriver deskBrowser = Chromium.newDriver();
    try {
      LibraryWebsite desk = deskWithNewMembers(deskBrowser, "reader", DESK_MEMBERS);
      String kafkaPod = PREFIX + "kafka-0";
      String kafkaBefore =
          client.pods().inNamespace(NAMESPACE).withName(kafkaPod).get().getMetadata().getUid();
      int made = desk.simulateLoans(LOANS_PER_BATCH);
      Instant kafkaDeleted = Instant.now();
      cluster.kubectl("delete", "pod", kafkaPod, "--namespace", NAMESPACE, "--wait=false");
      boolean streamDeleted = false;
      // Loans go on through the whole outage, until a new Kafka pod is Ready and enough were made.
      Instant deadline = kafkaDeleted.plus(Duration.ofMinutes(5));
      while (made < LOANS_DURING_FAULTS || !readyAgain(kafkaPod, kafkaBefore)) {
        assertThat(Instant.now()).as("Kafka back within 5 minutes").isBefore(deadline);
        made += desk.simulateLoans(LOANS_PER_BATCH);
        if (!streamDeleted
            && made >= LOANS_DURING_FAULTS / 2
            && livePods("ranking-stream").size() == 1) {
          cluster.kubectl(
              "delete",
              "pod",
              livePods("ranking-stream").get(0),
              "--namespace",
              NAMESPACE,
              "--wait=false");
          streamDeleted = true;
        }
        Thread.sleep(1_000);
      }
      System.out.printf(
          "Real-node figure: %d loans made over %d s while the Kafka pod was deleted and came back"
              + " (and the stream's pod was deleted)%n",
          made, Duration.between(kafkaDeleted, Instant.now()).toSeconds());
      awaitRankingEqualsLoans();
      System.out.printf(
          "Real-node figure: ranking equals the loans table %d s after the Kafka pod was deleted:"
              + " %d loans, 0 lost, 0 counted twice%n",
          Duration.between(kafkaDeleted, Instant.now()).toSeconds(), rankingAgainstLoans()[2]);
    } finally {
      deskBrowser.quit();
    }
    awaitReady();
  }

  @Test
  @Order(5)
  void aRecommendationsRunFillsTheProfileAndLeavesNoSparkPodBehind() {
    // Two runs at once do not fit the node: each driver holds its memory while its executor waits
    // for the other's. The schedule (17 * * * *) is suspended for this run; one of its runs already
    // under way finishes first. The run is placed (a node selector the node matches, a toleration
    // of a taint it does not have): the driver and executors Spark creates must carry both.
    patchSpec(
        "{\"analytics\":{\"recommendations\":{\"suspend\":true},\"placement\":{"
            + "\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"},\"tolerations\":[{\"key\":"
            + "\"legerible.io/analytics\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]}}}");
    await("the schedule suspended with none of its runs active")
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              CronJob schedule = recommendationsSchedule();
              return Boolean.TRUE.equals(schedule.getSpec().getSuspend())
                  && (schedule.getStatus() == null
                      || schedule.getStatus().getActive() == null
                      || schedule.getStatus().getActive().isEmpty());
            });
    String job = "recommendations-now";
    cluster.kubectl(
        "create",
        "job",
        job,
        "--from=cronjob/" + PREFIX + "recommendations",
        "--namespace",
        NAMESPACE);
    long start = System.nanoTime();
    await("a Spark driver pod of the run")
        .atMost(Duration.ofMinutes(3))
        .until(() -> !sparkPods("driver").isEmpty());
    await("an executor pod of the run")
        .atMost(Duration.ofMinutes(3))
        .until(() -> !sparkPods("executor").isEmpty());
    Set<String> placed = sparkApplicationsOf(job);
    assertThat(
            client.pods().inNamespace(NAMESPACE).withLabel("spark-role").list().getItems().stream()
                .filter(
                    pod -> placed.contains(pod.getMetadata().getLabels().get(SPARK_APPLICATION)))
                .toList())
        .as("the run's driver and executors")
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeSelector())
                  .containsEntry("kubernetes.io/os", "linux");
              assertThat(pod.getSpec().getTolerations())
                  .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("legerible.io/analytics"));
            });
    System.out.println("Real-node figure: during a recommendations run, " + allocatedOnTheNode());
    cluster.kubectlWithin(
        Duration.ofMinutes(11),
        "wait",
        "--for=condition=Complete",
        "job/" + job,
        "--namespace",
        NAMESPACE,
        "--timeout=10m");
    System.out.printf(
        "Real-node figure: recommendations run (submit to Job complete) %d s%n",
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    assertThat(website.recommendations())
        .hasSize(4)
        .doesNotHaveDuplicates()
        .doesNotContainAnyElementsOf(loanedTitles);

    // A run of the schedule may have pods of its own, kept with its Job: follow this run's only.
    Set<String> applications = sparkApplicationsOf(job);
    assertThat(applications).as("the Spark application of the run").isNotEmpty();
    cluster.kubectl("delete", "job", job, "--namespace", NAMESPACE, "--wait=true");
    await("the run's driver and executors go with its Job")
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(sparkPodStates(applications))
                    .as("Spark pods of the run left (name: phase, deleting since, owners)")
                    .isEmpty());
    patchSpec("{\"analytics\":{\"recommendations\":{\"suspend\":false}}}");
  }

  @Test
  @Order(6)
  void twoFailedRecommendationsRunsAreReportedWithTheirCauseUntilCleared() {
    CronJob schedule = recommendationsSchedule();
    // Two runs of the schedule that fail as a misconfigured run does: the submitter is asked for a
    // job it does not know and exits at once with its own message.
    List<String> runs = List.of("recommendations-failing-1", "recommendations-failing-2");
    Instant started = Instant.now();
    for (String run : runs) {
      Job job =
          new JobBuilder()
              .withNewMetadata()
              .withName(run)
              .withNamespace(NAMESPACE)
              .withLabels(schedule.getMetadata().getLabels())
              .addNewOwnerReference()
              .withApiVersion("batch/v1")
              .withKind("CronJob")
              .withName(schedule.getMetadata().getName())
              .withUid(schedule.getMetadata().getUid())
              .withController(true)
              .endOwnerReference()
              .endMetadata()
              .withSpec(schedule.getSpec().getJobTemplate().getSpec())
              .editSpec()
              .withBackoffLimit(0)
              .endSpec()
              .build();
      job.getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .get(0)
          .setArgs(List.of("submit", "recommendation"));
      client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).create();
    }
    await("AnalyticsReady False: the last two runs failed, with the run's own cause")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                "False".equals(condition("AnalyticsReady").getStatus())
                    && "RunsFailing".equals(rawCondition("AnalyticsReady").get("reason")));
    System.out.printf(
        "Real-node figure: RunsFailing %d s after two failing runs were started: %s%n",
        Duration.between(started, Instant.now()).toSeconds(),
        condition("AnalyticsReady").getMessage());
    assertThat(condition("AnalyticsReady").getMessage())
        .contains(
            "its last 2 runs failed",
            "exited with 78",
            "legerible-submitter: Unknown job 'recommendation'");
    assertThat(condition("Degraded").getStatus()).isEqualTo("True");
    assertThat(condition("Degraded").getMessage()).contains("recommendations (");
    assertThat(condition("Available").getStatus()).isEqualTo("True");
    assertThat(feature("recommendations").get("state")).isEqualTo("Impaired");

    for (String run : runs) {
      cluster.kubectl(
          "delete", "job", run, "--namespace", NAMESPACE, "--cascade=background", "--wait=true");
    }
    await("AnalyticsReady again once the failed runs are cleared")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "True".equals(condition("AnalyticsReady").getStatus()));
  }

  @Test
  @Order(7)
  void aBookFromTheFeedAppearsInTheCatalogue() {
    Matcher fed =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .until(this::fedBook, Optional::isPresent)
            .orElseThrow();
    assertThat(website.catalogueSearch(fed.group(1))).contains(fed.group(2));
  }

  @Test
  @Order(8)
  void aRestartedOperatorWritesNothingToAReadyLibrary() {
    Map<String, String> before = operatorWrites();
    for (var deployment :
        client.apps().deployments().inNamespace(OPERATOR_NAMESPACE).list().getItems()) {
      String name = "deployment/" + deployment.getMetadata().getName();
      cluster.kubectl("rollout", "restart", name, "--namespace", OPERATOR_NAMESPACE);
      cluster.kubectlWithin(
          Duration.ofMinutes(4),
          "rollout",
          "status",
          name,
          "--namespace",
          OPERATOR_NAMESPACE,
          "--timeout=3m");
    }
    await("no write to any of the library's objects for 60 s after the restart")
        .during(Duration.ofSeconds(60))
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(operatorWrites()).isEqualTo(before));
    System.out.printf(
        "Real-node figure: none of the %d objects the operator wrote for the library written again"
            + " in the 60 s after it restarted%n",
        before.size());
  }

  @Test
  @Order(9)
  void losingTheDatabasePodIsReportedThenHealsOnItsOwn() throws Exception {
    List<String> loansBefore = website.currentLoans();
    assertThat(loansBefore).containsAll(loanedTitles);
    Instant deleted =
        deletePodUntil(
            "postgres-0",
            "PostgresReady and Ready False with the cause",
            Duration.ofSeconds(30),
            () ->
                "False".equals(condition("PostgresReady").getStatus())
                    && "False".equals(condition("Ready").getStatus()));
    System.out.printf(
        "Real-node figure: PostgresReady=False %d ms after the pod was deleted: %s%n",
        Duration.between(deleted, Instant.now()).toMillis(),
        condition("PostgresReady").getMessage());
    HttpResponse<String> page = websitePage("books?q=moon", Duration.ofSeconds(30));
    if (page.statusCode() != 200) {
      // The database may already be back for this page: only a failure must look like this.
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.body()).doesNotContain("Exception", "at io.legerible");
    }
    awaitReady();
    System.out.printf(
        "Real-node figure: Ready again %d s after the database pod was deleted%n",
        Duration.between(deleted, Instant.now()).toSeconds());
    openWebsite();
    website.signIn(MEMBER, demoPassword());
    assertThat(website.currentLoans()).containsExactlyInAnyOrderElementsOf(loansBefore);
  }

  @Test
  @Order(10)
  void losingCassandraLeavesMembersLoaningWhileDegradedNamesTheLoanTrend() throws Exception {
    awaitReady();
    Instant deleted =
        deletePodUntil(
            "cassandra-0",
            "Degraded naming the loan trend",
            Duration.ofSeconds(60),
            () ->
                "True".equals(condition("Degraded").getStatus())
                    && feature("loanTrend").get("impairedBy") instanceof List<?> parts
                    && parts.contains("cassandra"));
    System.out.printf(
        "Real-node figure: Degraded=True %d ms after the Cassandra pod was deleted: %s%n",
        Duration.between(deleted, Instant.now()).toMillis(), condition("Degraded").getMessage());
    assertThat(condition("Available").getStatus())
        .as("members can still browse and loan: %s", condition("Available").getMessage())
        .isEqualTo("True");
    assertThat(feature("loans").get("state")).isEqualTo("Available");

    String title = website.openBookByIsbn(ISBNS_TO_LOAN.get(0));
    website.returnLoan(title);
    website.openBookByIsbn(ISBNS_TO_LOAN.get(0));
    website.loanOpenBook();
    assertThat(website.currentLoans()).as("a loan while Cassandra is down").contains(title);

    awaitReady();
    await("Degraded clears")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "False".equals(condition("Degraded").getStatus()));
    System.out.printf(
        "Real-node figure: Ready and not Degraded again %d s after the Cassandra pod was deleted%n",
        Duration.between(deleted, Instant.now()).toSeconds());
  }

  @Test
  @Order(11)
  void morePartitionsReachTheLiveTopicsAndFewerAreRefused() {
    String kafkaPod = PREFIX + "kafka-0";
    patchSpec("{\"kafka\":{\"partitions\":4}}");
    long generation = generation();
    Instant patched = Instant.now();
    await("SpecApplied for the new generation")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Map<String, Object> applied = rawCondition("SpecApplied");
              return "True".equals(applied.get("status"))
                  && Long.valueOf(generation)
                      .equals(((Number) applied.get("observedGeneration")).longValue());
            });
    System.out.printf(
        "Real-node figure: partitions 3 -> 4 in effect (SpecApplied) %d s after the patch%n",
        Duration.between(patched, Instant.now()).toSeconds());
    for (String topic : List.of("library.loans", "library.book-scans")) {
      assertThat(
              cluster.kubectl(
                  "exec",
                  kafkaPod,
                  "--namespace",
                  NAMESPACE,
                  "--",
                  "/opt/kafka/bin/kafka-topics.sh",
                  "--bootstrap-server",
                  "localhost:9092",
                  "--describe",
                  "--topic",
                  topic))
          .contains("PartitionCount: 4");
    }
    assertThatThrownBy(() -> patchSpec("{\"kafka\":{\"partitions\":2}}"))
        .hasMessageContaining("kafka.partitions can only grow");
    awaitReady();
  }

  @Test
  @Order(12)
  void aLibraryDeletedAndCreatedAgainFindsItsMembersAndLoans() {
    MembersData before = membersData();
    forward.close();
    cluster.kubectl("delete", "legeriblelibrary", LIBRARY, "--namespace", NAMESPACE, "--wait=true");
    await("the library's pods are gone")
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(NAMESPACE)
                    .withLabel("app.kubernetes.io/instance", LIBRARY)
                    .list()
                    .getItems()
                    .isEmpty());
    Duration ready = applyAndAwaitReady();
    System.out.printf(
        "Real-node figure: re-created library Ready %d s after apply%n", ready.toSeconds());
    assertSameMembersData(before);
  }

  @Test
  @Order(13)
  void aHibernatingLibraryFreesTheNodeAndWakesWithItsMembersAndLoans() {
    awaitReady();
    MembersData before = membersData();
    forward.close();

    Instant asked = Instant.now();
    patchSpec("{\"hibernate\":true}");
    await("Hibernated=True")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> "True".equals(condition("Hibernated").getStatus()));
    System.out.printf(
        "Real-node figure: Hibernated %d s after spec.hibernate was set; %s%n",
        Duration.between(asked, Instant.now()).toSeconds(), allocatedOnTheNode());
    assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
        .as("pods still running in the hibernating library's namespace")
        .filteredOn(
            pod ->
                !"Succeeded".equals(pod.getStatus().getPhase())
                    && !"Failed".equals(pod.getStatus().getPhase()))
        .isEmpty();
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems())
        .extracting(claim -> claim.getMetadata().getName())
        .contains("data-" + PREFIX + "postgres-0", "data-" + PREFIX + "kafka-0");
    assertThat(condition("Ready").getReason()).isEqualTo("Hibernated");

    Instant woken = Instant.now();
    patchSpec("{\"hibernate\":false}");
    awaitReady();
    System.out.printf(
        "Real-node figure: Ready %d s after waking%n",
        Duration.between(woken, Instant.now()).toSeconds());
    assertSameMembersData(before);
  }

  @Test
  @Order(14)
  void changesTheRunningServicesCannotTakeAreRefusedAndChangeNothing() {
    awaitReady();
    String postgresPod = uid(PREFIX + "postgres-0");

    // The node's local-path class cannot expand volumes: growing is refused, not half done.
    Instant asked = Instant.now();
    patchSpec("{\"postgres\":{\"managed\":{\"storage\":{\"size\":\"2Gi\"}}}}");
    await("SpecApplied=False saying the class cannot expand")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "VolumeExpansionNotAllowed".equals(condition("SpecApplied").getReason()));
    System.out.printf(
        "Real-node figure: storage growth refused in %d ms: %s%n",
        Duration.between(asked, Instant.now()).toMillis(), condition("SpecApplied").getMessage());
    assertThat(condition("SpecApplied").getMessage()).contains("local-path");
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(NAMESPACE)
                .withName("data-" + PREFIX + "postgres-0")
                .get()
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage"))
        .isEqualTo(new Quantity("1Gi"));
    assertThat(uid(PREFIX + "postgres-0")).isEqualTo(postgresPod);
    assertThat(condition("Ready").getStatus()).isEqualTo("True");
  }

  @Test
  @Order(15)
  void aRotatedDatabasePasswordReachesEveryProgramWhileTheWebsiteStaysUp() {
    awaitReady();
    MembersData before = membersData();
    String oldPassword = applicationPassword();
    String postgresPod = uid(PREFIX + "postgres-0");
    List<String> webappPods = livePods("webapp");
    var webapp = client.apps().deployments().inNamespace(NAMESPACE).withName(PREFIX + "webapp");
    int[] fewestAvailable = {Integer.MAX_VALUE};

    String hashBefore = credentialsHash(PREFIX + "webapp");
    String streamHashBefore = credentialsHash(PREFIX + "ranking-stream");
    Set<String> reasons = new LinkedHashSet<>();

    Instant asked = Instant.now();
    patchSpec("{\"postgres\":{\"managed\":{\"passwordRotation\":\"rotation-1\"}}}");
    // Not SpecApplied=True: the storage growth refused earlier in this class keeps it False.
    await("the role's new password in the Secret, the Job gone, the website and stream rolled out")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Integer available = webapp.get().getStatus().getAvailableReplicas();
              fewestAvailable[0] = Math.min(fewestAvailable[0], available == null ? 0 : available);
              reasons.add((String) rawCondition("SpecApplied").get("reason"));
              return !applicationPassword().equals(oldPassword)
                  && client
                          .batch()
                          .v1()
                          .jobs()
                          .inNamespace(NAMESPACE)
                          .withName(PREFIX + "postgres-password")
                          .get()
                      == null
                  && rolledOutWithNewCredentials(PREFIX + "webapp", hashBefore)
                  && rolledOutWithNewCredentials(PREFIX + "ranking-stream", streamHashBefore);
            });
    System.out.println("SpecApplied reasons during the rotation: " + reasons);
    assertThat(reasons).contains("PasswordRotating");
    System.out.printf(
        "Real-node figure: database password rotated and every program rolled to it %d s after"
            + " the request; fewest website replicas available meanwhile: %d; loans before: %d%n",
        Duration.between(asked, Instant.now()).toSeconds(), fewestAvailable[0], before.allLoans());
    assertThat(fewestAvailable[0])
        .as("website replicas available during the rotation")
        .isPositive();
    assertThat(uid(PREFIX + "postgres-0"))
        .as("the database server was not restarted")
        .isEqualTo(postgresPod);
    assertThat(livePods("webapp"))
        .as("the website rolled to the new password")
        .doesNotContainAnyElementsOf(webappPods);
    assertThat(psqlAs(applicationPassword(), "SELECT current_user"))
        .isEqualTo(applicationCredential("username"));
    assertThatThrownBy(() -> psqlAs(oldPassword, "SELECT 1"))
        .as("the old password no longer logs in")
        .hasMessageContaining("password authentication failed");
    assertSameMembersData(before);
  }

  @Test
  @Order(16)
  void cassandraGrowsToTwoNodesWithTwoCopiesAndShrinksBackKeepingItsLoanHistory() {
    awaitReady();
    long events = loanEventsInCassandra();
    assertThat(events).as("loan events in the lake before resizing").isPositive();

    // Not SpecApplied=True: the storage growth refused earlier in this class keeps it False. The
    // ring records each size it settled at, and the replication factor it repaired for.
    Instant growing = Instant.now();
    patchSpec("{\"cassandra\":{\"managed\":{\"replicas\":2}}}");
    awaitRing("2 nodes up, the earlier one cleaned up", "2", "1", Duration.ofMinutes(8));
    System.out.printf(
        "Real-node figure: Cassandra 1 → 2 nodes applied %d s after the patch%n",
        Duration.between(growing, Instant.now()).toSeconds());
    String twoNodes = nodetool("status", "legerible");
    System.out.println(twoNodes);
    assertThat(twoNodes.lines().filter(line -> line.startsWith("UN")).count())
        .as("nodes up and normal")
        .isEqualTo(2);
    assertThat(loanEventsInCassandra()).as("loan events on two nodes").isEqualTo(events);

    Instant replicating = Instant.now();
    patchSpec("{\"cassandra\":{\"replicationFactor\":2}}");
    awaitRing("two copies of every row, both nodes repaired", "2", "2", Duration.ofMinutes(5));
    System.out.printf(
        "Real-node figure: keyspace replication factor 1 → 2 (altered, every node repaired)"
            + " applied %d s after the patch%n",
        Duration.between(replicating, Instant.now()).toSeconds());
    String twoCopies = nodetool("status", "legerible");
    System.out.println(twoCopies);
    assertThat(twoCopies.lines().filter(line -> line.startsWith("UN")))
        .as("each node owns every row")
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("100.0%"));
    assertThat(loanEventsInCassandra()).as("loan events with two copies").isEqualTo(events);

    Instant shrinking = Instant.now();
    patchSpec("{\"cassandra\":{\"replicationFactor\":1,\"managed\":{\"replicas\":1}}}");
    Set<String> reasons = new LinkedHashSet<>();
    await("node 1 decommissioned and gone, one copy of every row")
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              reasons.add((String) rawCondition("SpecApplied").get("reason"));
              return client.pods().inNamespace(NAMESPACE).withName(PREFIX + "cassandra-1").get()
                      == null
                  && ring("1", "1");
            });
    System.out.printf(
        "Real-node figure: Cassandra 2 → 1 nodes and back to one copy (node 1 decommissioned, its"
            + " claim deleted, the keyspace altered and repaired) %d s after the patch; SpecApplied"
            + " reasons meanwhile: %s%n",
        Duration.between(shrinking, Instant.now()).toSeconds(), reasons);
    assertThat(reasons).contains("CassandraScaling");
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(NAMESPACE)
                .withName("data-" + PREFIX + "cassandra-1")
                .get())
        .as("the decommissioned node's claim")
        .isNull();
    String oneNode = nodetool("status", "legerible");
    assertThat(oneNode.lines().filter(line -> line.matches("^[UD][NLJM] .*")).count())
        .as("nodes left in the ring")
        .isEqualTo(1);
    assertThat(loanEventsInCassandra()).as("loan events back on one node").isEqualTo(events);
    System.out.printf("Real-node figure: %d loan events in Cassandra before and after%n", events);
    awaitReady();
  }

  @Test
  @Order(17)
  void kafkaGrowsToThreeBrokersWithThreeCopiesAndShrinksToTwoWhileLoansAreMade()
      throws InterruptedException {
    awaitReady();
    // The website's pods may have been replaced since (a ring resize rolls them): a new
    // port-forward.
    openWebsite();
    Map<String, Long> offsetsBefore = committedOffsets();
    assertThat(offsetsBefore).as("the book feed's committed offsets before resizing").isNotEmpty();
    ChromeDriver deskBrowser = Chromium.newDriver();
    int made = 0;
    try {
      // Members of their own, with room for loans whatever the tests before did.
      LibraryWebsite desk = deskWithNewMembers(deskBrowser, "broker", RESIZE_MEMBERS);

      // Not SpecApplied=True: the storage growth refused earlier in this class keeps it False. The
      // controllers' StatefulSet records what the partitions were last placed for; SpecApplied
      // names each step meanwhile.
      Set<String> steps = new LinkedHashSet<>();
      Instant growing = Instant.now();
      patchSpec("{\"kafka\":{\"topicReplicationFactor\":3,\"managed\":{\"replicas\":3}}}");
      made += loansUntilBrokersSettle(desk, "brokers=3,topicReplicationFactor=3", 2, steps);
      System.out.printf(
          "Real-node figure: Kafka 1 → 3 brokers with 3 copies of every partition %d s after the"
              + " patch, %d loans made meanwhile; steps seen in SpecApplied: %s; %s%n",
          Duration.between(growing, Instant.now()).toSeconds(), made, steps, allocatedOnTheNode());
      assertThat(steps).anyMatch(step -> step.startsWith("kafka 1 → 3 brokers: "));
      assertCopies(3, Set.of("0", "100", "101"));

      steps.clear();
      Instant shrinking = Instant.now();
      patchSpec("{\"kafka\":{\"topicReplicationFactor\":2,\"managed\":{\"replicas\":2}}}");
      int before = made;
      made += loansUntilBrokersSettle(desk, "brokers=2,topicReplicationFactor=2", 1, steps);
      System.out.printf(
          "Real-node figure: Kafka 3 → 2 brokers (broker 101's copies moved, its pod gone, it"
              + " unregistered) %d s after the patch, %d loans made meanwhile; steps seen in"
              + " SpecApplied: %s%n",
          Duration.between(shrinking, Instant.now()).toSeconds(), made - before, steps);
      assertThat(steps).anyMatch(step -> step.startsWith("kafka 3 → 2 brokers: "));
    } finally {
      deskBrowser.quit();
    }
    assertThat(client.pods().inNamespace(NAMESPACE).withName(PREFIX + "kafka-broker-1").get())
        .as("the broker that left")
        .isNull();
    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(NAMESPACE)
                .withName("data-" + PREFIX + "kafka-broker-1")
                .get())
        .as("the claim of the broker that left")
        .isNull();
    assertCopies(2, Set.of("0", "100"));
    assertThat(cluster.kubectl("logs", "deployment/" + OPERATOR, "--namespace", OPERATOR_NAMESPACE))
        .as("the operator's log")
        .contains("unregistered Kafka broker 101, its pod gone");

    awaitRankingEqualsLoans();
    Map<String, Long> offsetsAfter = committedOffsets();
    offsetsBefore.forEach(
        (partition, offset) ->
            assertThat(offsetsAfter.get(partition))
                .as("committed offset of %s after resizing", partition)
                .isNotNull()
                .isGreaterThanOrEqualTo(offset));
    System.out.printf(
        "Real-node figure: %d loans made during the Kafka resize; the ranking equals the loans"
            + " table (%d loans, 0 lost, 0 counted twice); committed offsets before %s, after %s%n",
        made, rankingAgainstLoans()[2], offsetsBefore, offsetsAfter);
    awaitReady();
  }

  @Test
  @Order(18)
  void aBackupInAnObjectStoreBringsTheMembersAndLoansBackAfterTheDatabaseAndItsClaimsAreLost() {
    awaitReady();
    // The website's pods may have been replaced since (a ring resize rolls them): a new
    // port-forward, signed in again.
    openWebsite();
    website.signIn(MEMBER, demoPassword());
    MembersData before = membersData();
    // An S3-compatible store outside the cluster, on this machine's end of the node's link.
    try (ObjectStoreServer store = ObjectStoreServer.startNew(cluster.hostAddress())) {
      store.createBucket(BACKUP_BUCKET);
      String objectStore =
          "{\"endpoint\":\""
              + store.endpoint()
              + "\",\"bucket\":\""
              + BACKUP_BUCKET
              + "\",\"credentialsSecret\":\""
              + BACKUP_BUCKET_KEYS
              + "\"}";
      Instant configured = Instant.now();
      patchSpec(
          "{\"postgres\":{\"managed\":{\"backup\":{\"schedule\":\"* * * * *\",\"retain\":2,"
              + "\"objectStore\":"
              + objectStore
              + "}}}}");
      // Its keys are not there yet: the first run says so instead of hanging, then goes on alone.
      await("the first run says it cannot start without the bucket's keys")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () ->
                  "RunStuck".equals(condition("PostgresBackupReady").getReason())
                      && condition("PostgresBackupReady")
                          .getMessage()
                          .contains("secret \"" + BACKUP_BUCKET_KEYS + "\" not found"));
      System.out.println(
          "Real-node figure: without its Secret, PostgresBackupReady="
              + condition("PostgresBackupReady").getStatus()
              + ": "
              + condition("PostgresBackupReady").getMessage());
      client
          .secrets()
          .inNamespace(NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(BACKUP_BUCKET_KEYS)
                  .endMetadata()
                  .addToStringData(ObjectStore.ACCESS_KEY_ID_KEY, store.accessKeyId())
                  .addToStringData(ObjectStore.SECRET_ACCESS_KEY_KEY, store.secretAccessKey())
                  .build())
          .create();
      await("a first backup copied to the object store, in status.postgresBackup")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> postgresBackup() != null && postgresBackup().get("object") != null);
      Map<String, Object> backup = postgresBackup();
      String file = (String) backup.get("file");
      String key = NAMESPACE + "/" + LIBRARY + "/" + file;
      System.out.printf(
          "Real-node figure: first backup %s (%s bytes) at %s %d s after backups were"
              + " configured%n",
          file,
          backup.get("sizeBytes"),
          backup.get("object"),
          Duration.between(configured, Instant.now()).toSeconds());
      assertThat(backup.get("object")).isEqualTo("s3://" + BACKUP_BUCKET + "/" + key);
      assertThat(store.keys(BACKUP_BUCKET)).contains(key);
      assertThat(store.folder(BACKUP_BUCKET).resolve(key))
          .as("the copy is the dump the run wrote")
          .hasSize(((Number) backup.get("sizeBytes")).longValue());

      // The database is lost: the library deleted, then its data claim and its backups claim.
      forward.close();
      cluster.kubectl(
          "delete", "legeriblelibrary", LIBRARY, "--namespace", NAMESPACE, "--wait=true");
      String dataClaim = "data-" + PREFIX + "postgres-0";
      String backupsClaim = PREFIX + "postgres-backups";
      assertThat(
              client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(backupsClaim).get())
          .as("the backups claim outlives its library")
          .isNotNull();
      await("the library's pods, its database claim and its backups claim are gone")
          .atMost(Duration.ofMinutes(3))
          .until(
              () -> {
                for (String claim : List.of(dataClaim, backupsClaim)) {
                  client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(claim).delete();
                }
                return client
                        .pods()
                        .inNamespace(NAMESPACE)
                        .withLabel("app.kubernetes.io/instance", LIBRARY)
                        .list()
                        .getItems()
                        .isEmpty()
                    && client
                        .persistentVolumeClaims()
                        .inNamespace(NAMESPACE)
                        .list()
                        .getItems()
                        .stream()
                        .noneMatch(
                            claim ->
                                List.of(dataClaim, backupsClaim)
                                    .contains(claim.getMetadata().getName()));
              });

      Instant restoring = Instant.now();
      cluster.kubectlWithInput(
          String.join(
              "\n",
              "apiVersion: legerible.io/v1alpha1",
              "kind: LegeribleLibrary",
              "metadata: {name: " + LIBRARY + "}",
              "spec:",
              "  postgres:",
              "    managed:",
              "      restoreFrom: {objectStore: " + objectStore + ", backup: '" + file + "'}"),
          "apply",
          "--namespace",
          NAMESPACE,
          "-f",
          "-");
      awaitReady();
      System.out.printf(
          "Real-node figure: library restored from %s Ready %d s after apply%n",
          backup.get("object"), Duration.between(restoring, Instant.now()).toSeconds());
      assertSameMembersData(before);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> postgresBackup() {
    GenericKubernetesResource library =
        client.genericKubernetesResources(LIBRARIES).inNamespace(NAMESPACE).withName(LIBRARY).get();
    Map<String, Object> status =
        (Map<String, Object>) library.getAdditionalProperties().get("status");
    return status == null ? null : (Map<String, Object>) status.get("postgresBackup");
  }

  /** What members must find again after the library comes back: password, loans, loan count. */
  private record MembersData(String password, List<String> loans, long allLoans) {}

  private MembersData membersData() {
    return new MembersData(demoPassword(), website.currentLoans(), rankingAgainstLoans()[2]);
  }

  /** Signs in again and finds the same password, loans and counts, none lost or counted twice. */
  private void assertSameMembersData(MembersData before) {
    assertThat(demoPassword()).as("the kept database's demo password").isEqualTo(before.password());
    openWebsite();
    website.signIn(MEMBER, before.password());
    assertThat(website.currentLoans()).containsExactlyInAnyOrderElementsOf(before.loans());
    assertThat(rankingAgainstLoans())
        .as("lost, counted twice, all loans")
        .containsExactly(0L, 0L, before.allLoans());
  }

  private CronJob recommendationsSchedule() {
    return client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(NAMESPACE)
        .withName(PREFIX + "recommendations")
        .get();
  }

  private String uid(String pod) {
    return client.pods().inNamespace(NAMESPACE).withName(pod).get().getMetadata().getUid();
  }

  private Duration applyAndAwaitReady() {
    long start = System.nanoTime();
    cluster.kubectl(
        "apply",
        "--namespace",
        NAMESPACE,
        "-f",
        root.resolve("crds/examples/minimal.yaml").toString());
    awaitReady();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Duration awaitReady() {
    long start = System.nanoTime();
    try {
      cluster.kubectlWithin(
          READY_WITHIN.plusMinutes(1),
          "wait",
          "--for=condition=Ready",
          "legeriblelibrary/" + LIBRARY,
          "--namespace",
          NAMESPACE,
          "--timeout=" + READY_WITHIN.toSeconds() + "s");
    } catch (IllegalStateException e) {
      throw new AssertionError(
          "The library did not become Ready:"
              + System.lineSeparator()
              + cluster.kubectl("get", "legeriblelibrary", LIBRARY, "-n", NAMESPACE, "-o", "yaml")
              + cluster.kubectl("get", "pods", "-n", NAMESPACE, "-o", "wide"),
          e);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void openWebsite() {
    if (forward != null) {
      forward.close();
      forward = null;
    }
    // A forward reaches one pod; its stream can break on a loaded node, and kubectl then ends, so
    // the browser would meet an error page: start it again until the login page answers through it.
    int[] attempts = {0};
    await("the website's login page through a port-forward")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (forward == null || !forward.isAlive()) {
                if (forward != null) {
                  forward.close();
                }
                forward = cluster.portForward(NAMESPACE, "service/" + PREFIX + "webapp", 80);
              }
              attempts[0]++;
              return loginPageAnswers();
            });
    if (attempts[0] > 1) {
      System.out.printf(
          "The website's login page answered through %s at attempt %d%n", forward, attempts[0]);
    }
    website =
        new LibraryWebsite(
            browser, URI.create(websiteBase()), root.resolve("dev/e2e/target/screenshots"));
  }

  private boolean loginPageAnswers() throws InterruptedException {
    try {
      HttpResponse<String> page = websitePage("login", Duration.ofSeconds(10));
      return page.statusCode() == 200 && page.body().contains("login-form");
    } catch (IOException e) {
      return false;
    }
  }

  /** The website's page at {@code path}, through the port-forward, as an HTTP client gets it. */
  private HttpResponse<String> websitePage(String path, Duration timeout)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(websiteBase() + path)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The loan desk in {@code browser}, signed in as the librarian, after registering {@code members}
   * members named {@code prefix}1, {@code prefix}2, ...
   */
  private LibraryWebsite deskWithNewMembers(ChromeDriver browser, String prefix, int members) {
    LibraryWebsite desk =
        new LibraryWebsite(
            browser, URI.create(websiteBase()), root.resolve("dev/e2e/target/screenshots"));
    desk.signIn("librarian", demoLibrarianPassword());
    for (int i = 1; i <= members; i++) {
      desk.registerMember(prefix + i, "Reader", "Number " + i);
    }
    return desk;
  }

  private String websiteBase() {
    return "http://127.0.0.1:" + forward.localPort() + "/";
  }

  private String demoPassword() {
    Secret secret =
        client.secrets().inNamespace(NAMESPACE).withName(PREFIX + "webapp-demo-credentials").get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  private String demoLibrarianPassword() {
    Secret secret =
        client.secrets().inNamespace(NAMESPACE).withName(PREFIX + "webapp-demo-credentials").get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("librarian-password")),
        StandardCharsets.UTF_8);
  }

  /** Whether the pod {@code name} is a new one (not {@code uidBefore}) and Ready. */
  private boolean readyAgain(String name, String uidBefore) {
    var pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
    return pod != null
        && !pod.getMetadata().getUid().equals(uidBefore)
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Loan events in the Cassandra lake, counted through node 0 (which asks the others). */
  private long loanEventsInCassandra() {
    try (PortForward cql = cluster.portForward(NAMESPACE, "pod/" + PREFIX + "cassandra-0", 9042);
        CqlSession session =
            CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", cql.localPort()))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(
                    DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                        .build())
                .build()) {
      return session
          .execute(
              SimpleStatement.newInstance("SELECT count(*) FROM legerible.loan_events_by_book_day")
                  .setConsistencyLevel(DefaultConsistencyLevel.ALL))
          .one()
          .getLong(0);
    }
  }

  /**
   * Makes loans at the desk until the controllers' StatefulSet records {@code settled} and the
   * broker-only nodes are {@code brokerNodes}, all ready; collects the Kafka steps SpecApplied
   * named meanwhile and returns the loans made.
   */
  private int loansUntilBrokersSettle(
      LibraryWebsite desk, String settled, int brokerNodes, Set<String> steps)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    int made = 0;
    do {
      assertThat(Instant.now())
          .as("Kafka settled at " + settled + " within 8 minutes")
          .isBefore(deadline);
      // Capped, so that the members registered for the resize have room in each step.
      if (made < LOANS_PER_RESIZE_STEP) {
        made += desk.simulateLoans(Math.min(LOANS_PER_BATCH, LOANS_PER_RESIZE_STEP - made));
      }
      Matcher step = KAFKA_STEP.matcher(String.valueOf(rawCondition("SpecApplied").get("message")));
      while (step.find()) {
        steps.add(step.group());
      }
      Thread.sleep(1_000);
    } while (!brokersSettled(settled, brokerNodes));
    assertThat(made).as("loans made while Kafka resized to " + settled).isPositive();
    return made;
  }

  /** A step of a Kafka resize as SpecApplied names it, up to the next part of the message. */
  private static final Pattern KAFKA_STEP = Pattern.compile("kafka \\d+ → \\d+ brokers: [^;]*");

  private boolean brokersSettled(String settled, int brokerNodes) {
    var controllers =
        client.apps().statefulSets().inNamespace(NAMESPACE).withName(PREFIX + "kafka").get();
    var brokers =
        client.apps().statefulSets().inNamespace(NAMESPACE).withName(PREFIX + "kafka-broker").get();
    return settled.equals(
            controllers.getMetadata().getAnnotations().get("legerible.io/settled-brokers"))
        && brokers != null
        && Objects.equals(brokers.getStatus().getReadyReplicas(), brokerNodes)
        && Objects.equals(brokers.getStatus().getReplicas(), brokerNodes);
  }

  /**
   * Asserts that every partition of the library's topics and of the consumer offsets has {@code
   * copies} replicas, all in sync, on {@code brokers} only.
   */
  private void assertCopies(int copies, Set<String> brokers) {
    String described = kafkaTool("kafka-topics.sh", "--describe");
    List<String> partitions =
        described
            .lines()
            .filter(line -> line.contains("Partition: "))
            .filter(
                line ->
                    line.contains("Topic: library.loans\t")
                        || line.contains("Topic: library.book-scans\t")
                        || line.contains("Topic: __consumer_offsets\t"))
            .toList();
    assertThat(partitions)
        .as("partitions of the loans, scans and offsets topics")
        .hasSizeGreaterThan(8);
    for (String line : partitions) {
      Matcher replicas = Pattern.compile("Replicas: ([\\d,]+)").matcher(line);
      Matcher inSync = Pattern.compile("Isr: ([\\d,]+)").matcher(line);
      assertThat(replicas.find() && inSync.find()).as(line).isTrue();
      assertThat(Set.of(replicas.group(1).split(","))).as(line).hasSize(copies).isSubsetOf(brokers);
      assertThat(inSync.group(1).split(",")).as("in sync: " + line).hasSize(copies);
    }
  }

  /** The committed offset of every consumer group's partition: "group topic partition" → offset. */
  private Map<String, Long> committedOffsets() {
    Map<String, Long> offsets = new TreeMap<>();
    for (String line :
        kafkaTool("kafka-consumer-groups.sh", "--describe", "--all-groups").lines().toList()) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 4 && columns[3].matches("\\d+")) {
        offsets.put(columns[0] + " " + columns[1] + " " + columns[2], Long.parseLong(columns[3]));
      }
    }
    return offsets;
  }

  private String kafkaTool(String tool, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "exec",
                PREFIX + "kafka-0",
                "--namespace",
                NAMESPACE,
                "--",
                "/opt/kafka/bin/" + tool,
                "--bootstrap-server",
                "localhost:9092"));
    command.addAll(List.of(args));
    return cluster.kubectl(command.toArray(String[]::new));
  }

  private String nodetool(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("exec", PREFIX + "cassandra-0", "--namespace", NAMESPACE, "--", "nodetool"));
    command.addAll(List.of(args));
    return cluster.kubectl(command.toArray(String[]::new));
  }

  private void awaitRing(String what, String nodes, String copies, Duration within) {
    await(what).atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> ring(nodes, copies));
  }

  /**
   * Whether the Cassandra ring settled at {@code nodes}, all ready, its keyspace repaired for
   * {@code copies}, as its StatefulSet records it.
   */
  private boolean ring(String nodes, String copies) {
    var ring =
        client.apps().statefulSets().inNamespace(NAMESPACE).withName(PREFIX + "cassandra").get();
    var annotations = ring.getMetadata().getAnnotations();
    return nodes.equals(annotations.get("legerible.io/settled-nodes"))
        && copies.equals(annotations.get("legerible.io/replication-factor"))
        && Objects.equals(ring.getStatus().getReadyReplicas(), Integer.valueOf(nodes));
  }

  private static final String CREDENTIALS_HASH = "legerible.io/hash-postgres-credentials";

  private String credentialsHash(String deployment) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName(deployment)
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(CREDENTIALS_HASH);
  }

  /** Whether the Deployment has a new credentials hash and every replica runs that template. */
  private boolean rolledOutWithNewCredentials(String deployment, String hashBefore) {
    var current = client.apps().deployments().inNamespace(NAMESPACE).withName(deployment).get();
    var status = current.getStatus();
    int replicas = current.getSpec().getReplicas();
    return !Objects.equals(
            current.getSpec().getTemplate().getMetadata().getAnnotations().get(CREDENTIALS_HASH),
            hashBefore)
        && Objects.equals(status.getObservedGeneration(), current.getMetadata().getGeneration())
        && Objects.equals(status.getUpdatedReplicas(), replicas)
        && Objects.equals(status.getAvailableReplicas(), replicas)
        && Objects.equals(status.getReplicas(), replicas);
  }

  /** Names of the component's pods that are not being deleted (a new pod has a new name). */
  private List<String> livePods(String component) {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("app.kubernetes.io/component", component)
        .list()
        .getItems()
        .stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .map(pod -> pod.getMetadata().getName())
        .toList();
  }

  /**
   * Loans the stream has not counted yet and loans it counted more than once, summed book by book
   * over the whole catalogue, and all loans: read in the database pod with its own client.
   */
  /** Waits until the ranking equals the loans table book by book, no loan ever counted twice. */
  private void awaitRankingEqualsLoans() {
    await("ranking totals equal the loans table, book by book")
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () -> {
              long[] difference = rankingAgainstLoans();
              assertThat(difference[1]).as("loans counted twice").isZero();
              return difference[0] == 0;
            });
  }

  private long[] rankingAgainstLoans() {
    String[] values =
        psqlAsTheApplication(
                "SELECT coalesce(sum(greatest(l.loans - coalesce(r.total_loans, 0), 0)), 0),"
                    + " coalesce(sum(greatest(coalesce(r.total_loans, 0) - l.loans, 0)), 0),"
                    + " coalesce(sum(l.loans), 0)"
                    + " FROM (SELECT book_id, count(*) AS loans FROM loans GROUP BY book_id) l"
                    + " FULL JOIN book_ranking r ON r.book_id = l.book_id")
            .split(",");
    return new long[] {
      Long.parseLong(values[0]), Long.parseLong(values[1]), Long.parseLong(values[2])
    };
  }

  /**
   * One row of {@code sql}, comma-separated, run in the database pod with its own client as the
   * role the website and the jobs use (the library's credentials Secret), through the Service as
   * the programs connect: the image trusts connections from 127.0.0.1 without a password.
   */
  private String psqlAsTheApplication(String sql) {
    return psqlAs(applicationPassword(), sql);
  }

  /** The application role's password as its credentials Secret holds it now. */
  private String applicationPassword() {
    return applicationCredential("password");
  }

  /** One key of the application role's credentials Secret, decoded. */
  private String applicationCredential(String key) {
    return decode(
        client
            .secrets()
            .inNamespace(NAMESPACE)
            .withName(PREFIX + "postgres-credentials")
            .get()
            .getData()
            .get(key));
  }

  /** As {@link #psqlAsTheApplication}, logging in with {@code password}. */
  private String psqlAs(String password, String sql) {
    String user = applicationCredential("username");
    return cluster
        .kubectl(
            "exec",
            PREFIX + "postgres-0",
            "--namespace",
            NAMESPACE,
            "--",
            "env",
            "PGPASSWORD=" + password,
            "psql",
            "-h",
            PREFIX + "postgres",
            "-U",
            user,
            "-d",
            user,
            "-tAF,",
            "-c",
            sql)
        .strip();
  }

  /** What the operator last wrote to each of the library's objects. */
  private Map<String, String> operatorWrites() {
    Map<String, String> writes =
        LabelledObjects.writesBy(
            OPERATOR,
            LabelledObjects.list(
                client,
                NAMESPACE,
                "app.kubernetes.io/managed-by="
                    + OPERATOR
                    + ",app.kubernetes.io/instance="
                    + LIBRARY));
    assertThat(writes).as("the library's objects the operator wrote").hasSizeGreaterThan(10);
    return writes;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** The Spark application ids of the drivers a pod of {@code job} started. */
  private Set<String> sparkApplicationsOf(String job) {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("spark-role", "driver")
        .list()
        .getItems()
        .stream()
        .filter(
            pod ->
                pod.getMetadata().getOwnerReferences().stream()
                    .anyMatch(owner -> owner.getName().startsWith(job + "-")))
        .map(pod -> pod.getMetadata().getLabels().get(SPARK_APPLICATION))
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  /** The driver and executor pods of these applications: phase, deletion time and owners. */
  private List<String> sparkPodStates(Set<String> applications) {
    return client.pods().inNamespace(NAMESPACE).withLabel("spark-role").list().getItems().stream()
        .filter(pod -> applications.contains(pod.getMetadata().getLabels().get(SPARK_APPLICATION)))
        .map(
            pod ->
                pod.getMetadata().getName()
                    + ": "
                    + pod.getStatus().getPhase()
                    + ", "
                    + pod.getMetadata().getDeletionTimestamp()
                    + ", "
                    + pod.getMetadata().getOwnerReferences().stream()
                        .map(owner -> owner.getKind() + "/" + owner.getName())
                        .toList())
        .toList();
  }

  private List<String> sparkPods(String role) {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("spark-role", role)
        .list()
        .getItems()
        .stream()
        .map(pod -> pod.getMetadata().getName())
        .toList();
  }

  private Optional<Matcher> fedBook() {
    return cluster
        .kubectl("logs", "deployment/" + PREFIX + "book-feed", "--namespace", NAMESPACE)
        .lines()
        .map(FED_BOOK::matcher)
        .filter(Matcher::find)
        .filter(matcher -> !loanedTitles.contains(matcher.group(2)))
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> conditions() {
    GenericKubernetesResource library =
        client.genericKubernetesResources(LIBRARIES).inNamespace(NAMESPACE).withName(LIBRARY).get();
    Map<String, Object> status =
        (Map<String, Object>) library.getAdditionalProperties().get("status");
    return (List<Map<String, Object>>) status.get("conditions");
  }

  /**
   * Deletes the library's pod {@code pod} (its name after the library's prefix) and waits until
   * {@code reported} holds; returns when the pod was deleted.
   */
  private Instant deletePodUntil(
      String pod, String reported, Duration within, java.util.concurrent.Callable<Boolean> until) {
    Instant deleted = Instant.now();
    cluster.kubectl("delete", "pod", PREFIX + pod, "--namespace", NAMESPACE, "--wait=false");
    await(reported).atMost(within).pollInterval(Duration.ofMillis(500)).until(until);
    return deleted;
  }

  /** Merges {@code specJson} into the library's spec, as a platform engineer's kubectl would. */
  private String patchSpec(String specJson) {
    return cluster.kubectl(
        "patch",
        "legeriblelibrary",
        LIBRARY,
        "--namespace",
        NAMESPACE,
        "--type=merge",
        "-p",
        "{\"spec\":" + specJson + "}");
  }

  /** The lines of the operator's /metrics, through the chart's metrics Service. */
  private List<String> operatorMetrics() {
    try (PortForward metrics =
        cluster.portForward(OPERATOR_NAMESPACE, "service/legerible-operator", 8080)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + metrics.localPort() + "/metrics"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body().lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code signal} (STOP, CONT) to the Spark driver process in the stream's pod. */
  private void signalSparkDriver(String pod, String signal) {
    // "Spark[S]ubmit" matches the driver's command line but not this shell's own.
    String pids =
        cluster.kubectl(
            "exec",
            pod,
            "--namespace",
            NAMESPACE,
            "--",
            "sh",
            "-c",
            "for p in /proc/[0-9]*; do if grep -q 'org.apache.spark.deploy.Spark[S]ubmit'"
                + " \"$p/cmdline\" 2>/dev/null; then kill -"
                + signal
                + " \"${p#/proc/}\" && echo \"${p#/proc/}\"; fi; done");
    assertThat(pids.strip()).as("the driver's process in %s", pod).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> dataPath() {
    GenericKubernetesResource library =
        client.genericKubernetesResources(LIBRARIES).inNamespace(NAMESPACE).withName(LIBRARY).get();
    Map<String, Object> status =
        (Map<String, Object>) library.getAdditionalProperties().get("status");
    Map<String, Object> path = (Map<String, Object>) status.get("dataPath");
    return path == null ? Map.of() : path;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> feature(String name) {
    GenericKubernetesResource library =
        client.genericKubernetesResources(LIBRARIES).inNamespace(NAMESPACE).withName(LIBRARY).get();
    Map<String, Object> status =
        (Map<String, Object>) library.getAdditionalProperties().get("status");
    return ((Map<String, Map<String, Object>>) status.get("features")).get(name);
  }

  private long generation() {
    return client
        .genericKubernetesResources(LIBRARIES)
        .inNamespace(NAMESPACE)
        .withName(LIBRARY)
        .get()
        .getMetadata()
        .getGeneration();
  }

  private Map<String, Object> rawCondition(String type) {
    return conditions().stream()
        .filter(c -> type.equals(c.get("type")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  private Condition condition(String type) {
    return conditions().stream()
        .filter(c -> type.equals(c.get("type")))
        .findFirst()
        .map(
            c -> {
              Condition condition = new Condition();
              condition.setType(type);
              condition.setStatus((String) c.get("status"));
              condition.setMessage((String) c.get("message"));
              condition.setReason((String) c.get("reason"));
              condition.setLastTransitionTime((String) c.get("lastTransitionTime"));
              return condition;
            })
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  private void printReadinessPerComponent() {
    GenericKubernetesResource library =
        client.genericKubernetesResources(LIBRARIES).inNamespace(NAMESPACE).withName(LIBRARY).get();
    Instant created = Instant.parse(library.getMetadata().getCreationTimestamp());
    for (Map<String, Object> c : conditions()) {
      if ("True".equals(c.get("status")) && ((String) c.get("type")).endsWith("Ready")) {
        Instant at = Instant.parse((String) c.get("lastTransitionTime"));
        System.out.printf(
            "Real-node figure: %s %d s after the library was created%n",
            c.get("type"), Duration.between(created, at).toSeconds());
      }
    }
  }

  /** The node's "Allocated resources" as kubectl describes them (requests and limits). */
  private String allocatedOnTheNode() {
    String describe = cluster.kubectl("describe", "node");
    int start = describe.indexOf("Allocated resources:");
    int end = describe.indexOf("Events:", start);
    return start < 0 ? describe : describe.substring(start, end < 0 ? describe.length() : end);
  }
}
