#!/usr/bin/env bash
# `make run`: set up what is missing, create the demo database once, then serve it.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

DB=${DEALER_CRM_DB:-dealer_crm_demo}
ensure_demo_db "$DB"
say "Dealer CRM is at http://localhost:8069 (database $DB) — log in as admin/admin, or as a demo user: zhangwei/zhangwei (salesperson), wangjianguo/wangjianguo (manager), sunli/sunli (back office)"
exec "$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" "$@"
