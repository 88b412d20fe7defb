#!/usr/bin/env bash
# kafka-get-offsets.sh: Kafka's org.apache.kafka.tools.GetOffsetShell on the image's jars.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.GetOffsetShell "$@"
