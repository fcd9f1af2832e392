#!/usr/bin/env bash
# `make backup`: the database DEALER_CRM_DB (default dealer_crm_demo) as a
# pg_dump in custom format and its filestore as a tar.gz, named
# DB-YYYYmmddTHHMMSSZ in DEALER_CRM_BACKUP_DIR (default DEALER_CRM_HOME/backups).
# The dump comes first: every file it refers to is then in the archive (Odoo
# removes a file only in its garbage collection, days later).
source "$(dirname "$0")/common.sh"
DB=${DEALER_CRM_DB:-dealer_crm_demo}
DIR=${DEALER_CRM_BACKUP_DIR:-$DEALER_CRM_HOME/backups}
db_exists "$DB" || die "no database $DB"
mkdir -p "$DIR"
base="$DIR/$DB-$(date -u +%Y%m%dT%H%M%SZ)"
pg_dump --format=custom --file="$base.dump.partial" "$DB"
filestore="$DEALER_CRM_HOME/data/filestore/$DB"
if [ -d "$filestore" ]; then
    tar -C "$filestore" -czf "$base.filestore.tar.gz.partial" .
else
    tar -czf "$base.filestore.tar.gz.partial" -T /dev/null
fi
mv "$base.dump.partial" "$base.dump"
mv "$base.filestore.tar.gz.partial" "$base.filestore.tar.gz"
say "Backed up $DB: $base.dump and $base.filestore.tar.gz"
