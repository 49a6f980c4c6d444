#!/usr/bin/env bash
# Upgrades a hub or station to a new release, with a backup first and a rollback on failure.
#
#   upgrade.sh hub|station RELEASE      (RELEASE: a source folder or a .tar.gz of one)
#
# 1. backup.sh (safe while running), 2. the release is staged beside the running one with its
# production dependencies, 3. /opt/vaultline is switched to it in one rename, 4. the unit is
# restarted; Type=notify makes `systemctl restart` wait for READY, so a release that cannot start
# fails here, /opt/vaultline is switched back and the old release restarted. Database migrations
# only go forward: after a rollback, restore.sh with the backup from step 1 if the new release
# had already migrated the ledger (its log says "migration").
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
# shellcheck source-path=SCRIPTDIR source=../provision/release.sh
. "$here/../provision/release.sh"

role=${1:?usage: upgrade.sh hub|station RELEASE}
src=${2:?usage: upgrade.sh hub|station RELEASE}
data_dir "$role" >/dev/null
unit="vaultline-$role.service"
[[ $(id -u) -eq 0 || -n ${VAULTLINE_SYSTEMCTL:-} ]] || die "run as root"

backup=$("$here/backup.sh" "$role")
say "backup: $backup"
previous=$(readlink -f "$CURRENT" || true)
release=$(stage_release "$src")
say "staged $release"
switch_release "$release"
if systemctl_cmd restart "$unit"; then
  say "$unit is running $release"
  prune_releases 3
  exit 0
fi
say "$unit failed to start on $release; rolling back"
if [[ -n $previous && -d $previous ]]; then
  switch_release "$previous"
  systemctl_cmd restart "$unit" || die "rollback start failed too: see journalctl -u $unit; backup at $backup"
  die "upgrade failed and was rolled back to $previous; if the ledger was migrated, restore $backup"
fi
die "upgrade failed and there was no previous release to return to; backup at $backup"
