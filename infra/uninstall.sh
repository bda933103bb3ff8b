#!/usr/bin/env bash
# Removes what infra/install.sh installed (as root): bash infra/uninstall.sh [--root DIR] [--prefix DIR] [--purge]
# Keeps the config, certificate, state (database, debug reports) and log files unless --purge is given.
set -euo pipefail
# shellcheck source=lib/options.sh
. "$(dirname "$0")/lib/options.sh"
kimchi_options uninstall --purge '2,3p' "$@"
purge=$flag
unit=$unitdir/kimchi-ts.service

if [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  systemctl disable --now kimchi-ts.service 2>/dev/null || true
fi
# Only our own program tree: it must look like one before it goes.
if [[ -d $prefix ]]; then
  [[ -f $prefix/dist/server/main.mjs && -f $prefix/package.json ]] || { echo "uninstall: $prefix does not look like a Kimchi-TS install" >&2; exit 1; }
  rm -rf "$prefix"
fi
rm -f "$unit" "$bindir/kimchi-ts"
if [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then systemctl daemon-reload; fi
if ((purge)); then
  rm -rf "$etc" "$state" "$logs"
  echo "uninstall: removed $prefix, the unit, $etc, $state and $logs"
else
  echo "uninstall: removed $prefix and the unit; kept $etc, $state and $logs (--purge removes them)"
fi
