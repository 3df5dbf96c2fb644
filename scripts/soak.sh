#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Soak: qgnet-echo under C hostile-but-honest connections for M minutes (bench/README.md, "Soak").
# qgnet-soak-client drives a byte-exact echo with random message sizes, pauses and reconnects
# (graceful and RST); the server's RSS and descriptor count are sampled every second. Not part of CI.
#
#   scripts/soak.sh --minutes M --conns C [--backend epoll|io_uring] [--tls] [--loops N] [--seed S]
#                   [--build-dir DIR]
#
# M may be fractional (--minutes 0.5 for a trial). It ends with exactly one line on stdout:
#   soak: N bytes verified, L lost, RSS first A KiB last B KiB max C KiB, fds first X last Y
# "first" is sampled once every connection is up and a warm-up (10 s, less for runs under a minute)
# has passed; "last" once the client has closed everything, the server's descriptor count is back
# where it was before the client started (waited for, up to 30 s), and 3 s more (the server gives a
# burst's memory back a second after it closed). Exit status 1 if anything was lost,
# the server died, or the client failed; 2 for wrong usage.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=""
conns=""
backend=epoll
tls=0
loops=1
seed=""
build=build
usage() { sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
    case $1 in
        --minutes) minutes=$2; shift 2 ;;
        --conns) conns=$2; shift 2 ;;
        --backend) backend=$2; shift 2 ;;
        --tls) tls=1; shift ;;
        --loops) loops=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --build-dir) build=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "soak: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $minutes =~ ^[0-9]*\.?[0-9]+$ && $conns =~ ^[0-9]+$ && $loops =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }
[[ $backend == epoll || $backend == io_uring ]] || { echo "soak: --backend epoll or io_uring" >&2; exit 2; }
[[ -z $seed || $seed =~ ^[0-9]+$ ]] || { echo "soak: --seed takes a decimal number" >&2; exit 2; }

bin=$PWD/$build/bin
note() { echo "soak: $*" >&2; }
die() { note "$*"; exit 1; }
[[ -x $bin/qgnet-echo && -x $bin/qgnet-soak-client ]] ||
    die "build first: scripts/build.sh release --target qgnet-echo --target qgnet-soak-client"

seconds=$(awk -v m="$minutes" 'BEGIN { printf "%.3f", m * 60 }')
# Warm-up before "first": 10 s, a sixth of the run when that is shorter (a 30 s trial: 5 s).
warmup=$(awk -v s="$seconds" 'BEGIN { w = s / 6; if (w > 10) w = 10; printf "%.0f", (w < 1) ? 1 : w }')
# The run seed: printed first, so a failure can be replayed with --seed.
[[ -n $seed ]] || seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')

# Both processes inherit this: C connections are C descriptors on each side.
ulimit -n "$(ulimit -Hn)"
((conns + 64 <= $(ulimit -n))) || die "--conns $conns needs a descriptor limit above $((conns + 64)) (have $(ulimit -n))"

