# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash disable=SC2154  # bin, tmp, server_cpu: set by the sourcing script (below)
#
# The echo servers the benchmark runners know, and starting/stopping them.
# Sourced by run-echo-bench.sh, run-ab-bench.sh, run-http-bench.sh and
# profile-http.sh (the last two also start nginx: start_any), which must define before
# calling anything here:
#   bin         the build tree's bin/ directory
#   tmp         a private scratch directory
#   server_cpu  the CPU every server is pinned to
#   note, die   print a message on stderr (die also exits 1)

# Every name server_cmd accepts, for usage and error messages.
known_servers="raw-epoll qgnet qgnet-uring asio libuv qt qt-noglib engine bridge bridge-data bridge-timeline raw-epoll-tls qgnet-tls qgnet-uring-tls qgnet-http qgnet-http-uring qgnet-http-et qt-http qt-ws"

# Sets cmd (the command line of server $1) and exe (its executable). Each
# server listens on an ephemeral port and prints
# "listening on tcp://127.0.0.1:<port>". Pinning is done uniformly with taskset
# (threads a server starts later inherit the mask).
# NAME@DIR takes that server's programs from DIR instead of $bin, so that two
# builds of one server can be compared (before/after a change):
#   run-ab-bench.sh --a qgnet-uring@/tmp/before/bin --b qgnet-uring
server_cmd() {
  local bin=$bin
  if [[ $1 == *@* ]]; then
    bin=${1#*@}
    [[ -d $bin ]] || die "no directory ${bin} (from server name '$1')"
  fi
  case ${1%%@*} in
    raw-epoll) cmd=("$bin/qgnet-bench-raw-epoll" --port 0) ;;
    qgnet) cmd=("$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops 1) ;;
    qgnet-uring) cmd=("$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops 1 --backend io_uring) ;;
    asio) cmd=("$bin/qgnet-bench-asio-echo" --port 0) ;;
    libuv) cmd=("$bin/qgnet-bench-libuv-echo" --port 0) ;;
    qt) cmd=("$bin/qgnet-bench-qt-echo" --port 0) ;;
    # Optional: Qt with its own poll()-based dispatcher instead of GLib's.
    # env execs the server, so the PID the runner holds is still the server.
    qt-noglib) cmd=(env QT_NO_GLIB=1 "$bin/qgnet-bench-qt-echo" --port 0) ;;
    # The Qt bridge's cost (bench/run-bridge-bench.sh): the same qgnet echo alone, and inside a
    # QtServer with a 10 Hz stats feed, the four inspector models and an inspector endpoint.
    engine) cmd=("$bin/qgnet-bench-bridge" --mode engine --port 0) ;;
    bridge) cmd=("$bin/qgnet-bench-bridge" --mode bridge --port 0) ;;
    bridge-data) cmd=("$bin/qgnet-bench-bridge" --mode bridge-data --port 0) ;;
    bridge-timeline) cmd=("$bin/qgnet-bench-bridge" --mode bridge-timeline --port 0) ;;
    # TLS echo (the load generator then runs with --tls, see load_tls_args): a self-signed
    # certificate made once per run by make_tls_files (in $tmp, which exists once a run starts).
    raw-epoll-tls) cmd=("$bin/qgnet-bench-raw-epoll-tls" --port 0 --cert "${tmp:-}/tls-cert.pem" --key "${tmp:-}/tls-key.pem") ;;
    qgnet-tls) cmd=("$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops 1 --tls-cert "${tmp:-}/tls-cert.pem" --tls-key "${tmp:-}/tls-key.pem") ;;
    qgnet-uring-tls) cmd=("$bin/qgnet-echo" --listen tcp://127.0.0.1:0 --loops 1 --backend io_uring --tls-cert "${tmp:-}/tls-cert.pem" --tls-key "${tmp:-}/tls-key.pem") ;;
    # HTTP and WebSocket (bench/run-http-bench.sh): /plaintext and the /ws echo.
    qgnet-http) cmd=("$bin/qgnet-http" --listen tcp://127.0.0.1:0 --loops 1) ;;
    qgnet-http-uring) cmd=("$bin/qgnet-http" --listen tcp://127.0.0.1:0 --loops 1 --backend io_uring) ;;
    # epoll with every connection registered once, edge-triggered (Options::edgeTriggeredIO), as nginx does.
    qgnet-http-et) cmd=("$bin/qgnet-http" --listen tcp://127.0.0.1:0 --loops 1 --edge-triggered) ;;
    qt-http) cmd=("$bin/qgnet-bench-qt-http" --port 0) ;;
    qt-ws) cmd=("$bin/qgnet-bench-qt-websocket-echo" --port 0) ;;
    *) die "unknown server '$1' (known: $known_servers)" ;;
  esac
  exe=${cmd[0]}
  if [[ $exe == env ]]; then exe=${cmd[2]}; fi
}

