# shellcheck shell=bash
# Shared by station.sh and hub.sh (sourced, not run).
NODE_MAJOR=20
ETC=/etc/vaultline

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

need_root() { [[ $(id -u) -eq 0 ]] || die "run as root (sudo $0 ...)"; }

# Node.js 20 from NodeSource's signed apt repository, unless a new enough node is already there.
install_node() {
  if command -v node >/dev/null && node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    say "node $(node -v) already installed"
    return
  fi
  say "installing Node.js $NODE_MAJOR from NodeSource"
  install -d -m 0755 /etc/apt/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
  echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_$NODE_MAJOR.x nodistro main" >/etc/apt/sources.list.d/nodesource.list
  apt-get update
  apt-get install -y nodejs
}

# ensure_user NAME HOME GROUP...: a system user with no login shell, in the given extra groups.
ensure_user() {
  local name=$1 home=$2 group; shift 2
  if ! id "$name" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir "$home" --shell /usr/sbin/nologin "$name"
  fi
  for group in "$@"; do
    getent group "$group" >/dev/null || groupadd --system "$group"
    usermod -aG "$group" "$name"
  done
}

# set_env FILE KEY VALUE: sets KEY=VALUE in an env file, replacing the line when present.
set_env() {
  local file=$1 key=$2 value=$3
  if grep -q "^$key=" "$file"; then
    # Replace in a copy and move it over, so the file is never half-written.
    awk -v k="$key" -v v="$value" 'BEGIN{FS=OFS="="} $1==k {print k "=" v; next} {print}' "$file" >"$file.new"
    mv "$file.new" "$file"
  else
    echo "$key=$value" >>"$file"
  fi
}

# install_env TEMPLATE NAME: copies the template to /etc/vaultline/NAME.env unless it exists
# (a re-run keeps the installer's edits); the file holds secrets, so root:vaultline 0640.
install_env() {
  local template=$1 target="$ETC/$2.env"
  install -d -m 0750 -g vaultline "$ETC"
  if [[ ! -f $target ]]; then
    install -m 0640 -g vaultline "$template" "$target"
    echo new
  else
    echo kept
  fi
}

random_secret() { openssl rand -base64 33 | tr -d '/+=\n'; }

install_unit() {
  install -m 0644 "$1" /etc/systemd/system/
}
