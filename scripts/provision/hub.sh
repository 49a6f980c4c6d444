#!/usr/bin/env bash
# Provisions a Debian 12 hub. Run as root:
#
#   hub.sh --hostname HUB_HOST [--alt NAME_OR_IP]... [--source DIR|TAR] [--mosquitto] [--postgres URL]
#
# Installs Node.js 20, sqlite3 (online backups), the vaultline user, the release in /opt/vaultline,
# a site CA and the hub's certificate in /etc/vaultline/tls (docs/tls.md), /etc/vaultline/hub.env
# with fresh broker and API secrets, and the hub unit. --mosquitto runs Mosquitto as the broker with
# firmware-config/broker/ (otherwise the hub's embedded broker serves stations on 8883).
# Safe to re-run: existing config, CA and certificates are kept.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
# shellcheck source-path=SCRIPTDIR source=release.sh
. "$here/release.sh"

host="" alts=() source="$here/../.." mosquitto=no pg=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --hostname) host=${2:?}; shift 2 ;;
    --alt) alts+=("${2:?}"); shift 2 ;;
    --source) source=${2:?}; shift 2 ;;
    --mosquitto) mosquitto=yes; shift ;;
    --postgres) pg=${2:?}; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
need_root
[[ -n $host ]] || die "usage: hub.sh --hostname HUB_HOST [--alt NAME_OR_IP]... [--source DIR|TAR] [--mosquitto] [--postgres URL]"

say "packages"
apt-get update
apt-get install -y ca-certificates curl gnupg openssl sqlite3 build-essential python3
[[ -n $pg ]] && apt-get install -y postgresql-client
[[ $mosquitto == yes ]] && apt-get install -y mosquitto
install_node

say "user"
ensure_user vaultline /var/lib/vaultline

say "release"
release=$(stage_release "$source")
switch_release "$release"

say "certificates"
install -d -m 0750 -g vaultline "$ETC/tls"
if [[ ! -f $ETC/tls/$host.crt ]]; then
  "$CURRENT/scripts/provision/make-site-ca.sh" "$ETC/tls" "$host" "${alts[@]}"
fi
ln -sfn "$host.crt" "$ETC/tls/hub.crt"
ln -sfn "$host.key" "$ETC/tls/hub.key"
chgrp vaultline "$ETC/tls/$host.key"

say "config"
if [[ $(install_env "$CURRENT/systemd/hub.env" hub) == new ]]; then
  set_env "$ETC/hub.env" MQTT_PASSWORD "$(random_secret)"
  set_env "$ETC/hub.env" HUB_API_TOKEN "$(random_secret)"
  [[ -n $pg ]] && set_env "$ETC/hub.env" HUB_DB_URL "$pg"
  [[ $mosquitto == yes ]] && set_env "$ETC/hub.env" MQTT_URL "mqtt://127.0.0.1:1883"
else
  say "kept existing $ETC/hub.env"
fi

say "hub unit"
install -d -m 2755 -g systemd-journal /var/log/journal
install_unit "$CURRENT/systemd/vaultline-hub.service"
systemctl daemon-reload
# Starting the hub applies the ledger migrations (the station_credentials table among them).
systemctl enable --now vaultline-hub.service

if [[ $mosquitto == yes ]]; then
  say "mosquitto"
  conf=/etc/mosquitto/vaultline
  install -d -m 0750 -g mosquitto "$conf" "$conf/certs"
  [[ -f /etc/mosquitto/mosquitto.conf.debian ]] || cp /etc/mosquitto/mosquitto.conf /etc/mosquitto/mosquitto.conf.debian
  install -m 0644 "$CURRENT/firmware-config/broker/mosquitto.conf" /etc/mosquitto/mosquitto.conf
  install -m 0644 "$ETC/tls/ca.crt" "$conf/certs/ca.crt"
  install -m 0644 "$(readlink -f "$ETC/tls/hub.crt")" "$conf/certs/broker.crt"
  install -m 0640 -g mosquitto "$(readlink -f "$ETC/tls/hub.key")" "$conf/certs/broker.key"
  "$here/broker-files.sh"
fi

prune_releases 3
say "done. Create the first admin: sudo $CURRENT/scripts/provision/hub-cli.sh user passwd <employeeId> <username>"
say "Add a station: scripts/provision/add-station.sh <station-id> > station.json  (then station.sh on the Pi)"
