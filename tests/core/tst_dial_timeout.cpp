// SPDX-License-Identifier: Apache-2.0
// Client::dial with a timeout against a listener whose accept queue is full (its SYNs are dropped):
// the dial ends with std::errc::timed_out no earlier than the timeout, without onOpen/onClose, and the
// client's only loop keeps serving another connection meanwhile (the connect never blocks it).
#include <QTest>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// CountingClient counts the echo bytes its connections receive.
class CountingClient : public RecordingHandler {
public:
    std::atomic<std::size_t> received{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        received += c.next().size();
        return qgnet::Action::None;
    }
};

} // namespace

class TestDialTimeout : public EngineTestCase {
    Q_OBJECT

private slots:
    void timesOutWithoutBlockingTheLoop();
};

void TestDialTimeout::timesOutWithoutBlockingTheLoop()
{
    constexpr auto kTimeout = 300ms;
    // A listener with backlog 1 that never accepts; fill its accept queue until a connect no longer
    // completes (the kernel then drops further SYNs).
    Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    QVERIFY(listener.valid());
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY2(::bind(listener.get(), reinterpret_cast<const sockaddr*>(&a), sizeof(a)) == 0, std::strerror(errno));
    QVERIFY2(::listen(listener.get(), 1) == 0, std::strerror(errno));
    const std::uint16_t port = localPort(listener.get());
    a.sin_port = htons(port);
    std::vector<Fd> fillers;
    bool full = false;
    for (int i = 0; i < 64 && !full; ++i) {
        Fd c(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        QVERIFY(c.valid());
        if (::connect(c.get(), reinterpret_cast<const sockaddr*>(&a), sizeof(a)) != 0) {
            QVERIFY2(errno == EINPROGRESS, std::strerror(errno));
            pollfd p{c.get(), POLLOUT, 0};
            // On loopback a handshake that can complete does so at once; 500 ms without one means the
            // SYN was dropped.
            if (::poll(&p, 1, 500) == 0)
                full = true;
        }
        fillers.push_back(std::move(c));
    }
    QVERIFY2(full, "64 connects to a backlog-1 listener all completed");
    const std::string fullUrl = "tcp://127.0.0.1:" + std::to_string(port);

    // A normal echo server, and a client with one loop that holds a connection to it.
    EchoHandler server;
    TestServer echoServer;
    QVERIFY2(echoServer.start(server, "tcp"), echoServer.error());
    qgnet::Engine& engine = echoServer.engine();
    std::string err;
    CountingClient side;
    qgnet::Client client = qgnet::Client::start(side);
    QCOMPARE(client.engine().loopCount(), 1);
    std::error_code ec;
    const qgnet::ConnHandle echo = client.dialAndWait(engine.listenUrls().at(0), 10s, ec);
    QVERIFY2(!ec, describe(ec).c_str());

    std::atomic<bool> called{false};
    std::error_code result;
    bool gotConn = true;
    Clock::time_point calledAt{};
    const auto t0 = Clock::now();
    QVERIFY(!client.dial(fullUrl, kTimeout, [&](qgnet::Conn* c, std::error_code e) {
        result = e;
        gotConn = c != nullptr;
        calledAt = Clock::now();
        called = true;
    }));
    // Ping-pong over the echo connection until the dial ends.
    int echoesWhilePending = 0;
    std::size_t expected = 0;
    while (!called.load() && Clock::now() - t0 < 10s) {
        QVERIFY(!echo.asyncWrite(std::string_view("ping")));
        expected += 4;
        QGNET_WAIT_VERIFY(side.received.load() >= expected, 10000);
        if (!called.load())
            ++echoesWhilePending;
    }
    QVERIFY2(called.load(), "the dial never ended");
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(calledAt - t0);
    QVERIFY2(result == std::errc::timed_out, describe(result).c_str());
    QVERIFY(!gotConn);
    QVERIFY2(elapsed >= kTimeout, (std::to_string(elapsed.count()) + " ms").c_str());
    QVERIFY2(elapsed <= kTimeout + 2s, (std::to_string(elapsed.count()) + " ms").c_str());
    // A loop blocked in connect() would have answered nothing until the dial ended.
    QVERIFY2(echoesWhilePending >= 3,
        (std::to_string(echoesWhilePending) + " echoes while the dial was pending").c_str());
    qInfo("dial timed out after %lld ms; %d echoes meanwhile", static_cast<long long>(elapsed.count()),
        echoesWhilePending);

    QCOMPARE(side.opened.load(), 1); // the echo connection only
    QCOMPARE(side.closed.load(), 0);
    QCOMPARE(client.engine().countConnections(), 1);
    client.stop();
    QCOMPARE(side.closed.load(), 1);
    engine.stop();
}

QGNET_TEST_MAIN(TestDialTimeout)
#include "tst_dial_timeout.moc"