tmp=$(mktemp -d)
server_pid=""
client_pid=""
cleanup() {
    [[ -n $client_pid ]] && kill "$client_pid" 2>/dev/null
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

server_args=(--listen tcp://127.0.0.1:0 --loops "$loops" --backend "$backend")
client_tls=()
if ((tls)); then
    # A throwaway self-signed certificate, as bench/common/servers.sh makes for the TLS servers.
    command -v openssl >/dev/null || die "--tls needs the openssl command"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
        -keyout "$tmp/tls-key.pem" -out "$tmp/tls-cert.pem" 2>"$tmp/openssl.err" ||
        die "openssl req failed: $(cat "$tmp/openssl.err")"
    server_args+=(--tls-cert "$tmp/tls-cert.pem" --tls-key "$tmp/tls-key.pem")
    client_tls=(--tls)
fi

note "seed $seed (replay: --seed $seed), $conns connections, $minutes min, backend $backend, $loops loop(s)$( ((tls)) && echo ", TLS")"
: >"$tmp/server.out" # exists before the loop below reads it (the background shell opens it later)
"$bin/qgnet-echo" "${server_args[@]}" >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
for ((i = 0; ; i++)); do
    port=$(sed -n 's#^listening on tcp://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$tmp/server.out")
    [[ -n $port ]] && grep -q '^backend ' "$tmp/server.out" && break
    kill -0 "$server_pid" 2>/dev/null || die "qgnet-echo exited: $(cat "$tmp/server.err")"
    ((i < 100)) || die "qgnet-echo did not listen within 10 s"
    sleep 0.1
done
# A fallback to epoll must not pass for an io_uring soak.
grep -q "^backend $backend\$" "$tmp/server.out" || die "qgnet-echo runs $(sed -n 's/^backend //p' "$tmp/server.out"), not $backend"

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null; }
fd_count() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
server_alive() { kill -0 "$server_pid" 2>/dev/null && [[ $(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$server_pid/status") != Z ]]; }

sleep 0.5 # the loops reach their idle state
idle_fds=$(fd_count "$server_pid")

"$bin/qgnet-soak-client" --port "$port" --conns "$conns" --seconds "$seconds" --seed "$seed" "${client_tls[@]}" \
    >"$tmp/client.out" 2> >(tee "$tmp/client.err" >&2) &
client_pid=$!

died=0
first_rss=""
first_fds=""
max_rss=0
up_at=""
sample() {
    local rss
    rss=$(rss_kib "$server_pid")
    [[ -n $rss ]] && ((rss > max_rss)) && max_rss=$rss
    return 0
}
while kill -0 "$client_pid" 2>/dev/null; do
    if ! server_alive; then
        # The client ends its run early on SIGTERM and counts what it could not finish.
        died=1
        kill -TERM "$client_pid" 2>/dev/null
        break
    fi
    sample
    if [[ -z $up_at ]] && grep -q '^connected ' "$tmp/client.out"; then
        up_at=$SECONDS
        note "$conns connections up, warm-up ${warmup} s"
    fi
    if [[ -n $up_at && -z $first_rss ]] && ((SECONDS - up_at >= warmup)); then
        first_rss=$(rss_kib "$server_pid")
        first_fds=$(fd_count "$server_pid")
    fi
    sleep 1
done
client_rc=0
wait "$client_pid" || client_rc=$?
client_pid=""

# The client has closed every connection: wait (bounded) for the server to close its side.
if ((!died)); then
    for ((i = 0; i < 300; i++)); do
        server_alive || { died=1; break; }
        (($(fd_count "$server_pid") <= idle_fds)) && break
        sleep 0.1
    done
    ((i < 300)) || note "the server still holds $(($(fd_count "$server_pid") - idle_fds)) descriptors more than before the client, after 30 s"
fi
if ((!died)); then
    # A loop gives a burst's memory back a second after its connections closed (MemoryReclaim):
    # "last" is what the server keeps, not what it has not handed back yet.
    sleep 3
    sample
    last_rss=$(rss_kib "$server_pid")
    last_fds=$(fd_count "$server_pid")
    kill -TERM "$server_pid"
    server_rc=0
    wait "$server_pid" || server_rc=$?
    server_pid=""
    ((server_rc == 0)) || { died=1; note "qgnet-echo exited with status $server_rc: $(cat "$tmp/server.err")"; }
else
    server_rc=0
    wait "$server_pid" || server_rc=$?
    server_pid=""
    note "qgnet-echo died during the run (status $server_rc): $(tail -n 5 "$tmp/server.err")"
    last_rss=-
    last_fds=-
fi

result=$(grep '^verified=' "$tmp/client.out" || true)
verified=$(sed -n 's/.*verified=\([0-9]*\).*/\1/p' <<<"$result")
lost=$(sed -n 's/.* lost=\([0-9]*\).*/\1/p' <<<"$result")
if [[ -z $result ]]; then
    # Whatever it had in flight went unchecked: counted as one loss.
    note "the client gave no result (status $client_rc), counted as 1 lost"
    verified=0
    lost=1
    ((client_rc != 0)) || client_rc=1
else
    note "client: $result"
fi
[[ -n $first_rss ]] || { note "the run ended before the warm-up did: no first sample"; first_rss=-; first_fds=-; }

echo "soak: $verified bytes verified, $lost lost, RSS first $first_rss KiB last $last_rss KiB max $max_rss KiB, fds first $first_fds last $last_fds"
if ((lost > 0 || died || client_rc != 0)); then exit 1; fi
