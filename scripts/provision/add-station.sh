#!/usr/bin/env bash
# Issues a station's MQTT credentials on the hub and prints them as JSON for station.sh:
#
#   add-station.sh <station-id> [--rotate] > station.json
#
# Runs `vaultline-hub station add` through hub-cli.sh, then refreshes Mosquitto's files when
# Mosquitto is the broker. Keep station.json secret and delete it once the Pi is provisioned.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
need_root
id=${1:?usage: add-station.sh <station-id> [--rotate]}
shift
"$here/hub-cli.sh" station add "$id" "$@"
if systemctl is-active --quiet mosquitto.service && [[ -f /etc/mosquitto/vaultline/acl ]]; then
  "$here/broker-files.sh" >&2
fi