# start_server NAME [TAG]: starts server NAME pinned to $server_cpu, its
# output in $tmp/server<TAG>.out and .err (TAG tells apart servers running at
# the same time); sets server_pid and port. Returns 1 (server stopped) if it
# does not announce a port, or if qgnet-uring is not really on io_uring.
start_server() {
  local name=$1 tag=${2:-} i
  tag=${tag//\//_} # a NAME@DIR tag (run-http-bench.sh --paired names the files after the server)
  local out=$tmp/server$tag.out err=$tmp/server$tag.err
  if [[ $name == *-tls || $name == *-tls@* ]]; then make_tls_files; fi
  server_cmd "$name"
  : >"$out"
  taskset -c "$server_cpu" "${cmd[@]}" >"$out" 2>"$err" &
  server_pid=$!
  port=""
  for ((i = 0; i < 200; i++)); do
    port=$(sed -n 's#^listening on tcp://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$out" | head -n1)
    if [[ -n $port ]]; then
      # qgnet-echo and qgnet-http say which backend runs: a fallback to epoll must not pass for io_uring.
      if [[ ${name%%@*} == qgnet-uring* || ${name%%@*} == qgnet-http-uring ]] && ! grep -q '^backend io_uring' "$out"; then
        note "$name is not running on io_uring: $(grep '^backend' "$out") $(cat "$err")"
        stop_server "$name" "$server_pid" "$tag" || true
        return 1
      fi
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  note "$name did not announce its port; stderr:"
  sed 's/^/  /' "$err" >&2
  stop_server "$name" "$server_pid" "$tag" || true
  return 1
}

# stop_server NAME [PID [TAG]]: SIGTERM, then SIGKILL after 5 s (PID defaults
# to $server_pid, which is cleared when it is the one stopped). Returns
# nonzero, with the server's stderr, if the exit was not clean.
stop_server() {
  local name=$1 pid=${2:-$server_pid} tag=${3:-} rc=0 i
  tag=${tag//\//_}
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    note "$name ignored SIGTERM for 5 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || rc=$?
  if [[ $pid == "$server_pid" ]]; then server_pid=""; fi
  if ((rc != 0)); then
    note "$name exited with status $rc"
    sed 's/^/  /' "$tmp/server$tag.err" >&2
  fi
  return "$rc"
}

# Prints the share (percent) of all CPUs that was busy over half a second,
# from /proc/stat rather than the load average, which still remembers a
# previous benchmark run for minutes.
cpu_busy_pct() {
  local a b
  a=$(sed -n 's/^cpu  //p' /proc/stat)
  sleep 0.5
  b=$(sed -n 's/^cpu  //p' /proc/stat)
  # fields: user nice system idle iowait irq softirq steal ...
  awk -v a="$a" -v b="$b" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= 8; i++) { d = y[i] - x[i]; total += d; if (i == 4 || i == 5) idle += d }
    printf "%.0f", (total > 0) ? 100 * (total - idle) / total : 0 }'
}

# make_tls_files: a throwaway self-signed certificate and key (ECDSA P-256) in
# $tmp for the TLS servers, made once per run.
make_tls_files() {
  [[ -s $tmp/tls-cert.pem ]] && return 0
  command -v openssl >/dev/null || die "the TLS servers need the openssl command"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -keyout "$tmp/tls-key.pem" -out "$tmp/tls-cert.pem" 2>"$tmp/openssl.err" ||
    die "openssl req failed: $(cat "$tmp/openssl.err")"
}

# load_tls_args NAME...: sets load_tls to the load generator's options for how
# it speaks to these servers: --tls when they speak TLS, and --websocket when
# they are WebSocket echoes (qgnet-http's /ws, qt-ws), so that every echo
# runner also measures those. Mixing TLS and plain, or WebSocket and plain echo
# servers, is an error (one load generator talks to every server of a run the
# same way).
load_tls_args() {
  local name tls=0 plain=0 ws=0 raw=0
  for name in "$@"; do
    if [[ ${name%%@*} == *-tls ]]; then tls=1; else plain=1; fi
    case ${name%%@*} in
      qgnet-http | qgnet-http-uring | qgnet-http-et | qt-ws) ws=1 ;;
      *) raw=1 ;;
    esac
  done
  ((tls && plain)) && die "TLS and plain servers cannot be measured in one run: $*"
  ((ws && raw)) && die "WebSocket and plain echo servers cannot be measured in one run: $*"
  load_tls=()
  ((tls)) && load_tls+=(--tls)
  # shellcheck disable=SC2034  # read by the sourcing script
  ((ws)) && load_tls+=(--websocket)
  return 0
}

