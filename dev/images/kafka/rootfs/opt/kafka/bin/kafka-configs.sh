#!/usr/bin/env bash
# kafka-configs.sh: Kafka's kafka.admin.ConfigCommand on the image's jars.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
