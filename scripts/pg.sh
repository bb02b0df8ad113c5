#!/usr/bin/env bash
# The project's private PostgreSQL cluster, on loopback, data in .pgdata/.
# Usage: scripts/pg.sh start|stop|status
set -euo pipefail
. "$(dirname "$0")/env.sh"
BIN=$(pg_bin)
# PostgreSQL refuses to run as root: run the server as the 'postgres' system user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}
case "${1:-start}" in
start)
    if "$BIN/pg_isready" -q -h "$PGHOST" -p "$PGPORT" \
        && ! as_owner "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        # Another cluster of this project (another checkout) holds the port: use
        # it if our role logs in, rather than fail.
        if psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
            echo "PostgreSQL already running on $PGHOST:$PGPORT (another data dir); using it"
            exit 0
        fi
        echo "port $PGPORT is taken by a server where role $PGUSER cannot log in; set PGPORT" >&2
        exit 1
    fi
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        mkdir -p "$PGDATA"
        if [ "$(id -u)" = 0 ]; then chown postgres "$PGDATA"; chmod 700 "$PGDATA"; fi
        pw=$(mktemp)
        echo "$PGPASSWORD" > "$pw"
        if [ "$(id -u)" = 0 ]; then chown postgres "$pw"; fi
        as_owner "$BIN/initdb" -D "$PGDATA" -U "$PGUSER" --pwfile="$pw" \
            -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
        rm -f "$pw"
        cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 512MB
max_connections = 200
CONF
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start >/dev/null
    fi
    echo "PostgreSQL on $PGHOST:$PGPORT (data: $PGDATA)"
    ;;
stop)
    as_owner "$BIN/pg_ctl" -D "$PGDATA" -m fast stop || true
    ;;
status)
    as_owner "$BIN/pg_ctl" -D "$PGDATA" status
    ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
