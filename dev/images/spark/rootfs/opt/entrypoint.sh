#!/usr/bin/env bash
# Entrypoint of the Spark stand-in: the apache/spark image's /opt/entrypoint.sh contract (README.md
# lists each item), written for this image. Spark on Kubernetes starts its pods with
#   driver ARGS...    spark-submit in client mode inside the driver pod, bound to
#                     SPARK_DRIVER_BIND_ADDRESS, under tini
#   executor          KubernetesExecutorBackend from SPARK_EXECUTOR_* / SPARK_DRIVER_URL /
#                     SPARK_APPLICATION_ID / SPARK_RESOURCE_PROFILE_ID, under tini
# and anything else is exec'ed as given (the workloads image's `submit`, `book-feed`).
set -eo pipefail

# A uid without a passwd entry (pods may run as any uid) gets one through nss_wrapper, so Java and
# Hadoop can name the user.
fake_passwd_entry() {
  local uid gid wrapper
  uid="$(id -u)"
  getent passwd "$uid" > /dev/null 2>&1 && return 0
  for wrapper in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so; do
    [[ -s $wrapper ]] || continue
    gid="$(id -g)"
    NSS_WRAPPER_PASSWD="$(mktemp)"
    NSS_WRAPPER_GROUP="$(mktemp)"
    export LD_PRELOAD="$wrapper" NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
    printf 'spark:x:%s:%s:%s:%s:/bin/false\n' "$uid" "$gid" "${SPARK_USER_NAME:-anonymous uid}" "$SPARK_HOME" \
      > "$NSS_WRAPPER_PASSWD"
    printf 'spark:x:%s:\n' "$gid" > "$NSS_WRAPPER_GROUP"
    return 0
  done
}

# Started as root (no runAsUser): run as spark.
as_spark() {
  if [[ $(id -u) == 0 ]]; then
    exec setpriv --reuid=spark --regid=spark --init-groups "$@"
  fi
  exec "$@"
}

if [[ -z $JAVA_HOME ]]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi

SPARK_CLASSPATH="$SPARK_CLASSPATH:$SPARK_HOME/jars/*"
if [[ -n $SPARK_EXTRA_CLASSPATH ]]; then
  SPARK_CLASSPATH="$SPARK_CLASSPATH:$SPARK_EXTRA_CLASSPATH"
fi
if [[ -n ${HADOOP_CONF_DIR+set} ]]; then
  SPARK_CLASSPATH="$HADOOP_CONF_DIR:$SPARK_CLASSPATH"
fi
if [[ -n ${SPARK_CONF_DIR+set} ]]; then
  SPARK_CLASSPATH="$SPARK_CONF_DIR:$SPARK_CLASSPATH"
else
  SPARK_CLASSPATH="$SPARK_HOME/conf:$SPARK_CLASSPATH"
fi
# Executors also load classes from their working directory (SPARK-43540).
SPARK_CLASSPATH="$SPARK_CLASSPATH:$PWD"

# SPARK_JAVA_OPT_0, _1, ...: the executor's JVM options, in index order.
executor_java_opts=()
while IFS= read -r name; do
  executor_java_opts+=("${!name}")
done < <(compgen -v SPARK_JAVA_OPT_ | sort -t _ -k 4 -n)

case "$1" in
  driver)
    shift
    fake_passwd_entry
    as_spark /usr/bin/tini -s -- "$SPARK_HOME/bin/spark-submit" \
      --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" \
      --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client "$@"
    ;;
  executor)
    shift
    fake_passwd_entry
    as_spark /usr/bin/tini -s -- "$JAVA_HOME/bin/java" "${executor_java_opts[@]}" \
      -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" \
      -cp "$SPARK_CLASSPATH:$SPARK_DIST_CLASSPATH" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" --executor-id "$SPARK_EXECUTOR_ID" \
      --cores "$SPARK_EXECUTOR_CORES" --app-id "$SPARK_APPLICATION_ID" \
      --hostname "$SPARK_EXECUTOR_POD_IP" --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" \
      --podName "$SPARK_EXECUTOR_POD_NAME"
    ;;
  *)
    exec "$@"
    ;;
esac
