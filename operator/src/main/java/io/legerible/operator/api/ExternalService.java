package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A service run outside the operator: where it listens and which Secret holds its credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalService {

  @JsonPropertyDescription("Endpoints as host:port, e.g. db.example.org:5432.")
  @Size(min = 1, max = 16)
  public List<@Pattern("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:[0-9]{1,5}$") String> endpoints;

  @JsonPropertyDescription(
      "Name of a Secret in the library's namespace with keys 'username' and 'password'"
          + " (kubernetes.io/basic-auth); empty when the service needs no credentials.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  public String credentialsSecret;
}
