#!/usr/bin/env bash
# Creates or refreshes the project's virtualenv (.venv): Odoo 18's own
# requirements (minus python-ldap, which needs system LDAP headers and is not
# used here) and the project's requirements*.txt. Idempotent: a stamp file
# keyed on the requirement files skips the work when nothing changed.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
odoo_req=/dev/null
if ODOO_SRC=$(find_odoo); then
    odoo_req=$ODOO_SRC/requirements.txt
else
    echo "NOTICE: Odoo 18.0 not found; the venv gets the project's requirements only." >&2
fi
key=$(cat "$odoo_req" requirements.txt requirements-dev.txt constraints.txt | sha1sum | cut -c1-12)
stamp=$VENV/.installed-$key
[ -f "$stamp" ] && exit 0
[ -x "$PY" ] || python3 -m venv "$VENV"
# Old sdists pinned by Odoo build only with setuptools < 70, in build isolation too.
export PIP_CONSTRAINT=$ROOT/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$PY" -m pip install -q -U 'pip<25' wheel 'setuptools<70'
grep -v '^python-ldap' "$odoo_req" > "$VENV/odoo-requirements.txt" || true
"$PY" -m pip install -q -r "$VENV/odoo-requirements.txt" -r requirements.txt -r requirements-dev.txt
rm -f "$VENV"/.installed-*
touch "$stamp"
echo "venv ready: $VENV"
