# A private, throw-away PostgreSQL cluster for the e2e suite. Sourced after lib.sh.
#
#   pg_cluster_start   installs PostgreSQL if missing, initdb's a cluster in a temp folder,
#                      starts it on 127.0.0.1 and exports TEST_DATABASE_URL; registers its
#                      stop with on_exit, so it is stopped however the run ends.
#   pg_cluster_stop    stops it and removes its folder (safe to call twice).
#
# initdb refuses to run as root: as root the cluster belongs to the `postgres` system user
# the Debian package creates; otherwise to the caller. PG_BIN overrides where the server
# binaries are; PG_PORT the preferred port (5433; another free one if that is taken);
# PG_EXTRA_OPTS more server settings (`-c name=value ...`, e.g. the bench's memory).
# shellcheck shell=bash

PG_DIR=
PG_OWNER=

# The newest /usr/lib/postgresql/<version>/bin that has the server tools (Debian's layout).
pg_find_bin() {
  local d
  if [[ -n ${PG_BIN:-} ]]; then
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] && { say "$PG_BIN"; return 0; }
    die "PG_BIN=$PG_BIN has no initdb/pg_ctl"
  fi
  while read -r d; do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] && { say "$d"; return 0; }
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  return 1
}

# Runs a command as the cluster's owner, from its folder (the owner may not be able to read the cwd).
as_pg_owner() {
  if [[ $EUID -eq 0 ]]; then (cd "$PG_DIR" && runuser -u "$PG_OWNER" -- "$@")
  else (cd "$PG_DIR" && "$@")
  fi
}

pg_cluster_start() {
  local bin
  if ! bin=$(pg_find_bin); then
    apt_install postgresql
    bin=$(pg_find_bin) || die "PostgreSQL installed, but no server binaries under /usr/lib/postgresql/*/bin"
  fi
  PG_BIN=$bin
  say "PostgreSQL: $("$PG_BIN/postgres" --version) ($PG_BIN)"

  if [[ $EUID -eq 0 ]]; then
    PG_OWNER=postgres
    id -u "$PG_OWNER" >/dev/null 2>&1 || die "no '$PG_OWNER' user to own the cluster (the postgresql package creates it)"
  else
    PG_OWNER=$(id -un)
  fi

  PG_DIR=$(mktemp -d /tmp/amends-ci-pg.XXXXXX)
  on_exit pg_cluster_stop
  mkdir -p "$PG_DIR/sock"
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  chmod 600 "$PG_DIR/pwfile"
  if [[ $EUID -eq 0 ]]; then chown -R "$PG_OWNER" "$PG_DIR"; fi
  chmod 700 "$PG_DIR"

  # Superuser `amends` with a password; every connection, local or TCP, must give it.
  as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U amends --pwfile="$PG_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$PG_DIR/pwfile"

  local port
  port=$(free_port "${PG_PORT:-5433}")
  # Loopback only, a private socket folder; durability off: the cluster is thrown away after the run.
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_EXTRA_OPTS:-}" \
    start >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; die "pg_ctl start failed"; }
  say "PostgreSQL listening on 127.0.0.1:$port (cluster in $PG_DIR)"
  export TEST_DATABASE_URL="postgres://amends:$password@127.0.0.1:$port/postgres"
}

pg_cluster_stop() {
  [[ -n $PG_DIR && -d $PG_DIR ]] || return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    if ! as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null; then
      say "pg_ctl stop -m fast failed; the server log ends:" >&2
      tail -n 20 "$PG_DIR/server.log" >&2 || true
      as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null || true
    fi
    say "PostgreSQL stopped"
  fi
  rm -rf "$PG_DIR"
  PG_DIR=
}
