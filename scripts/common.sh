# Shared settings of the set-up, run and test scripts. Sourced, not run.
#
# Everything installed lives outside the clone, under DEALER_CRM_HOME, so that
# a fresh clone (CI's included) finds an earlier install again.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEALER_CRM_HOME=${DEALER_CRM_HOME:-$HOME/.local/share/dealer-crm}
DEALER_CRM_ODOO=${DEALER_CRM_ODOO:-$DEALER_CRM_HOME/odoo-19.0}
DEALER_CRM_VENV=${DEALER_CRM_VENV:-$DEALER_CRM_HOME/venv}
DEALER_CRM_ROOT=$ROOT
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-dealer_crm}
PGPASSWORD=${PGPASSWORD:-dealer_crm}
export DEALER_CRM_HOME DEALER_CRM_ODOO DEALER_CRM_VENV DEALER_CRM_ROOT PGHOST PGPORT PGUSER PGPASSWORD

ODOO_CONF="$ROOT/config/odoo.conf"
# The project's addons, each after those it depends on (README: "The addons").
DEALER_CRM_ADDONS=(dealer_crm dealer_crm_field dealer_crm_wecom dealer_crm_route dealer_crm_sale dealer_crm_pool dealer_crm_route_pool dealer_crm_sale_stock dealer_crm_portal dealer_crm_team dealer_crm_route_reports dealer_crm_reports)
DEALER_CRM_ADDONS_CSV=$(IFS=,; echo "${DEALER_CRM_ADDONS[*]}")
PYTHON="$DEALER_CRM_VENV/bin/python"
# The virtualenv first on PATH, for every script and every Odoo they start:
# when a request outlives limit_time_real, Odoo reloads itself with
# execve(sys.executable, ["python", …]), and that new interpreter finds its
# packages by looking "python" up on PATH (odoo/service/server.py _reexec).
case "$PATH" in
    "$DEALER_CRM_VENV/bin:"*) ;;
    *) export PATH="$DEALER_CRM_VENV/bin:$PATH" ;;
