// SPDX-License-Identifier: Apache-2.0
// qgnet-client: dials an echo server with qgnet::Client and measures round trips.
//
//   qgnet-client --connect tcp://127.0.0.1:9000 --count 1000 --size 64
//
// It sends one message, waits for its echo (checking every byte), sends the next, and prints the
// round-trip latency (min, median, p99, max). Exit status 0 when every echo came back intact, 1 when
// a connection or an echo failed, 2 for wrong usage; --tls speaks TLS, --progress reports once a second.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <getopt.h>

#include "cli.h"
#include "qgnet/qgnet.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kProgram = "qgnet-client";

[[noreturn]] void fail(const std::string& message) { qgnet::cli::die(kProgram, qgnet::cli::kExitFailure, message); }

void usage(std::FILE* out)
{
    std::fputs("usage: qgnet-client [--connect URL] [--count N] [--size BYTES] [--timeout-ms MS]\n"
               "                    [--backend epoll|io_uring] [--tls [--ca FILE] [--insecure]] [--progress]\n"
               "Dials an echo server, sends N messages one at a time, checks every echo byte and prints\n"
               "the round-trip latency (min, median, p99, max).\n"
               "  -c, --connect URL     the server (default tcp://127.0.0.1:9000; unix:///path too)\n"
               "  -n, --count N         round trips (default 1000)\n"
               "  -s, --size BYTES      message size (default 64)\n"
               "      --timeout-ms MS   dial timeout (default 5000)\n"
               "      --backend NAME    epoll (default) or io_uring\n"
               "      --tls             speak TLS, verifying the server against the system's CAs (or --ca)\n"
               "      --ca FILE         trust this PEM CA file instead\n"
               "      --insecure        do not verify the server's certificate (testing only)\n"
               "      --progress        a progress line on standard error once a second\n"
               "  -h, --help            this text\n"
               "  -V, --version         the version\n"
               "Exit status: 0 every echo came back intact, 1 a connection or echo failed, 2 wrong usage.\n",
        out);
}

// Ping-pong over one connection, on the client's loop: send, gather the echo, compare, repeat.
class PingPong final : public qgnet::EventHandler {
public:
    PingPong(int count, std::size_t size) : count_(count), message_(size)
    {
        for (std::size_t i = 0; i < size; ++i)
            message_[i] = static_cast<std::byte>('a' + i % 26);
        latencies_.reserve(static_cast<std::size_t>(count));
    }

    qgnet::OpenResult onOpen(qgnet::Conn& conn) override
    {
        send(conn);
        return {};
    }

    qgnet::Action onTraffic(qgnet::Conn& conn) override
    {
        while (conn.inboundBuffered() >= message_.size()) {
            const qgnet::Bytes echo = conn.next(message_.size());
            if (!std::equal(echo.begin(), echo.end(), message_.begin())) {
                error_ = "echo " + std::to_string(latencies_.size()) + " differs from what was sent";
                return qgnet::Action::Shutdown;
            }
            latencies_.push_back(Clock::now() - sentAt_);
            if (static_cast<int>(latencies_.size()) == count_)
                return qgnet::Action::Shutdown;
            send(conn);
        }
        return qgnet::Action::None;
    }

    // With --progress (Options::ticker): one line a second on standard error, from loop 0.
    qgnet::TickResult onTick() override
    {
        std::fprintf(stderr, "qgnet-client: %zu of %d round trips\n", latencies_.size(), count_);
        return {};
    }

    qgnet::Action onClose(qgnet::Conn&, std::error_code reason) override
    {
        if (static_cast<int>(latencies_.size()) < count_ && error_.empty())
            error_ = "connection closed after " + std::to_string(latencies_.size())
                + " round trips: " + reason.message();
        return qgnet::Action::Shutdown;
    }

    const std::vector<Clock::duration>& latencies() const { return latencies_; }
    const std::string& error() const { return error_; }

private:
    void send(qgnet::Conn& conn)
    {
        sentAt_ = Clock::now();
        if (auto ec = conn.write(message_))
            error_ = "write failed: " + ec.message();
    }

    int count_;
    std::vector<std::byte> message_;
    std::vector<Clock::duration> latencies_;
    Clock::time_point sentAt_;
    std::string error_;
};

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

} // namespace

