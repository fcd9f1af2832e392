#!/usr/bin/env bash
# `make replica`: a streaming replica of the primary on this machine, a second
# PostgreSQL cluster on DEALER_CRM_REPLICA_PORT (default 5433) in
# DEALER_CRM_REPLICA_DIR, made once by pg_basebackup (primary_conninfo,
# standby.signal, a replication slot on the primary) and started; `make serve`
# then reads through it (db_replica_host). `replica.sh stop` (make
# replica-stop) stops it; the slot keeps the primary's WAL for it until it
# starts again. `replica.sh drop` (make replica-drop) removes it and its slot.
# Its log is replica.log in its directory.
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/setup.sh"

REPLICA_PORT=${DEALER_CRM_REPLICA_PORT:-5433}
REPLICA_DIR=${DEALER_CRM_REPLICA_DIR:-/var/lib/postgresql/dealer-crm-replica}
REPLICATOR=${DEALER_CRM_REPLICATOR:-dealer_crm_replicator}
SLOT=dealer_crm_replica
VERSION=$(primary_cluster | cut -d' ' -f1)
[ -n "$VERSION" ] || die "no PostgreSQL cluster of this machine listens on port $PGPORT"
PG_BIN=/usr/lib/postgresql/$VERSION/bin

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if [ "${1:-}" = stop ] || [ "${1:-}" = drop ]; then
    if as_postgres test -f "$REPLICA_DIR/postmaster.pid"; then
        as_postgres "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m fast stop
    fi
    say "The replica is stopped"
    [ "$1" = drop ] || exit 0
fi
# primary SQL: runs SQL on the primary as postgres, prints the result.
primary() {
    as_postgres env -u PGHOST -u PGUSER -u PGPASSWORD psql -qtA -p "$PGPORT" -v ON_ERROR_STOP=1 -d postgres -c "$1"
}
# The primary keeps the WAL the replica has not received in a replication slot, so that a
# stopped replica catches up when it starts again (the WAL waits on the primary's disk
# meanwhile). A replica without its slot can miss WAL the primary has since removed: made again.
if [ "${1:-}" = drop ]; then
    primary "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
    as_postgres rm -rf "$REPLICA_DIR"
    say "The replica and its slot are gone: the primary keeps no WAL for it"
    exit 0
fi
if as_postgres test -f "$REPLICA_DIR/standby.signal" \
        && [ "$(primary "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'")" != 1 ]; then
    say "The replica in $REPLICA_DIR has no replication slot on the primary: making it again"
    as_postgres "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m fast stop >/dev/null 2>&1 || true
    as_postgres rm -rf "$REPLICA_DIR"
fi
if pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres; then
    say "The replica already answers on port $REPLICA_PORT"
    exit 0
fi
if ! as_postgres test -f "$REPLICA_DIR/standby.signal"; then
    say "Copying the primary into $REPLICA_DIR (pg_basebackup)"
    primary "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
              WHERE slot_name = '$SLOT' AND NOT active" >/dev/null
    password=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))')
    primary "DO \$\$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPLICATOR') THEN
                CREATE ROLE \"$REPLICATOR\" LOGIN REPLICATION PASSWORD '$password';
              ELSE
                ALTER ROLE \"$REPLICATOR\" LOGIN REPLICATION PASSWORD '$password';
              END IF;
            END \$\$;" >/dev/null
    as_postgres rm -rf "$REPLICA_DIR"
    as_postgres env PGPASSWORD="$password" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U "$REPLICATOR" \
        -D "$REPLICA_DIR" --write-recovery-conf --wal-method=stream --checkpoint=fast --create-slot --slot="$SLOT"
fi
# Its configuration, rendered again at each start.
max_connections=$(psql -d postgres -tAc "SHOW max_connections")
staging=$(mktemp -d)
"$PYTHON" "$ROOT/scripts/render_config.py" template "$ROOT/config/replica/postgresql.conf.in" \
    "$staging/postgresql.conf" "PORT=$REPLICA_PORT" "DATA_DIR=$REPLICA_DIR" "MAX_CONNECTIONS=$max_connections"
cp "$ROOT/config/replica/pg_hba.conf.in" "$staging/pg_hba.conf"
: >"$staging/pg_ident.conf"
chmod 755 "$staging"
chmod 644 "$staging"/*
for file in postgresql.conf pg_hba.conf pg_ident.conf; do
    as_postgres cp "$staging/$file" "$REPLICA_DIR/$file"
done
rm -rf "$staging"
say "Starting the replica on port $REPLICA_PORT"
as_postgres "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w start >/dev/null
pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres || die "the replica did not start; see $REPLICA_DIR/replica.log"
say "The replica streams from port $PGPORT on port $REPLICA_PORT ($REPLICA_DIR; make serve reads through it)"
