#!/usr/bin/env bash
# `make test`: Odoo's test runner on throwaway databases, and the end-to-end
# suite under tests/. Each addon but the last is installed alone (with what it
# depends on) and its own tests run that way; all of them are installed
# together and every addon's unit, HTTP and browser tests run. These runs and
# the end-to-end suite are independent and run side by side (run_units).
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

command -v chromium >/dev/null || die "chromium is missing: browser tests would be skipped."
"$PYTHON" -c "import websocket" 2>/dev/null || die "websocket-client is missing: browser tests would be skipped."

LOG_DIR=$(mktemp -d -t dealer-crm-test.XXXXXX)
trap 'drop_test_dbs "dealer_crm_test_$$"' EXIT

# odoo_unit ADDONS TAGS: installs ADDONS in a new database and runs the tests TAGS.
odoo_unit() {
    local log="$LOG_DIR/${1//,/+}.log"
    say "Odoo tests: $2 with $1 installed (log: $log)"
    odoo_test_run "dealer_crm_test_$$_$BASHPID" "$log" "$1" "$2"
}

# e2e_unit: the end-to-end tests against a live server on a new demo database.
e2e_unit() {
    say "End-to-end tests (tests/) against a live server"
    local junit="$LOG_DIR/e2e.xml" pytest_rc e2e_total e2e_failed e2e_errors e2e_skipped e2e_bad e2e_passed
    (cd "$ROOT" && "$PYTHON" -m pytest tests -q -p no:cacheprovider --junitxml="$junit")
    pytest_rc=$?
    read -r e2e_total e2e_failed e2e_errors e2e_skipped < <("$PYTHON" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 0, 1, 0)
    raise SystemExit
suites = [root] if root.tag == "testsuite" else list(root)
count = lambda key: sum(int(s.get(key, 0)) for s in suites)
print(count("tests"), count("failures"), count("errors"), count("skipped"))
PY
    )
    e2e_bad=$((e2e_failed + e2e_errors + e2e_skipped))
    [ "$pytest_rc" -ne 0 ] && [ "$e2e_bad" -eq 0 ] && e2e_bad=1
    [ "$e2e_total" -eq 0 ] && e2e_bad=$((e2e_bad + 1))
    e2e_passed=$((e2e_total - e2e_failed - e2e_errors - e2e_skipped))
    [ "$e2e_passed" -lt 0 ] && e2e_passed=0
    echo "$e2e_passed $e2e_bad"
}

units=("odoo_unit $DEALER_CRM_ADDONS_CSV $(printf '/%s,' "${DEALER_CRM_ADDONS[@]}" | sed 's/,$//')" e2e_unit)
for addon in "${DEALER_CRM_ADDONS[@]:0:${#DEALER_CRM_ADDONS[@]}-1}"; do
    units+=("odoo_unit $addon /$addon")
done
run_units "$LOG_DIR" "${units[@]}"
read -r passed failed <"$LOG_DIR/counts"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
