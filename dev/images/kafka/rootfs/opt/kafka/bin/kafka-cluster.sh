#!/usr/bin/env bash
# kafka-cluster.sh: Kafka's org.apache.kafka.tools.ClusterTool on the image's jars.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ClusterTool "$@"
