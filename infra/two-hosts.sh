#!/usr/bin/env bash
# Project copy of the shared testbed (tests of many hosts and live migration start it; a fresh clone needs nothing else).
# SCALEOUT_PREFIX names the namespaces (default kso): two testbeds with different prefix, dir and net can coexist.
# two-hosts.sh — two independent libvirtd "hosts" (A and B) on ONE machine, for
# multi-host / live-migration tests.  Debian 12, libvirt 9.0, QEMU 7.2, no systemd, root.
#
#   two-hosts.sh up            # namespaces + veth + configs + both libvirtds (idempotent)
#   two-hosts.sh migrate-demo  # tiny KVM guest on A, live-migrate A->B (p2p) and B->A (direct)
#   two-hosts.sh status        # what is up
#   two-hosts.sh env           # print the URIs (eval-able)
#   two-hosts.sh client CMD..  # run CMD inside kso-a, where BOTH tcp URIs are reachable
#   two-hosts.sh restart a|b   # restart one libvirtd; its running guests survive
#   two-hosts.sh down          # destroy guests, stop daemons, delete namespaces/veth/files (idempotent)
#   two-hosts.sh purge         # down + delete the QEMU capabilities cache kept between runs
#
# Each "host" = one libvirtd process started inside
#   * its own network namespace  (ip netns kso-a / kso-b, veth kso-a0 <-> kso-b0,
#     $NET.1/24 and $NET.2/24 -- these addresses exist ONLY inside the two namespaces),
#   * its own mount namespace (created by `ip netns exec`), in which
#     /etc/libvirt /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt
#     and /etc/hosts are bind-mounted from $BASE/<h>/..., so the daemon sees a
#     completely private "system" instance (own qemu.conf, domain state, pidfiles...)
#     and never touches the machine's real libvirtd (/run/libvirt/libvirt-sock),
#   * its own UTS namespace (hostname kso-host-a / kso-host-b),
#   * its own host_uuid (libvirt refuses to migrate between equal host UUIDs).
#
# URIs (see `two-hosts.sh env`):
#   TCP (only from inside a namespace, e.g. `ip netns exec kso-a <client>`):
#       qemu+tcp://$NET.1/system   qemu+tcp://$NET.2/system
#   UNIX (from anywhere on the machine, no namespace needed):
#       qemu+unix:///system?socket=$BASE/a/sock/libvirt-sock   (and .../b/...)
#   NEVER use plain qemu:///system for these hosts: that is the machine's real daemon.
set -euo pipefail

