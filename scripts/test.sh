#!/usr/bin/env bash
# Runs the project's test suites and says which ran and how many tests each
# executed.
#   scripts/test.sh            all suites: lint (packaging), pure engines, then
#                              Odoo per addon, the bridges, everything
#                              together, the tours
#   scripts/test.sh lint       README.rst up to date, OCA's module and po
#                              checks, prettier for XML (via pre-commit)
#   scripts/test.sh pure       the pure-Python engine tests only (no Odoo)
#   scripts/test.sh odoo [ADDON ...]   the Odoo suite (all addons by default)
#   scripts/test.sh integration        every addon together, tests/integration
#   scripts/test.sh bridges    the bridge addons, each with its parents only
#   scripts/test.sh tours      the browser tours (tag browser_tour) in test_all
# Environment:
#   REUSE_DB=1      update the addon in its existing test database instead of
#                   creating the database anew (fast iterations)
#   PYTEST_ARGS     extra pytest arguments (e.g. "-k escalation -x")
#   UNITTEST_ARGS   extra arguments of the pure suite (e.g. "-v", "-k quota")
#   TEST_DB_SUFFIX  appended to the test database names (parallel runs)
#   ODOO_OPTIONAL=1 a missing Odoo is a notice, not a failure
#   ODOO_BIN_TESTS=0 skip the second run of each addon's tests by odoo-bin
#   TEST_HTTP_PORT  the HTTP port of the odoo-bin test server (default: a free one)
# Each addon's Odoo tests run in a database of its own (test_<addon>) where only
# that addon and its dependencies are installed, with demo data: this also
# proves that each installs alone (X-01) and that its demo data loads (X-04).
# Each addon's tests run twice: with pytest-odoo, then with Odoo's own runner
# (odoo-bin --test-enable --test-tags /<addon>), the way Odoo's runbot and
# OCA's CI run them; that run fails on any ERROR or CRITICAL log line, as the
# runbot does (tests mute the errors they provoke on purpose).
# The bridge addons (Survey, Dashboards) install with their parents only, in
# databases of their own. Then every addon of the repository is installed in
# one database (test_all) for tests/integration/, and the browser tours
# (web_tour tours run in headless Chromium, tag browser_tour) run there as a
# suite of their own; the per-addon runs leave them out.
set -uo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
what=${1:-all}
shift || true
"$ROOT/scripts/venv.sh" || exit 2

summary=()
total_passed=0
total_failed=0
status=0

run_pytest() {  # $1: suite label; rest: pytest arguments
    local label=$1 log line passed failed errors
    shift
    log=$(mktemp)
    "$PY" -m pytest "$@" ${PYTEST_ARGS:-} 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    line=$(grep -E '^=*\s*([0-9]+ (passed|failed|errors?|skipped)|no tests ran).* in [0-9.]+s' "$log" | tail -1)
    passed=$(grep -oE '[0-9]+ passed' <<<"$line" | cut -d' ' -f1)
    failed=$(grep -oE '[0-9]+ failed' <<<"$line" | cut -d' ' -f1)
    errors=$(grep -oE '[0-9]+ errors?' <<<"$line" | cut -d' ' -f1)
    passed=${passed:-0}
    failed=$(( ${failed:-0} + ${errors:-0} ))
    rm -f "$log"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    if [ "$rc" = 5 ] || [ "$passed$failed" = "00" ]; then
        summary+=("$label: RAN NO TEST")
        status=1
    elif [ "$rc" != 0 ]; then
        summary+=("$label: FAILED ($passed passed, $failed failed or errors, exit $rc)")
        status=1
    else
        summary+=("$label: ran, $passed tests passed")
    fi
}

run_unittest() {  # $1: an addon with a pure engine: its engine/tests, no Odoo
    local addon=$1 log rc ran failures errors
    log=$(mktemp)
    # the addon folder is the top: the tests import the engine as the package
    # ``engine`` (relative imports), never the addon's __init__ (Odoo)
    "$PY" -m unittest discover -s "addons/$addon/engine/tests" -t "addons/$addon" \
        ${UNITTEST_ARGS:-} 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    ran=$(grep -oE '^Ran [0-9]+ tests?' "$log" | tail -1 | grep -oE '[0-9]+')
    failures=$(grep -oE '^FAILED \(.*' "$log" | grep -oE 'failures=[0-9]+' | cut -d= -f2)
    errors=$(grep -oE '^FAILED \(.*' "$log" | grep -oE 'errors=[0-9]+' | cut -d= -f2)
    failures=$(( ${failures:-0} + ${errors:-0} ))
    ran=${ran:-0}
    rm -f "$log"
    if [ "$ran" = 0 ]; then
        summary+=("pure $addon: RAN NO TEST (exit $rc)")
        status=1
    elif [ "$rc" != 0 ] || [ "$failures" != 0 ]; then
        [ "$failures" = 0 ] && failures=1  # a crash with no FAILED line
        summary+=("pure $addon: FAILED ($ran tests, $failures failed or errors, exit $rc)")
        total_passed=$((total_passed + ran - failures))
        total_failed=$((total_failed + failures))
        status=1
    else
        summary+=("pure $addon: ran, $ran tests passed")
        total_passed=$((total_passed + ran))
    fi
}

