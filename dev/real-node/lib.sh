# Shared by dev/real-node/{up,down,import}: the node's fixed addresses and names, its process
# bookkeeping and the containerd it runs on. Sourced, never executed.
#
# One real node runs on a machine at a time (a lock in $NODE_HOME): it owns a network namespace,
# a veth pair to the host, and the containerd content store under $NODE_HOME, which keeps the
# imported images between runs so a warm start imports nothing.

REAL_NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/common.sh
source "$REAL_NODE_DIR/../lib/common.sh"

# Exit status meaning "a binary or an image is missing": the test kit turns it into
# MissingDependencyException, as it does for dev/services.
MISSING_DEPENDENCY_STATUS=3

NODE_NAME=legerible-node
NODE_NETNS=legerible-node
# The host keeps one end of a veth pair; the node's end carries the node IP. Everything of the
# cluster (control plane, kubelet, containerd, pods) lives behind it, in the namespace.
HOST_LINK=lgn-host
NODE_LINK=lgn-node
HOST_IP=10.250.0.1
NODE_IP=10.250.0.2
LINK_PREFIX=30
POD_CIDR=10.251.0.0/24
POD_GATEWAY=10.251.0.1
SERVICE_CIDR=10.252.0.0/24
# The first address of the service range is the `kubernetes` Service.
API_SERVICE_IP=10.252.0.1
# CoreDNS listens on the node IP; pods get it as their only name server.
CLUSTER_DNS_IP=$NODE_IP
API_PORT=6443
BRIDGE=lgn0

NODE_HOME="$LEGERIBLE_TOOLS/real-node"
CONTAINERD_ROOT="$NODE_HOME/containerd"
LOCK_FILE="$NODE_HOME/lock"
# The directory of the running node, so a second `up` can tell whether it still runs.
CURRENT_FILE="$NODE_HOME/current"
# Sockets need short paths (108 bytes), so run-time state lives here, not in the node's directory.
RUN_DIR=/run/legerible-node
CONTAINERD_SOCKET="$RUN_DIR/containerd.sock"
IMAGES_INDEX="$LEGERIBLE_TOOLS/images/index"

# Fails for a missing dependency; the message names the dev/ command that provides it.
missing() {
  printf 'MISSING: %s\n' "$*" >&2
  exit "$MISSING_DEPENDENCY_STATUS"
}

# Runs a command in the node's network namespace (only the network: mounts stay shared, so the
# kubelet and containerd see each other's volumes).
in_node() {
  nsenter --net="/run/netns/$NODE_NETNS" -- "$@"
}

ctr_node() {
  ctr --address "$CONTAINERD_SOCKET" --namespace k8s.io "$@"
}

# A process's start time in clock ticks since boot, so a recycled PID is never mistaken for ours.
start_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# Whether the process recorded in a pid file ("PID TICKS") is still that process.
recorded_alive() {
  local pid ticks
  [[ -f "$1" ]] || return 1
  read -r pid ticks < "$1" || return 1
  [[ -n "$pid" && "$(start_ticks "$pid")" == "$ticks" ]]
}

record_pid() {
  echo "$2 $(start_ticks "$2")" > "$1"
}
