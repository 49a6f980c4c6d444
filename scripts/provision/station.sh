#!/usr/bin/env bash
# Provisions a fresh Raspberry Pi OS (bookworm, 64-bit) vault station. Run as root on the Pi:
#
#   station.sh --credentials station.json --site SITE --hub HUB_HOST --ca ca.crt [--source DIR|TAR] [--no-kiosk]
#
# station.json is what `npx vaultline-hub station add <id>` printed on the hub; ca.crt is the
# site CA (docs/tls.md). Installs Node.js 20, the libusb/udev runtime node-hid needs, udev rules,
# the vaultline user (dialout, plugdev, gpio), the release in /opt/vaultline, the config in
# /etc/vaultline/station.env, and the station and kiosk units. Safe to re-run: existing config is kept.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"
# shellcheck source-path=SCRIPTDIR source=release.sh
. "$here/release.sh"

creds="" site="" hub="" ca="" source="$here/../.." kiosk=yes
while [[ $# -gt 0 ]]; do
  case $1 in
    --credentials) creds=${2:?}; shift 2 ;;
    --site) site=${2:?}; shift 2 ;;
    --hub) hub=${2:?}; shift 2 ;;
    --ca) ca=${2:?}; shift 2 ;;
    --source) source=${2:?}; shift 2 ;;
    --no-kiosk) kiosk=no; shift ;;
    *) die "unknown option $1" ;;
  esac
done
need_root
[[ -r $creds && -n $site && -n $hub && -r $ca ]] || die "usage: station.sh --credentials station.json --site SITE --hub HUB_HOST --ca ca.crt [--source DIR|TAR] [--no-kiosk]"

say "packages"
apt-get update
# libusb-1.0-0 and libudev1: node-hid's runtime even in hidraw mode; udev for by-id symlinks.
apt-get install -y ca-certificates curl gnupg openssl libusb-1.0-0 libudev1 udev build-essential python3
if [[ $kiosk == yes ]]; then
  apt-get install -y cage fonts-dejavu-core
  apt-get install -y chromium || apt-get install -y chromium-browser
fi
install_node

say "users"
ensure_user vaultline /var/lib/vaultline dialout plugdev gpio
[[ $kiosk == yes ]] && ensure_user vaultline-kiosk /var/lib/vaultline-kiosk video render input

say "release"
release=$(stage_release "$source")
switch_release "$release"

say "config"
read -r id username password < <(node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!c.id || !c.username || !c.password) { console.error("credentials file needs id, username, password"); process.exit(1); }
  console.log(c.id, c.username, c.password);' "$creds")
install -d -m 0750 -g vaultline "$ETC/tls"
install -m 0644 "$ca" "$ETC/tls/ca.crt"
if [[ $(install_env "$CURRENT/systemd/station.env" station) == new ]]; then
  set_env "$ETC/station.env" STATION_ID "$id"
  set_env "$ETC/station.env" SITE_ID "$site"
  set_env "$ETC/station.env" MQTT_URL "mqtts://$hub:8883"
  set_env "$ETC/station.env" MQTT_USERNAME "$username"
  set_env "$ETC/station.env" MQTT_PASSWORD "$password"
else
  say "kept existing $ETC/station.env"
fi

say "udev rules"
# HID scanners and USB label printers: readable by plugdev (hidraw nodes are root-only by default).
cat >/etc/udev/rules.d/60-vaultline.rules <<'RULES'
SUBSYSTEM=="hidraw", KERNEL=="hidraw*", GROUP="plugdev", MODE="0660"
SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*", GROUP="plugdev", MODE="0660"
SUBSYSTEM=="gpio", GROUP="gpio", MODE="0660"
RULES
for rules in "$CURRENT"/firmware-config/udev/*.rules; do
  [[ -f $rules ]] && install -m 0644 "$rules" /etc/udev/rules.d/
done
udevadm control --reload
udevadm trigger

say "units"
# Keep the journal across reboots: installers read yesterday's logs.
install -d -m 2755 -g systemd-journal /var/log/journal
install_unit "$CURRENT/systemd/vaultline-station.service"
systemctl daemon-reload
systemctl enable --now vaultline-station.service
if [[ $kiosk == yes ]]; then
  if [[ ! -x /usr/bin/chromium && -x /usr/bin/chromium-browser && ! -f $ETC/kiosk.env ]]; then
    echo "CHROMIUM=/usr/bin/chromium-browser" >"$ETC/kiosk.env"
  fi
  install_unit "$CURRENT/systemd/vaultline-kiosk.service"
  systemctl daemon-reload
  systemctl set-default graphical.target
  systemctl enable --now vaultline-kiosk.service
fi
prune_releases 3

say "done: station $id → $hub. Check: systemctl status vaultline-station; journalctl -u vaultline-station -f"
