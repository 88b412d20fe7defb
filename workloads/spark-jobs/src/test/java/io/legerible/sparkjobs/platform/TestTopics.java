package io.legerible.sparkjobs.platform;

import io.legerible.contracts.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The ranking stream's topics on a test Kafka. */
public final class TestTopics {

  private TestTopics() {}

  /** Creates the loans topic with {@code partitions} partitions and its dead-letter topic. */
  public static void createLoanTopics(String bootstrapServers, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(Topics.LOANS, partitions, (short) 1),
                  new NewTopic(Topics.LOANS_DEAD_LETTER, 1, (short) 1)))
          .all()
          .get();
    }
  }
}
