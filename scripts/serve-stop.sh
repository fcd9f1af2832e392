#!/usr/bin/env bash
# `make serve-stop`: stops the stack of `make serve` (nginx, then the Odoo nodes).
source "$(dirname "$0")/common.sh"
RUN_DIR=$DEALER_CRM_HOME/serve
if [ -f "$RUN_DIR/nginx.pid" ]; then
    /usr/sbin/nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s quit || true
fi
for pidfile in "$RUN_DIR"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
done
say "The stack is stopped"