int main(int argc, char** argv)
{
    std::string url = "tcp://127.0.0.1:9000";
    int count = 1000;
    std::size_t size = 64;
    std::chrono::milliseconds timeout(5000);
    qgnet::Options options;
    bool tls = false;
    bool insecure = false;
    std::string caFile;
    using qgnet::cli::parseNumber;
    enum Long : int { kTimeout = 256, kBackend, kTls, kCa, kInsecure, kProgress };
    static const option longOptions[] = {
        {"connect", required_argument, nullptr, 'c'},
        {"count", required_argument, nullptr, 'n'},
        {"size", required_argument, nullptr, 's'},
        {"timeout-ms", required_argument, nullptr, kTimeout},
        {"backend", required_argument, nullptr, kBackend},
        {"tls", no_argument, nullptr, kTls},
        {"ca", required_argument, nullptr, kCa},
        {"insecure", no_argument, nullptr, kInsecure},
        {"progress", no_argument, nullptr, kProgress},
        {"help", no_argument, nullptr, 'h'},
        {"version", no_argument, nullptr, 'V'},
        {nullptr, 0, nullptr, 0},
    };
    opterr = 0; // our own messages, with the exit status for wrong usage
    for (int c; (c = getopt_long(argc, argv, ":c:n:s:hV", longOptions, nullptr)) != -1;) {
        switch (c) {
        case 'c': url = optarg; break;
        case 'n': count = static_cast<int>(parseNumber(kProgram, "count", optarg, 1, 100'000'000)); break;
        case 's': size = static_cast<std::size_t>(parseNumber(kProgram, "size", optarg, 1, 64 << 20)); break;
        case kTimeout:
            timeout = std::chrono::milliseconds(parseNumber(kProgram, "timeout-ms", optarg, 1, 3'600'000));
            break;
        case kBackend: {
            const std::string_view name = optarg;
            if (name == qgnet::toString(qgnet::Backend::Epoll))
                options.backend = qgnet::Backend::Epoll;
            else if (name == qgnet::toString(qgnet::Backend::IoUring))
                options.backend = qgnet::Backend::IoUring;
            else
                qgnet::cli::usageError(kProgram, "unknown --backend '" + std::string(name) + "' (epoll or io_uring)");
            break;
        }
        case kTls: tls = true; break;
        case kCa: caFile = optarg; break;
        case kInsecure: insecure = true; break;
        case kProgress: options.ticker = true; break;
        case 'h': usage(stdout); return qgnet::cli::kExitOk;
        case 'V': qgnet::cli::printVersion(kProgram); return qgnet::cli::kExitOk;
        case ':': qgnet::cli::usageError(kProgram, std::string(argv[optind - 1]) + " needs a value");
        default: qgnet::cli::usageError(kProgram, "unknown option '" + std::string(argv[optind - 1]) + "'");
        }
    }
    if (optind < argc)
        qgnet::cli::usageError(kProgram, "unexpected argument '" + std::string(argv[optind]) + "'");
    if (!tls && (insecure || !caFile.empty()))
        qgnet::cli::usageError(kProgram, "--ca and --insecure go with --tls");
    if (tls) {
        try {
            qgnet::TlsClientOptions tlsOptions;
            tlsOptions.caFile = caFile;
            tlsOptions.verifyPeer = !insecure;
            options.tls = std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::client(tlsOptions));
        } catch (const qgnet::Error& e) {
            fail(e.what());
        }
    }

    PingPong pingPong(count, size);
    qgnet::Client client;
    try {
        client = qgnet::Client::start(pingPong, options);
    } catch (const qgnet::Error& e) {
        fail(e.what());
    }
    std::error_code ec;
    client.dialAndWait(url, timeout, ec);
    if (ec)
        fail("cannot connect to " + url + ": " + ec.message());
    client.engine().wait();
    if (!pingPong.error().empty())
        fail(pingPong.error());

    auto sorted = pingPong.latencies();
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) {
        return micros(sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))]);
    };
    std::printf("%zu round trips of %zu bytes to %s: min %.1f us, median %.1f us, p99 %.1f us, max %.1f us\n",
        sorted.size(), size, url.c_str(), micros(sorted.front()), at(0.5), at(0.99), micros(sorted.back()));
    return qgnet::cli::kExitOk;
}
