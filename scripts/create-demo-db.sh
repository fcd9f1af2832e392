#!/usr/bin/env bash
# create-demo-db.sh DB: a database with Odoo's and Dealer CRM's demo data, in
# Chinese (zh_CN loaded, demo users in zh_CN and Asia/Shanghai, CNY).
# On failure the half-made database is dropped.
source "$(dirname "$0")/common.sh"
DB=${1:?usage: create-demo-db.sh DATABASE}

# l10n_cn in the same run as account gives Odoo's companies the Chinese chart.
# Inventory's sales link comes before Dealer CRM: Odoo cannot add sale_stock to a
# database whose confirmed orders of goods have no warehouse (sale_stock's
# _check_warehouse), so the demo orders are confirmed with it installed.
if ! { "$PYTHON" "$ODOO_BIN" db -c "$ODOO_CONF" init "$DB" --with-demo --language zh_CN --country CN \
           --username admin --password admin &&
       odoo -d "$DB" -i "l10n_cn,sale_stock" --with-demo --stop-after-init &&
       odoo -d "$DB" -i "$DEALER_CRM_ADDONS_CSV" --with-demo --stop-after-init; }; then
    dropdb --if-exists "$DB"
    die "the demo database $DB could not be created; see the messages above."
fi
# Odoo installs a module whose demo data fails "without demo data", with a mere
# warning: refuse such a database.
for module in "${DEALER_CRM_ADDONS[@]}"; do
    if [ "$(psql -d "$DB" -tAc "SELECT demo FROM ir_module_module WHERE name = '$module'")" != "t" ]; then
        dropdb --if-exists "$DB"
        die "the demo data of $module failed to load; see the warning above."
    fi
done
