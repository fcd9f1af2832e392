#!/usr/bin/env bash
# `make run`: set up what is missing, create the demo database once, then serve it.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

DB=${DEALER_CRM_DB:-dealer_crm_demo}
if ! db_exists "$DB"; then
    say "Creating the demo database $DB (Chinese, CNY, Asia/Shanghai); this takes a few minutes"
    # l10n_cn in the same run as account, so that the company gets the Chinese
    # chart of accounts and CNY rather than the generic chart in USD.
    if ! { "$PYTHON" "$ODOO_BIN" db -c "$ODOO_CONF" init "$DB" --with-demo --language zh_CN --country CN \
               --username admin --password admin &&
           odoo -d "$DB" -i l10n_cn,dealer_crm,dealer_crm_reports --with-demo --stop-after-init; }; then
        dropdb --if-exists "$DB"
        die "the demo database could not be created; see the messages above."
    fi
fi
say "Dealer CRM is at http://localhost:8069 (database $DB) — log in as admin/admin, or as a demo user: zhangwei/zhangwei (salesperson), wangjianguo/wangjianguo (manager), sunli/sunli (back office)"
exec "$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" "$@"
