#!/usr/bin/env bash
# `make test`: Odoo's test runner on throwaway databases, then the end-to-end
# suite under tests/. Each addon but the last is first installed alone (with
# what it depends on) and its own tests run that way; then all of them are
# installed together and every addon's unit, HTTP and browser tests run.
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

command -v chromium >/dev/null || die "chromium is missing: browser tests would be skipped."
"$PYTHON" -c "import websocket" 2>/dev/null || die "websocket-client is missing: browser tests would be skipped."

DB=dealer_crm_test_$$
LOG_DIR=$(mktemp -d -t dealer-crm-test.XXXXXX)
JUNIT=$(mktemp -t dealer-crm-e2e.XXXXXX.xml)
cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -f "$JUNIT"
}
trap cleanup EXIT

odoo_passed=0
odoo_bad=0
# odoo_tests ADDONS TAGS: install ADDONS in a new database and run the tests TAGS.
odoo_tests() {
    local log="$LOG_DIR/${1//,/+}.log" passed bad
    dropdb --if-exists "$DB" 2>/dev/null || true
    say "Odoo tests: $2 with $1 installed (log: $log)"
    read -r passed bad < <(odoo_test_run "$DB" "$log" "$1" "$2")
    odoo_passed=$((odoo_passed + passed))
    odoo_bad=$((odoo_bad + bad))
}

for addon in "${DEALER_CRM_ADDONS[@]:0:${#DEALER_CRM_ADDONS[@]}-1}"; do
    odoo_tests "$addon" "/$addon"
done
odoo_tests "$DEALER_CRM_ADDONS_CSV" "$(printf '/%s,' "${DEALER_CRM_ADDONS[@]}" | sed 's/,$//')"

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
