# shellcheck shell=bash
# Shared by backup.sh, restore.sh and upgrade.sh (sourced, not run).
# Settings come from the same env files the units read; each may be overridden in the environment:
#   VAULTLINE_ENV_DIR   (/etc/vaultline)     hub.env / station.env
#   HUB_DATA_DIR        (/var/lib/vaultline/hub)
#   STATION_DATA_DIR    (/var/lib/vaultline/station)
#   VAULTLINE_SYSTEMCTL (systemctl)          the service manager command (tests pass "true")

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*" >&2; }

# load_env ROLE: reads /etc/vaultline/ROLE.env without letting it override what the caller set.
load_env() {
  local file="${VAULTLINE_ENV_DIR:-/etc/vaultline}/$1.env" line key
  [[ -r $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*# || ! $line =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] && continue
    key=${BASH_REMATCH[1]}
    [[ -z ${!key+x} ]] && export "$key=${BASH_REMATCH[2]}"
  done <"$file"
}

data_dir() {
  case $1 in
    hub) echo "${HUB_DATA_DIR:-/var/lib/vaultline/hub}" ;;
    station) echo "${STATION_DATA_DIR:-/var/lib/vaultline/station}" ;;
    *) die "role must be hub or station, not '$1'" ;;
  esac
}

systemctl_cmd() { ${VAULTLINE_SYSTEMCTL:-systemctl} "$@"; }

stamp() { date -u +%Y%m%dT%H%M%SZ; }
