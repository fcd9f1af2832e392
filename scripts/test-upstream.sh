#!/usr/bin/env bash
# `make test-upstream`: Odoo's own tests of the modules Dealer CRM extends
# (account, sale, sale_management, sale_stock, crm, sale_crm, calendar, contacts, portal),
# installed together with our addons in a fresh database, as Odoo's runbot
# does: each module's at_install tests run right after it is installed, the
# post_install tests once everything, Dealer CRM included, is installed.
# Accounting's tests, half of the time, run in one such database, the others
# in a second one, side by side (run_units).
#
# (Running at_install tests on a database where everything is already
# installed does not work: calendar's tests would run with a registry that
# does not know accounting's NOT NULL columns.)
#
# A failed test of Odoo's is run once more before it counts, as Odoo's runbot
# does (ODOO_TEST_FAILURE_RETRIES, odoo/tests/common.py): crm's forecast tour
# waits for a kanban's quick-create column that the pipeline it opens first
# also has, and clicks "New" on the wrong view when the machine is busy. A test
# that fails twice still fails the run; our own tests (make test) never retry.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
export ODOO_TEST_FAILURE_RETRIES=1

MODULES=${UPSTREAM_MODULES:-account,sale,sale_management,sale_stock,crm,sale_crm,calendar,contacts,portal}
LOG_DIR=$(mktemp -d -t dealer-crm-upstream.XXXXXX)
trap 'drop_test_dbs "dealer_crm_upstream_$$"' EXIT

# upstream_unit TAGS: installs MODULES and Dealer CRM in a new database and runs the tests TAGS.
upstream_unit() {
    local log="$LOG_DIR/${1//[\/,]/+}.log"
    say "Odoo's tests $1, with $MODULES and $DEALER_CRM_ADDONS_CSV installed (log: $log)"
    odoo_test_run "dealer_crm_upstream_$$_$BASHPID" "$log" "$MODULES,$DEALER_CRM_ADDONS_CSV" "$1"
}

tags=$(echo "$MODULES" | sed -E 's/(^|,)/\1\//g')
units=("upstream_unit $tags")
if [[ ,$MODULES, == *,account,* ]] && [ "$MODULES" != account ]; then
    units=("upstream_unit /account" "upstream_unit $(echo "$tags" | sed -E 's#(^|,)/account(,|$)#\1#; s/,$//')")
fi
run_units "$LOG_DIR" "${units[@]}"
read -r passed failed <"$LOG_DIR/counts"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
