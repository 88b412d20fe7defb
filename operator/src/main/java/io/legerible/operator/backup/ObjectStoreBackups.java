package io.legerible.operator.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The program that copies PostgreSQL's backups to an object store and fetches one back, run from
 * the operator's image by the backup Job ({@code upload}, after the dump is complete on the backups
 * claim) and by a restoring database pod ({@code fetch}, before the restore check). Both read their
 * settings from the environment the operator gives the container; both end with the outcome in the
 * container's termination message, which the status shows.
 */
public final class ObjectStoreBackups {

  /** S3 API URL; absent for AWS. */
  public static final String ENDPOINT_ENV = "OBJECT_STORE_ENDPOINT";

  /** The bucket's region. */
  public static final String REGION_ENV = "OBJECT_STORE_REGION";

  /** The bucket. */
  public static final String BUCKET_ENV = "OBJECT_STORE_BUCKET";

  /** The dumps' folder in the bucket, empty or ending in '/'. */
  public static final String PREFIX_ENV = "OBJECT_STORE_PREFIX";

  /** "true" to name the bucket in the path. */
  public static final String PATH_STYLE_ENV = "OBJECT_STORE_PATH_STYLE";

  /** The access key id (the AWS SDK's own variable). */
  public static final String ACCESS_KEY_ID_ENV = "AWS_ACCESS_KEY_ID";

  /** The secret access key (the AWS SDK's own variable). */
  public static final String SECRET_ACCESS_KEY_ENV = "AWS_SECRET_ACCESS_KEY";

  /** Where the dumps are: the backups claim ({@code upload}) or the restore's scratch volume. */
  public static final String BACKUP_DIR_ENV = "BACKUP_DIR";

  /** {@code upload}: the file in which the dump's run wrote {@code <file> <bytes>}. */
  public static final String DUMPED_ENV = "BACKUP_DUMPED";

  /** {@code upload}: how many copies to keep in the folder. */
  public static final String RETAIN_ENV = "BACKUP_RETAIN";

  /** {@code fetch}: the dump to fetch. */
  public static final String RESTORE_BACKUP_ENV = "RESTORE_BACKUP";

  /** {@code fetch}: the database's data directory; nothing is fetched when it holds a database. */
  public static final String PGDATA_ENV = "PGDATA";

  /** Where the outcome is written; the container's termination message by default. */
  public static final String TERMINATION_LOG_ENV = "TERMINATION_LOG";

  /** The names the backup schedule gives its dumps: the UTC time of the run. */
  static final Pattern DUMP_NAME = Pattern.compile("^[0-9]{8}T[0-9]{6}Z\\.dump$");

  private final Map<String, String> environment;

  ObjectStoreBackups(Map<String, String> environment) {
    this.environment = environment;
  }

  /** {@code upload} or {@code fetch}, with the settings in the environment. */
  public static void main(String[] args) {
    if (args.length != 1 || !List.of("upload", "fetch").contains(args[0])) {
      System.err.println("usage: ObjectStoreBackups upload|fetch (settings in the environment)");
      System.exit(2);
    }
    System.exit(new ObjectStoreBackups(System.getenv()).run(args[0]));
  }

  /** Runs {@code mode}; the exit status. */
  int run(String mode) {
    try (S3Client s3 = client()) {
      return mode.equals("upload") ? upload(s3) : fetch(s3);
    } catch (SdkException | IOException | UncheckedIOException | IllegalArgumentException e) {
      return fail(mode + " failed: " + e.getMessage());
    }
  }

