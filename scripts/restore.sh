#!/usr/bin/env bash
# `make restore FILE=…/DB-STAMP.dump [NAME=…]`: a backup of `make backup`
# (the dump and the filestore archive beside it) restored into the new
# database NAME (default DB-STAMP's name with _restored), never over one.
source "$(dirname "$0")/common.sh"
FILE=${1:-}
[ -n "$FILE" ] && [ -f "$FILE" ] || die "usage: make restore FILE=path/to/DB-STAMP.dump [NAME=new_database]"
archive="${FILE%.dump}.filestore.tar.gz"
[ -f "$archive" ] || die "no filestore archive $archive beside the dump"
NAME=${2:-$(basename "${FILE%.dump}" | tr -c 'a-zA-Z0-9_\n' '_')_restored}
! db_exists "$NAME" || die "the database $NAME exists: give another NAME"
filestore="$DEALER_CRM_HOME/data/filestore/$NAME"
[ ! -e "$filestore" ] || die "$filestore exists: give another NAME"
createdb "$NAME"
if ! pg_restore --no-owner --exit-on-error --dbname="$NAME" "$FILE"; then
    drop_db "$NAME"
    die "pg_restore failed; nothing is left of $NAME"
fi
mkdir -p "$filestore.partial"
if ! tar -C "$filestore.partial" -xzf "$archive"; then
    rm -rf "$filestore.partial"
    drop_db "$NAME"
    die "the filestore archive $archive is unreadable; nothing is left of $NAME"
fi
mv "$filestore.partial" "$filestore"
say "Restored $FILE into the database $NAME (filestore $filestore)"
