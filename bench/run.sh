#!/usr/bin/env bash
# `make bench`: the speed figures of issue #2 on a throwaway database.
#   import_bench.py        customer import vs Odoo's base_import at 1k/10k/50k rows
#   customer_list_bench.py a salesperson's first 80 of 100k customers, with and without the owner index
# BENCH_SIZES (e.g. "1000 10000") narrows the import sizes.
source "$(dirname "$0")/../scripts/common.sh"
bash "$ROOT/scripts/setup.sh"
DB=dealer_crm_bench_$$
trap 'dropdb --if-exists "$DB" 2>/dev/null || true' EXIT
say "Installing dealer_crm into $DB"
odoo -d "$DB" -i dealer_crm,base_import --stop-after-init --log-level=warn
for script in import_bench.py customer_list_bench.py; do
    say "$script"
    "$PYTHON" "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn < "$ROOT/bench/$script"
done
