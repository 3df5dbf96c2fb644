// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-asio-echo: the idiomatic Asio echo server. One io_context run by
// one thread; each connection loops async_read_some -> async_write on its own
// 64 KiB buffer. Builds against standalone Asio (<asio.hpp>) or, when only
// Boost is available, Boost.Asio (QGNET_BENCH_BOOST_ASIO).

#if QGNET_BENCH_BOOST_ASIO
#include <boost/asio.hpp>
#include <utility> // Boost 1.74's awaitable.hpp uses std::exchange without it
namespace asio = boost::asio;
using error_code = boost::system::error_code;
#else
#include <asio.hpp>
using error_code = asio::error_code;
#endif

#include <array>
#include <cstdio>
#include <exception>

#include "server_cli.h"

namespace {

using asio::ip::tcp;

// Owns itself: deleted when the peer goes away. A raw `this` capture instead
// of shared_from_this keeps reference-count traffic off the per-message path;
// exactly one operation is outstanding at any time, so lifetime is simple.
class Session {
public:
    explicit Session(tcp::socket socket) : socket_(std::move(socket)) {}

    void start()
    {
        error_code ignored;
        socket_.set_option(tcp::no_delay(true), ignored);
        read();
    }

private:
    void read()
    {
        socket_.async_read_some(asio::buffer(buf_), [this](error_code ec, std::size_t n) {
            if (ec) {
                delete this;
                return;
            }
            write(n);
        });
    }

    void write(std::size_t n)
    {
        // async_write completes only after all n bytes went out, so the buffer is
        // never read into while a write is still using it.
        asio::async_write(socket_, asio::buffer(buf_.data(), n), [this](error_code ec, std::size_t) {
            if (ec) {
                delete this;
                return;
            }
            read();
        });
    }

    tcp::socket socket_;
    std::array<char, 64 * 1024> buf_;
};

class Server {
public:
    Server(asio::io_context& io, unsigned port)
        : acceptor_(io, tcp::endpoint(asio::ip::address_v4::loopback(), static_cast<unsigned short>(port)))
    {
    }

    unsigned port() const { return acceptor_.local_endpoint().port(); }

    void accept()
    {
        acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
            if (!ec) {
                (new Session(std::move(socket)))->start();
            } else if (ec == asio::error::operation_aborted) {
                return; // shutting down
            } else {
                std::fprintf(stderr, "qgnet-bench-asio-echo: accept: %s\n", ec.message().c_str());
            }
            accept();
        });
    }

private:
    tcp::acceptor acceptor_;
};

} // namespace

int main(int argc, char** argv)
{
    qgnet_bench::ServerCli cli = qgnet_bench::parse_server_cli(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();
    try {
        asio::io_context io(1); // documented hint: exactly one thread runs it
        Server server(io, cli.port);
        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&io](error_code, int) { io.stop(); });
        server.accept();
        qgnet_bench::announce_listening(server.port());
        io.run();
        // Sessions still open are leaked on purpose: the process is exiting.
    } catch (const std::exception& e) {
        std::fprintf(stderr, "qgnet-bench-asio-echo: %s\n", e.what());
        return 1;
    }
    return 0;
}
