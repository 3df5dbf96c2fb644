// SPDX-License-Identifier: Apache-2.0
// qgnet-client: dials an echo server with qgnet::Client and measures round trips.
//
//   qgnet-client --connect tcp://127.0.0.1:9000 --count 1000 --size 64
//
// It sends one message, waits for its echo (checking every byte), sends the next, and prints the
// round-trip latency (min, median, p99, max). Exit status 0 when every echo came back intact.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "qgnet/qgnet.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "qgnet-client: %s\n", message.c_str());
    std::exit(2);
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

    qgnet::Action onClose(qgnet::Conn&, std::error_code reason) override
    {
        if (static_cast<int>(latencies_.size()) < count_ && error_.empty())
            error_ = "connection closed after " + std::to_string(latencies_.size()) + " round trips: " + reason.message();
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

long long parseNumber(std::string_view flag, const char* text, long long min, long long max)
{
    char* end = nullptr;
    const long long value = std::strtoll(text, &end, 10);
    if (!*text || *end || value < min || value > max)
        fail(std::string(flag) + " expects a number from " + std::to_string(min) + " to " + std::to_string(max));
    return value;
}

double micros(Clock::duration d)
{
    return std::chrono::duration<double, std::micro>(d).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::string url = "tcp://127.0.0.1:9000";
    int count = 1000;
    std::size_t size = 64;
    std::chrono::milliseconds timeout(5000);
    qgnet::Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc)
                fail(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--connect")
            url = value();
        else if (arg == "--count")
            count = static_cast<int>(parseNumber(arg, value(), 1, 100'000'000));
        else if (arg == "--size")
            size = static_cast<std::size_t>(parseNumber(arg, value(), 1, 64 << 20));
        else if (arg == "--timeout-ms")
            timeout = std::chrono::milliseconds(parseNumber(arg, value(), 1, 3'600'000));
        else if (arg == "--backend") {
            const std::string_view name = value();
            if (name == qgnet::toString(qgnet::Backend::Epoll))
                options.backend = qgnet::Backend::Epoll;
            else if (name == qgnet::toString(qgnet::Backend::IoUring))
                options.backend = qgnet::Backend::IoUring;
            else
                fail("unknown --backend '" + std::string(name) + "' (epoll or io_uring)");
        }
        else if (arg == "--help" || arg == "-h") {
            std::puts("usage: qgnet-client [--connect URL] [--count N] [--size BYTES] [--timeout-ms MS] [--backend epoll|io_uring]");
            return 0;
        } else {
            fail("unknown argument '" + std::string(arg) + "'");
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
    const auto at = [&](double q) { return micros(sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))]); };
    std::printf("%zu round trips of %zu bytes to %s: min %.1f us, median %.1f us, p99 %.1f us, max %.1f us\n",
        sorted.size(), size, url.c_str(), micros(sorted.front()), at(0.5), at(0.99), micros(sorted.back()));
    return 0;
}
