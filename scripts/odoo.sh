#!/usr/bin/env bash
# Runs odoo-bin of the Odoo 18 tree that scripts/env.sh finds, with odoo.conf
# and this repository's addons. Any argument is passed on to odoo-bin.
set -euo pipefail
. "$(dirname "$0")/env.sh"
ODOO_SRC=$(find_odoo) || { echo "Odoo 18.0 not found: set ODOO_SRC (see README)" >&2; exit 3; }
cd "$ROOT"
# A subcommand (shell, ...) must come first on odoo-bin's command line.
sub=()
case "${1:-}" in
shell|server|populate|scaffold|neutralize|obfuscate|start) sub=("$1"); shift ;;
esac
exec "$PY" "$ODOO_SRC/odoo-bin" "${sub[@]}" -c "$ROOT/odoo.conf" \
    --addons-path="$ODOO_SRC/addons,$ROOT/addons" \
    --data-dir="$ROOT/.odoo-data" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD" \
    "$@"
