// SPDX-License-Identifier: Apache-2.0
// Actions: every Action returned from onOpen and onTraffic, Conn::close() inside onTraffic, and the
// reason onClose receives for each way a connection ends.
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const std::string kGreeting = "sweetness\r\n";

enum class TrafficMode { Echo, EchoThenClose, EchoThenShutdown, EchoThenConnClose };

/// ActionHandler greets with OpenResult{greeting, openAction} and answers traffic by mode.
class ActionHandler : public EchoHandler {
public:
    std::string greeting;
    qgnet::Action openAction = qgnet::Action::None;
    TrafficMode trafficMode = TrafficMode::Echo;

    // Conn::close() results, recorded on the loop thread.
    std::atomic<int> connCloseCalls{0};
    std::atomic<int> connCloseErrors{0};
    std::atomic<int> openAfterClose{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        qgnet::OpenResult r;
        r.out = greeting;
        r.action = openAction;
        return r;
    }

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        EchoHandler::onTraffic(c);
        switch (trafficMode) {
        case TrafficMode::Echo: return qgnet::Action::None;
        case TrafficMode::EchoThenClose: return qgnet::Action::Close;
        case TrafficMode::EchoThenShutdown: return qgnet::Action::Shutdown;
        case TrafficMode::EchoThenConnClose:
            ++connCloseCalls;
            if (c.close())
                ++connCloseErrors;
            if (c.isOpen())
                ++openAfterClose;
            return qgnet::Action::None;
        }
        return qgnet::Action::None;
    }
};

std::string recvText(int fd, std::size_t n, std::string& err)
{
    std::vector<std::byte> got;
    if (!recvExact(fd, got, n, deadlineIn(10s), err))
        return {};
    return std::string(reinterpret_cast<const char*>(got.data()), got.size());
}

} // namespace

class TestActions : public EngineTestCase {
    Q_OBJECT

private slots:
    void openNoneSendsGreeting();
    void openClose();
    void openShutdown();
    void trafficNone();
    void trafficClose();
    void trafficShutdown();
    void connCloseInTraffic();
    void peerCloseReason();
    void stopReason();
};

void TestActions::openNoneSendsGreeting()
{
    ActionHandler h;
    h.greeting = kGreeting;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    const std::string greeting = recvText(c.get(), kGreeting.size(), err);
    QGNET_VERIFY_ERR(!greeting.empty(), err);
    QCOMPARE(qba(greeting), qba(kGreeting));
    // The connection stays open and serves traffic after the greeting.
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "after the greeting", deadlineIn(10s), err), err);
    QCOMPARE(h.closed.load(), 0);
    QCOMPARE(engine.countConnections(), 1);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestActions::openClose()
{
    ActionHandler h;
    h.greeting = kGreeting;
    h.openAction = qgnet::Action::Close;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    for (int i = 1; i <= 3; ++i) {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        // The greeting arrives, then EOF.
        QCOMPARE(qba(recvText(c.get(), kGreeting.size(), err)), qba(kGreeting));
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
        QGNET_WAIT_COMPARE(h.closed.load(), i, 10000);
    }
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());
    // Closing connections does not stop the engine.
    QVERIFY(!engine.validate());
    QCOMPARE(h.shutdowns.load(), 0);
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 5000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.trafficCalls.load(), 0);
}

void TestActions::openShutdown()
{
    ActionHandler h;
    h.greeting = kGreeting;
    h.openAction = qgnet::Action::Shutdown;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QVERIFY2(waitEngine(engine, 20s), "wait() did not return after onOpen returned Action::Shutdown");
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.opened.load(), 1);
    QCOMPARE(h.closed.load(), 1);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QCOMPARE(engine.countConnections(), 0);
    QVERIFY(engine.validate() == qgnet::Errc::EngineStopped);
    // The greeting was flushed before the connection closed.
    QCOMPARE(qba(recvText(c.get(), kGreeting.size(), err)), qba(kGreeting));
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestActions::trafficNone()
{
    ActionHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    for (int i = 0; i < 5; ++i)
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "message " + std::to_string(i), deadlineIn(10s), err), err);
    QCOMPARE(h.closed.load(), 0);
    QCOMPARE(engine.countConnections(), 1);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestActions::trafficClose()
{
    ActionHandler h;
    h.trafficMode = TrafficMode::EchoThenClose;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    const std::string msg = "close after this";
    QGNET_VERIFY_ERR(sendAll(c.get(), msg, deadlineIn(10s), err), err);
    // The echo written before returning Close is flushed, then EOF.
    std::vector<std::byte> got;
    const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(qba(got), qba(msg));
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QVERIFY(!engine.validate());
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 5000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestActions::trafficShutdown()
{
    ActionHandler h;
    h.trafficMode = TrafficMode::EchoThenShutdown;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);
    Fd idle = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(idle.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    Fd active = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(active.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 2, 10000);
    const std::string msg = "shut the engine down";
    QGNET_VERIFY_ERR(sendAll(active.get(), msg, deadlineIn(10s), err), err);

    QVERIFY2(waitEngine(engine, 20s), "wait() did not return after onTraffic returned Action::Shutdown");
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.closed.load(), 2);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QCOMPARE(engine.countConnections(), 0);
    QVERIFY(engine.validate() == qgnet::Errc::EngineStopped);

    std::vector<std::byte> got;
    ReadEnd end = drainUntilEnd(active.get(), got, deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(qba(got), qba(msg));
    end = waitForEnd(idle.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestActions::connCloseInTraffic()
{
    ActionHandler h;
    h.trafficMode = TrafficMode::EchoThenConnClose;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    const std::string msg = "Conn::close() after this";
    QGNET_VERIFY_ERR(sendAll(c.get(), msg, deadlineIn(10s), err), err);
    std::vector<std::byte> got;
    const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    QCOMPARE(qba(got), qba(msg));
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY(h.connCloseCalls.load() >= 1);
    QCOMPARE(h.connCloseErrors.load(), 0);
    QCOMPARE(h.openAfterClose.load(), 0); // isOpen() is false once close() was called
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QVERIFY(!engine.validate());
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestActions::peerCloseReason()
{
    ActionHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    for (int i = 1; i <= 4; ++i) {
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "bye", deadlineIn(10s), err), err);
        ::shutdown(c.get(), SHUT_WR);
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
        QGNET_WAIT_COMPARE(h.closed.load(), i, 10000);
    }
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestActions::stopReason()
{
    ActionHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(clients.back().valid(), err);
        QGNET_VERIFY_ERR(echoRoundTrip(clients.back().get(), "open", deadlineIn(10s), err), err);
    }
    QCOMPARE(engine.countConnections(), 3);
    engine.stop();
    QCOMPARE(h.closed.load(), 3);
    QCOMPARE(h.shutdowns.load(), 1);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(reasons.empty(), reasons.c_str());
    QCOMPARE(engine.countConnections(), 0);
    for (auto& c : clients) {
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    }
    QCOMPARE(h.lateCallbacks.load(), 0);
}

QGNET_TEST_MAIN(TestActions)
#include "tst_actions.moc"
