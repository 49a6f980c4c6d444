# shellcheck shell=bash
# Release handling shared by provisioning and upgrade (sourced, not run).
#   /opt/vaultline-releases/<name>/   one unpacked release each, dependencies installed
#   /opt/vaultline -> releases/<name>  the symlink the units run from, switched in one rename
RELEASES=${VAULTLINE_RELEASES:-/opt/vaultline-releases}
CURRENT=${VAULTLINE_CURRENT:-/opt/vaultline}

# stage_release SOURCE: copies a source tree or unpacks a .tar.gz into a new release folder,
# installs production dependencies there, and prints the folder.
stage_release() {
  local src=$1 name dest
  name="$(date -u +%Y%m%dT%H%M%SZ)"
  dest="$RELEASES/$name"
  mkdir -p "$dest"
  if [[ -d $src ]]; then
    tar -C "$src" --exclude=./node_modules --exclude=./data --exclude=./.git -cf - . | tar -C "$dest" -xf -
  elif [[ $src == *.tar.gz || $src == *.tgz ]]; then
    tar -C "$dest" -xzf "$src"
  else
    echo "release: $src is neither a folder nor a .tar.gz" >&2
    return 1
  fi
  [[ -f $dest/package-lock.json ]] || { echo "release: $src has no package-lock.json" >&2; return 1; }
  # The units run the JavaScript in dist/ (VAULTLINE_DIST=1); tsx stays for the CLI tools.
  (cd "$dest" && npm ci --omit=dev --no-audit --no-fund >&2 && npm run build >&2)
  echo "$dest"
}

# switch_release DIR: points CURRENT at DIR atomically (rename over the old symlink).
switch_release() {
  ln -sfn "$1" "$CURRENT.next"
  mv -T "$CURRENT.next" "$CURRENT"
}

# prune_releases KEEP: deletes all but the newest KEEP releases, never the current one.
prune_releases() {
  local keep=$1 current old
  current=$(readlink -f "$CURRENT" || true)
  # Release names are UTC timestamps, so name order is age order.
  find "$RELEASES" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
    [[ $RELEASES/$old == "$current" ]] || rm -rf "${RELEASES:?}/$old"
  done
}
