#!/usr/bin/env bash
# `make run`: set up what is missing, create the demo database once, then serve it.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

DB=${DEALER_CRM_DB:-dealer_crm_demo}
if db_exists "$DB"; then
    installed=$(psql -d "$DB" -tAc "SELECT count(*) FROM ir_module_module WHERE state = 'installed'
                                     AND name = ANY(string_to_array('$DEALER_CRM_ADDONS_CSV', ','))")
    if [ "$installed" != "${#DEALER_CRM_ADDONS[@]}" ]; then
        say "The demo database $DB was made by an older layout of the addons (not all of $DEALER_CRM_ADDONS_CSV are installed): recreating it"
        dropdb "$DB"
    fi
fi
if ! db_exists "$DB"; then
    say "Creating the demo database $DB (Chinese, CNY, Asia/Shanghai); this takes a few minutes"
    bash "$ROOT/scripts/create-demo-db.sh" "$DB"
fi
say "Dealer CRM is at http://localhost:8069 (database $DB) — log in as admin/admin, or as a demo user: zhangwei/zhangwei (salesperson), wangjianguo/wangjianguo (manager), sunli/sunli (back office)"
exec "$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" "$@"