# --- nginx, for the HTTP runners: a temporary prefix and config, in the foreground, as any user ---
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx) # /usr/sbin is not on a non-root PATH

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_nginx: like start_server (sets server_pid, port). One worker process under the master (the
# master only supervises; both are measured); keepalive_requests is raised from its default of 1000,
# after which nginx would close a connection in the middle of wrk's run.
start_nginx() {
  local prefix=$tmp/nginx i
  mkdir -p "$prefix/logs"
  port=$(free_port)
  cat >"$prefix/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    keepalive_requests 1000000000;
    client_body_temp_path $prefix/client_body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    server {
        listen 127.0.0.1:$port backlog=4096;
        location = /plaintext {
            default_type text/plain;
            return 200 "Hello, World!";
        }
    }
}
CONF
  taskset -c "$server_cpu" "$nginx_bin" -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" \
    >"$tmp/servernginx.out" 2>"$tmp/servernginx.err" &
  server_pid=$!
  for ((i = 0; i < 200; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/plaintext" 2>/dev/null) == 200 ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  note "nginx did not answer on port $port:"
  sed 's/^/  /' "$tmp/servernginx.err" "$prefix/logs/error.log" >&2 2>/dev/null || true
  stop_server nginx "$server_pid" nginx || true
  return 1
}

# start_any NAME / stop_any NAME: any server of start_server, or nginx; outputs tagged by NAME.
start_any() { if [[ $1 == nginx ]]; then start_nginx; else start_server "$1" "$1"; fi; }
stop_any() { stop_server "$1" "$server_pid" "$1"; }

# cpu_ticks PID...: utime + stime (clock ticks) of each process and of its children (nginx's
# worker), summed. Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
cpu_ticks() {
  local pid pids=""
  for pid in "$@"; do pids+=" $pid $(pgrep -P "$pid" | tr '\n' ' ')"; done
  # shellcheck disable=SC2086
  for pid in $pids; do sed 's/^.*) //' "/proc/$pid/stat"; done | awk '{ t += $12 + $13 } END { print t + 0 }'
}


# cpu_ns PID...: CPU time in nanoseconds of every thread of each process and of its children, from
# /proc/PID/task/TID/schedstat (its first field): fine enough for one-second slices, where /proc's
# 10 ms ticks are not. Threads that exit are not counted, so compare only across a window in which
# the server's threads all live (they do in these servers).
cpu_ns() {
  local pid pids=""
  for pid in "$@"; do pids+=" $pid $(pgrep -P "$pid" | tr '\n' ' ')"; done
  # shellcheck disable=SC2086
  for pid in $pids; do cat /proc/"$pid"/task/*/schedstat; done | awk '{ t += $1 } END { printf "%.0f\n", t }'
}
