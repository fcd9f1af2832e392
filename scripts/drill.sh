#!/usr/bin/env bash
# `make drill`: fault drills against the stack of `make serve`, under the load
# of bench/field_day.sh (50 users), each ending with its integrity check:
#   1. kill -9 one Odoo node (its master and workers) 20 s into the load:
#      nginx sends the traffic to the other; the requests the node had in
#      hand fail and are reported; no acknowledged write is lost or doubled;
#   2. stop the replica 20 s into the load: the reports go back to the
#      primary and keep answering.
# The stack is started when it does not run, and restarted (with the replica)
# between the drills; both run at the end (`make serve-stop`, `make
# replica-drop`). Prints one line a drill; exits non-zero when one fails.
source "$(dirname "$0")/common.sh"
RUN_DIR=$DEALER_CRM_HOME/serve
URL=http://127.0.0.1:${DEALER_CRM_SERVE_PORT:-8080}
work=$(mktemp -d -t dealer-crm-drill.XXXXXX)
status=0

# under_load NAME ACTION: runs ACTION 20 s into a 60 s load of 50 users; the load's report in work/NAME.txt.
under_load() {
    bash "$ROOT/bench/field_day.sh" "$URL" 50 60 >"$work/$1.txt" 2>&1 &
    local load=$!
    sleep 20
    eval "$2"
    if wait "$load"; then
        say "drill $1: $(grep -E '^throughput' "$work/$1.txt"); $(grep -E '^integrity' "$work/$1.txt")"
    else
        say "drill $1 FAILED: $(grep -E '^throughput|^integrity' "$work/$1.txt" | tr '\n' ' ') (report: $work/$1.txt)"
        status=1
    fi
}

kill_node() {
    local pid
    pid=$(cat "$RUN_DIR/node1.pid")
    pkill -9 -P "$pid" || true
    kill -9 "$pid"
}

# restart_stack: the stack started afresh (reading through the replica when it runs).
restart_stack() {
    bash "$ROOT/scripts/serve-stop.sh" >/dev/null
    bash "$ROOT/scripts/serve.sh" >/dev/null
}

restart_stack
under_load kill-node kill_node
bash "$ROOT/scripts/replica.sh" >/dev/null
restart_stack
under_load stop-replica 'bash "$ROOT/scripts/replica.sh" stop >/dev/null'
# The replica started again catches up through its slot.
bash "$ROOT/scripts/replica.sh" >/dev/null
restart_stack
say "Reports of the drills: $work"
exit $status
