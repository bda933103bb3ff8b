#!/usr/bin/env bash
# Installs the built Kimchi-TS as a service (as root, idempotent): bash infra/install.sh [--root DIR] [--prefix DIR] [--no-start]
#   program  <prefix> (default <root>/opt/kimchi-ts): dist/ (server + UI), production node_modules, migrations
#   config   <root>/etc/kimchi-ts/kimchi-ts.conf (written once, never overwritten) and a first-run TLS certificate
#   state    <root>/var/lib/kimchi-ts; log files <root>/var/log/kimchi-ts (under systemd: the journal)
#   unit     <root>/etc/systemd/system/kimchi-ts.service, enabled and (re)started when systemd runs and root is /
#   command  <root>/usr/local/bin/kimchi-ts (the server, and its subcommands, with the installed config)
# --root installs the whole tree under DIR, with every path in the config and unit pointing inside it (tests,
# images being assembled). Re-running upgrades the program in place and keeps config, certificate and state.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/options.sh
. "$here/infra/lib/options.sh"
kimchi_options install --no-start '2,9p' "$@"
start=$((1 - flag))

node=$(command -v node) || { echo "install: node is not on PATH" >&2; exit 1; }
"$node" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "install: Node.js 20.19 or newer is needed ($("$node" --version) found)" >&2; exit 1; }

# The built tree: bundled server and UI (built here when missing, which needs the dev dependencies).
cd "$here"
if [[ ! -s dist/server/main.mjs || ! -s dist/ui/index.html ]]; then
  echo "install: building (npm run build)"
  npm run -s build
fi

# The program, staged beside the old one and swapped in, so a failed copy leaves the installed version whole.
stage=$prefix.new.$$
reused=0
abandon() {
  # A failed upgrade gives the installed version back the dependencies it lent.
  if ((reused)) && [[ -d $stage/node_modules && -d $prefix && ! -e $prefix/node_modules ]]; then mv "$stage/node_modules" "$prefix/"; fi
  rm -rf "$stage"
}
trap abandon EXIT
mkdir -p "$stage/bin" "$stage/db" "$stage/runtime/auth" "$stage/node_modules"
cp -a package.json package-lock.json dist "$stage/"
cp -a db/migrations "$stage/db/"
cp -a runtime/auth/pam-child.mjs "$stage/runtime/auth/"
# Production dependencies only, copied from this checkout (better-sqlite3 and PAM are compiled already). An upgrade
# whose lock file and Node ABI are unchanged takes the installed ones over instead of copying ~10,000 files again.
stamp="$(sha256sum package-lock.json | cut -d' ' -f1) node-abi-$("$node" -p process.versions.modules)"
if [[ -d $prefix/node_modules && -f $prefix/.deps-stamp && $(cat "$prefix/.deps-stamp") == "$stamp" ]]; then
  rmdir "$stage/node_modules"
  reused=1
  mv "$prefix/node_modules" "$stage/node_modules"
else
  # npm ls exits non-zero over an extraneous package; the list is still right, and the check below catches a gap.
  prod=$(npm ls --omit=dev --all --parseable 2>/dev/null || true)
  sed -n "s|^$here/||p" <<<"$prod" | { grep -E '^node_modules/(@[^/]+/)?[^/]+$' || true; } | while read -r dep; do
    mkdir -p "$stage/$(dirname "$dep")"
    cp -a --reflink=auto "$dep" "$stage/$dep"
  done
fi
echo "$stamp" > "$stage/.deps-stamp"
missing=$(cd "$stage" && "$node" -e 'const fs=require("fs"); const d=Object.keys(require("./package.json").dependencies);
  console.log(d.filter((n) => !fs.existsSync(`node_modules/${n}/package.json`)).join(" "))')
[[ -z $missing ]] || { echo "install: production dependencies missing: $missing (run npm ci first)" >&2; exit 1; }
cat > "$stage/bin/kimchi-ts" <<EOF
#!/bin/sh
# Kimchi-TS with the installed configuration (KIMCHI_CONFIG or --config chooses another).
KIMCHI_CONFIG=\${KIMCHI_CONFIG:-$etc/kimchi-ts.conf}
MALLOC_MMAP_THRESHOLD_=65536
export KIMCHI_CONFIG MALLOC_MMAP_THRESHOLD_
exec "$node" --max-semi-space-size=2 "$prefix/dist/server/main.mjs" "\$@"
EOF
chmod 755 "$stage/bin/kimchi-ts"
mkdir -p "$(dirname "$prefix")"
if [[ -d $prefix ]]; then mv "$prefix" "$prefix.old.$$"; fi
mv "$stage" "$prefix"
rm -rf "$prefix.old.$$"
trap - EXIT

# The same paths, rewritten for this root and prefix, in the config and the unit.
rewrite() {
  sed -e "s|/opt/kimchi-ts|$prefix|g" -e "s|/etc/kimchi-ts|$etc|g" -e "s|/var/lib/kimchi-ts|$state|g" \
      -e "s|/var/log/kimchi-ts|$logs|g" -e "s|/usr/bin/node|$node|g" "$1"
}
mkdir -p "$etc" "$state" "$logs" "$unitdir" "$bindir"
chmod 750 "$etc" "$logs"
chmod 700 "$state"
if [[ ! -e $etc/kimchi-ts.conf ]]; then
  rewrite "$here/infra/kimchi-ts.conf" > "$etc/kimchi-ts.conf.new"
  chmod 640 "$etc/kimchi-ts.conf.new"
  mv "$etc/kimchi-ts.conf.new" "$etc/kimchi-ts.conf"
  echo "install: wrote $etc/kimchi-ts.conf"
fi
bash "$here/infra/make-cert.sh" "$etc"
rewrite "$here/infra/kimchi-ts.service" > "$unitdir/kimchi-ts.service"
chmod 644 "$unitdir/kimchi-ts.service"
ln -sfn "$prefix/bin/kimchi-ts" "$bindir/kimchi-ts"

if [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  systemctl daemon-reload
  systemctl enable kimchi-ts.service
  if ((start)); then systemctl restart kimchi-ts.service; echo "install: kimchi-ts is running: systemctl status kimchi-ts"; fi
else
  echo "install: systemd is not running here; start the server as its unit does:"
  echo "  MALLOC_MMAP_THRESHOLD_=65536 $(sed -n 's/^ExecStart=//p' "$unitdir/kimchi-ts.service")"
fi
echo "install: $prefix installed (config $etc/kimchi-ts.conf, state $state)"
