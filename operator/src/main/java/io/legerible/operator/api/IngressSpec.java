package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where the website is reachable from outside the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {

  @JsonPropertyDescription("Host name of the website, e.g. library.example.org.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  public String host;

  @JsonPropertyDescription("IngressClass to use; empty for the cluster's default class.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  public String className;

  @JsonPropertyDescription("Name of a TLS Secret for the host; empty for plain HTTP.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  public String tlsSecret;
}
