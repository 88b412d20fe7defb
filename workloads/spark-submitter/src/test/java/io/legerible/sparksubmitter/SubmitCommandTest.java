package io.legerible.sparksubmitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitCommandTest {

  @Test
  void anUnknownJobExitsAsAConfigurationErrorWhoseLastLineSaysWhy() throws Exception {
    PrintStream standardError = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = SubmitCommand.run(new String[] {"submit", "recommendation"}, Map.of());
    } finally {
      System.setErr(standardError);
    }

    assertThat(exit).isEqualTo(ExitCodes.CONFIGURATION);
    List<String> lines = captured.toString(StandardCharsets.UTF_8).strip().lines().toList();
    assertThat(lines.get(0)).startsWith("usage: submit");
    assertThat(lines.get(lines.size() - 1))
        .as("a failed run's last log line is the cause its library's status shows")
        .startsWith("legerible-submitter: Unknown job 'recommendation'");
  }
}
