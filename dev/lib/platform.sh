# The local platform's layout, shared by dev/up, dev/down and dev/status. Sourced, never executed.
# Each process has a pid file under $PLATFORM_RUN and a log under $PLATFORM_LOGS; data persists in
# $LEGERIBLE_DATA between runs.

# PostgreSQL runs as the `postgres` OS user when we are root, so root's data must live where that
# user can enter (not under /root, which is 700).
if [[ $EUID -eq 0 ]]; then
  LEGERIBLE_DATA="${LEGERIBLE_DATA:-/var/lib/legerible}"
else
  LEGERIBLE_DATA="${LEGERIBLE_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/legerible}"
fi
PLATFORM_RUN="$LEGERIBLE_DATA/run"
PLATFORM_LOGS="$LEGERIBLE_DATA/logs"
PLATFORM_SECRETS="$LEGERIBLE_DATA/secrets"

# Loopback ports; override any of them through the environment.
POSTGRES_PORT="${LEGERIBLE_POSTGRES_PORT:-55432}"
MEMCACHED_PORT="${LEGERIBLE_MEMCACHED_PORT:-11211}"
KAFKA_PORT="${LEGERIBLE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${LEGERIBLE_KAFKA_CONTROLLER_PORT:-9093}"
CASSANDRA_PORT="${LEGERIBLE_CASSANDRA_PORT:-9042}"
CASSANDRA_STORAGE_PORT="${LEGERIBLE_CASSANDRA_STORAGE_PORT:-7000}"
CASSANDRA_JMX_PORT="${LEGERIBLE_CASSANDRA_JMX_PORT:-7199}"
WEBAPP_PORT="${LEGERIBLE_WEBAPP_PORT:-8080}"
FEED_PORT="${LEGERIBLE_FEED_PORT:-8081}"

# Every process of the platform, in start order (dev/down stops them in reverse).
PLATFORM_PROCESSES=(memcached postgres kafka cassandra webapp ranking-stream recommendations-schedule book-feed)

pid_file() { echo "$PLATFORM_RUN/$1.pid"; }

# Prints the pid of a running platform process, or nothing.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2> /dev/null; then echo "$pid"; fi
}

port_answers() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
