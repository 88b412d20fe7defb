# Shared shell functions for the dev/ scripts: logging, timing, where tools are cached.
# Sourced, never executed.

# Everything provisioned (binaries, jars, caches) lives under one directory outside the work tree,
# so a clean clone on a warm machine rebuilds nothing.
LEGERIBLE_TOOLS="${LEGERIBLE_TOOLS:-$HOME/.legerible}"
KUBERNETES_VERSION="${KUBERNETES_VERSION:-v1.35.4}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.5}"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
HELM_VERSION="${HELM_VERSION:-v4.3.1}"
COREDNS_VERSION="${COREDNS_VERSION:-v1.15.0}"
LOCAL_PATH_PROVISIONER_VERSION="${LOCAL_PATH_PROVISIONER_VERSION:-v0.0.30}"
# axe-core from npm, run in Chromium by the browser tests (io.legerible.testkit.browser.AxeCore).
AXE_CORE_VERSION="4.14.1"
AXE_CORE_INTEGRITY="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
KUBERNETES_BIN="$LEGERIBLE_TOOLS/kubernetes/$KUBERNETES_VERSION/bin"

LEGERIBLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Reads a <name>value</name> property of the root pom: the first match, read without `| head`
# (under pipefail, a reader that exits early kills the writer with SIGPIPE).
pom_property() {
  sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p;T;q" "$LEGERIBLE_ROOT/pom.xml"
}

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
fail() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command and prints how long it took: `timed "label" cmd args...`.
timed() {
  local label=$1; shift
  local start=$SECONDS
  "$@" || fail "$label failed (command: $*)"
  info "$label: $((SECONDS - start)) s"
}
