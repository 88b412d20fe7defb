#!/usr/bin/env bash
# kafka-run-class.sh CLASS [ARGS...]: runs a Kafka class on /opt/kafka/libs, honouring Kafka's
# launcher variables: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS, KAFKA_LOG4J_OPTS,
# KAFKA_JMX_OPTS with JMX_PORT, CLASSPATH, JAVA_HOME.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 classname [opts]" >&2
  exit 1
fi
base="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="$base/libs/*${CLASSPATH:+:$CLASSPATH}"
read -r -a heap <<< "${KAFKA_HEAP_OPTS:--Xmx256M}"
read -r -a performance <<< "${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
read -r -a log4j <<< "${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base/config/tools-log4j2.properties}"
read -r -a opts <<< "${KAFKA_OPTS:-}"
jmx=()
if [[ -n ${JMX_PORT:-} ]]; then
  read -r -a jmx <<< "${KAFKA_JMX_OPTS:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false}"
  jmx+=("-Dcom.sun.management.jmxremote.port=$JMX_PORT" "-Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT")
fi
exec "$java" "${heap[@]}" "${performance[@]}" "${jmx[@]}" "${log4j[@]}" \
  "-Dkafka.logs.dir=${LOG_DIR:-$base/logs}" -cp "$classpath" "${opts[@]}" "$@"
