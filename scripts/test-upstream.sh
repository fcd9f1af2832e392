#!/usr/bin/env bash
# `make test-upstream`: Odoo's own tests of the modules Dealer CRM extends
# (sale, sale_management, calendar, contacts), run on a database where our
# addons are installed: at_install tests see our data, rules and columns,
# post_install tests our whole code too.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

MODULES=${UPSTREAM_MODULES:-sale,sale_management,calendar,contacts}
DB=dealer_crm_upstream_$$
LOG=$(mktemp -t dealer-crm-upstream.XXXXXX.log)
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT

say "Installing $MODULES with dealer_crm and dealer_crm_reports"
odoo -d "$DB" -i "$MODULES,dealer_crm,dealer_crm_reports" --stop-after-init --log-level=warn
say "Running Odoo's tests of $MODULES (log: $LOG)"
tags=$(echo "$MODULES" | sed -E 's/(^|,)/\1\//g')
set +e
odoo -d "$DB" --test-enable --test-tags "$tags" --http-port "$(free_port)" --stop-after-init --log-level=info >"$LOG" 2>&1
rc=$?
set -e
read -r passed failed < <(summarize_odoo_log "$LOG" "$rc")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
