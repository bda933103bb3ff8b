# Options and paths shared by infra/install.sh and infra/uninstall.sh (sourced, not run).
# kimchi_options NAME FLAG HELP_LINES "$@": reads --root DIR, --prefix DIR (defaults KIMCHI_INSTALL_ROOT,
# KIMCHI_INSTALL_PREFIX), the caller's one FLAG (flag=1 when given) and -h/--help (prints HELP_LINES, e.g. '2,9p', of
# the calling script's header); then sets root, prefix, etc, state, logs, unitdir and bindir, all absolute.
# Exits 2 on an unknown argument or a path holding a newline, |, \ or & (they would break the sed rewrites), and 1
# when neither root nor --root: NAME starts each message.
kimchi_options() {
  local name=$1 flagname=$2 lines=$3 script=$0
  shift 3
  _kimchi_usage() { sed -n "$lines" "$script" | sed 's/^# \{0,1\}//'; }
  root=${KIMCHI_INSTALL_ROOT:-}
  prefix=${KIMCHI_INSTALL_PREFIX:-}
  flag=0
  while (($#)); do
    case $1 in
      --root) root=${2:?--root needs a directory}; shift 2 ;;
      --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
      "$flagname") flag=1; shift ;;
      -h|--help) _kimchi_usage; exit 0 ;;
      *) echo "$name: unknown argument $1" >&2; _kimchi_usage >&2; exit 2 ;;
    esac
  done
  root=${root%/}
  [[ -n $root || $EUID -eq 0 ]] || { echo "$name: run it as root (or with --root DIR)" >&2; exit 1; }
  [[ -z $root || $root == /* ]] || root=$(pwd)/$root
  prefix=${prefix:-$root/opt/kimchi-ts}
  [[ $prefix == /* ]] || prefix=$(pwd)/$prefix
  local p
  for p in "$root" "$prefix"; do
    [[ $p != *[$'\n'\|\\\&]* ]] || { echo "$name: paths may not hold newlines, |, \\ or &: $p" >&2; exit 2; }
  done
  etc=$root/etc/kimchi-ts
  state=$root/var/lib/kimchi-ts
  logs=$root/var/log/kimchi-ts
  unitdir=$root/etc/systemd/system
  bindir=$root/usr/local/bin
}
