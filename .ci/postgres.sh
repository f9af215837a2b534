#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the store and battle tests (Debian's `postgresql`,
# installed if missing) and prints the line to eval, e.g. in .ci/run:
#   pg_env="$(bash .ci/postgres.sh)"; eval "$pg_env"
# which exports MEMEBATTLE_TEST_PG_URL. (Not `eval "$(…)"` in one go: under `set -e` that would
# hide a failure of this script, and the PostgreSQL tests would quietly skip.) Everything else goes
# to stderr. Safe to run twice: a running server is reused, a killed one restarted. Its own cluster
# and port keep it clear of any system cluster.
set -euo pipefail

PORT="${MEMEBATTLE_PG_PORT:-55432}"
DATA="${MEMEBATTLE_PG_DATA:-/tmp/memebattle-pg}"
DB=memebattle_test
USER_NAME=memebattle
PASSWORD=memebattle   # a local test database on loopback only
URL="jdbc:postgresql://127.0.0.1:${PORT}/${DB}?user=${USER_NAME}&password=${PASSWORD}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian package)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

# PostgreSQL refuses to run as root: the cluster belongs to the package's "postgres" user.
as_postgres() { runuser -u postgres -- "$@"; }

if ! as_postgres "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown postgres:postgres "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >&2
  fi
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=on -c max_connections=100" start >&2
fi

psql_admin() { as_postgres psql -h /tmp -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='${USER_NAME}'")" != "1" ]; then
  psql_admin -c "CREATE ROLE ${USER_NAME} LOGIN PASSWORD '${PASSWORD}'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='${DB}'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE ${DB} OWNER ${USER_NAME}" >&2
fi

echo "PostgreSQL ready on 127.0.0.1:${PORT} (data in ${DATA})" >&2
echo "export MEMEBATTLE_TEST_PG_URL='${URL}'"
