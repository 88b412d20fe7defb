package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which catalogue the website loads on its first start. */
public enum Catalogue {
  @JsonProperty("goodbooks-10k")
  GOODBOOKS_10K("goodbooks-10k"),
  @JsonProperty("demo")
  DEMO("demo"),
  @JsonProperty("none")
  NONE("none");

  private final String value;

  Catalogue(String value) {
    this.value = value;
  }

  /** The value as written in the resource and passed to the website. */
  public String value() {
    return value;
  }
}
