#!/usr/bin/env bash
# Creates a self-signed certificate for an appliance: bash infra/make-cert.sh [dir] [hostname]
# Then: npm start -- --tls-cert <dir>/kimchi-cert.pem --tls-key <dir>/kimchi-key.pem  (HTTPS on 8001, 8000 redirects)
set -euo pipefail
dir=${1:-/etc/kimchi-ts}
name=${2:-$(hostname -f 2>/dev/null || hostname)}
mkdir -p "$dir"
umask 077
if [[ -s "$dir/kimchi-cert.pem" && -s "$dir/kimchi-key.pem" ]]; then
  echo "make-cert: $dir already holds a certificate"; exit 0
fi
openssl req -x509 -newkey rsa:3072 -nodes -days 825 \
  -keyout "$dir/kimchi-key.pem" -out "$dir/kimchi-cert.pem" \
  -subj "/CN=$name" -addext "subjectAltName=DNS:$name,DNS:localhost,IP:127.0.0.1" 2>/dev/null
chmod 600 "$dir/kimchi-key.pem"
chmod 644 "$dir/kimchi-cert.pem"
echo "make-cert: $dir/kimchi-cert.pem and $dir/kimchi-key.pem for $name"
