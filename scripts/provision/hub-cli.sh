#!/usr/bin/env bash
# Runs `vaultline-hub ARGS…` the way vaultline-hub.service runs the hub: as the vaultline user,
# with /etc/vaultline/hub.env and the unit's data folder. Examples:
#
#   sudo hub-cli.sh user passwd emp-001 dana        (asks for the password)
#   sudo hub-cli.sh station list
#
# Running as vaultline matters: opening the SQLite ledger as root would leave root-owned
# -wal/-shm files that the service then cannot write.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
need_root
[[ -r $ETC/hub.env ]] || die "$ETC/hub.env not found: provision the hub first (hub.sh)"
# shellcheck disable=SC2016 # expanded by the inner shell
exec runuser -u vaultline -- env -i PATH="$PATH" HOME=/var/lib/vaultline NODE_ENV=production HUB_DATA_DIR=/var/lib/vaultline/hub \
  bash -c 'set -a; . "$0"; set +a; exec /usr/bin/node /opt/vaultline/bin/vaultline-hub.js "$@"' "$ETC/hub.env" "$@"
