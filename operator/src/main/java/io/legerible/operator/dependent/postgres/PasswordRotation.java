package io.legerible.operator.dependent.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.ManagedPostgres;
import io.legerible.operator.config.DefaultImages;
import io.legerible.operator.dependent.GeneratedPasswords;
import io.legerible.operator.dependent.PodPlacement;
import io.legerible.operator.dependent.PodTemplates;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.dependent.platform.ConnectionContract;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import io.legerible.operator.status.OperationInProgress;
import io.legerible.operator.status.Readiness;
import io.legerible.operator.status.WorkloadReadiness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rotation of the database user's generated password, asked for by a new value of {@code
 * postgres.managed.passwordRotation}. A next password is kept in the credentials Secret, a Job
 * gives the role that password as the superuser, and only then does the Secret's {@code password}
 * change, which rolls exactly the programs that read it (their templates hash that key, the
 * server's does not). A next password, once made, is always carried through, so the role and the
 * Secret never disagree for longer than one rollout.
 */
public final class PasswordRotation {

  /** On the credentials Secret: the rotation its password answers; on the Job: the one it runs. */
  public static final String ROTATION_ANNOTATION = "legerible.io/password-rotation";

  /** On the credentials Secret: the rotation its next password was made for. */
  public static final String NEXT_ROTATION_ANNOTATION = "legerible.io/next-password-rotation";

  /** Key of the next password in the credentials Secret, read only by the rotation Job. */
  public static final String NEXT_PASSWORD_KEY = "next-password";

  /** Reason of SpecApplied=False while a rotation is under way. */
  public static final String ROTATING = "PasswordRotating";

  /** Reason of SpecApplied=False while the role could not be given its next password. */
  public static final String FAILED = "PasswordRotationFailed";

  /** How long a failed Job stays for everyone to read before it is run again. */
  public static final Duration RETRY_AFTER = Duration.ofMinutes(2);

  /** What a reconciliation does for the rotation. */
  public enum Action {
    /** Nothing to do. */
    NONE,
    /** Write a next password into the Secret. */
    GENERATE,
    /** Wait: for the database, or for the Job. */
    WAIT,
    /** Start the Job giving the role its next password. */
    CREATE_JOB,
    /** Delete a Job that is done with (finished, failed long enough, or for another rotation). */
    DELETE_JOB,
    /** The role has its next password: make it the Secret's password. */
    SWAP
  }

  /**
   * One step: what to do, for which rotation, and what SpecApplied says meanwhile (a null reason:
   * nothing to say).
   */
  public record Step(Action action, String rotation, String reason, String message) {

    /** No rotation under way. */
    public static Step none() {
      return new Step(Action.NONE, null, null, null);
    }

    /** What SpecApplied shows of this step, if anything. */
    public Optional<OperationInProgress> inProgress() {
      return reason == null
          ? Optional.empty()
          : Optional.of(new OperationInProgress(reason, "the database password: " + message));
    }

    /** Whether the rotation is held up by a failed Job. */
    public boolean failed() {
      return FAILED.equals(reason);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private PasswordRotation() {}

  /** Name of the rotation Job. */
  public static String jobName(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.POSTGRES_PASSWORD);
  }

  /**
   * The next step, judged from the spec, the credentials Secret and the rotation Job as the caches
   * hold them, whether the database takes connections, and now. Pure.
   */
  public static Step decide(
      LegeribleLibrary library,
      Secret credentials,
      Job job,
      List<Pod> pods,
      boolean databaseReady,
      Instant now) {
    if (!library.getSpec().postgres.managedByOperator() || credentials == null) {
      return Step.none();
    }
    ManagedPostgres postgres = library.getSpec().postgres.managed;
    String next = annotation(credentials, NEXT_ROTATION_ANNOTATION);
    boolean hasNext =
        next != null
            && credentials.getData() != null
            && credentials.getData().containsKey(NEXT_PASSWORD_KEY);
    if (!hasNext) {
      String requested = postgres.passwordRotation;
      if (requested != null && !requested.equals(annotation(credentials, ROTATION_ANNOTATION))) {
        return new Step(
            Action.GENERATE,
            requested,
            ROTATING,
            "a next password for role " + postgres.user + " is being generated");
      }
      return job == null ? Step.none() : new Step(Action.DELETE_JOB, null, null, null);
    }
    String role = "role " + postgres.user;
    if (job == null) {
      return databaseReady
          ? new Step(Action.CREATE_JOB, next, ROTATING, "giving " + role + " its next password")
          : new Step(
              Action.WAIT,
              next,
              ROTATING,
              "waiting for PostgreSQL to take connections to give " + role + " its next password");
    }
    if (!next.equals(annotation(job, ROTATION_ANNOTATION))) {
      return new Step(Action.DELETE_JOB, next, ROTATING, "giving " + role + " its next password");
    }
    Readiness run = WorkloadReadiness.job(jobName(library), job);
    if (run.ready()) {
      return new Step(
          Action.SWAP,
          next,
          ROTATING,
          role + " has its next password; the programs are rolled to it");
    }
    if ("JobFailed".equals(run.reason())) {
      Instant failedAt = failedAt(job);
      String cause =
          role
              + " could not be given its next password ("
              + WorkloadReadiness.failureCause(job, pods)
              + "); the programs keep the current one";
      if (failedAt == null || !now.isBefore(failedAt.plus(RETRY_AFTER))) {
        return new Step(Action.DELETE_JOB, next, FAILED, cause + ", trying again now");
      }
      return new Step(
          Action.WAIT, next, FAILED, cause + ", trying again at " + failedAt.plus(RETRY_AFTER));
    }
    return new Step(
        Action.WAIT,
        next,
        ROTATING,
        "giving " + role + " its next password (Job " + jobName(library) + ")");
  }

  /**
   * Reads the Secret and the Job of {@code library} from the caches, decides and carries out the
   * step with {@code client}; returns the step for the status.
   */
  public static Step advance(
      LegeribleLibrary library,
      Context<LegeribleLibrary> context,
      boolean databaseReady,
      DefaultImages images,
      Instant now) {
    String secretName = LibraryNaming.postgresCredentials(library);
    Secret credentials =
        context
            .getSecondaryResourcesAsStream(Secret.class)
            .filter(secret -> secretName.equals(secret.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    String jobName = jobName(library);
    Job job =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> jobName.equals(j.getMetadata().getName()))
            .findFirst()
            .orElse(null);
    Step step =
        decide(
            library,
            credentials,
            job,
            List.copyOf(context.getSecondaryResources(Pod.class)),
            databaseReady,
            now);
    KubernetesClient client = context.getClient();
    String namespace = library.getMetadata().getNamespace();
    switch (step.action()) {
      case GENERATE ->
          patchSecret(
              client,
              credentials,
              Map.of(NEXT_PASSWORD_KEY, encode(GeneratedPasswords.newPassword())),
              Map.of(NEXT_ROTATION_ANNOTATION, step.rotation()));
      case CREATE_JOB -> {
        Job created = job(library, step.rotation(), images);
        created.addOwnerReference(library);
        client.resource(created).inNamespace(namespace).create();
      }
      case DELETE_JOB ->
          client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      case SWAP -> {
        String password = decode(credentials.getData().get(NEXT_PASSWORD_KEY));
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ConnectionContract.PASSWORD_KEY, encode(password));
        data.put(
            PostgresCredentialsDependentResource.ROLE_SCRIPT_KEY,
            encode(PostgresCredentialsDependentResource.roleScript(library, password)));
        data.put(NEXT_PASSWORD_KEY, null);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ROTATION_ANNOTATION, step.rotation());
        annotations.put(NEXT_ROTATION_ANNOTATION, null);
        patchSecret(client, credentials, data, annotations);
        client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      }
      case NONE, WAIT -> {}
    }
    return step;
  }

  /**
   * The Job giving the role the next password of {@code rotation}: on the database's own image, as
   * the superuser through the Service, placed like the database.
   */
  public static Job job(LegeribleLibrary library, String rotation, DefaultImages images) {
    ManagedPostgres postgres = library.getSpec().postgres.managed;
    Job job =
        Skeleton.load(
            PasswordRotation.class,
            "password-rotation-job.yaml",
            Job.class,
            library,
            Component.POSTGRES_PASSWORD,
            jobName(library));
    job.getMetadata().setAnnotations(Map.of(ROTATION_ANNOTATION, rotation));
    var template =
        PodTemplates.label(job.getSpec().getTemplate(), library, Component.POSTGRES_PASSWORD);
    PodPlacement.apply(template.getSpec(), postgres.placement);
    var container = PodTemplates.container(template, "rotate");
    container.setImage(DefaultImages.orDefault(postgres.image, images.postgres()));
    String secret = LibraryNaming.postgresCredentials(library);
    List<EnvVar> env = new ArrayList<>(container.getEnv());
    env.addAll(PostgresCredentialsDependentResource.superuserClient(library));
    env.add(new EnvVar("ROLE", postgres.user, null));
    env.add(ConnectionContract.fromSecret("NEXT_PASSWORD", secret, NEXT_PASSWORD_KEY, false));
    container.setEnv(env);
    return job;
  }

  /** Merge-patches data keys and annotations of the Secret; a null value removes the entry. */
  private static void patchSecret(
      KubernetesClient client,
      Secret secret,
      Map<String, String> data,
      Map<String, String> annotations) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("annotations", annotations);
    // The resource version makes a patch on a Secret changed since it was read fail, not clobber.
    metadata.put("resourceVersion", secret.getMetadata().getResourceVersion());
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    patch.put("data", data);
    client
        .secrets()
        .inNamespace(secret.getMetadata().getNamespace())
        .withName(secret.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), asJson(patch));
  }

  /** JSON keeping null values: in a merge patch they remove a key. */
  private static String asJson(Map<String, Object> patch) {
    try {
      return JSON.writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  private static Instant failedAt(Job job) {
    return job.getStatus().getConditions().stream()
        .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(JobCondition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .map(Instant::parse)
        .findFirst()
        .orElse(null);
  }

  private static String annotation(HasMetadata object, String key) {
    var annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
