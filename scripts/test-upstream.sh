#!/usr/bin/env bash
# `make test-upstream`: Odoo's own tests of the modules Dealer CRM extends
# (account, sale, sale_management, sale_stock, crm, sale_crm, calendar, contacts),
# installed together with our
# addons in a fresh database, as Odoo's runbot does: each module's at_install
# tests run right after it is installed, the post_install tests once
# everything, Dealer CRM included, is installed.
#
# (Running at_install tests on a database where everything is already
# installed does not work: calendar's tests would run with a registry that
# does not know accounting's NOT NULL columns.)
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

MODULES=${UPSTREAM_MODULES:-account,sale,sale_management,sale_stock,crm,sale_crm,calendar,contacts}
DB=dealer_crm_upstream_$$
LOG=$(mktemp -t dealer-crm-upstream.XXXXXX.log)
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT

say "Odoo's tests of $MODULES, with $DEALER_CRM_ADDONS_CSV installed (log: $LOG)"
tags=$(echo "$MODULES" | sed -E 's/(^|,)/\1\//g')
read -r passed failed < <(odoo_test_run "$DB" "$LOG" "$MODULES,$DEALER_CRM_ADDONS_CSV" "$tags")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
