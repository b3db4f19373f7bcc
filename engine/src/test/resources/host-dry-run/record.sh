#!/bin/sh
# Records what real kmod 30's modprobe prints for queries.txt when the host's /proc and /sys are
# this folder's proc/ and sys/ (bind-mounted in a private mount namespace: run as root).
#   record.sh SAMPLE_ROOT > expected.txt
# SAMPLE_ROOT is a copy of samples/modern with the binary indexes real depmod writes
# (depmod -b SAMPLE_ROOT 6.1.0-47-cloud-amd64); the paths it prints become $ROOT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$1
version=6.1.0-47-cloud-amd64
echo "# Answers of real kmod 30 (modprobe -C etc/modprobe.d -d ROOT -S $version) with this folder's proc/ and sys/ as the host's."
unshare -m sh -c '
  mount --bind "$1/proc" /proc && mount --bind "$1/sys" /sys
  while read -r q; do
    echo "### $q"
    out=$(modprobe -C "$2/etc/modprobe.d" -d "$2" -S "$3" $q 2>/tmp/record-err.$$; echo "rc=$?")
    echo "exit ${out##*rc=}"
    printf "%s" "${out%rc=*}" | sed "s|$2|\$ROOT|g; s/^/> /"
    sed "s|$2|\$ROOT|g; s/^/! /" /tmp/record-err.$$
    rm -f /tmp/record-err.$$
  done < "$1/queries.txt"
' sh "$here" "$root" "$version"
