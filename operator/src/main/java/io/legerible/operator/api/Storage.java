package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A persistent volume claim template: a size that may only grow and a class fixed once set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Storage {

  @JsonPropertyDescription(
      "Size of each replica's volume, e.g. 1Gi. May grow, never shrink: the operator grows a"
          + " StatefulSet's claims when their StorageClass allows volume expansion.")
  @Default("1Gi")
  @Pattern("^[1-9][0-9]*(Mi|Gi|Ti)$")
  // The pattern bounds the string in fact; the bound tells CEL's cost estimator so too.
  @Size(max = 16)
  @ValidationRule(
      value = "quantity(self).compareTo(quantity(oldSelf)) >= 0",
      messageExpression =
          "'storage size cannot shrink from ' + oldSelf + ' to ' + self + ': a volume never"
              + " shrinks; keep at least ' + oldSelf + ', or create a new library and move the"
              + " data to use a smaller volume'")
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
