# shellcheck shell=bash
# Shared settings of the project's scripts. Source it; it sets:
#   ROOT      the repository
#   VENV      the project's virtualenv (.venv)
#   ODOO_SRC  an Odoo 18.0 source tree, found as the README says
#   PGDATA, PGHOST, PGPORT, PGUSER, PGPASSWORD  the private PostgreSQL cluster
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python

_is_odoo18() {  # $1: a directory that may hold an Odoo source tree
    [ -f "$1/odoo/release.py" ] && [ -d "$1/addons/crm" ] \
        && grep -qE "^version_info = \(18, 0," "$1/odoo/release.py"
}

find_odoo() {
    # 1. ODOO_SRC as given; 2. an importable odoo (the venv's, then python3's);
    # 3. the conventional locations /opt/odoo, /opt/odoo18, ~/odoo, ../odoo.
    local c
    if [ -n "${ODOO_SRC:-}" ]; then
        _is_odoo18 "$ODOO_SRC" && { echo "$ODOO_SRC"; return 0; }
        echo "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 tree" >&2
        return 1
    fi
    for py in "$PY" python3; do
        c=$("$py" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(odoo.__file__)))' 2>/dev/null) \
            && _is_odoo18 "$c" && { echo "$c"; return 0; }
    done
    for c in /opt/odoo /opt/odoo18 /opt/odoo-18.0 "$HOME/odoo" "$ROOT/../odoo"; do
        _is_odoo18 "$c" && { (cd "$c" && pwd); return 0; }
    done
    return 1
}

# The cluster's data lives in .pgdata/ of the repository. PostgreSQL refuses to
# run as root, so as root the server runs as the 'postgres' system user; when
# that user cannot reach the repository (a checkout under a private 0700 temp
# dir, say), the data goes to /var/tmp/callback-suite-pg-<hash of the path>.
_default_pgdata() {
    if [ "$(id -u)" != 0 ] || (cd / && runuser -u postgres -- test -x "$ROOT") 2>/dev/null; then
        echo "$ROOT/.pgdata"
    else
        echo "/var/tmp/callback-suite-pg-$(echo "$ROOT" | sha1sum | cut -c1-10)"
    fi
}
export PGDATA=${PGDATA:-$(_default_pgdata)}
export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-55432}
export PGUSER=${PGUSER:-odoo}
export PGPASSWORD=${PGPASSWORD:-odoo}

pg_bin() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    dirname "$(command -v pg_ctl)"
}
