package io.legerible.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void handedOutPortsAreClosedAndNeverRepeated() {
    int first = FreePorts.next();
    int second = FreePorts.next();

    assertThat(first).isNotEqualTo(second);
    assertThat(FreePorts.isOpen(FreePorts.LOOPBACK, first)).isFalse();
  }
}
