// SPDX-License-Identifier: Apache-2.0
// Event handlers and engine helpers shared by the tests and the helper programs. Qt-free.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include <qgnet/qgnet.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// connectTo connects a test client to an engine's listen address.
inline Fd connectTo(const qgnet::SocketAddress& addr, Deadline deadline, std::string& err, const char* bindIp = nullptr,
    int rcvBuf = 0)
{
    return connectSockaddr(addr.data(), addr.size(), deadline, err, bindIp, rcvBuf);
}

/// describe names an error code for assertion messages: "qgnet:1 (peer closed)".
inline std::string describe(std::error_code ec)
{
    return std::string(ec.category().name()) + ":" + std::to_string(ec.value()) + " (" + ec.message() + ")";
}

/// startEngine is Engine::start that reports an exception through err instead of throwing.
inline bool startEngine(qgnet::Engine& out, qgnet::EventHandler& handler, std::string_view address,
    const qgnet::Options& options, std::string& err)
{
    try {
        out = qgnet::Engine::start(handler, address, options);
        return true;
    } catch (const std::exception& e) {
        err = std::string("Engine::start(") + std::string(address) + ") threw: " + e.what();
        return false;
    }
}

inline bool startEngine(qgnet::Engine& out, qgnet::EventHandler& handler, std::span<const std::string> addresses,
    const qgnet::Options& options, std::string& err)
{
    try {
        out = qgnet::Engine::start(handler, addresses, options);
        return true;
    } catch (const std::exception& e) {
        err = std::string("Engine::start(...) threw: ") + e.what();
        return false;
    }
}

/// waitEngine calls engine.wait() on a helper thread and gives it timeout to return. When it does not,
/// it calls stop() (so the test can fail instead of hanging) and returns false.
inline bool waitEngine(qgnet::Engine& engine, std::chrono::milliseconds timeout)
{
    std::promise<void> done;
    auto future = done.get_future();
    std::thread waiter([&engine, &done] {
        engine.wait();
        done.set_value();
    });
    const bool returned = future.wait_for(timeout) == std::future_status::ready;
    if (!returned)
        engine.stop();
    waiter.join();
    return returned;
}

struct OpenRecord {
    int loop = -1;
    qgnet::Network network = qgnet::Network::Tcp;
    std::string remoteIp;
    std::uint16_t remotePort = 0;
    std::thread::id thread;
};

struct CloseRecord {
    int loop = -1;
    std::error_code reason;
    std::string remoteIp;
    std::uint16_t remotePort = 0;
};

/// RecordingHandler records every callback under a mutex (safe with several loops) and counts
/// callbacks that arrive after onShutdown, which must never happen. Derived handlers call its
/// overrides first.
class RecordingHandler : public qgnet::EventHandler {
public:
    std::atomic<int> boots{0};
    std::atomic<int> opened{0};
    std::atomic<int> closed{0};
    std::atomic<int> shutdowns{0};
    std::atomic<int> trafficCalls{0};
    std::atomic<int> writeErrors{0};
    std::atomic<int> lateCallbacks{0};

    qgnet::Action onBoot(qgnet::Engine&) override
    {
        ++boots;
        return qgnet::Action::None;
    }

    void onShutdown(qgnet::Engine&) override { ++shutdowns; }

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        checkLate();
        OpenRecord r;
        r.loop = c.loopIndex();
        r.network = c.network();
        r.remoteIp = c.remoteAddr().ip();
        r.remotePort = c.remoteAddr().port();
        r.thread = std::this_thread::get_id();
        {
            std::lock_guard lock(mu_);
            opens_.push_back(std::move(r));
        }
        ++opened;
        return {};
    }

    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        checkLate();
        CloseRecord r;
        r.loop = c.loopIndex();
        r.reason = reason;
        r.remoteIp = c.remoteAddr().ip();
        r.remotePort = c.remoteAddr().port();
        {
            std::lock_guard lock(mu_);
            closes_.push_back(std::move(r));
        }
        ++closed;
        return qgnet::Action::None;
    }

    qgnet::Action onTraffic(qgnet::Conn&) override
    {
        checkLate();
        ++trafficCalls;
        return qgnet::Action::None;
    }

    std::vector<OpenRecord> opens() const
    {
        std::lock_guard lock(mu_);
        return opens_;
    }

    std::vector<CloseRecord> closes() const
    {
        std::lock_guard lock(mu_);
        return closes_;
    }

    /// closeReasonMismatches lists the close reasons that differ from expected ("" when all match).
    std::string closeReasonMismatches(std::error_code expected) const
    {
        std::string out;
        for (const auto& c : closes()) {
            if (c.reason != expected)
                out += "onClose(" + describe(c.reason) + ") where " + describe(expected) + " was expected; ";
        }
        return out;
    }

protected:
    void checkLate()
    {
        if (shutdowns.load() != 0)
            ++lateCallbacks;
    }

private:
    mutable std::mutex mu_;
    std::vector<OpenRecord> opens_;
    std::vector<CloseRecord> closes_;
};

/// EchoHandler echoes every byte: `auto b = c.next(); c.write(b);`.
class EchoHandler : public RecordingHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        if (!b.empty() && c.write(b))
            ++writeErrors;
        return qgnet::Action::None;
    }
};

/// HandleEcho echoes and keeps the handle of every connection it opened, for operations from other
/// threads. The handle is kept before the open is counted: a test that waits for `opened` and then
/// copies handles() must find every one (counted first, the last connection could be missing).
class HandleEcho : public EchoHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        {
            std::lock_guard lock(handlesMu_);
            handles_.push_back(c.handle());
        }
        return EchoHandler::onOpen(c);
    }
    std::vector<qgnet::ConnHandle> handles() const
    {
        std::lock_guard lock(handlesMu_);
        return handles_;
    }

private:
    mutable std::mutex handlesMu_;
    std::vector<qgnet::ConnHandle> handles_;
};

/// CaptureLogger keeps every log line (thread-safe).
class CaptureLogger : public qgnet::Logger {
public:
    void log(qgnet::LogLevel, std::string_view message) override
    {
        std::lock_guard lock(mu_);
        lines_.emplace_back(message);
    }
    bool contains(std::string_view needle) const
    {
        std::lock_guard lock(mu_);
        for (const auto& line : lines_)
            if (line.find(needle) != std::string::npos)
                return true;
        return false;
    }
    int count(std::string_view needle) const
    {
        std::lock_guard lock(mu_);
        int n = 0;
        for (const auto& line : lines_)
            n += line.find(needle) != std::string::npos ? 1 : 0;
        return n;
    }
    std::string all() const
    {
        std::lock_guard lock(mu_);
        return joinLines(lines_, 50);
    }

private:
    mutable std::mutex mu_;
    std::vector<std::string> lines_;
};

} // namespace qgnet_test
