package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A bucket of an S3-compatible object store that PostgreSQL's backups are copied to or read from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectStore {

  /** The keys the credentials Secret must hold. */
  public static final String ACCESS_KEY_ID_KEY = "access-key-id";

  /** The secret half of the credentials. */
  public static final String SECRET_ACCESS_KEY_KEY = "secret-access-key";

  @JsonPropertyDescription(
      "The S3 API's URL for a store other than AWS's (MinIO, Ceph, a cloud's S3-compatible"
          + " service), e.g. http://minio.storage.svc:9000; absent: AWS S3 in the given region.")
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  public String endpoint;

  @JsonPropertyDescription("The bucket's region (AWS's signing region for other stores).")
  @Default("us-east-1")
  @Pattern("^[a-z0-9-]+$")
  public String region = "us-east-1";

  @JsonPropertyDescription("The bucket, which must exist.")
  @Required
  @Size(min = 3, max = 63)
  @Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
  public String bucket;

  @JsonPropertyDescription(
      "The folder of the dumps in the bucket, ending in '/'; absent: <namespace>/<library>/, so"
          + " that libraries can share a bucket.")
  @Size(max = 512)
  @Pattern("^([^/\\s][^\\s]*/)?$")
  public String prefix;

  @JsonPropertyDescription(
      "Secret in the library's namespace with the keys access-key-id and secret-access-key;"
          + " absent: the pods' own AWS credentials (web identity, instance profile).")
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  public String credentialsSecret;

  @JsonPropertyDescription(
      "Address the bucket in the path (endpoint/bucket/key) rather than in the host name; absent:"
          + " path style exactly when an endpoint is given (what S3-compatible stores expect).")
  public Boolean pathStyle;

  /** Whether requests name the bucket in the path. */
  public boolean usesPathStyle() {
    return pathStyle != null ? pathStyle : endpoint != null;
  }

  /**
   * The store at {@code endpoint} (null for AWS), bucket {@code bucket}, with these credentials.
   */
  public static ObjectStore of(String endpoint, String bucket, String credentialsSecret) {
    ObjectStore store = new ObjectStore();
    store.endpoint = endpoint;
    store.bucket = bucket;
    store.credentialsSecret = credentialsSecret;
    return store;
  }
}
