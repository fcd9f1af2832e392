#!/usr/bin/env bash
# `make serve-stop`: stops the stack of `make serve` (nginx, then the Odoo nodes).
source "$(dirname "$0")/common.sh"
RUN_DIR=$DEALER_CRM_HOME/serve
# stop PIDFILE SIGNAL: sends SIGNAL to the process of PIDFILE and waits up to 30 s for it to end (then kills it).
stop() {
    local pid
    pid=$(cat "$1")
    kill "-$2" "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$1"
}
# nginx first, gracefully (QUIT: it finishes the requests it holds), and waited for: a stack started
# right after must find its port free.
[ ! -f "$RUN_DIR/nginx.pid" ] || stop "$RUN_DIR/nginx.pid" QUIT
for pidfile in "$RUN_DIR"/*.pid; do
    [ -f "$pidfile" ] || continue
    stop "$pidfile" TERM
done
say "The stack is stopped"
