#!/usr/bin/env bash
# Installs the Debian 12 packages qgnet needs that are not installed yet (run as root; uses sudo if
# not root). Usage: scripts/deps.sh [build|bench|fuzz|optional]   (build: compiler, CMake, Qt, liburing,
# OpenSSL, and the HTTP test clients curl, wrk, python3-websockets, python3-prometheus-client and Qt
# WebSockets: what CI needs; optional: tools for targets that CI does not build, as Doxygen for
# `cmake --build build --target docs`)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config ccache clang-format qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-declarative-dev qt6-declarative-dev-tools qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-shapes qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
    qml6-module-qttest qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel qt6-qpa-plugins libgl-dev liburing-dev libssl-dev xvfb xauth
    fonts-wqy-microhei # a small CJK font, so that the zh_CN translation renders (1.6 MB)
    curl wrk python3-websockets # real HTTP and WebSocket clients for the http tests (http.http_clients)
    python3-prometheus-client # parses qgnet-demo's /metrics in gui.demo_http
    qt6-websockets-dev # QWebSocket as a client in http.http_qwebsocket
    help2man dpkg-dev) # man pages from --help; dpkg-shlibdeps, so that the .deb files get their Depends
if [[ "${1:-build}" == bench ]]; then
    # the peers of bench/run-http-bench.sh: nginx and Qt's HTTP server (Qt WebSockets is in the build list)
    packages+=(libasio-dev libuv1-dev linux-perf nginx-light qt6-httpserver-dev)
fi
if [[ "${1:-build}" == optional ]]; then
    packages+=(doxygen) # the API reference: cmake --build build --target docs (build/docs/html)
fi
if [[ "${1:-build}" == fuzz ]]; then
    packages+=(clang libfuzzer-14-dev) # scripts/fuzz.sh: libFuzzer targets built with clang
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "installing: ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
