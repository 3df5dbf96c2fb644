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
#include <qgnet/test/test_server.h>

#include "qgnet_test_udp.h"
#include "test_handlers.h"

namespace qgnet_test {

/// TestServer is QGnet::Test's TestServer (qgnet/test/test_server.h: an engine with a handler on a free
/// port of the loopback, stopped and checked at the end of the scope) plus the suite's blocking clients:
///
///     EchoHandler h;
///     TestServer server;
///     QVERIFY2(server.start(h, "tcp"), server.error());
///     Fd c = server.connect();
///     QVERIFY2(c.valid(), server.error());
class TestServer : public qgnet::test::TestServer {
public:
    /// connect returns a blocking stream client connected to the first listener (invalid on failure,
    /// error() says why).
    Fd connect(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        std::string err;
        Fd fd = connectTo(address(), deadlineIn(timeout), err);
        if (!fd.valid())
            setError(err);
        return fd;
    }

    /// connectUdp returns a UDP socket of the listener's family, connected to it, so send/recv talk
    /// to the server only.
    Fd connectUdp()
    {
        const qgnet::SocketAddress a = address();
        std::string err;
        Fd fd = udpSocket(a.data()->sa_family, err);
        if (fd.valid() && ::connect(fd.get(), a.data(), a.size()) != 0) {
            err = std::string("connect(udp): ") + std::strerror(errno);
            fd.reset();
        }
        if (!fd.valid())
            setError(err);
        return fd;
    }
};

} // namespace qgnet_test
