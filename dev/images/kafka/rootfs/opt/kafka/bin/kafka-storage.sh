#!/usr/bin/env bash
# kafka-storage.sh: Kafka's kafka.tools.StorageTool on the image's jars.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
