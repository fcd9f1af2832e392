#!/usr/bin/env bash
# `make serve`: the production stack on this machine (README: "Deploying").
# nginx on 127.0.0.1:DEALER_CRM_SERVE_PORT in front of DEALER_CRM_SERVE_NODES
# Odoo nodes with DEALER_CRM_SERVE_WORKERS workers each, and a cron-only node;
# all of them with the limits of config/odoo-production.conf, sharing the data
# directory (sessions, filestore), reading through the replica of `make
# replica` when it runs. DEALER_CRM_SERVE_OPTIONS (KEY=VALUE …) sets more
# options of the HTTP nodes (`make drill` lowers limit_memory_soft so).
# Configuration in DEALER_CRM_HOME/serve, logs in DEALER_CRM_HOME/log.
# `make serve-stop` stops it.
source "$(dirname "$0")/common.sh"
DEALER_CRM_EXTRA_PACKAGES=nginx-light bash "$ROOT/scripts/setup.sh"

DB=${DEALER_CRM_DB:-dealer_crm_demo}
PORT=${DEALER_CRM_SERVE_PORT:-8080}
NODES=${DEALER_CRM_SERVE_NODES:-2}
WORKERS=${DEALER_CRM_SERVE_WORKERS:-$((2 * $(nproc) + 1))}
FIRST_NODE_PORT=${DEALER_CRM_SERVE_NODE_PORT:-8170}
REPLICA_PORT=${DEALER_CRM_REPLICA_PORT:-5433}
RUN_DIR=$DEALER_CRM_HOME/serve
LOG_DIR=$DEALER_CRM_HOME/log

[ ! -f "$RUN_DIR/nginx.pid" ] || die "the stack already runs (make serve-stop first)"
ensure_demo_db "$DB"
mkdir -p "$RUN_DIR" "$LOG_DIR" "$DEALER_CRM_HOME/data"
[ -f "$RUN_DIR/admin_passwd" ] || "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))' >"$RUN_DIR/admin_passwd"
replica=()
if pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres; then
    say "Reads go to the replica on port $REPLICA_PORT"
    replica=(db_replica_host=127.0.0.1 "db_replica_port=$REPLICA_PORT")
fi

# node_config NAME KEY=VALUE…: the node NAME's configuration, from the production profile.
node_config() {
    local name=$1
    shift
    "$PYTHON" "$ROOT/scripts/render_config.py" odoo "$RUN_DIR/$name.conf" \
        "addons_path=$DEALER_CRM_ODOO/addons,$ROOT/addons" "data_dir=$DEALER_CRM_HOME/data" \
        "db_host=$PGHOST" "db_port=$PGPORT" "db_user=$PGUSER" "db_password=$PGPASSWORD" \
        "db_name=$DB" "dbfilter=^$DB\$" "admin_passwd=$(cat "$RUN_DIR/admin_passwd")" \
        "logfile=$LOG_DIR/$name.log" "pidfile=$RUN_DIR/$name.pid" "${replica[@]}" "$@"
}

http_servers='' gevent_servers='' node_ports=()
for index in $(seq "$NODES"); do
    http=$((FIRST_NODE_PORT + 100 * (index - 1))) gevent=$((FIRST_NODE_PORT + 100 * (index - 1) + 1))
    # shellcheck disable=SC2086
    node_config "node$index" "workers=$WORKERS" max_cron_threads=0 "http_port=$http" "gevent_port=$gevent" \
        ${DEALER_CRM_SERVE_OPTIONS:-}
    node_ports+=("$http")
    http_servers+="        server 127.0.0.1:$http max_fails=2 fail_timeout=5s;"$'\n'
    gevent_servers+="        server 127.0.0.1:$gevent;"$'\n'
done
# The cron node: scheduled jobs only, no HTTP.
node_config cron workers=0 http_enable=False
"$PYTHON" "$ROOT/scripts/render_config.py" template "$ROOT/config/serve/nginx.conf.in" "$RUN_DIR/nginx.conf" \
    "USER_DIRECTIVE=$([ "$(id -u)" = 0 ] && echo 'user root;')" RUN_DIR="$RUN_DIR" LOG_DIR="$LOG_DIR" \
    "LISTEN=127.0.0.1:$PORT" "HTTP_SERVERS=${http_servers%$'\n'}" "GEVENT_SERVERS=${gevent_servers%$'\n'}" \
    "TIME_REAL=$(sed -nE 's/^limit_time_real *= *([0-9]+).*/\1/p' "$ROOT/config/odoo-production.conf")"

# A worker gives a connection 2 s to send its request (ODOO_HTTP_SOCKET_TIMEOUT), against idle
# clients; behind nginx, which reads whole requests before passing them on, a busy machine can
# take longer to pass a photo on: 10 s.
for conf in "$RUN_DIR"/node*.conf "$RUN_DIR/cron.conf"; do
    say "Starting $(basename "$conf" .conf)"
    ODOO_HTTP_SOCKET_TIMEOUT=${DEALER_CRM_SOCKET_TIMEOUT:-10} \
        nohup "$PYTHON" "$ODOO_BIN" -c "$conf" >>"$LOG_DIR/$(basename "$conf" .conf).out" 2>&1 &
done
for port in "${node_ports[@]}"; do
    wait_for "http://127.0.0.1:$port/web/health" "$LOG_DIR"
done
/usr/sbin/nginx -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" 2>>"$LOG_DIR/nginx-error.log" \
    || die "nginx refused $RUN_DIR/nginx.conf; see $LOG_DIR/nginx-error.log"
/usr/sbin/nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"
wait_for "http://127.0.0.1:$PORT/web/health" "$LOG_DIR"
say "Dealer CRM is at http://127.0.0.1:$PORT (database $DB, $NODES nodes of $WORKERS workers and a cron node; logs in $LOG_DIR)"