BASE=${SCALEOUT_DIR:-/var/tmp/kimchi-scaleout}
NET=${SCALEOUT_NET:-10.250.12}        # private /24, only inside kso-a / kso-b
PORT=${SCALEOUT_TCP_PORT:-16509}
PFX=${SCALEOUT_PREFIX:-kso}
[[ $PFX =~ ^[a-z][a-z0-9]{0,7}$ ]] || { echo "SCALEOUT_PREFIX: 1-8 lowercase letters/digits" >&2; exit 2; }
DEMO=${SCALEOUT_DEMO_NAME:-$PFX-demo}
[[ $BASE == /*/* && $BASE != *..* ]] || { echo "SCALEOUT_DIR must be an absolute path at least two levels deep" >&2; exit 2; }
# QEMU capabilities cache shared by both hosts and kept across down/up (it is only a cache)
CAPS_CACHE=${SCALEOUT_CAPS_CACHE:-/var/tmp/kimchi-scaleout-capscache}
# libvirtd is pinned to this CPU: libvirt's capabilities cache embeds the host CPUID, whose
# leaf 0x1f (x2APIC id) differs per CPU, so an unpinned daemon finds the cache "outdated:
# host cpuid changed" about half the time and re-probes.  QEMU children are NOT affected:
# libvirt resets each QEMU's affinity to all host CPUs.
DAEMON_CPU=${SCALEOUT_DAEMON_CPU:-0}

HOSTS="a b"
ns_of()   { echo "$PFX-$1"; }
veth_of() { echo "$PFX-${1}0"; }
ip_of()   { case $1 in a) echo "$NET.1";; b) echo "$NET.2";; esac; }
uuid_of() { case $1 in a) echo "5ca1e0a0-0000-4000-8000-00000000000a";;
                       b) echo "5ca1e0a0-0000-4000-8000-00000000000b";; esac; }
tcp_uri()  { echo "qemu+tcp://$(ip_of "$1")/system"; }
unix_uri() { echo "qemu+unix:///system?socket=$BASE/$1/sock/libvirt-sock"; }

log() { printf '[two-hosts %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# virsh against host $1 over its unix socket (works from the root namespace)
vsh() { local h=$1; shift; virsh -q -c "$(unix_uri "$h")" "$@"; }

daemon_pid() { # prints pid of our libvirtd for host $1, if alive
  local pf="$BASE/$1/libvirtd.pid" pid
  [[ -s $pf ]] || return 1
  pid=$(<"$pf")
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "libvirtd.*$BASE/$1/etc/libvirtd.conf" || return 1
  echo "$pid"
}

# ---------------------------------------------------------------- network
net_up() {
  local a b
  a=$(ns_of a); b=$(ns_of b)
  for h in $HOSTS; do
    ip netns list | grep -qw "^$(ns_of "$h")" || ip netns add "$(ns_of "$h")"
    ip -n "$(ns_of "$h")" link set lo up
  done
  if ! ip -n "$a" link show "$(veth_of a)" >/dev/null 2>&1; then
    # created directly inside kso-a, peer moved straight into kso-b: never in the root ns
    ip -n "$a" link add "$(veth_of a)" type veth peer name "$(veth_of b)" netns "$b"
  fi
  for h in $HOSTS; do
    local ns v; ns=$(ns_of "$h"); v=$(veth_of "$h")
    ip -n "$ns" addr replace "$(ip_of "$h")/24" dev "$v"
    ip -n "$ns" link set "$v" up
  done
  # Leak guard: in the ROOT namespace these addresses are not local, so without this a
  # client that forgets `ip netns exec` would send its packets out of eth0 via the
  # default route (seen here: an HTTP proxy answered -> "packet 1213486156 bytes received
  # from server too large").  With it, such a client fails at once with "No route to host".
  ip route replace unreachable "$NET.0/24"
}

net_down() {
  for h in $HOSTS; do
    ip netns list | grep -qw "^$(ns_of "$h")" && ip netns del "$(ns_of "$h")" || true
  done  # deleting a namespace deletes the veth pair with it
  ip route del unreachable "$NET.0/24" 2>/dev/null || true
}

# ---------------------------------------------------------------- config
write_configs() {
  local h=$1 d="$BASE/$1" ip; ip=$(ip_of "$h")
  mkdir -p "$d"/{etc,run,lib,cache,log,sock} "$d"/lib/{images,qemu} "$d"/log/qemu "$BASE/shared"
  chmod 755 "$BASE" "$BASE/shared" "$d" "$d/lib" "$d/lib/images"
  cat >"$d/etc/libvirtd.conf" <<EOF
# host $h — generated by two-hosts.sh
listen_tls = 0
listen_tcp = 1
listen_addr = "$ip"
tcp_port = "$PORT"
auth_tcp = "none"
unix_sock_dir = "$d/sock"
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
unix_sock_admin_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
host_uuid = "$(uuid_of "$h")"
# warnings for everything, debug for the migration code
log_filters = "1:qemu.qemu_migration"
log_outputs = "1:file:$d/log/libvirtd.log"
EOF
  cat >"$d/etc/qemu.conf" <<EOF
# host $h — generated by two-hosts.sh
# qemu's stdout/stderr straight to /var/log/libvirt/qemu/<dom>.log (no virtlogd needed;
# the machine's real virtlogd must not be used by these daemons)
stdio_handler = "file"
# no cgroups (explicit; also the de-facto state): 'ip netns exec' remounts /sys, so the
# cgroup mounts are invisible anyway, and if they were visible both daemons would share
# one machine/qemu-<id>-<name> tree.  => schedinfo/memtune/blkiotune do not work here.
cgroup_controllers = [ ]
# where the destination QEMU listens for incoming migration / what it advertises
migration_address = "$ip"
migration_host = "$ip"
# remember_owner stays at its default (1) ON PURPOSE: both daemons then ref-count the
# original owner of a shared-directory disk in the same trusted.libvirt.security.* xattrs,
# so the migration source's cleanup no longer chowns the disk back to root:root under the
# destination's running QEMU (with remember_owner = 0 it does: libvirt only skips that
# restore on NFS/GFS2/... and this directory is plain ext4).
EOF
  # Seed the QEMU capabilities cache: a fresh daemon otherwise spends ~8 s probing
  # qemu-system-{x86_64,i386}.  libvirt re-validates the cache (binary ctimes, versions,
  # kernel, microcode, host CPUID) and re-probes if it is stale, so copying is always safe.
  if compgen -G "$CAPS_CACHE/*.xml" >/dev/null && ! compgen -G "$d/cache/qemu/capabilities/*.xml" >/dev/null; then
    mkdir -p "$d/cache/qemu/capabilities"
    cp -p "$CAPS_CACHE"/*.xml "$d/cache/qemu/capabilities/"
  fi
  cat >"$d/hosts" <<EOF
127.0.0.1 localhost
$(ip_of a) $PFX-host-a
$(ip_of b) $PFX-host-b
EOF
}

# ---------------------------------------------------------------- daemons
start_daemon() {
  local h=$1 d="$BASE/$1"
  if pid=$(daemon_pid "$h"); then log "libvirtd $h already running (pid $pid)"; return 0; fi
  rm -f "$d/libvirtd.pid" "$d"/sock/*
  # the inner `sh -e` aborts before exec if ANY bind mount fails, so the daemon can never
  # start on the real /run/libvirt or /var/lib/libvirt.
  ip netns exec "$(ns_of "$h")" unshare --uts -- /bin/sh -ec '
    d=$1 hn=$2
    mount --bind "$d/etc"   /etc/libvirt
    mount --bind "$d/run"   /run/libvirt
    mount --bind "$d/lib"   /var/lib/libvirt
    mount --bind "$d/cache" /var/cache/libvirt
    mount --bind "$d/log"   /var/log/libvirt
    mount --bind "$d/hosts" /etc/hosts
    hostname "$hn"
    exec taskset -c "$3" libvirtd --daemon --listen --config "$d/etc/libvirtd.conf" --pid-file "$d/libvirtd.pid"
  ' sh "$d" "$PFX-host-$h" "$DAEMON_CPU"
  for _ in $(seq 100); do
    vsh "$h" version >/dev/null 2>&1 && break
    sleep 0.1
  done
  pid=$(daemon_pid "$h") || die "libvirtd $h did not start; see $d/log/libvirtd.log"
  mkdir -p "$CAPS_CACHE"; cp -p "$d"/cache/qemu/capabilities/*.xml "$CAPS_CACHE"/ 2>/dev/null || true
  log "libvirtd $h up: pid $pid, $(tcp_uri "$h") (in $(ns_of "$h")), $(unix_uri "$h")"
}

stop_daemon() {
  local h=$1 pid
  if pid=$(daemon_pid "$h"); then
    # guests first, or their QEMUs outlive the daemon
    for dom in $(vsh "$h" list --name 2>/dev/null); do vsh "$h" destroy "$dom" >/dev/null 2>&1 || true; done
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "libvirtd $h (pid $pid) stopped"
  fi
  # anything still living in the namespace was started by us (QEMU, dnsmasq, ...)
  local ns; ns=$(ns_of "$h")
  if ip netns list | grep -qw "^$ns"; then
    for p in $(ip netns pids "$ns" 2>/dev/null); do
      log "killing leftover pid $p in $ns: $(tr '\0' ' ' </proc/$p/cmdline 2>/dev/null | cut -c1-80)"
      kill -KILL "$p" 2>/dev/null || true
    done
  fi
}

# ---------------------------------------------------------------- subcommands
cmd_up() {
  [[ $EUID -eq 0 ]] || die "must run as root"
  [[ -c /dev/kvm ]] || die "/dev/kvm missing"
  local t0=$SECONDS
  net_up
  for h in $HOSTS; do write_configs "$h"; start_daemon "$h"; done
  # cross-check: A's daemon network namespace reaches B's TCP listener
  ip netns exec "$(ns_of a)" virsh -q -c "$(tcp_uri b)" hostname >/dev/null || die "A cannot reach B over TCP"
  log "up in $((SECONDS - t0))s"
  cmd_env
}

cmd_env() {
  echo "SCALEOUT_A_TCP='$(tcp_uri a)'"
  echo "SCALEOUT_B_TCP='$(tcp_uri b)'"
  echo "SCALEOUT_A_UNIX='$(unix_uri a)'"
  echo "SCALEOUT_B_UNIX='$(unix_uri b)'"
  echo "SCALEOUT_NS_A='$(ns_of a)'"
  echo "SCALEOUT_NS_B='$(ns_of b)'"
}

cmd_status() {
  for h in $HOSTS; do
    if pid=$(daemon_pid "$h"); then
      echo "host $h: libvirtd pid $pid, hostname=$(vsh "$h" hostname 2>&1), domains: $(vsh "$h" list --all 2>&1 | tr -s ' \n' ' ')"
    else
      echo "host $h: down"
    fi
  done
  ip netns list | grep "$PFX-" || echo "no $PFX-* namespaces"
}

demo_xml() { # name disk-path
  cat <<EOF
<domain type='kvm'>
  <name>$1</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='$2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

timed() { # run "$@" (its output to stderr), print the wall time in s; keep its exit status
  local s e rc=0; s=$(date +%s.%N); "$@" >&2 || rc=$?; e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN{printf "%.2f", e-s}'; return $rc
}

jobstats() { # host dom -> "elapsed=..ms downtime=..ms data=.."
  vsh "$1" domjobinfo --completed "$2" 2>/dev/null | awk -F': *' '
    /^Time elapsed:/ {e=$2} /^Total downtime:/ {d=$2} /^Data processed:/ {p=$2}
    END {gsub(/ +/," ",e); gsub(/ +/," ",d); gsub(/ +/," ",p); printf "qemu-elapsed=%s downtime=%s transferred=%s", e, d, p}'
}

cmd_migrate_demo() {
  for h in $HOSTS; do daemon_pid "$h" >/dev/null || die "host $h is down; run '$0 up' first"; done
  local disk="$BASE/shared/$DEMO.qcow2" local_dom="$DEMO-local" t
  # idempotent: start from a clean slate
  for h in $HOSTS; do
    for dom in "$DEMO" "$local_dom"; do
      vsh "$h" destroy "$dom" >/dev/null 2>&1 || true
      vsh "$h" undefine "$dom" >/dev/null 2>&1 || true
    done
    rm -f "$BASE/$h/lib/images/$local_dom.qcow2"
  done

  # ---- guest 1: disk in a directory both "hosts" see ($BASE/shared) -----------------
  qemu-img create -q -f qcow2 "$disk" 64M
  demo_xml "$DEMO" "$disk" >"$BASE/shared/$DEMO.xml"
  t=$(timed vsh a define "$BASE/shared/$DEMO.xml")
  t=$(timed vsh a start "$DEMO"); log "$DEMO started on A in ${t}s"
  sleep 1

  # 1) peer-to-peer, driven by A's libvirtd, over TCP inside the namespaces.
  #    --unsafe: the disk lives on a local (ext4) directory that both "hosts" share;
  #    libvirt only trusts NFS/GFS2/CephFS/... as shared storage, otherwise it refuses with
  #    "Unsafe migration: Migration without shared storage is unsafe".
  t=$(timed ip netns exec "$(ns_of a)" virsh -q -c "$(tcp_uri a)" migrate --live --p2p \
        --persistent --undefinesource --unsafe "$DEMO" "$(tcp_uri b)")
  [[ $(vsh b domstate "$DEMO") == running ]] || die "not running on B after migration"
  vsh a dominfo "$DEMO" >/dev/null 2>&1 && die "$DEMO still defined on A"
  log "A->B live p2p (tcp, shared dir):     ${t}s wall; $(jobstats b "$DEMO")"
  echo "migrate_p2p_tcp_a_to_b_s=$t"

  # 2) direct ("managed") migration driven by the client -- here virsh in the ROOT namespace
  #    talking to both daemons over their unix sockets; the QEMU->QEMU stream still goes
  #    A<->B over the veth (the destination advertises migration_host).
  t=$(timed virsh -q -c "$(unix_uri b)" migrate --live --persistent --undefinesource --unsafe \
        "$DEMO" "$(unix_uri a)")
  [[ $(vsh a domstate "$DEMO") == running ]] || die "not running on A after migration back"
  log "B->A live direct (unix, shared dir): ${t}s wall; $(jobstats a "$DEMO")"
  echo "migrate_direct_unix_b_to_a_s=$t"

  # ---- guest 2: non-shared storage, /var/lib/libvirt/images is private to each host --------
  # (same path, different file), moved with --copy-storage-all (NBD drive-mirror).  The
  # destination file must exist beforehand (or lie in a storage pool on the destination,
  # then libvirt pre-creates it); else: "Storage pool not found: no storage pool with
  # matching target path '/var/lib/libvirt/images'".
  qemu-img create -q -f qcow2 "$BASE/a/lib/images/$local_dom.qcow2" 64M
  qemu-img create -q -f qcow2 "$BASE/b/lib/images/$local_dom.qcow2" 64M
  demo_xml "$local_dom" "/var/lib/libvirt/images/$local_dom.qcow2" >"$BASE/shared/$local_dom.xml"
  vsh a define "$BASE/shared/$local_dom.xml" >/dev/null
  vsh a start "$local_dom" >/dev/null
  sleep 1
  t=$(timed ip netns exec "$(ns_of a)" virsh -q -c "$(tcp_uri a)" migrate --live --p2p \
        --copy-storage-all --persistent --undefinesource "$local_dom" "$(tcp_uri b)")
  [[ $(vsh b domstate "$local_dom") == running ]] || die "$local_dom not running on B"
  log "A->B live p2p --copy-storage-all:    ${t}s wall; $(jobstats b "$local_dom")"
  echo "migrate_p2p_copy_storage_a_to_b_s=$t"
  vsh b destroy "$local_dom" >/dev/null; vsh b undefine "$local_dom" >/dev/null

  log "migrate-demo OK ($DEMO left running on A; '$0 down' removes everything)"
}

cmd_restart() { # restart ONE daemon, guests keep running (tests of reconnect / host restart)
  local h=${1:-} pid
  [[ $h == a || $h == b ]] || die "usage: $0 restart a|b"
  if pid=$(daemon_pid "$h"); then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "libvirtd $h (pid $pid) did not exit"
  fi
  start_daemon "$h"   # new mount namespace, same bind mounts: it reattaches to running QEMUs
}

cmd_kill() { # SIGKILL ONE daemon (a host that dies); its guests keep running; `start` brings it back
  local h=${1:-} pid
  [[ $h == a || $h == b ]] || die "usage: $0 kill a|b"
  if pid=$(daemon_pid "$h"); then kill -KILL "$pid"; for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; fi
  log "libvirtd $h killed"
}

cmd_client() { # run a command where both TCP URIs are reachable
  [[ $# -gt 0 ]] || die "usage: $0 client CMD [ARGS...]"
  exec ip netns exec "$(ns_of a)" "$@"
}

cmd_down() {
  for h in $HOSTS; do stop_daemon "$h"; done
  net_down
  # all mounts lived only in the daemons' private mount namespaces: nothing to unmount
  if [[ -d $BASE ]]; then rm -rf -- "$BASE"; log "removed $BASE"; fi
  log "down"
}

case ${1:-} in
  up) cmd_up ;;
  migrate-demo) cmd_migrate_demo ;;
  status) cmd_status ;;
  env) cmd_env ;;
  client) shift; cmd_client "$@" ;;
  restart) cmd_restart "${2:-}" ;;
  kill) cmd_kill "${2:-}" ;;
  start) [[ ${2:-} == a || ${2:-} == b ]] || die "usage: $0 start a|b"; start_daemon "$2" ;;
  down) cmd_down ;;
  purge) cmd_down; rm -rf -- "$CAPS_CACHE"; log "removed $CAPS_CACHE" ;;
  *) echo "usage: $0 up|migrate-demo|status|env|client CMD...|restart a|b|kill a|b|start a|b|down|purge" >&2; exit 2 ;;
esac
