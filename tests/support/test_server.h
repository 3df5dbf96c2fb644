// SPDX-License-Identifier: Apache-2.0
// TestServer: the start-an-engine-and-connect block of the engine tests, as one RAII object.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <QTemporaryDir>
#include <QTest>

#include <qgnet/qgnet.h>

#include "qgnet_test_udp.h"
#include "test_handlers.h"

namespace qgnet_test {

/// TestServer starts an Engine with a handler and Options on an ephemeral address and stops it when it
/// goes out of scope, failing the running test if the stopped engine still counts connections or
/// still validates. Typical use:
///
///     EchoHandler h;
///     TestServer server;
///     QVERIFY2(server.start(h, "tcp"), server.error());
///     Fd c = server.connect();
///     QVERIFY2(c.valid(), server.error());
///
/// The network is a short name, each on the loopback with port 0 (a fresh socket file in a temporary
/// directory for unix): "tcp", "tcp6", "udp", "udp6", "unix"; or any full URL.
class TestServer {
public:
    TestServer() = default;
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;
    ~TestServer()
    {
        if (stopOnDestroy_)
            stop();
    }

    /// start starts the engine; false (and error() says why) when the URL is bad or start threw.
    bool start(qgnet::EventHandler& handler, std::string_view network = "tcp", const qgnet::Options& options = {})
    {
        const std::string url = urlFor(network);
        if (url.empty())
            return false;
        stopOnDestroy_ = startEngine(engine_, handler, url, options, err_);
        return stopOnDestroy_;
    }

    /// start with several addresses (tcp, udp and unix listeners in one engine), as Engine::start.
    bool start(qgnet::EventHandler& handler, std::span<const std::string> addresses, const qgnet::Options& options = {})
    {
        stopOnDestroy_ = startEngine(engine_, handler, addresses, options, err_);
        return stopOnDestroy_;
    }

    /// stop stops the engine (gracefully, draining for up to drainTimeout) and checks that it let go of
    /// every connection; a failed check fails the running test. Returns whether the checks held.
    bool stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(0))
    {
        stopOnDestroy_ = false;
        engine_.stop(drainTimeout);
        const int left = engine_.countConnections(); // -1: the test emptied the handle (engine destroyed)
        const bool stopped = engine_.validate() == qgnet::Errc::EngineStopped;
        if (left <= 0 && stopped)
            return true;
        const std::string msg = "TestServer: after stop() the engine "
            + std::string(stopped ? "" : "still validates and ") + "counts " + std::to_string(left) + " connections";
        QTest::qFail(msg.c_str(), __FILE__, __LINE__);
        return false;
    }

    qgnet::Engine& engine() noexcept { return engine_; }
    /// address is the first listener's bound address (its real port, not 0).
    qgnet::SocketAddress address() const { return engine_.listenAddresses().at(0); }
    std::uint16_t port() const { return address().port(); }
    std::string url() const { return engine_.listenUrls().at(0); }
    /// error explains the last failed start or connect.
    const char* error() const noexcept { return err_.c_str(); }

    /// connect returns a blocking stream client connected to the first listener (invalid on failure,
    /// error() says why).
    Fd connect(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        return connectTo(address(), deadlineIn(timeout), err_);
    }

    /// connectUdp returns a UDP socket of the listener's family, connected to it, so send/recv talk
    /// to the server only.
    Fd connectUdp()
    {
        const qgnet::SocketAddress a = address();
        Fd fd = udpSocket(a.data()->sa_family, err_);
        if (fd.valid() && ::connect(fd.get(), a.data(), a.size()) != 0) {
            err_ = std::string("connect(udp): ") + std::strerror(errno);
            fd.reset();
        }
        return fd;
    }

private:
    std::string urlFor(std::string_view network)
    {
        if (network.find("://") != std::string_view::npos)
            return std::string(network);
        if (network == "tcp")
            return "tcp://127.0.0.1:0";
        if (network == "tcp6")
            return "tcp6://[::1]:0";
        if (network == "udp")
            return "udp://127.0.0.1:0";
        if (network == "udp6")
            return "udp6://[::1]:0";
        if (network == "unix") {
            dir_ = std::make_unique<QTemporaryDir>();
            if (!dir_->isValid()) {
                err_ = "TestServer: no temporary directory for the unix socket";
                return {};
            }
            return "unix://" + dir_->filePath(QStringLiteral("s.sock")).toStdString();
        }
        err_ = "TestServer: unknown network '" + std::string(network) + "'";
        return {};
    }

    std::unique_ptr<QTemporaryDir> dir_; // before engine_: the socket file outlives the listener
    qgnet::Engine engine_;
    std::string err_;
    bool stopOnDestroy_ = false;
};

} // namespace qgnet_test