pure_suite() {
    echo "=== Pure-Python suite (engines, no Odoo) ==="
    # Each engine's tests ship inside its addon (addons/<addon>/engine/tests/,
    # plain unittest classes): an addon copied elsewhere brings them, and
    # odoo-bin runs them too (the addon's tests/__init__.py imports them).
    local addons=() a
    for a in addons/*/engine/tests/__init__.py; do
        [ -f "$a" ] && addons+=("$(basename "$(dirname "$(dirname "$(dirname "$a")")")")")
    done
    if [ ${#addons[@]} = 0 ]; then
        summary+=("pure: NO ENGINE TESTS FOUND")
        status=1
        return
    fi
    for a in "${addons[@]}"; do
        echo "--- pure $a: addons/$a/engine/tests ---"
        run_unittest "$a"
    done
}

lint_check() {  # $1: label; rest: a command that exits non-zero on a finding
    local label=$1 out
    shift
    if out=$("$@" 2>&1); then
        summary+=("lint $label: ok")
    else
        echo "$out" | grep -v '^$' | head -80
        summary+=("lint $label: FAILED (see above)")
        status=1
    fi
}

lint_suite() {  # packaging checks, cheap (seconds once pre-commit's environments exist)
    echo "=== Lint suite (README.rst, OCA's checks, prettier for XML) ==="
    # README.rst is generated from readme/*.md (OCA's layout)
    lint_check "README.rst up to date (scripts/gen_readme.py --check)" \
        "$PY" scripts/gen_readme.py --check
    # OCA's module and po checks and prettier run in pre-commit's own
    # environments (versions pinned in .pre-commit-config.yaml, built from PyPI
    # and npm on first use); a finding, or a file prettier rewrites, fails
    local hook
    for hook in oca-checks-odoo-module oca-checks-po prettier; do
        if [ "$hook" = prettier ] && ! command -v npm >/dev/null; then
            echo "!!! NO npm ON THIS MACHINE: prettier (XML) NOT RUN !!!"
            summary+=("lint prettier: NOT RUN, no npm on this machine")
            continue
        fi
        lint_check "$hook (pre-commit)" "$VENV/bin/pre-commit" run \
            --all-files --show-diff-on-failure "$hook"
    done
}

odoo_addons() {  # the main addons of this repository, dependencies first
    local a
    for a in customer_callback reception_rotation callback_kpi; do
        [ -f "addons/$a/__manifest__.py" ] && echo "$a"
    done
}

bridge_groups() {  # bridge addons (auto_install), one line per test database:
    # "<database name> <comma list of bridges>"; each installs with its parents only
    local a dash=()
    [ -f addons/customer_callback_survey/__manifest__.py ] \
        && echo "test_customer_callback_survey customer_callback_survey"
    for a in customer_callback reception_rotation callback_kpi; do
        [ -f "addons/spreadsheet_dashboard_$a/__manifest__.py" ] \
            && dash+=("spreadsheet_dashboard_$a")
    done
    # the SMS invitations bridge (Survey + SMS) shares the dashboards' database
    [ -f addons/customer_callback_survey_sms/__manifest__.py ] \
        && dash+=(customer_callback_survey_sms)
    [ ${#dash[@]} -gt 0 ] && echo "test_bridges $(IFS=,; echo "${dash[*]}")"
    return 0
}

all_modules() {  # every addon of the repository, as a comma list
    local m=() a
    for a in addons/*/__manifest__.py; do m+=("$(basename "$(dirname "$a")")"); done
    (IFS=,; echo "${m[*]}")
}