  /**
   * Copies the dump the run just wrote, checks the stored size, then deletes all but the newest
   * {@code BACKUP_RETAIN} dumps in the folder (names sort by time). Reports {@code <file> <bytes>
   * s3://<bucket>/<key>}.
   */
  private int upload(S3Client s3) throws IOException {
    String[] dumped = Files.readString(Path.of(required(DUMPED_ENV))).strip().split(" ");
    String name = dumped[0];
    Path file = Path.of(required(BACKUP_DIR_ENV)).resolve(name);
    long size = Files.size(file);
    String key = prefix() + name;
    s3.putObject(
        put -> put.bucket(bucket()).key(key).contentLength(size), RequestBody.fromFile(file));
    long stored = s3.headObject(head -> head.bucket(bucket()).key(key)).contentLength();
    if (stored != size) {
      return fail(
          "copying " + name + " to " + location(key) + " stored " + stored + " bytes of " + size);
    }
    int retain = Integer.parseInt(required(RETAIN_ENV));
    List<String> older = dumps(s3).stream().sorted(Comparator.reverseOrder()).skip(retain).toList();
    for (String old : older) {
      s3.deleteObject(delete -> delete.bucket(bucket()).key(old));
    }
    System.out.printf(
        "copied %s (%d bytes) to %s; deleted %d older copies%n",
        name, size, location(key), older.size());
    report(name + " " + size + " " + location(key));
    return 0;
  }

  /**
   * Fetches {@code RESTORE_BACKUP} into {@code BACKUP_DIR} for the restore, unless the data
   * directory already holds a database (a restore happens on an empty one only).
   */
  private int fetch(S3Client s3) throws IOException {
    Path pgdata = Path.of(required(PGDATA_ENV));
    Path version = pgdata.resolve("PG_VERSION");
    if (Files.exists(version) && Files.size(version) > 0) {
      System.out.println("the database exists: nothing to fetch");
      return 0;
    }
    String backup = required(RESTORE_BACKUP_ENV);
    String key = prefix() + backup;
    Path dir = Path.of(required(BACKUP_DIR_ENV));
    Path partial = dir.resolve("." + backup + ".partial");
    Files.deleteIfExists(partial);
    try {
      s3.getObject(get -> get.bucket(bucket()).key(key), ResponseTransformer.toFile(partial));
    } catch (NoSuchKeyException e) {
      List<String> newest =
          dumps(s3).stream()
              .sorted(Comparator.reverseOrder())
              .limit(3)
              .map(found -> found.substring(prefix().length()))
              .toList();
      return fail(
          "restoreFrom: "
              + location(prefix())
              + " has no backup "
              + backup
              + "; name one of its dumps (status.postgresBackup.file of the library that made it)"
              + (newest.isEmpty() ? ", it has none" : ", e.g. " + String.join(", ", newest)));
    }
    Files.move(partial, dir.resolve(backup), StandardCopyOption.ATOMIC_MOVE);
    System.out.printf(
        "fetched %s (%d bytes) from %s%n", backup, Files.size(dir.resolve(backup)), location(key));
    return 0;
  }

  /** The keys of the folder's dumps (not of deeper folders, nor of other files). */
  private List<String> dumps(S3Client s3) {
    return s3.listObjectsV2Paginator(list -> list.bucket(bucket()).prefix(prefix())).stream()
        .flatMap(page -> page.contents().stream())
        .map(S3Object::key)
        .filter(key -> DUMP_NAME.matcher(key.substring(prefix().length())).matches())
        .toList();
  }

  private S3Client client() {
    String endpoint = environment.get(ENDPOINT_ENV);
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(required(REGION_ENV)))
            .forcePathStyle(Boolean.parseBoolean(environment.get(PATH_STYLE_ENV)))
            .credentialsProvider(credentials());
    if (endpoint != null && !endpoint.isBlank()) {
      // S3-compatible stores do not all accept the checksums AWS's SDK now adds by default.
      builder
          .endpointOverride(URI.create(endpoint))
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    String id = environment.get(ACCESS_KEY_ID_ENV);
    return id == null || id.isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(id, required(SECRET_ACCESS_KEY_ENV)));
  }

  private String bucket() {
    return required(BUCKET_ENV);
  }

  private String prefix() {
    return environment.getOrDefault(PREFIX_ENV, "");
  }

  private String location(String key) {
    return "s3://" + bucket() + "/" + key;
  }

  private String required(String name) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }

  private int fail(String message) {
    System.err.println(message);
    report(message);
    return 1;
  }

  private void report(String message) {
    Path log = Path.of(environment.getOrDefault(TERMINATION_LOG_ENV, "/dev/termination-log"));
    try {
      Files.writeString(log, message + "\n");
    } catch (IOException e) {
      System.err.println("cannot write the termination message to " + log + ": " + e);
    }
  }
}
