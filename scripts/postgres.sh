#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for tests, installing the server with apt-get when missing.
# Usage: scripts/postgres.sh start   -> prints the connection string on stdout
#        scripts/postgres.sh stop
set -euo pipefail
PORT="${STORYLINE_PG_PORT:-55432}"
STATE="/tmp/storyline-pg-$PORT"  # per port: parallel runs (CI beside a developer's tests) never share a cluster
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
case "${1:-start}" in
start)
  if [ -z "$PGBIN" ]; then
    echo "postgres.sh: installing postgresql with apt-get…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  if [ -f "$STATE/data/postmaster.pid" ] && su postgres -c "$PGBIN/pg_ctl -D $STATE/data status" >/dev/null 2>&1; then
    :
  else
    rm -rf "$STATE"; mkdir -p "$STATE"; chown postgres: "$STATE"
    su postgres -c "$PGBIN/initdb -D $STATE/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
    su postgres -c "$PGBIN/pg_ctl -D $STATE/data -l $STATE/log -w start -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null
  fi
  echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
  ;;
stop)
  [ -n "$PGBIN" ] && [ -d "$STATE/data" ] && su postgres -c "$PGBIN/pg_ctl -D $STATE/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$STATE"
  ;;
esac
