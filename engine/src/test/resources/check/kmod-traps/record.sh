#!/usr/bin/env bash
# Records expected.txt of each trap fixture with the real kmod modprobe (kmod 30), as
# ../../kmodj-cases/record.sh does:
#   record.sh ROOT   (ROOT holds lib/modules/6.1.0-47-cloud-amd64 with the .ko files and the
#                     .bin indexes, e.g. from /work/shared/tools/real-kernel-tree.sh)
# A fixture's config.txt holds the -C arguments (default: -C modprobe.d); each line of
# queries.txt is what follows them. Runs as root: /proc/cmdline is replaced by the default
# command line in a mount namespace.
set -euo pipefail
root=$(cd "${1:?usage: record.sh ROOT}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
default='BOOT_IMAGE=/vmlinuz root=/dev/vda ro quiet'
for dir in "$here"/*/; do
  cd "$dir"
  cmdline=$(mktemp)
  echo "$default" > "$cmdline"
  config="-C modprobe.d"
  if [ -f config.txt ]; then config=$(tr '\n' ' ' < config.txt); fi
  : > expected.txt
  grep -v '^#' queries.txt | while IFS= read -r q; do
    [ -z "$q" ] && continue
    out=$(mktemp); err=$(mktemp)
    set +e
    # shellcheck disable=SC2086
    unshare -m sh -c 'mount --bind "$1" /proc/cmdline && shift && exec "$@"' sh "$cmdline" \
      modprobe $config -d "$root" -S 6.1.0-47-cloud-amd64 $q >"$out" 2>"$err"
    code=$?
    set -e
    { echo "### $q"; echo "exit $code"
      sed "s#$root#\$ROOT#g; s/^/> /" "$out"
      sed "s#$root#\$ROOT#g; s/^/! /" "$err"; } >> expected.txt
    rm -f "$out" "$err"
  done
  rm -f "$cmdline"
done
