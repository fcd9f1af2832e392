#!/usr/bin/env bash
# `make bench`: the speed figures of issues #2, #3, #4, #6, #7, #17, #18 and #19 on a throwaway database.
#   import_bench.py        customer import vs Odoo's base_import at 1k/10k/50k rows
#   customer_list_bench.py a salesperson's first 80 of 100k customers, with and without the owner index
#   photo_bench.py         a 12 MP check-in photo through the pipeline vs plain Pillow
#   checkin_report_bench.py the check-in report's pivot at 1k, 10k and 100k check-ins
#   pool_bench.py          public pool recycling (10% due) and one claim at 10k, 100k and 1M customers
#   team_bench.py          sales facts, target actuals, analytics beside sale.report (1M order lines, 300k
#                          payments, 200k follow-ups) and work report statistics (100k)
#   coverage_bench.py      visit coverage read by salesperson × week over a quarter for 50, 200 and 400
#                          salespeople (100 customers each), and the rebuild of the visited spans
#   route_bench.py         visit planning: routes of 25 and 150 stops, the 20 customers nearest of 100k,
#                          the reused-photo lookup among 1M hashes
#   portal_bench.py        a dealer's monthly statement of 5,000 invoices and the dealer home (/my/dealer),
#                          among 1M order lines and 300k other customers' invoices
#   wecom_live_bench.py    WeCom's callback on a live server: p95 one at a time, 200 messages/s for 30 s,
#                          the processing queue draining behind
# BENCH_SIZES (e.g. "1000 10000") narrows the import sizes; BENCH_SCRIPTS picks scripts.
source "$(dirname "$0")/../scripts/common.sh"
bash "$ROOT/scripts/setup.sh"
BASE=dealer_crm_bench_$$
DB=${BASE}_run
trap 'dropdb --if-exists "$DB" 2>/dev/null || true; dropdb --if-exists "$BASE" 2>/dev/null || true' EXIT
say "Installing $DEALER_CRM_ADDONS_CSV into $BASE"
odoo -d "$BASE" -i "$DEALER_CRM_ADDONS_CSV,base_import" --stop-after-init --log-level=warn
# Each script on its own copy of the fresh database: what one builds (regions,
# customers, orders) is no part of another's figures or checks.
for script in ${BENCH_SCRIPTS:-import_bench.py customer_list_bench.py photo_bench.py checkin_report_bench.py pool_bench.py team_bench.py route_bench.py coverage_bench.py portal_bench.py wecom_live_bench.py}; do
    say "$script"
    dropdb --if-exists "$DB" 2>/dev/null
    createdb -T "$BASE" "$DB"
    if [[ $script == *_live_bench.py ]]; then
        # Against a server of its own, started by the script.
        BENCH_DB=$DB ODOO_BIN=$ODOO_BIN ODOO_CONF=$ODOO_CONF "$PYTHON" "$ROOT/bench/$script"
    else
        # bench_tools.py, the scripts' shared helpers, on their path.
        PYTHONPATH="$ROOT/bench${PYTHONPATH:+:$PYTHONPATH}" \
            "$PYTHON" "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn < "$ROOT/bench/$script"
    fi
done
