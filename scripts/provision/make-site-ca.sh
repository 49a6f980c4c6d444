#!/usr/bin/env bash
# Site certificate authority for one store (or chain) and server certificates signed by it.
#
#   make-site-ca.sh DIR HOSTNAME [EXTRA_NAME_OR_IP ...]
#
# Creates DIR/ca.key + DIR/ca.crt once (kept on the hub, ca.key readable by root only), then a
# server key and certificate DIR/HOSTNAME.key + DIR/HOSTNAME.crt for the MQTT broker and the
# dashboard, with HOSTNAME and each extra name or IP address in subjectAltName (clients check
# SAN, not CN; RFC 6125). Stations and office browsers trust DIR/ca.crt only.
# Re-running renews the server certificate and keeps the CA.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 DIR HOSTNAME [EXTRA_NAME_OR_IP ...]" >&2
  exit 2
fi
dir=$1; host=$2; shift 2
if [[ ! $host =~ ^[A-Za-z0-9.-]+$ ]]; then
  echo "make-site-ca: bad hostname '$host'" >&2
  exit 2
fi
ca_days=${CA_DAYS:-3650}
# Browsers refuse server certificates valid longer than 825 days (CA/Browser Forum).
server_days=${SERVER_DAYS:-825}

mkdir -p "$dir"
umask 077

if [[ ! -f $dir/ca.key ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days "$ca_days" \
    -subj "/O=Vaultline site/CN=Vaultline site CA $(hostname -s 2>/dev/null || echo hub)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt"
  echo "make-site-ca: created CA $dir/ca.crt" >&2
fi

san="DNS:$host"
for extra in "$@"; do
  if [[ $extra =~ ^[0-9.]+$ || $extra == *:* ]]; then san="$san,IP:$extra"; else san="$san,DNS:$extra"; fi
done

ext=$(mktemp)
trap 'rm -f "$ext" "$dir/$host.csr"' EXIT
cat >"$ext" <<CONF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$san
CONF

openssl ecparam -name prime256v1 -genkey -noout -out "$dir/$host.key"
openssl req -new -key "$dir/$host.key" -subj "/O=Vaultline site/CN=$host" -out "$dir/$host.csr"
openssl x509 -req -in "$dir/$host.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -sha256 -days "$server_days" -extfile "$ext" -out "$dir/$host.crt"
chmod 644 "$dir/ca.crt" "$dir/$host.crt"
chmod 640 "$dir/$host.key"
echo "make-site-ca: issued $dir/$host.crt for $san" >&2
