#!/usr/bin/env bash
# Entrypoint of the Cassandra stand-in: the official cassandra image's documented behaviour
# (README.md lists each item), written for this image.
#   no arguments or only flags: `cassandra -f` with them
#   cassandra ...: CASSANDRA_* variables are written into $CASSANDRA_CONF/cassandra.yaml and
#                  cassandra-rackdc.properties, then the node starts (as user cassandra when root)
#   anything else: exec'ed as given
set -euo pipefail

if [[ $# -eq 0 || $1 == -* ]]; then
  set -- cassandra -f "$@"
fi

if [[ $1 == cassandra && $(id -u) == 0 ]]; then
  find "$CASSANDRA_CONF" /var/lib/cassandra /var/log/cassandra \! -user cassandra -exec chown cassandra '{}' +
  exec setpriv --reuid=cassandra --regid=cassandra --init-groups "${BASH_SOURCE[0]}" "$@"
fi

# The container's first address that is neither loopback nor link-local.
own_address() {
  local address
  for address in $(hostname -I); do
    case $address in
      127.* | 169.254.* | ::1 | fe80:*) ;;
      *)
        echo "$address"
        return
        ;;
    esac
  done
}

# Replaces through sed into the same inode: the file may be a mounted ConfigMap or bind mount.
edit_in_place() {
  local file=$1 edited
  shift
  edited="$(sed "$@" "$file")"
  printf '%s\n' "$edited" > "$file"
}

# A value as sed replacement text.
escaped() {
  local value=${1//\\/\\\\}
  value=${value//\//\\/}
  printf '%s' "${value//&/\\&}"
}

if [[ $1 == cassandra ]]; then
  : "${CASSANDRA_RPC_ADDRESS:=0.0.0.0}"
  : "${CASSANDRA_LISTEN_ADDRESS:=auto}"
  if [[ $CASSANDRA_LISTEN_ADDRESS == auto ]]; then
    CASSANDRA_LISTEN_ADDRESS="$(own_address)"
  fi
  : "${CASSANDRA_BROADCAST_ADDRESS:=$CASSANDRA_LISTEN_ADDRESS}"
  if [[ $CASSANDRA_BROADCAST_ADDRESS == auto ]]; then
    CASSANDRA_BROADCAST_ADDRESS="$(own_address)"
  fi
  : "${CASSANDRA_BROADCAST_RPC_ADDRESS:=$CASSANDRA_BROADCAST_ADDRESS}"
  if [[ -n ${CASSANDRA_NAME:-} ]]; then
    : "${CASSANDRA_SEEDS:=cassandra}"
  fi
  : "${CASSANDRA_SEEDS:=$CASSANDRA_BROADCAST_ADDRESS}"

  edit_in_place "$CASSANDRA_CONF/cassandra.yaml" -r \
    "s/(- seeds:).*/\1 \"$(escaped "$CASSANDRA_SEEDS")\"/"
  for key in broadcast_address broadcast_rpc_address cluster_name endpoint_snitch listen_address \
    num_tokens rpc_address; do
    variable="CASSANDRA_${key^^}"
    if [[ -n ${!variable:-} ]]; then
      edit_in_place "$CASSANDRA_CONF/cassandra.yaml" -r \
        "s/^(# )?($key:).*/\2 $(escaped "${!variable}")/"
    fi
  done
  for key in dc rack; do
    variable="CASSANDRA_${key^^}"
    if [[ -n ${!variable:-} ]]; then
      edit_in_place "$CASSANDRA_CONF/cassandra-rackdc.properties" -r \
        "s/^($key=).*/\1$(escaped "${!variable}")/"
    fi
  done
fi

exec "$@"
