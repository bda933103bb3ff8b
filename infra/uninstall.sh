#!/usr/bin/env bash
# Removes what infra/install.sh installed (as root): bash infra/uninstall.sh [--root DIR] [--prefix DIR] [--purge]
# Keeps the config, certificate, state (database, debug reports) and log files unless --purge is given.
set -euo pipefail
root=${KIMCHI_INSTALL_ROOT:-}
prefix=${KIMCHI_INSTALL_PREFIX:-}
purge=0
while (($#)); do
  case $1 in
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --purge) purge=1; shift ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "uninstall: unknown argument $1" >&2; exit 2 ;;
  esac
done
root=${root%/}
[[ -n $root || $EUID -eq 0 ]] || { echo "uninstall: run it as root (or with --root DIR)" >&2; exit 1; }
[[ -z $root || $root == /* ]] || root=$(pwd)/$root
prefix=${prefix:-$root/opt/kimchi-ts}
[[ $prefix == /* ]] || prefix=$(pwd)/$prefix
etc=$root/etc/kimchi-ts
state=$root/var/lib/kimchi-ts
logs=$root/var/log/kimchi-ts
unit=$root/etc/systemd/system/kimchi-ts.service

if [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  systemctl disable --now kimchi-ts.service 2>/dev/null || true
fi
# Only our own program tree: it must look like one before it goes.
if [[ -d $prefix ]]; then
  [[ -f $prefix/dist/server/main.mjs && -f $prefix/package.json ]] || { echo "uninstall: $prefix does not look like a Kimchi-TS install" >&2; exit 1; }
  rm -rf "$prefix"
fi
rm -f "$unit" "$root/usr/local/bin/kimchi-ts"
if [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then systemctl daemon-reload; fi
if ((purge)); then
  rm -rf "$etc" "$state" "$logs"
  echo "uninstall: removed $prefix, the unit, $etc, $state and $logs"
else
  echo "uninstall: removed $prefix and the unit; kept $etc, $state and $logs (--purge removes them)"
fi
