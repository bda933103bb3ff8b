#!/usr/bin/env bash
# Makes a fresh Debian 12 machine ready for Kimchi-TS (as root): packages, libvirtd without systemd, node deps.
# Idempotent: run it as often as you like.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

PKGS=(
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-config-network libvirt-clients
  qemu-system-x86 qemu-utils dnsmasq-base iptables
  python3-libvirt            # the C library, used as the benchmark reference
  chromium fonts-dejavu-core # browser tests
  osinfo-db libpam0g-dev     # OS detection data and the PAM headers for later issues
  xorriso                    # small generated ISOs for the OS-detection and template tests; cloud-init seed ISOs
  openssh-server openssl     # loopback peers for the ssh and tls transport tests; SHA-512 hashes of cloud-init passwords
  lvm2                       # logical (LVM) storage pools
  pci.ids usb.ids            # vendor and product names of host devices (the Host page names them)
  systemd                    # systemd-notify and systemd-analyze for the appliance tests (systemd need not run)
  ovmf                       # UEFI firmware (with Secure Boot) for guests
  swtpm swtpm-tools          # emulated TPM 2.0 for guests
  xsltproc                   # renders osinfo-db's unattended install scripts (XSLT)
  libosinfo-bin cpio         # osinfo-install-script: the tests' reference rendering; cpio: tests read the injected initrd
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "infra: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# What libvirtd needs when no systemd unit prepares it.
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt >/dev/null || groupadd -r libvirt
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
id libvirt-qemu >/dev/null 2>&1 || useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
[ -e /dev/kvm ] && { chgrp kvm /dev/kvm; chmod 660 /dev/kvm; }
mkdir -p /var/log/libvirt/qemu /var/run/libvirt /var/lib/libvirt/images /var/lib/libvirt/qemu
# libvirt runs swtpm as tss once that user exists; a TPM made while libvirtd ran from before the swtpm install (as
# root) leaves the local CA's files root-owned, and every later TPM then fails: give them back to tss.
if id tss >/dev/null 2>&1 && [ -d /var/lib/swtpm-localca ]; then chown -R tss:root /var/lib/swtpm-localca; fi
if ! pgrep -x virtlogd >/dev/null; then virtlogd -d; fi
if ! pgrep -x libvirtd >/dev/null; then libvirtd -d; fi
for _ in $(seq 1 50); do [ -S /var/run/libvirt/libvirt-sock ] && break; sleep 0.2; done
[ -S /var/run/libvirt/libvirt-sock ] || { echo "infra: libvirtd did not create its socket" >&2; exit 1; }

# The default network ships with libvirt-daemon-config-network; make sure it is defined (not invented).
if ! virsh -q -c qemu:///system net-info default >/dev/null 2>&1; then
  [ -f /usr/share/libvirt/networks/default.xml ] && virsh -q -c qemu:///system net-define /usr/share/libvirt/networks/default.xml >/dev/null
fi

# The default storage pool, as virt-install or virt-manager make it on a real host: a dir pool at
# /var/lib/libvirt/images. Made here so the test suite (which must leave the host's default pool as it found it)
# never sees the server's sanity check create it.
if ! virsh -q -c qemu:///system pool-info default >/dev/null 2>&1; then
  virsh -q -c qemu:///system pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
  virsh -q -c qemu:///system pool-build default >/dev/null 2>&1 || true
  virsh -q -c qemu:///system pool-autostart default >/dev/null
fi
pool_info=$(virsh -q -c qemu:///system pool-info default 2>/dev/null || true)
[[ $pool_info =~ State:\ *running ]] || virsh -q -c qemu:///system pool-start default >/dev/null
net_info=$(virsh -q -c qemu:///system net-info default 2>/dev/null || true)
[[ $net_info =~ Active:\ *yes ]] || virsh -q -c qemu:///system net-start default >/dev/null || true

# Node dependencies (better-sqlite3 compiles from source here: about a minute).
if [ "${SKIP_NPM:-}" != 1 ]; then
  cd "$here"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
fi
echo "infra: ready"
