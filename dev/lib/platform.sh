# The local platform's layout, shared by dev/up, dev/down and dev/status. Sourced, never executed.
# Each process has a pid file under $PLATFORM_RUN and a log under $PLATFORM_LOGS; data persists in
# $LEGERIBLE_DATA between runs.
#
# Two kinds of LEGERIBLE_* variables appear in these scripts:
# - the configuration contract handed to the processes: only names defined in
#   io.legerible.contracts.PlatformEnvironment (a unit test in dev/e2e checks it);
# - knobs of the scripts themselves, never handed to a process: exactly the names in
#   PLATFORM_KNOBS below.
PLATFORM_KNOBS=(
  LEGERIBLE_DATA                 # where data, logs, pid files and secrets live
  LEGERIBLE_TOOLS                # where dev/setup-services keeps the server jars (dev/lib/common.sh)
  LEGERIBLE_SKIP_BUILD           # 1: use the jars already built, never run Maven
  LEGERIBLE_RECOMMENDATIONS_EVERY_SECONDS  # pause between two recommendations runs (600)
  LEGERIBLE_POSTGRES_PORT LEGERIBLE_MEMCACHED_PORT LEGERIBLE_KAFKA_PORT
  LEGERIBLE_KAFKA_CONTROLLER_PORT LEGERIBLE_CASSANDRA_PORT LEGERIBLE_CASSANDRA_STORAGE_PORT
  LEGERIBLE_CASSANDRA_JMX_PORT LEGERIBLE_WEBAPP_PORT
)

# PostgreSQL runs as the `postgres` OS user when we are root, so root's data must live where that
# user can enter (not under /root, which is 700).
if [[ $EUID -eq 0 ]]; then
  LEGERIBLE_DATA="${LEGERIBLE_DATA:-/var/lib/legerible}"
else
  LEGERIBLE_DATA="${LEGERIBLE_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/legerible}"
fi
mkdir -p "$LEGERIBLE_DATA"
LEGERIBLE_DATA="$(cd "$LEGERIBLE_DATA" && pwd)"
PLATFORM_RUN="$LEGERIBLE_DATA/run"
PLATFORM_LOGS="$LEGERIBLE_DATA/logs"
PLATFORM_SECRETS="$LEGERIBLE_DATA/secrets"

# Loopback ports. dev/up records the ones it used in $PLATFORM_RUN/ports, so dev/status and dev/down
# find a running platform without the same environment; the environment overrides either.
if [[ -f "$PLATFORM_RUN/ports" ]]; then
  # shellcheck disable=SC1091
  source "$PLATFORM_RUN/ports"
fi
POSTGRES_PORT="${LEGERIBLE_POSTGRES_PORT:-${POSTGRES_PORT:-55432}}"
MEMCACHED_PORT="${LEGERIBLE_MEMCACHED_PORT:-${MEMCACHED_PORT:-11211}}"
KAFKA_PORT="${LEGERIBLE_KAFKA_PORT:-${KAFKA_PORT:-9092}}"
KAFKA_CONTROLLER_PORT="${LEGERIBLE_KAFKA_CONTROLLER_PORT:-${KAFKA_CONTROLLER_PORT:-9093}}"
CASSANDRA_PORT="${LEGERIBLE_CASSANDRA_PORT:-${CASSANDRA_PORT:-9042}}"
CASSANDRA_STORAGE_PORT="${LEGERIBLE_CASSANDRA_STORAGE_PORT:-${CASSANDRA_STORAGE_PORT:-7000}}"
CASSANDRA_JMX_PORT="${LEGERIBLE_CASSANDRA_JMX_PORT:-${CASSANDRA_JMX_PORT:-7199}}"
WEBAPP_PORT="${LEGERIBLE_WEBAPP_PORT:-${WEBAPP_PORT:-8080}}"

save_ports() {
  local name
  for name in POSTGRES_PORT MEMCACHED_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT CASSANDRA_PORT \
    CASSANDRA_STORAGE_PORT CASSANDRA_JMX_PORT WEBAPP_PORT; do
    printf '%s=%s\n' "$name" "${!name}"
  done > "$PLATFORM_RUN/ports"
}

# Every process of the platform, in start order: the services, then what uses them (dev/down stops
# the second tier first).
PLATFORM_SERVICES=(memcached postgres kafka cassandra)
PLATFORM_APPLICATIONS=(webapp ranking-stream book-feed recommendations-schedule)
PLATFORM_PROCESSES=("${PLATFORM_SERVICES[@]}" "${PLATFORM_APPLICATIONS[@]}")

pid_file() { echo "$PLATFORM_RUN/$1.pid"; }

# The start time of a process (clock ticks since boot, /proc/PID/stat field 22): with the pid it
# identifies the process, so a pid reused by another program after a reboot is never signalled.
process_start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2> /dev/null)" || return 0
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# record_pid <name> <pid>: remembers a process dev/up started.
record_pid() {
  echo "$2 $(process_start_time "$2")" > "$(pid_file "$1")"
}

# Prints the pid of a running platform process, or nothing.
running_pid() {
  local file pid started
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 0
  read -r pid started < "$file" || true
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2> /dev/null && [[ "$(process_start_time "$pid")" == "$started" ]]; then
    echo "$pid"
  fi
}

# Prints a process and all its descendants, one pid a line.
process_tree() {
  local child
  echo "$1"
  for child in $(cat /proc/"$1"/task/*/children 2> /dev/null); do
    process_tree "$child"
  done
}

port_answers() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# The website's readiness probe (PostgreSQL reachable, schema migrated, catalogue loaded).
webapp_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$WEBAPP_PORT/actuator/health/readiness"; }

postgres_ready() { /usr/lib/postgresql/15/bin/pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT" -t 2; }

# The ranking stream runs once Spark started its query (loan-ranking).
ranking_stream_ready() {
  grep -q 'Stream started from' "$PLATFORM_LOGS/ranking-stream.log" 2> /dev/null
}
