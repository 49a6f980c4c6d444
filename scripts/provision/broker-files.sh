#!/usr/bin/env bash
# Regenerates Mosquitto's password file and ACL from the hub's database and reloads Mosquitto
# (SIGHUP re-reads both without dropping connections). Run after every `station add`.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
need_root
conf=/etc/mosquitto/vaultline
out=$(runuser -u vaultline -- mktemp -d)
trap 'rm -rf "$out"' EXIT
"$here/hub-cli.sh" station mosquitto-files --out "$out" >/dev/null
install -m 0640 -g mosquitto "$out/passwd" "$conf/passwd"
install -m 0644 "$out/acl" "$conf/acl"
systemctl reload-or-restart mosquitto.service
say "broker files updated in $conf"
