package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** A persistent volume claim template: size and storage class, both fixed once set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage {

  @JsonPropertyDescription(
      "Size of each replica's volume, e.g. 1Gi. Immutable once set: a StatefulSet cannot resize"
          + " its claims.")
  @Default("1Gi")
  @Pattern("^[1-9][0-9]*(Mi|Gi|Ti)$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "storage size is immutable once set; create a new library to change it")
  public String size = "1Gi";

  @JsonPropertyDescription(
      "StorageClass of the claims; empty for the cluster's default. Immutable once set.")
  @ValidationRule(
      value = "self == oldSelf",
      message = "storage class is immutable once set; create a new library to change it")
  public String storageClass;

  /** Storage of the given size and the cluster's default class. */
  public static Storage ofSize(String size) {
    Storage storage = new Storage();
    storage.size = size;
    return storage;
  }
}
