#!/usr/bin/env bash
# `make pot`: export addons/*/i18n/<addon>.pot from a throwaway database, then
# merge each zh_CN.po with it, keeping the existing translations.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"
DB=dealer_crm_pot_$$
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT
odoo -d "$DB" -i "$DEALER_CRM_ADDONS_CSV" --stop-after-init --log-level=warn
"$PYTHON" "$ODOO_BIN" i18n export -c "$ODOO_CONF" -d "$DB" "${DEALER_CRM_ADDONS[@]}"
for addon in "${DEALER_CRM_ADDONS[@]}"; do
    po="$ROOT/addons/$addon/i18n/zh_CN.po"
    "$PYTHON" "$ROOT/scripts/merge_po.py" "$ROOT/addons/$addon/i18n/$addon.pot" "$po"
done