esac
ODOO_BIN="$DEALER_CRM_ODOO/odoo-bin"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
# primary_cluster: the version and name of this machine's PostgreSQL cluster on PGPORT (Debian's pg_lsclusters).
primary_cluster() {
    pg_lsclusters -h 2>/dev/null | awk -v port="$PGPORT" '$3 == port {print $1 " " $2; exit}'
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# wait_for URL LOGS: waits up to 2 minutes for URL to answer; else dies, pointing at LOGS.
wait_for() {
    for _ in $(seq 120); do
        curl -sf -o /dev/null "$1" && return
        sleep 1
    done
    die "no answer on $1 after 2 minutes; see $2"
}

# odoo [ARGS…]: Odoo 19 with the project's configuration.
odoo() {
    "$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" "$@"
}

# db_exists NAME: whether the database NAME exists.
db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# free_port: a free TCP port on the loopback interface.
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# drop_db NAME: drops the database NAME, if any, and its filestore.
drop_db() {
    dropdb --if-exists "$1" 2>/dev/null || true
    rm -rf "$DEALER_CRM_HOME/data/filestore/$1"
}

# drop_test_dbs PREFIX: drops the databases PREFIX_…, left by an interrupted run.
drop_test_dbs() {
    local db
    for db in $(psql -d postgres -tAc "SELECT datname FROM pg_database WHERE datname LIKE '$1\_%'"); do
        drop_db "$db"
    done
}

# odoo_test_run DB LOG ADDONS TAGS: installs ADDONS in the new database DB
# with the tests TAGS enabled, Odoo's output in LOG, then drops DB; prints
# "PASSED FAILED" (see summarize_odoo_log).
odoo_test_run() {
    local rc
    drop_db "$1"
    set +e
    odoo -d "$1" -i "$3" --test-enable --test-tags "$4" \
        --http-port "$(free_port)" --stop-after-init --log-level=info >"$2" 2>&1
    rc=$?
    set -e
    drop_db "$1"
    summarize_odoo_log "$2" "$rc"
}

# run_units DIR UNIT…: runs each UNIT, a command line, in the background, at
# most DEALER_CRM_TEST_JOBS at once (default: the machine's cores; the test
# runs are independent: each has its own database, port and Chromium
# profile). A unit's output goes to DIR and is shown whole once the unit
# ends; its last line must be "PASSED FAILED". Writes the sums, "PASSED
# FAILED", to DIR/counts. Give the longest units first.
run_units() {
    local dir=$1 jobs=${DEALER_CRM_TEST_JOBS:-$(nproc)} index=0 running=0 passed=0 failed=0
    local -A output_of=()
    shift
    # collect_unit: waits for a unit to end, shows its output, adds its counts.
    collect_unit() {
        local pid output last unit_passed unit_failed
        wait -n -p pid || true
        output=${output_of[$pid]}
        last=$(tail -n 1 "$output")
        sed '$d' "$output"
        if [[ $last =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
            unit_passed=${BASH_REMATCH[1]} unit_failed=${BASH_REMATCH[2]}
        else
            echo "$last"
            echo "This test unit ended without its counts: counted as failed." >&2
            unit_passed=0 unit_failed=1
        fi
        passed=$((passed + unit_passed))
        failed=$((failed + unit_failed))
        running=$((running - 1))
    }
    for unit in "$@"; do
        [ "$running" -ge "$jobs" ] && collect_unit
        (set +e; eval "$unit") >"$dir/unit-$index.out" 2>&1 &
        output_of[$!]="$dir/unit-$index.out"
        index=$((index + 1))
        running=$((running + 1))
    done
    while [ "$running" -gt 0 ]; do collect_unit; done
    echo "$passed $failed" >"$dir/counts"
}

# summarize_odoo_log LOG EXIT_CODE: shows the failures of an Odoo test run and
# prints "PASSED FAILED" on the last line. A skipped test (a browser test
# without Chromium, say), an error logged outside a test and a run that ran no
# test all count as failures.
summarize_odoo_log() {
    local log=$1 rc=$2 summary failed=0 errors=0 total=0 skipped logged
    summary=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$log" | tail -n 1)
    if [ -n "$summary" ]; then
        read -r failed errors total < <(echo "$summary" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')
    fi
    skipped=$(grep -cE 'odoo\.tests\.[a-z]+: skipped ' "$log" || true)
    logged=$(grep -E ' (ERROR|CRITICAL) ' "$log" | grep -vcE 'odoo\.tests\.(result|stats)|odoo\.addons\.[a-z0-9_]+\.tests\.' || true)
    grep -E ' (ERROR|CRITICAL) |: skipped |^(FAIL|ERROR):' "$log" | head -n 200 >&2 || true
    if [ -z "$summary" ]; then
        echo "No test summary in the log: Odoo did not run the tests (exit code $rc). Last lines:" >&2
        tail -n 40 "$log" >&2
        errors=$((errors + 1))
    elif [ "$total" -eq 0 ]; then
        echo "Odoo ran no test." >&2
        errors=$((errors + 1))
    else
        echo "$summary" >&2
    fi
    local bad=$((failed + errors + skipped + (logged > 0 ? 1 : 0)))
    local passed=$((total - failed - errors - skipped))
    echo "$((passed < 0 ? 0 : passed)) $bad"
}

# ensure_demo_db NAME: creates the demo database NAME when it is missing, or
# made by an older layout of the addons.
ensure_demo_db() {
    local db=$1 installed
    if db_exists "$db"; then
        installed=$(psql -d "$db" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
                                         AND name = ANY(string_to_array('$DEALER_CRM_ADDONS_CSV', ','))")
        if [ "$installed" != "${#DEALER_CRM_ADDONS[@]}" ]; then
            say "The demo database $db was made by an older layout of the addons (not all of $DEALER_CRM_ADDONS_CSV are installed): recreating it"
            dropdb "$db"
        fi
    fi
    if ! db_exists "$db"; then
        say "Creating the demo database $db (Chinese, CNY, Asia/Shanghai); this takes a few minutes"
        bash "$ROOT/scripts/create-demo-db.sh" "$db"
    fi
}
