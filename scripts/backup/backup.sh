#!/usr/bin/env bash
# Backs up a hub's ledger or a station's files while the service keeps running.
#
#   backup.sh hub|station [--out DIR]      (default DIR: /var/backups/vaultline)
#
# hub, SQLite:     sqlite3 ".backup" uses SQLite's online backup API, a consistent snapshot
#                  even while the hub writes (WAL mode); the copy then passes integrity_check.
# hub, PostgreSQL: pg_dump (one consistent snapshot transaction) in custom format; with
#                  HUB_DB_SCHEMA set, that schema only.
# station:         every file in the data folder is copied. The JSON stores are replaced by
#                  rename, so a copy reads one whole version; the outbox journal is append-only
#                  and its reader drops a torn last line, so a copy taken mid-append is valid too.
# Prints the archive path. The archive is written under a temporary name and renamed when complete.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

role=${1:-}; shift || true
out=/var/backups/vaultline
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    *) die "unknown option $1 (usage: backup.sh hub|station [--out DIR])" ;;
  esac
done
load_env "$role"
data=$(data_dir "$role")
[[ -d $data ]] || die "no data folder $data (set ${role^^}_DATA_DIR)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data" "$out"

backup_hub() {
  if [[ -n ${HUB_DB_URL:-} ]]; then
    command -v pg_dump >/dev/null || die "pg_dump not found (apt-get install postgresql-client)"
    # HUB_DB_SCHEMA: only the hub's own schema, when several ledgers share one server.
    local schema=()
    [[ -n ${HUB_DB_SCHEMA:-} ]] && schema=(--schema="$HUB_DB_SCHEMA")
    pg_dump --format=custom --no-owner "${schema[@]}" --file="$work/ledger.pgdump" "$HUB_DB_URL"
  fi
  local f
  for f in "$data"/*; do
    [[ -f $f ]] || continue
    case $f in
      *.sqlite)
        command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install sqlite3)"
        sqlite3 "$f" ".timeout 10000" ".backup '$work/data/$(basename "$f")'"
        [[ $(sqlite3 "$work/data/$(basename "$f")" "PRAGMA integrity_check") == ok ]] || die "backup of $f failed integrity_check"
        ;;
      *.sqlite-wal | *.sqlite-shm) ;; # folded into the .backup copy
      *) cp --preserve=mode,timestamps "$f" "$work/data/" ;;
    esac
  done
}

backup_station() {
  local f
  for f in "$data"/*; do
    [[ -f $f && $f != *.tmp ]] || continue
    cp --preserve=mode,timestamps "$f" "$work/data/"
  done
}

"backup_$role"
printf 'role=%s\nhost=%s\ncreated=%s\ndata_dir=%s\n' "$role" "$(hostname)" "$(stamp)" "$data" >"$work/MANIFEST"
archive="$out/vaultline-$role-$(hostname -s 2>/dev/null || hostname)-$(stamp).tar.gz"
tar -C "$work" -czf "$archive.partial" .
mv "$archive.partial" "$archive"
say "wrote $archive"
echo "$archive"
