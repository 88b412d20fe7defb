package io.legerible.sparkjobs.platform;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A job's configuration: the platform's environment variables, each overridable on the command line
 * as {@code --name=value} where {@code name} is the variable without its {@code LEGERIBLE_} prefix,
 * lower-cased, with dashes ({@code LEGERIBLE_RANKING_TRIGGER_SECONDS} → {@code
 * --ranking-trigger-seconds=2}).
 */
public final class JobSettings {

  private static final String PREFIX = "LEGERIBLE_";

  private final Map<String, String> values;

  private JobSettings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Settings from {@code environment}, overridden by {@code args}. */
  public static JobSettings from(Map<String, String> environment, String... args) {
    Map<String, String> values = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX) && value != null && !value.isBlank()) {
            values.put(name, value.strip());
          }
        });
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 3) {
        throw new IllegalArgumentException(
            "Unrecognised argument '"
                + arg
                + "': options are --name=value, e.g. --ranking-trigger-seconds=2 for"
                + " LEGERIBLE_RANKING_TRIGGER_SECONDS");
      }
      values.put(variableName(arg.substring(2, equals)), arg.substring(equals + 1).strip());
    }
    return new JobSettings(values);
  }

  /** The environment variable an option stands for: {@code kafka-bootstrap-servers} → name. */
  public static String variableName(String option) {
    return PREFIX + option.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The command-line option of an environment variable. */
  public static String optionName(String variable) {
    if (!variable.startsWith(PREFIX)) {
      throw new IllegalArgumentException(variable + " is not a platform variable");
    }
    return "--" + variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The value of {@code variable}, if set and not blank. */
  public Optional<String> find(String variable) {
    return Optional.ofNullable(values.get(variable));
  }

  /** The value of {@code variable}, or {@code fallback}. */
  public String get(String variable, String fallback) {
    return find(variable).orElse(fallback);
  }

  /** The value of a required {@code variable}; the error names both ways of setting it. */
  public String require(String variable) {
    return find(variable)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Missing setting: set the environment variable "
                        + variable
                        + " or pass "
                        + optionName(variable)
                        + "=..."));
  }

  /** An integer setting. */
  public int getInt(String variable, int fallback) {
    return find(variable).map(value -> parse(variable, value, Integer::parseInt)).orElse(fallback);
  }

  /** A decimal setting. */
  public double getDouble(String variable, double fallback) {
    return find(variable)
        .map(value -> parse(variable, value, Double::parseDouble))
        .orElse(fallback);
  }

  /** All values, for passing on to a child process. */
  public Map<String, String> asMap() {
    return values;
  }

  private static <T> T parse(
      String variable, String value, java.util.function.Function<String, T> f) {
    try {
      return f.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a number, got '" + value + "'", e);
    }
  }
}