tests_of() {  # $1: comma list of addons -> their tests/ folders
    local a
    for a in ${1//,/ }; do [ -d "addons/$a/tests" ] && echo "addons/$a/tests"; done
}

odoo_suite() {
    local addons a
    if ! src=$(find_odoo); then
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo "!!! ODOO SUITE NOT RUN: no Odoo 18.0 tree found (ODOO_SRC unset,    !!!"
        echo "!!! no importable odoo, nothing at /opt/odoo). See README, 'Host'. !!!"
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        summary+=("odoo: NOT RUN, Odoo 18.0 not found")
        [ "${ODOO_OPTIONAL:-0}" = 1 ] || status=1
        return
    fi
    echo "=== Odoo suite (Odoo 18.0 at $src, PostgreSQL $PGHOST:$PGPORT) ==="
    "$ROOT/scripts/pg.sh" start || { summary+=("odoo: NOT RUN, PostgreSQL did not start"); status=1; return; }
    if [ "${ODOO_BIN_TESTS:-1}" = 1 ] && ! "$ROOT/scripts/browser.sh"; then
        summary+=("browser: NO CHROMIUM, the browser tests cannot run")
        status=1
    fi
    addons=("$@")
    [ ${#addons[@]} -gt 0 ] || mapfile -t addons < <(odoo_addons)
    for a in "${addons[@]}"; do
        run_group "$a" "test_$a${TEST_DB_SUFFIX:-}" "$a"
    done
    [ $# = 0 ] || return 0
    bridge_suites
    # Every addon of the repository in one database: the cross-addon tests
    # (X-01), then the browser tours of every addon as a suite of their own.
    if [ -d tests/integration ]; then
        install_and_test "odoo all together" "test_all${TEST_DB_SUFFIX:-}" \
            "$(all_modules)" tests/integration \
            && [ "${ODOO_BIN_TESTS:-1}" = 1 ] \
            && odoo_bin_tests "browser tours" "test_all${TEST_DB_SUFFIX:-}" \
                browser_tour
    fi
}

bridge_suites() {  # the bridges, each database with the bridges and their parents only
    local db mods a
    while read -r db mods; do
        run_group "${db#test_}" "$db${TEST_DB_SUFFIX:-}" "$mods" || continue
        for a in ${mods//,/ }; do
            [ -f "addons/$a/tests/uninstall_check.py" ] \
                && uninstall_check "$a" "$db${TEST_DB_SUFFIX:-}"
        done
    done < <(bridge_groups)
}

uninstall_check() {  # $1 bridge, $2 its database: it uninstalls cleanly (copy)
    local addon=$1 copy=$2_uninstall log
    log=$ROOT/.odoo-data/uninstall-$addon.log
    echo "--- uninstall $addon on a copy of $2 ---"
    dropdb --if-exists "$copy" >/dev/null
    if createdb -T "$2" "$copy" \
        && "$ROOT/scripts/odoo.sh" shell -d "$copy" --no-http --log-level=warn \
            <"addons/$addon/tests/uninstall_check.py" >"$log" 2>&1 \
        && grep -q "UNINSTALL CHECK OK" "$log" \
        && ! grep -qE ' (ERROR|CRITICAL) ' "$log"; then
        summary+=("uninstall $addon: ran, its parents still work without it")
    else
        tail -30 "$log"
        summary+=("uninstall $addon: FAILED (see $log)")
        status=1
    fi
    dropdb --if-exists "$copy" >/dev/null
}

run_group() {  # $1 label, $2 database, $3 addons (comma list): pytest, then odoo-bin
    local tests tags
    mapfile -t tests < <(tests_of "$3")
    tags=$(sed -E 's#(^|,)#\1/#g' <<<"$3"),-browser_tour
    install_and_test "odoo $1" "$2" "$3" "${tests[@]}" \
        && [ "${ODOO_BIN_TESTS:-1}" = 1 ] \
        && odoo_bin_tests "odoo-bin $1" "$2" "$tags"
}

install_and_test() {  # $1 label, $2 database, $3 modules (comma list), $4... tests
    local label=$1 db=$2 modules=$3 flag=-i log
    shift 3
    log=$ROOT/.odoo-data/install-$db.log
    echo "--- $label: database $db ---"
    if [ "${REUSE_DB:-0}" = 1 ] && psql -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
        flag=-u
    else
        dropdb --if-exists "$db" >/dev/null
    fi
    if ! "$ROOT/scripts/odoo.sh" -d "$db" $flag "$modules" --stop-after-init \
            --log-level=warn --without-demo= >"$log" 2>&1 \
       || grep -qE ' (ERROR|CRITICAL) |installed without demo data' "$log"; then
        tail -40 "$log"
        summary+=("$label: INSTALL FAILED (see $log)")
        status=1
        return 1
    fi
    PYTHONPATH="$src${PYTHONPATH:+:$PYTHONPATH}" \
    run_pytest "$label" -p no:cacheprovider -q \
        --odoo-config="$ROOT/odoo.conf" --odoo-database="$db" \
        --odoo-addons-path="$src/addons,$ROOT/addons" \
        --odoo-extra "db_host=$PGHOST" --odoo-extra "db_port=$PGPORT" \
        --odoo-extra "db_user=$PGUSER" --odoo-extra "db_password=$PGPASSWORD" \
        "$@"
}

free_port() {  # a TCP port free on the loopback now
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

odoo_bin_tests() {  # $1 label, $2 database, $3 --test-tags spec: Odoo's own runner
    local label=$1 db=$2 tags=$3 log result ran failed errors bad skipped
    log=$ROOT/.odoo-data/odoo-bin-tests-$db.log
    echo "--- $label: odoo-bin --test-enable --test-tags $tags on $db ---"
    local port=${TEST_HTTP_PORT:-$(free_port)}
    "$ROOT/scripts/odoo.sh" -d "$db" --test-enable --test-tags "$tags" \
        --stop-after-init --log-level=info --http-port="$port" \
        --gevent-port="$(free_port)" >"$log" 2>&1
    local rc=$?
    result=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -1)
    failed=$(cut -d' ' -f1 <<<"$result")
    errors=$(cut -d' ' -f3 <<<"$result")
    ran=$(grep -oE 'of [0-9]+ tests' <<<"$result" | cut -d' ' -f2)
    bad=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log")
    # a browser test that could not start its browser is a failure, not a skip
    skipped=$(grep -cE ': skipped .*(websocket-client|[Cc]hrome|devtools)' "$log")
    bad=$((bad + skipped))
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL|WARNING) |FAIL:|^ERROR:|: skipped ' "$log" | head -40
    if [ -z "$result" ] || [ "${ran:-0}" = 0 ]; then
        summary+=("$label: RAN NO TEST (exit $rc, see $log)")
        status=1
        return
    fi
    total_passed=$((total_passed + ran - failed - errors))
    total_failed=$((total_failed + failed + errors))
    if [ "$rc" != 0 ] || [ "$failed" != 0 ] || [ "$errors" != 0 ] || [ "$bad" != 0 ]; then
        summary+=("$label: FAILED ($ran tests, $failed failed, $errors errors, $bad ERROR lines or browser tests skipped, exit $rc; see $log)")
        status=1
    else
        summary+=("$label: ran, $ran tests passed, no ERROR log line")
    fi
}

mkdir -p "$ROOT/.odoo-data"
if [ "${CI:-}" = true ] && [[ "$PGDATA" == /var/tmp/callback-suite-pg-* ]]; then
    # a throw-away CI checkout: its cluster goes with it
    trap '"$ROOT/scripts/pg.sh" stop >/dev/null 2>&1; rm -rf "$PGDATA"' EXIT
fi
case "$what" in
lint) lint_suite ;;
pure) pure_suite ;;
odoo) odoo_suite "$@" ;;
integration)
    src=$(find_odoo) && "$ROOT/scripts/pg.sh" start >/dev/null \
        && install_and_test "odoo all together" "test_all${TEST_DB_SUFFIX:-}" \
            "$(all_modules)" tests/integration ;;
bridges)
    src=$(find_odoo) && "$ROOT/scripts/pg.sh" start >/dev/null && bridge_suites ;;
tours)
    src=$(find_odoo) && "$ROOT/scripts/pg.sh" start >/dev/null && "$ROOT/scripts/browser.sh" \
        && install_and_test "odoo all together" "test_all${TEST_DB_SUFFIX:-}" \
            "$(all_modules)" tests/integration \
        && odoo_bin_tests "browser tours" "test_all${TEST_DB_SUFFIX:-}" browser_tour ;;
all) lint_suite; pure_suite; odoo_suite ;;
*) echo "usage: $0 [all|lint|pure|odoo [ADDON ...]|bridges|integration|tours]" >&2; exit 2 ;;
esac

echo
echo "=== Test summary ==="
for s in "${summary[@]}"; do echo "  $s"; done
echo "total: $total_passed passed, $total_failed failed"
exit $status
