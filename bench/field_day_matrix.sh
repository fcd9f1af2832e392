#!/usr/bin/env bash
# The load test of a field team's day (bench/field_day.sh) against each
# set-up of README "Deploying", one after the other on this machine:
#   bash bench/field_day_matrix.sh [USERS…]      (default: 50 100 200)
# the development server (`make run`, threaded), one node and two nodes of
# `make serve`, and two nodes reading through `make replica`; each for
# DEALER_CRM_LOAD_SECONDS (default 90) at each number of users. Prints one
# Markdown table (the reports in a temporary directory it names). Leaves
# the stack stopped and the replica stopped.
source "$(dirname "$0")/../scripts/common.sh"
if [ $# -gt 0 ]; then USER_COUNTS=("$@"); else USER_COUNTS=(50 100 200); fi
SECONDS_TO_RUN=${DEALER_CRM_LOAD_SECONDS:-90}
DB=${DEALER_CRM_DB:-dealer_crm_demo}
DEV_PORT=${DEALER_CRM_DEV_PORT:-8069}
work=$(mktemp -d -t field-day-matrix.XXXXXX)
rows=()

# measure NAME URL: the load at each number of users, a table row each.
measure() {
    local users report
    for users in "${USER_COUNTS[@]}"; do
        report="$work/$1-$users.txt"
        say "$1, $users users"
        bash "$ROOT/bench/field_day.sh" "$2" "$users" "$SECONDS_TO_RUN" >"$report" 2>&1 || true
        rows+=("$("$PYTHON" - "$1" "$users" "$report" <<'PYTHON'
import re, sys
name, users, report = sys.argv[1:]
text = open(report).read()
def find(pattern, default="?"):
    match = re.search(pattern, text, re.M)
    return match.group(1) if match else default
print(f"| {name} | {users} | {find(r'^throughput ([0-9.]+) req/s')} req/s "
      f"| {find(r'^p50 ([0-9.]+) ms')} / {find(r'p95 ([0-9.]+) ms, max')} / {find(r'max ([0-9.]+) ms;')} ms "
      f"| {find(r'reads p95 at most ([0-9.]+) ms')} ms | {find(r'check-in p95 ([0-9.]+) ms')} ms "
      f"| {find(r'failures ([0-9]+)$')} | {find(r'^integrity: (.*)$')} |")
PYTHON
)")
    done
}

bash "$ROOT/scripts/serve-stop.sh" >/dev/null
bash "$ROOT/scripts/replica.sh" stop >/dev/null
ensure_demo_db "$DB"
"$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter "^$DB\$" --http-port "$DEV_PORT" \
    --logfile "$work/dev-server.log" &
dev=$!
wait_for "http://127.0.0.1:$DEV_PORT/web/health" "$work/dev-server.log"
measure "development server" "http://127.0.0.1:$DEV_PORT"
kill "$dev"
wait "$dev" || true

URL=http://127.0.0.1:${DEALER_CRM_SERVE_PORT:-8080}
DEALER_CRM_SERVE_NODES=1 bash "$ROOT/scripts/serve.sh" >/dev/null
measure "one node" "$URL"
bash "$ROOT/scripts/serve-stop.sh" >/dev/null
bash "$ROOT/scripts/serve.sh" >/dev/null
measure "two nodes" "$URL"
bash "$ROOT/scripts/serve-stop.sh" >/dev/null
bash "$ROOT/scripts/replica.sh" >/dev/null
bash "$ROOT/scripts/serve.sh" >/dev/null
measure "two nodes + replica" "$URL"
bash "$ROOT/scripts/serve-stop.sh" >/dev/null
bash "$ROOT/scripts/replica.sh" stop >/dev/null

echo
echo "| set-up | users | throughput | p50 / p95 / max | reads p95 (slowest read) | check-in p95 | failures | integrity |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
say "Reports: $work"
