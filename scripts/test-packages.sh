#!/usr/bin/env bash
# Builds the Debian packages (cpack in build/), checks them with lintian, and installs them with apt
# into a pristine Debian 12 tree (debootstrap's minbase, kept as a tarball and unpacked afresh each
# run), where only the packages' own Depends bring Qt, liburing and OpenSSL. There it runs each
# program's --version, an echo round trip through qgnet-echo, and tests/quick/installed against the
# installed QML modules with no import path given. Not part of CI: it downloads a Debian base system and the packages' dependencies.
# Usage (as root): scripts/test-packages.sh
#   QGNET_PACKAGE_CONTACT="Name <mail>"  the Maintainer field (lintian rejects the placeholder)
#   QGNET_DEBIAN_MIRROR=URL              the Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $(id -u) -eq 0 ]] || { echo "run as root (debootstrap, chroot and mount need it)" >&2; exit 2; }
mirror=${QGNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base=/var/tmp/qgnet-bookworm-minbase.tar
root=$(mktemp -d /var/tmp/qgnet-packages.XXXXXX)

for tool in debootstrap lintian dpkg-shlibdeps help2man; do
    command -v "$tool" >/dev/null && continue
    package=$tool
    [[ $tool == dpkg-shlibdeps ]] && package=dpkg-dev
    echo "installing: $package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
done

contact=()
[[ -n ${QGNET_PACKAGE_CONTACT:-} ]] && contact=("-DQGNET_PACKAGE_CONTACT=$QGNET_PACKAGE_CONTACT")
# The prefix /usr: GNUInstallDirs then puts the libraries and the .pc files in the multiarch libdir
# (lib/x86_64-linux-gnu), where Debian's loader and pkg-config (cross builds too) look, and the
# programs get no RPATH.
scripts/build.sh release -DCMAKE_INSTALL_PREFIX=/usr "${contact[@]}"
rm -f build/*.deb
(cd build && cpack -G DEB >/dev/null)
debs=(build/*.deb)
echo "packages: ${debs[*]##*/}"
echo "=== lintian"
lintian --tag-display-limit 0 "${debs[@]}" 2>&1 | grep -v "running with root privileges" || true

if [[ ! -f $base ]]; then
    echo "debootstrap bookworm (minbase) ..."
    staging=$(mktemp -d /var/tmp/qgnet-minbase.XXXXXX)
    debootstrap --variant=minbase bookworm "$staging" "$mirror" >"$base.log" 2>&1 || { tail -20 "$base.log" >&2; exit 1; }
    tar -C "$staging" -cf "$base" .
    rm -rf "$staging"
fi
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/debs"
cp "${debs[@]}" tests/quick/installed/tst_installed.qml "$root/debs/"

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
    rm -rf "$root"
}
trap cleanup EXIT
for fs in proc sys dev dev/pts; do
    mount --bind "/$fs" "$root/$fs"
    mounted+=("$root/$fs")
done

echo "=== apt-get install ./debs/*.deb in a pristine bookworm"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 bash -euo pipefail -c '
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends ./debs/*.deb python3 >/dev/null
    # The shared libraries under their SONAME, in the multiarch directory, and the -dev files beside them.
    arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
    for file in libqgnet.so.0 libqgnet_http.so.0 libqgnet-qt.so.0 libqgnet-test.so.0 libqgnet.so pkgconfig/qgnet.pc \
            cmake/QGnet/QGnetConfig.cmake; do
        test -e "/usr/lib/$arch/$file" || { echo "missing: /usr/lib/$arch/$file"; exit 1; }
    done
    echo "libraries, .pc and CMake package in /usr/lib/$arch: ok"
    for program in qgnet-inspector qgnet-inspector-quick qgnet-demo qgnet-echo qgnet-client qgnet-http; do
        QT_QPA_PLATFORM=offscreen "$program" --version
    done
    # An echo through the installed server: what was sent comes back.
    qgnet-echo --listen tcp://127.0.0.1:0 >/tmp/echo.log &
    echo_pid=$!
    until grep -q "^listening on" /tmp/echo.log; do sleep 0.1; done
    port=$(sed -n "s/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p" /tmp/echo.log)
    python3 -c "
import socket, sys
s = socket.create_connection((\"127.0.0.1\", int(sys.argv[1])))
s.sendall(b\"hello, installed qgnet\")
got = b\"\"
while len(got) < 22:
    got += s.recv(64)
assert got == b\"hello, installed qgnet\", got
print(\"echo round trip: ok\")
" "$port"
    kill "$echo_pid"
    wait "$echo_pid"
    # The QML modules where Debian'"'"'s Qt looks for them: tests/quick/installed runs with no import path.
    apt-get install -y -qq --no-install-recommends qt6-declarative-dev-tools qml6-module-qttest >/dev/null
    QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software /usr/lib/qt6/bin/qmltestrunner -input /debs/tst_installed.qml
'
echo "packages install and run on a pristine Debian 12"
