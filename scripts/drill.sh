#!/usr/bin/env bash
# `make drill`: fault drills against the stack of `make serve`, on a copy of
# the demo database (DEALER_CRM_DRILL_DB, default dealer_crm_drill: the
# drills recycle customers and load a day's writes), each ending with its
# checks:
#   1. kill -9 one Odoo node (its master and workers) 20 s into a load of 50
#      users: nginx sends the traffic to the other; the requests the node had
#      in hand fail and are reported; no acknowledged write is lost, doubled
#      or half-written;
#   2. stop the replica 20 s into the load: the reports go back to the
#      primary and keep answering;
#   3. restart PostgreSQL 20 s into the load: the requests of those seconds
#      fail with an error, nothing is half-written, and a load started after
#      it runs without a failure;
#   4. the HTTP nodes' limit_memory_soft lowered to 12 MB above an idle
#      worker: under a load of 20 users, workers pass it after a request or
#      two and are replaced, and no request fails (each new worker starts
#      cold: the load is lighter, since the calls are several times slower);
#   5. the cron node killed in the middle of pool recycling, then of the
#      facts rebuild (scripts/cron_drill.py): nothing half-written, and the
#      next run completes the work.
# Prints one line a drill; exits non-zero when one fails. The stack is left
# running on the demo database (with the replica), as `make serve` and
# `make replica` leave it.
source "$(dirname "$0")/common.sh"
RUN_DIR=$DEALER_CRM_HOME/serve
LOG_DIR=$DEALER_CRM_HOME/log
URL=http://127.0.0.1:${DEALER_CRM_SERVE_PORT:-8080}
DEMO_DB=${DEALER_CRM_DB:-dealer_crm_demo}
DRILL_DB=${DEALER_CRM_DRILL_DB:-dealer_crm_drill}
work=$(mktemp -d -t dealer-crm-drill.XXXXXX)
status=0
# The load test's heavier form: each user's screens of a visit at once, the think time between visits.
export FIELD_DAY_THINK=${FIELD_DAY_THINK:-visit}

# report NAME OK DETAILS: one line for the drill NAME.
report() {
    if [ "$2" = ok ]; then
        say "drill $1: $3"
    else
        say "drill $1 FAILED: $3 (reports: $work)"
        status=1
    fi
}

# load NAME USERS SECONDS: the load test, its report in work/NAME.txt; fails when the integrity check fails.
load() {
    bash "$ROOT/bench/field_day.sh" "$URL" "$2" "$3" >"$work/$1.txt" 2>&1
}

# summary NAME: the throughput and integrity lines of the load's report.
summary() {
    grep -E '^throughput|^integrity' "$work/$1.txt" | tr '\n' ' '
}

# under_load NAME ACTION: runs ACTION 20 s into a 60 s load of 50 users.
under_load() {
    load "$1" 50 60 &
    local running=$!
    sleep 20
    eval "$2"
    if wait "$running"; then report "$1" ok "$(summary "$1")"; else report "$1" failed "$(summary "$1")"; fi
}

failures() {
    sed -nE 's/^throughput .* failures ([0-9]+).*/\1/p' "$work/$1.txt"
}

kill_node() {
    local pid
    pid=$(cat "$RUN_DIR/node1.pid")
    pkill -9 -P "$pid" || true
    kill -9 "$pid"
}

restart_postgresql() {
    # shellcheck disable=SC2046
    as_root pg_ctlcluster $(primary_cluster) restart
}

# restart_stack [KEY=VALUE…]: the stack started afresh on the drill database, its HTTP nodes with these options.
restart_stack() {
    bash "$ROOT/scripts/serve-stop.sh" >/dev/null
    DEALER_CRM_DB=$DRILL_DB DEALER_CRM_SERVE_OPTIONS="$*" bash "$ROOT/scripts/serve.sh" >/dev/null
}

bash "$ROOT/scripts/serve-stop.sh" >/dev/null
ensure_demo_db "$DEMO_DB"
say "Copying $DEMO_DB to $DRILL_DB for the drills"
drop_db "$DRILL_DB"
createdb -T "$DEMO_DB" "$DRILL_DB"
if [ -d "$DEALER_CRM_HOME/data/filestore/$DEMO_DB" ]; then
    cp -a "$DEALER_CRM_HOME/data/filestore/$DEMO_DB" "$DEALER_CRM_HOME/data/filestore/$DRILL_DB"
fi
export DEALER_CRM_DB=$DRILL_DB

restart_stack
under_load kill-node kill_node

bash "$ROOT/scripts/replica.sh" >/dev/null
restart_stack
under_load stop-replica 'bash "$ROOT/scripts/replica.sh" stop >/dev/null'
# The replica started again catches up through its slot.
bash "$ROOT/scripts/replica.sh" >/dev/null

restart_stack
under_load restart-postgresql restart_postgresql
if load after-restart 20 30 && [ "$(failures after-restart)" = 0 ]; then
    report recovered-after-restart ok "$(summary after-restart)"
else
    report recovered-after-restart failed "$(summary after-restart)"
fi

# An idle HTTP worker's virtual memory in kB (Odoo's limit_memory_soft counts the VMS; the node's
# gevent process, its other child, is smaller).
idle=$(ps -o vsz=,args= --ppid "$(cat "$RUN_DIR/node1.pid")" | awk '!/ gevent / {print $1}' | sort -n | head -1)
limit_mb=$(((idle + 12 * 1024) / 1024))
restart_stack "limit_memory_soft=$((limit_mb * 1024 * 1024))"
before=$(cat "$LOG_DIR"/node*.log | grep -c 'virtual memory limit' || true)
load memory-soft 20 60 || true
replaced=$(($(cat "$LOG_DIR"/node*.log | grep -c 'virtual memory limit' || true) - before))
if grep -q '^integrity: every' "$work/memory-soft.txt" && [ "$(failures memory-soft)" = 0 ] && [ "$replaced" -gt 0 ]; then
    report memory-soft ok "$replaced workers replaced past $limit_mb MB; $(summary memory-soft)"
else
    report memory-soft failed "$replaced workers replaced; $(summary memory-soft)"
fi

restart_stack
# The cron node of the stack makes way for the drill's own, which the drill kills.
kill "$(cat "$RUN_DIR/cron.pid")" && rm -f "$RUN_DIR/cron.pid"
for drill in recycle rebuild; do
    if "$PYTHON" "$ROOT/scripts/cron_drill.py" "$RUN_DIR/cron.conf" "$DRILL_DB" "$drill" >"$work/cron-$drill.txt" 2>&1
    then
        report "cron-$drill" ok "$(grep -c '  ok:' "$work/cron-$drill.txt") checks passed"
    else
        report "cron-$drill" failed "$(grep -E 'FAILED|waited' "$work/cron-$drill.txt" | tr '\n' ' ')"
    fi
done

bash "$ROOT/scripts/serve-stop.sh" >/dev/null
DEALER_CRM_DB=$DEMO_DB bash "$ROOT/scripts/serve.sh" >/dev/null
say "Reports of the drills: $work; the stack serves $DEMO_DB again"
exit $status
