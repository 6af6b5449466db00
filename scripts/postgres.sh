#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for tests, installing the server with apt-get when missing.
#
#   scripts/postgres.sh start          -> prints the connection string on stdout (and nothing else)
#   scripts/postgres.sh stop CONN      -> stops exactly the cluster that printed CONN (a connection string,
#                                         a port, or the state folder), and deletes its data folder
#   scripts/postgres.sh stop           -> stops the cluster on STORYLINE_PG_PORT
#   scripts/postgres.sh status [CONN]  -> exit 0 when that cluster runs
#
# Port: STORYLINE_PG_PORT when set (a running cluster on that port is reused, as before). Otherwise each run gets
# its own free port, searched in STORYLINE_PG_PORTS (default 55432-55999), so two runs on one machine never clash.
# Each cluster lives in its own state folder /tmp/storyline-pg-PORT (data/, log, and 'owner' = the folder's run id);
# the state folder is printed on stderr. Only the cluster named is stopped.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
STATE_ROOT="${STORYLINE_PG_STATE_ROOT:-/tmp}"

state_of() { echo "$STATE_ROOT/storyline-pg-$1"; }

# A port number from a connection string (Port=N or postgres://host:N/), a bare port, or a state folder.
port_of() {
  local a="$1"
  if [[ "$a" =~ ^[0-9]+$ ]]; then echo "$a"
  elif [[ "$a" =~ [Pp]ort=([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"
  elif [[ "$a" =~ ^postgres(ql)?://[^/]*:([0-9]+) ]]; then echo "${BASH_REMATCH[2]}"
  elif [[ "$a" =~ storyline-pg-([0-9]+)/?$ ]]; then echo "${BASH_REMATCH[1]}"
  else echo "postgres.sh: cannot tell which cluster '$a' is (give the printed connection string, a port or a state folder)" >&2; return 2
  fi
}

running() { [ -n "$PGBIN" ] && [ -f "$1/data/postmaster.pid" ] && su postgres -c "$PGBIN/pg_ctl -D $1/data status" >/dev/null 2>&1; }

# Nothing listens on the port, no socket lock and no state folder of ours claims it.
port_free() {
  local p="$1"
  [ -e "/tmp/.s.PGSQL.$p.lock" ] && return 1
  [ -e "$(state_of "$p")" ] && return 1
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 1
  return 0
}

# Creates and starts a cluster on port $1 in its own state folder; fails (leaving nothing behind) if it cannot.
create_cluster() {
  local p="$1" st; st=$(state_of "$p")
  # mkdir without -p is atomic: two runs racing for one port cannot both own the folder.
  mkdir "$st" 2>/dev/null || return 1
  echo "$$-$(date +%s%N)" > "$st/owner"
  chown -R postgres: "$st"
  if ! su postgres -c "$PGBIN/initdb -D $st/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null 2>"$st/initdb.err" \
     || ! su postgres -c "$PGBIN/pg_ctl -D $st/data -l $st/log -w start -o '-p $p -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null; then
    [ -f "$st/data/postmaster.pid" ] && su postgres -c "$PGBIN/pg_ctl -D $st/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$st"
    return 1
  fi
}

case "${1:-start}" in
start)
  if [ -z "$PGBIN" ]; then
    echo "postgres.sh: installing postgresql with apt-get…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  if [ -n "${STORYLINE_PG_PORT:-}" ]; then
    PORT="$STORYLINE_PG_PORT"; STATE=$(state_of "$PORT")
    if ! running "$STATE"; then
      rm -rf "$STATE"
      create_cluster "$PORT" || { echo "postgres.sh: could not start PostgreSQL on port $PORT (see $STATE/log)" >&2; exit 1; }
    fi
  else
    RANGE="${STORYLINE_PG_PORTS:-55432-55999}"; LO=${RANGE%-*}; HI=${RANGE#*-}
    # Start at a pseudo-random place in the range so simultaneous runs rarely try the same ports.
    N=$((HI - LO + 1)); OFF=$(( ($$ + RANDOM) % N )); PORT=""
    for ((i = 0; i < N; i++)); do
      p=$((LO + (OFF + i) % N))
      if port_free "$p" && create_cluster "$p"; then PORT=$p; break; fi
    done
    [ -n "$PORT" ] || { echo "postgres.sh: no free port in $RANGE" >&2; exit 1; }
    STATE=$(state_of "$PORT")
  fi
  echo "postgres.sh: cluster on port $PORT, state folder $STATE (stop it with: scripts/postgres.sh stop $PORT)" >&2
  echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
  ;;
stop)
  if [ -n "${2:-}" ]; then PORT=$(port_of "$2") || exit 2
  elif [ -n "${STORYLINE_PG_PORT:-}" ]; then PORT="$STORYLINE_PG_PORT"
  else echo "postgres.sh: stop which cluster? give the connection string 'start' printed (or set STORYLINE_PG_PORT)" >&2; exit 2
  fi
  STATE=$(state_of "$PORT")
  [ -n "$PGBIN" ] && [ -d "$STATE/data" ] && su postgres -c "$PGBIN/pg_ctl -D $STATE/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$STATE"
  ;;
status)
  if [ -n "${2:-}" ]; then PORT=$(port_of "$2") || exit 2; else PORT="${STORYLINE_PG_PORT:?set STORYLINE_PG_PORT or give the connection string}"; fi
  running "$(state_of "$PORT")"
  ;;
*)
  echo "usage: scripts/postgres.sh start | stop [CONN|PORT|STATE] | status [CONN|PORT|STATE]" >&2; exit 2
  ;;
esac
