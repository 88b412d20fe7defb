#!/usr/bin/env bash
# Entrypoint of the PostgreSQL stand-in: the documented behaviour of the official postgres image's
# entrypoint (README.md lists each item), written for Debian's PostgreSQL.
#
# `postgres [ARGS]` (or just flags): on an empty $PGDATA, initdb with POSTGRES_USER and
# POSTGRES_PASSWORD, allow password logins from any host, create POSTGRES_DB, run
# /docker-entrypoint-initdb.d/*, then exec the server. Anything else is exec'ed as given.
set -Eeuo pipefail

# VAR or VAR_FILE (a file holding the value, e.g. a mounted Secret), never both.
from_env_or_file() {
  local var=$1 file_var="$1_FILE" value=${2:-}
  if [[ -n ${!var:-} && -n ${!file_var:-} ]]; then
    echo "error: both $var and $file_var are set; set one of them" >&2
    exit 1
  fi
  if [[ -n ${!var:-} ]]; then
    value=${!var}
  elif [[ -n ${!file_var:-} ]]; then
    value="$(< "${!file_var}")"
  fi
  export "$var=$value"
  unset "$file_var"
}

# Server flags that print something and exit: no initialisation for those.
asks_for_help() {
  local arg
  for arg; do
    case $arg in
      '-?' | --help | --describe-config | -V | --version) return 0 ;;
    esac
  done
  return 1
}

# psql as the superuser over the local socket, stopping at the first error.
sql() {
  PGHOST='' PGHOSTADDR='' psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password \
    --no-psqlrc "$@"
}

initialise() {
  if [[ -z $POSTGRES_PASSWORD && $POSTGRES_HOST_AUTH_METHOD != trust ]]; then
    cat >&2 << 'EOF'
Error: the database is not initialised and no superuser password is set.
       Set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) to a non-empty value, or
       POSTGRES_HOST_AUTH_METHOD=trust to allow connections without a password (not recommended).
EOF
    exit 1
  fi
  local initdb_args=()
  read -r -a initdb_args <<< "$POSTGRES_INITDB_ARGS"
  if [[ -n ${POSTGRES_INITDB_WALDIR:-} ]]; then
    mkdir -p "$POSTGRES_INITDB_WALDIR"
    chmod 700 "$POSTGRES_INITDB_WALDIR"
    initdb_args+=(--waldir "$POSTGRES_INITDB_WALDIR")
  fi
  # initdb rejects an empty password file, hence the newline.
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") "${initdb_args[@]}"

  # Remote logins: the cluster's password_encryption (scram-sha-256) unless told otherwise.
  local auth
  auth="$(postgres -C password_encryption "${@:2}")"
  printf '\nhost all all all %s\n' "${POSTGRES_HOST_AUTH_METHOD:-$auth}" >> "$PGDATA/pg_hba.conf"

  # A server on the socket only, so nobody connects before the setup is done.
  export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
  PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl -D "$PGDATA" -w start \
    -o "$(printf '%q ' "${@:2}" -c listen_addresses='' -p "${PGPORT:-5432}")"
  local exists
  exists="$(sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only \
    <<< "SELECT 1 FROM pg_database WHERE datname = :'db';")"
  if [[ -z ${exists//[[:space:]]/} ]]; then
    sql --dbname postgres --set db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
  fi
  local file
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in
      *.sh)
        if [[ -x $file ]]; then
          echo "$0: running $file"
          "$file"
        else
          echo "$0: sourcing $file"
          # shellcheck source=/dev/null
          source "$file"
        fi
        ;;
      *.sql)
        echo "$0: running $file"
        sql --dbname "$POSTGRES_DB" -f "$file"
        ;;
      *.sql.gz)
        echo "$0: running $file"
        gunzip -c "$file" | sql --dbname "$POSTGRES_DB"
        ;;
      *)
        if [[ -e $file ]]; then echo "$0: ignoring $file"; fi
        ;;
    esac
  done
  PGUSER="${PGUSER:-postgres}" pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  echo "PostgreSQL initialised in $PGDATA; starting the server."
}

if [[ ${1:-} == -* ]]; then
  set -- postgres "$@"
fi

if [[ ${1:-} == postgres ]] && ! asks_for_help "$@"; then
  from_env_or_file POSTGRES_PASSWORD
  from_env_or_file POSTGRES_USER postgres
  from_env_or_file POSTGRES_DB "$POSTGRES_USER"
  from_env_or_file POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}"

  mkdir -p "$PGDATA"
  # PostgreSQL insists on a private data directory; a volume may not allow the change.
  chmod 700 "$PGDATA" || :
  mkdir -p /var/run/postgresql || :
  chmod 3775 /var/run/postgresql || :
  if [[ $(id -u) == 0 ]]; then
    # Started as root (no runAsUser): hand the directories to postgres and run as postgres.
    find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres: '{}' +
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
  fi

  if [[ -s $PGDATA/PG_VERSION ]]; then
    echo "PostgreSQL data found in $PGDATA; skipping initialisation."
  else
    initialise "$@"
  fi
fi

exec "$@"
