#!/usr/bin/env bash
# kafka-console-producer.sh: Kafka's org.apache.kafka.tools.ConsoleProducer on the image's jars.
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512M}
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ConsoleProducer "$@"
