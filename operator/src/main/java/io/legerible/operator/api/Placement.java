package io.legerible.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Where a component's pods may run: the nodes they require, the taints they tolerate, priority. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Placement {

  @JsonPropertyDescription(
      "Node labels the pods require (a pod's spec.nodeSelector), e.g. {disktype: ssd}; a pod no"
          + " node matches stays Pending and its component reports Unschedulable.")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Node taints the pods tolerate (a pod's spec.tolerations), at most 32.")
  // Bounded so that the API server can afford the CEL rules of each toleration.
  @Size(max = 32)
  public List<Toleration> tolerations;

  @JsonPropertyDescription(
      "PriorityClass of the pods; it must exist, or the API server refuses to create them.")
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  public String priorityClassName;

  /** One tolerated taint, as in a pod's spec.tolerations. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "!has(self.operator) || self.operator != 'Exists' || !has(self.value)"
              + " || size(self.value) == 0",
      message = "a toleration with operator Exists matches every value: remove its value")
  @ValidationRule(
      value =
          "(has(self.key) && size(self.key) > 0) || (has(self.operator) && self.operator =="
              + " 'Exists')",
      message =
          "a toleration without a key must have operator Exists (it then tolerates every taint)")
  @ValidationRule(
      value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
      message = "tolerationSeconds applies only to a toleration with effect NoExecute")
  public static class Toleration {

    @JsonPropertyDescription("Taint key to tolerate; empty with operator Exists for every taint.")
    @Size(max = 317)
    public String key;

    @JsonPropertyDescription("Equal (the default: key and value match) or Exists (any value).")
    public TolerationOperator operator;

    @JsonPropertyDescription("Taint value to match with operator Equal.")
    @Size(max = 63)
    public String value;

    @JsonPropertyDescription("Taint effect to tolerate; empty for every effect.")
    public TaintEffect effect;

    @JsonPropertyDescription(
        "With effect NoExecute: seconds the pods stay on a node after the taint is added.")
    @Min(0)
    public Long tolerationSeconds;
  }

  /** How a toleration matches a taint's value. */
  public enum TolerationOperator {
    @JsonProperty("Equal")
    EQUAL("Equal"),
    @JsonProperty("Exists")
    EXISTS("Exists");

    private final String value;

    TolerationOperator(String value) {
      this.value = value;
    }

    /** The value as written in a pod spec. */
    public String value() {
      return value;
    }
  }

  /** The effect of a taint, as in a pod spec. */
  public enum TaintEffect {
    @JsonProperty("NoSchedule")
    NO_SCHEDULE("NoSchedule"),
    @JsonProperty("PreferNoSchedule")
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    @JsonProperty("NoExecute")
    NO_EXECUTE("NoExecute");

    private final String value;

    TaintEffect(String value) {
      this.value = value;
    }

    /** The value as written in a pod spec. */
    public String value() {
      return value;
    }
  }
}
