#!/usr/bin/env bash
# `make test`: Odoo's test runner on a throwaway database (unit, HTTP and
# browser tests of both addons), then the end-to-end suite under tests/.
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

command -v chromium >/dev/null || die "chromium is missing: browser tests would be skipped."
"$PYTHON" -c "import websocket" 2>/dev/null || die "websocket-client is missing: browser tests would be skipped."

DB=dealer_crm_test_$$
LOG=$(mktemp -t dealer-crm-test.XXXXXX.log)
JUNIT=$(mktemp -t dealer-crm-e2e.XXXXXX.xml)
cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -f "$JUNIT"
}
trap cleanup EXIT

say "Odoo tests of dealer_crm and dealer_crm_reports (log: $LOG)"
set +e
odoo -d "$DB" -i dealer_crm,dealer_crm_reports --test-enable \
    --test-tags /dealer_crm,/dealer_crm_reports \
    --http-port "$(free_port)" --stop-after-init --log-level=info >"$LOG" 2>&1
odoo_rc=$?
set -e

read -r odoo_passed odoo_bad < <(summarize_odoo_log "$LOG" "$odoo_rc")

say "End-to-end tests (tests/) against a live server"
set +e
(cd "$ROOT" && "$PYTHON" -m pytest tests -q -p no:cacheprovider --junitxml="$JUNIT")
pytest_rc=$?
set -e
read -r e2e_total e2e_failed e2e_errors e2e_skipped < <("$PYTHON" - "$JUNIT" <<'PY'
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

failed=$((odoo_bad + e2e_bad))
echo "$((odoo_passed + e2e_passed)) passed, $failed failed"
[ "$failed" -eq 0 ]
