// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-libuv-echo: the idiomatic libuv echo server. uv_read_start with
// an alloc callback that hands out the connection's one 64 KiB buffer; the
// echo goes out with uv_try_write, and only a remainder takes the queued
// uv_write path (with reading paused until it completes).

#include <uv.h>

#include <cstdio>
#include <cstdlib>

#include "server_cli.h"

namespace {

constexpr size_t kBufferSize = 64 * 1024;

struct Connection {
    uv_tcp_t tcp;         // first member: a uv_stream_t* can be cast back
    uv_write_t write_req; // reused: at most one queued write per connection
    char buf[kBufferSize];
};

Connection* conn_of(uv_stream_t* s) { return reinterpret_cast<Connection*>(s); }

[[noreturn]] void die(const char* what, int err)
{
    std::fprintf(stderr, "qgnet-bench-libuv-echo: %s: %s\n", what, uv_strerror(err));
    std::exit(1);
}

void on_closed(uv_handle_t* h)
{
    // Only connection handles carry data; server and signal handles live in main.
    if (h->data != nullptr)
        delete static_cast<Connection*>(h->data);
}

void close_conn(uv_stream_t* s)
{
    if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(s)))
        uv_close(reinterpret_cast<uv_handle_t*>(s), on_closed);
}

void on_alloc(uv_handle_t* h, size_t, uv_buf_t* out)
{
    Connection* c = static_cast<Connection*>(h->data);
    *out = uv_buf_init(c->buf, kBufferSize);
}

void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf);

void on_write_done(uv_write_t* req, int status)
{
    uv_stream_t* s = req->handle;
    if (status < 0) {
        close_conn(s);
        return;
    }
    // The buffer is free again: resume reading.
    int r = uv_read_start(s, on_alloc, on_read);
    if (r < 0)
        close_conn(s);
}

void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf)
{
    if (nread < 0) { // UV_EOF or a socket error
        close_conn(s);
        return;
    }
    if (nread == 0)
        return; // EAGAIN, nothing to do
    uv_buf_t out = uv_buf_init(buf->base, static_cast<unsigned>(nread));
    int w = uv_try_write(s, &out, 1);
    if (w == nread)
        return; // the common case: written in place
    if (w == UV_EAGAIN) {
        w = 0;
    } else if (w < 0) {
        close_conn(s);
        return;
    }
    // Remainder: queue it straight from the read buffer and stop reading so the
    // next read cannot overwrite bytes that are still waiting to be sent.
    uv_read_stop(s);
    uv_buf_t rest = uv_buf_init(buf->base + w, static_cast<unsigned>(nread - w));
    int r = uv_write(&conn_of(s)->write_req, s, &rest, 1, on_write_done);
    if (r < 0)
        close_conn(s);
}

void on_connection(uv_stream_t* server, int status)
{
    if (status < 0) {
        std::fprintf(stderr, "qgnet-bench-libuv-echo: accept: %s\n", uv_strerror(status));
        return;
    }
    auto* c = new Connection;
    uv_tcp_init(server->loop, &c->tcp);
    c->tcp.data = c;
    if (uv_accept(server, reinterpret_cast<uv_stream_t*>(&c->tcp)) != 0) {
        close_conn(reinterpret_cast<uv_stream_t*>(&c->tcp));
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    if (uv_read_start(reinterpret_cast<uv_stream_t*>(&c->tcp), on_alloc, on_read) != 0) {
        close_conn(reinterpret_cast<uv_stream_t*>(&c->tcp));
    }
}

void on_signal(uv_signal_t* sig, int) { uv_stop(sig->loop); }

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();

    uv_loop_t* loop = uv_default_loop();
    uv_tcp_t server;
    uv_tcp_init(loop, &server);
    server.data = nullptr;

    sockaddr_in addr{};
    if (int r = uv_ip4_addr("127.0.0.1", static_cast<int>(cli.port), &addr); r != 0)
        die("uv_ip4_addr", r);
    if (int r = uv_tcp_bind(&server, reinterpret_cast<const sockaddr*>(&addr), 0); r != 0)
        die("bind", r);
    if (int r = uv_listen(reinterpret_cast<uv_stream_t*>(&server), SOMAXCONN, on_connection); r != 0)
        die("listen", r);

    uv_signal_t sigint, sigterm;
    uv_signal_init(loop, &sigint);
    uv_signal_init(loop, &sigterm);
    sigint.data = sigterm.data = nullptr;
    uv_signal_start(&sigint, on_signal, SIGINT);
    uv_signal_start(&sigterm, on_signal, SIGTERM);

    sockaddr_in bound{};
    int len = sizeof bound;
    uv_tcp_getsockname(&server, reinterpret_cast<sockaddr*>(&bound), &len);
    qgnet_bench::announce_listening(ntohs(bound.sin_port));

    uv_run(loop, UV_RUN_DEFAULT);

    // Orderly teardown: close every handle, let the close callbacks run.
    uv_walk(
        loop,
        [](uv_handle_t* h, void*) {
            if (!uv_is_closing(h))
                uv_close(h, on_closed);
        },
        nullptr);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
    return 0;
}
