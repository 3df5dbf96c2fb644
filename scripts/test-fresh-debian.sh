#!/usr/bin/env bash
# Runs the test command in a fresh Debian 12 tree, as a new user's machine has it: debootstrap's
# minimal bookworm, the installer's /etc/hosts (localhost is ::1 and 127.0.0.1, ::1 first), and a
# copy of this working tree (tracked and untracked-not-ignored files). scripts/test.sh installs the
# rest inside, as it would on that machine. Not part of CI: it downloads a Debian base system.
# Usage (as root): scripts/test-fresh-debian.sh [test.sh arguments, e.g. --quick]
#   QGNET_FRESH_ROOT=DIR   where the tree goes (default /var/tmp/qgnet-bookworm; reused when present)
#   QGNET_DEBIAN_MIRROR=URL the Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail
cd "$(dirname "$0")/.."

root=${QGNET_FRESH_ROOT:-/var/tmp/qgnet-bookworm}
mirror=${QGNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
[[ $(id -u) -eq 0 ]] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 2; }

if ! command -v debootstrap >/dev/null; then
    echo "installing: debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
if [[ ! -x $root/usr/bin/apt-get ]]; then
    echo "debootstrap bookworm into $root ..."
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
        || { tail -20 "$root.debootstrap.log" >&2; exit 1; }
fi

# The hosts file Debian's installer writes.
cat >"$root/etc/hosts" <<'EOF'
127.0.0.1	localhost
127.0.1.1	qgnet-fresh

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "localhost resolves, in this order, to: $(chroot "$root" getent ahosts localhost | awk '$2 == "STREAM" {print $1}' | paste -sd' ')"

# A clean copy of the working tree (no build directories).
rm -rf "$root/src/qgnet"
mkdir -p "$root/src/qgnet"
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$root/src/qgnet"

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for fs in proc sys dev dev/pts dev/shm; do
    mkdir -p "$root/$fs"
    mount --bind "/$fs" "$root/$fs"
    mounted+=("$root/$fs")
done

echo "running scripts/test.sh $* in $root ..."
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    bash -c "cd /src/qgnet && scripts/test.sh $*"
