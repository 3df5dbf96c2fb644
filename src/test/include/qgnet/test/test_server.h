// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <qgnet/address.h>
#include <qgnet/engine.h>
#include <qgnet/event_handler.h>
#include <qgnet/options.h>

class QTemporaryDir;

namespace qgnet::test {

/// TestServer starts an Engine with a handler on a free port of the loopback (port 0: the kernel
/// picks it, so parallel test runs never collide) and stops it when it goes out of scope, failing
/// the running test if the stopped engine still counts connections or still validates. Typical use:
///
///     EchoHandler handler;
///     qgnet::test::TestServer server;
///     QVERIFY2(server.start(handler), server.error());
///     QTcpSocket socket;
///     socket.connectToHost(QHostAddress::LocalHost, server.port());
///
/// The network is a short name, each on the loopback: "tcp", "tcp6", "udp", "udp6", "unix" (a fresh
/// socket file in a temporary directory); or any full URL. Threads: use it from the test's thread;
/// the handler runs on the engine's loop threads as always.
class QGNET_TEST_EXPORT TestServer {
public:
    TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;
    /// Stops the engine (without draining) if start() succeeded and stop() was not called.
    ~TestServer();

    /// start starts the engine on network (see above) with options; false, and error() says why,
    /// when the name or URL is bad or Engine::start threw.
    bool start(EventHandler& handler, std::string_view network = "tcp", const Options& options = {});
    /// start with several addresses (full URLs) in one engine, as Engine::start takes them.
    bool start(EventHandler& handler, std::span<const std::string> addresses, const Options& options = {});

    /// stop stops the engine, draining for up to drainTimeout, and checks that it let go of every
    /// connection; a failed check fails the running test (QTest::qFail). Returns whether it held.
    bool stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(0));

    /// engine is the running (or stopped) engine.
    Engine& engine() noexcept { return engine_; }
    /// address is the first listener's bound address, with its real port.
    SocketAddress address() const;
    /// port is address().port(): where to connect.
    std::uint16_t port() const;
    /// url is the first listener's URL with its real port ("tcp://127.0.0.1:40155").
    std::string url() const;
    /// error explains the last failed start(); "" when none failed.
    const char* error() const noexcept { return err_.c_str(); }

protected:
    /// setError replaces what error() says, for a subclass that adds steps of its own (connecting
    /// clients) and reports their failures the same way.
    void setError(std::string message) { err_ = std::move(message); }

private:
    std::string urlFor(std::string_view network);

    std::unique_ptr<QTemporaryDir> dir_; // before engine_: the socket file outlives the listener
    Engine engine_;
    std::string err_;
    bool stopOnDestroy_ = false;
};

} // namespace qgnet::test
