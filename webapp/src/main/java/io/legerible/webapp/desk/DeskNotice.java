package io.legerible.webapp.desk;

import java.io.Serializable;
import java.util.List;

/** What a desk action did, as a message key and its arguments, shown once after the redirect. */
record DeskNotice(String key, List<String> args, boolean warning) implements Serializable {

  static DeskNotice done(String key, String... args) {
    return new DeskNotice(key, List.of(args), false);
  }

  static DeskNotice refused(String key, String... args) {
    return new DeskNotice(key, List.of(args), true);
  }

  /** The arguments as the message source wants them. */
  public Object[] arguments() {
    return args.toArray();
  }
}
