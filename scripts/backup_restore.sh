#!/usr/bin/env bash
# Back up the PostgreSQL database, restore the backup into an EMPTY database, and prove the restore works by
# recomputing every return there. The procedure is described in SECURITY.md ("Backup and restore") and is
# exercised by tests/security/test_backup_restore.py.
#
#   scripts/backup_restore.sh SOURCE_URL TARGET_URL [DUMP_FILE]
#
#   SOURCE_URL  the database to back up,        e.g. postgres://app@db.internal:5432/homeoffice
#   TARGET_URL  an existing, EMPTY database,     e.g. postgres://app@db.internal:5432/homeoffice_restore
#   DUMP_FILE   where to keep the backup (pg_dump custom format); default: a temporary file, removed at exit
#
# Steps: pg_dump --format=custom -> refuse a non-empty target -> pg_restore --exit-on-error -> the restored schema
# must match this code's migrations -> `manage.py recompute_all` (every return through the engine; any failure
# fails the script). Exit status 0 means: backup written, restored, and every return recomputes.
set -euo pipefail

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
SOURCE_URL=$1
TARGET_URL=$2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

for tool in pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null || { echo "backup_restore: $tool not found (apt-get install postgresql-client)" >&2; exit 1; }
done

if [ "$#" -eq 3 ]; then
  DUMP=$3
else
  DUMP="$(mktemp --suffix=.pgdump)"
  trap 'rm -f "$DUMP"' EXIT
fi

# libpq accepts postgres:// and postgresql:// URLs alike.
echo "== backup: pg_dump (custom format) -> $DUMP"
# The dump holds everyone's data: readable by this user only (0600), also when the file already existed.
umask 077
: >"$DUMP"
chmod 600 "$DUMP"
pg_dump --format=custom --no-owner --no-privileges --file="$DUMP" "$SOURCE_URL"
pg_restore --list "$DUMP" >/dev/null  # the archive is readable

echo "== check: the target database is empty"
tables=$(psql "$TARGET_URL" -XtAc "select count(*) from pg_tables where schemaname not in ('pg_catalog','information_schema')")
if [ "$tables" != "0" ]; then
  echo "backup_restore: refusing to restore into a database that already has $tables table(s)" >&2
  exit 1
fi

echo "== restore: pg_restore into the target"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$TARGET_URL" "$DUMP"

cd "$ROOT"
echo "== verify: migrations match the code"
DATABASE_URL="$TARGET_URL" "$PYTHON" manage.py migrate --check --noinput >/dev/null \
  || { echo "backup_restore: the restored schema lacks migrations this code needs (run manage.py migrate)" >&2; exit 1; }

echo "== verify: recompute every return"
DATABASE_URL="$TARGET_URL" "$PYTHON" manage.py recompute_all

echo "== backup_restore: OK (backup restored and every return recomputed)"
