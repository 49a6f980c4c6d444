#!/usr/bin/env bash
# Restores a backup made by backup.sh.
#
#   restore.sh ARCHIVE [--no-restart]
#
# The service is stopped for the swap (a database cannot be replaced under a running writer),
# the current data folder is kept as DATA.before-restore-TIMESTAMP (never deleted), the archive
# is unpacked beside it and checked, then moved into place in one rename, and the service started.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

archive=${1:?usage: restore.sh ARCHIVE [--no-restart]}
restart=yes
[[ ${2:-} == --no-restart ]] && restart=no
[[ -r $archive ]] || die "cannot read $archive"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
[[ -r $work/MANIFEST ]] || die "$archive is not a Vaultline backup (no MANIFEST)"
role=$(sed -n 's/^role=//p' "$work/MANIFEST")
load_env "$role"
data=$(data_dir "$role")
unit="vaultline-$role.service"

for db in "$work"/data/*.sqlite; do
  [[ -f $db ]] || continue
  [[ $(sqlite3 "$db" "PRAGMA integrity_check") == ok ]] || die "$(basename "$db") in the archive failed integrity_check"
done

staged="$data.restoring"
rm -rf "$staged"
mkdir -p "$(dirname "$data")"
cp -a "$work/data" "$staged"
owner=$(stat -c %U:%G "$data" 2>/dev/null || echo "")

say "stopping $unit"
systemctl_cmd stop "$unit"
if [[ -n ${HUB_DB_URL:-} && -f $work/ledger.pgdump ]]; then
  schema=()
  [[ -n ${HUB_DB_SCHEMA:-} ]] && schema=(--schema="$HUB_DB_SCHEMA")
  pg_restore --clean --if-exists --no-owner --single-transaction "${schema[@]}" --dbname="$HUB_DB_URL" "$work/ledger.pgdump"
fi
if [[ -d $data ]]; then
  mv "$data" "$data.before-restore-$(stamp)"
fi
mv "$staged" "$data"
[[ -n $owner ]] && chown -R "$owner" "$data"
say "restored $role data from $archive into $data"
if [[ $restart == yes ]]; then
  systemctl_cmd start "$unit"
  say "started $unit"
fi
