# Shared by the start scripts in dev/services/: argument checks, JDK 17 lookup, template rendering.
# Sourced, never executed. Each start script prepares its data dir, then `exec`s the server in the
# foreground, so the caller's PID is the server's PID and its output goes to the caller's stdout/stderr.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$SERVICES_DIR/../.." && pwd)"
# shellcheck source=../../lib/common.sh
source "$ROOT/dev/lib/common.sh"

# Exit status meaning "a binary or jar is missing": the test kit turns it into MissingDependencyException.
MISSING_DEPENDENCY_STATUS=3

# Fails for a missing dependency; the message names the dev/ command that provides it.
missing() {
  printf 'MISSING: %s\n' "$*" >&2
  exit "$MISSING_DEPENDENCY_STATUS"
}

# Fails unless the named option was given a value: `require_option --port "$port"`.
require_option() {
  [[ -n "$2" ]] || fail "$(basename "$0"): missing $1 (see the usage at the top of $0)"
}

# Prints a JDK 17 java binary: $JAVA_HOME when it is a 17, else Debian's openjdk-17.
# Cassandra 5.0 dies on newer JDKs (SecurityManager removal), so the PATH's java is not trusted.
java17() {
  local home
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64; do
    if [[ -n "$home" && -x "$home/bin/java" && -f "$home/release" ]] \
      && grep -q '^JAVA_VERSION="17' "$home/release"; then
      echo "$home/bin/java"
      return
    fi
  done
  missing "no JDK 17 found (looked at \$JAVA_HOME and /usr/lib/jvm/java-17-openjdk-*): run dev/setup-packages"
}

# Prints the complete lib dir of a server provisioned by dev/setup-services, or fails naming it.
server_lib() {
  local server=$1 version=$2 lib="$LEGERIBLE_TOOLS/$1/$2/lib"
  [[ -f "$lib/.complete" ]] || missing "$server $version jars are missing in $lib: run dev/setup-services"
  echo "$lib"
}

# Copies a template to a file, replacing each @KEY@ given as KEY=value.
render() {
  local template=$1 target=$2; shift 2
  local args=() pair
  for pair in "$@"; do
    args+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
  done
  sed "${args[@]}" "$template" > "$target"
}

# Stops this process (the server, once the script has exec'd it) with signal $2 when process $1
# (the test JVM, or whatever started the server) is gone, even if that owner was killed with
# SIGKILL and could not stop it itself; SIGKILL follows 30 s later if the server is still there.
# The watcher is detached (double fork), so it is never a child of the server.
stop_with_owner() {
  local owner=$1 signal=$2 server=$$
  [[ -n "$owner" ]] || return 0
  kill -0 "$owner" 2> /dev/null || fail "--owner-pid $owner: no such process"
  (
    (
      exec > /dev/null 2>&1 < /dev/null
      while kill -0 "$owner" && kill -0 "$server"; do sleep 2; done
      kill -0 "$server" || exit 0
      kill "-$signal" "$server"
      for _ in $(seq 30); do
        kill -0 "$server" || exit 0
        sleep 1
      done
      kill -KILL "$server"
    ) &
  )
}
