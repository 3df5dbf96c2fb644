// SPDX-License-Identifier: Apache-2.0
// Engine lifecycle: callback order at stop, stop with 1000 open connections, start/stop cycles without
// leaks, the Engine handle (validate, dup, listen addresses), several addresses in one engine, and the
// blocking qgnet::run().
#include <QTemporaryDir>
#include <QTest>

#include <future>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// LogHandler writes every open/close/shutdown into one ordered log.
class LogHandler : public EchoHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        auto r = EchoHandler::onOpen(c);
        append("open");
        return r;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        append(reason == qgnet::Errc::EngineShutdown ? "close" : "close:" + describe(reason));
        return EchoHandler::onClose(c, reason);
    }
    void onShutdown(qgnet::Engine& e) override
    {
        append("shutdown");
        EchoHandler::onShutdown(e);
    }
    std::vector<std::string> events() const
    {
        std::lock_guard lock(mu_);
        return events_;
    }

private:
    void append(std::string e)
    {
        std::lock_guard lock(mu_);
        events_.push_back(std::move(e));
    }
    mutable std::mutex mu_;
    std::vector<std::string> events_;
};

/// RunHandler remembers the engine it boots in and returns Shutdown when it receives "shutdown".
class RunHandler : public EchoHandler {
public:
    std::atomic<int> port{0};
    std::atomic<qgnet::Engine*> engine{nullptr};

    qgnet::Action onBoot(qgnet::Engine& e) override
    {
        EchoHandler::onBoot(e);
        const auto addrs = e.listenAddresses();
        port = addrs.empty() ? -1 : addrs[0].port();
        engine = &e;
        return qgnet::Action::None;
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        if (qgnet::asStringView(b) == "shutdown")
            return qgnet::Action::Shutdown;
        c.write(b);
        return qgnet::Action::None;
    }
};

} // namespace

class TestLifecycle : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void shutdownAfterEveryClose();
    void stopWith1000Connections();
    void startStopCycles();
    void handleValidate();
    void dupOneListener();
    void dupSeveralListeners();
    void listenAddressesShowRealPort();
    void severalAddressesServeEcho();
    void blockingRunReturnsOnShutdown();

private:
    long nofile_ = 0;
};

void TestLifecycle::initTestCase()
{
    std::string err;
    nofile_ = raiseNofileLimit(err);
    QVERIFY2(nofile_ > 0, err.c_str());
    EchoHandler h;
    qgnet::Engine e;
    QGNET_VERIFY_ERR(startEngine(e, h, "tcp://127.0.0.1:0", qgnet::Options{}, err), err);
    e.stop();
}

void TestLifecycle::shutdownAfterEveryClose()
{
    constexpr int kConns = 16;
    LogHandler h;
    qgnet::Options o;
    o.numEventLoop = 4;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(clients.back().valid(), err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 10000);
    QGNET_WAIT_COMPARE(engine.countConnections(), kConns, 5000);
    engine.stop();

    const auto events = h.events();
    QCOMPARE(static_cast<int>(events.size()), 2 * kConns + 1);
    QCOMPARE(QByteArray::fromStdString(events.back()), QByteArray("shutdown"));
    int closes = 0;
    int shutdowns = 0;
    for (const auto& e : events) {
        if (e == "close")
            ++closes;
        else if (e == "shutdown")
            ++shutdowns;
        else
            QVERIFY2(e == "open", ("unexpected event " + e).c_str());
    }
    QCOMPARE(closes, kConns);
    QCOMPARE(shutdowns, 1);
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.lateCallbacks.load(), 0);
    for (auto& c : clients) {
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    }
}

void TestLifecycle::stopWith1000Connections()
{
    constexpr int kConns = 1000;
    QVERIFY2(nofile_ >= 2 * kConns + 100, ("RLIMIT_NOFILE hard limit too low: " + std::to_string(nofile_)).c_str());
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 4;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);
    std::vector<Fd> clients;
    clients.reserve(kConns);
    for (int i = 0; i < kConns; ++i) {
        clients.push_back(connectTo(target, deadlineIn(10s), err));
        QGNET_VERIFY_ERR(clients.back().valid(), "client " + std::to_string(i) + ": " + err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);
    QGNET_WAIT_COMPARE(engine.countConnections(), kConns, 5000);

    engine.stop();
    QCOMPARE(h.closed.load(), kConns);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::EngineShutdown);
    QVERIFY2(reasons.empty(), reasons.substr(0, 500).c_str());
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
    int notEof = 0;
    std::string firstProblem;
    for (auto& c : clients) {
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        if (end != ReadEnd::Eof) {
            if (notEof++ == 0)
                firstProblem = std::string(toString(end)) + ": " + err;
        }
    }
    QVERIFY2(notEof == 0, (std::to_string(notEof) + " clients saw no EOF; first: " + firstProblem).c_str());
}

void TestLifecycle::startStopCycles()
{
    for (int cycle = 0; cycle < 20; ++cycle) {
        EchoHandler h;
        qgnet::Options o;
        o.numEventLoop = 4;
        o.reusePort = cycle % 2 == 1;
        o.ticker = cycle % 4 == 0;
        TestServer server;
        QVERIFY2(server.start(h, "tcp", o), server.error());
        qgnet::Engine& engine = server.engine();
        std::string err;
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "cycle " + std::to_string(cycle), deadlineIn(10s), err), err);
        engine.stop();
        QCOMPARE(engine.countConnections(), 0);
        QCOMPARE(h.closed.load(), 1);
        QCOMPARE(h.shutdowns.load(), 1);
    }
}

void TestLifecycle::handleValidate()
{
    qgnet::Engine empty;
    QVERIFY(empty.validate() == qgnet::Errc::EngineStopped);
    QCOMPARE(empty.countConnections(), -1);

    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QVERIFY2(!engine.validate(), describe(engine.validate()).c_str());
    QCOMPARE(engine.countConnections(), 0);
    engine.stop();
    QVERIFY(engine.validate() == qgnet::Errc::EngineStopped);
    QCOMPARE(engine.countConnections(), 0);
    engine.stop(); // a second stop is harmless
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestLifecycle::dupOneListener()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::error_code ec;
    Fd dup1(engine.dup(ec));
    QVERIFY2(!ec, describe(ec).c_str());
    QVERIFY(dup1.valid());
    QVERIFY(isListeningSocket(dup1.get()));
    QCOMPARE(localPort(dup1.get()), engine.listenAddresses().at(0).port());
    Fd dup2;
    try {
        dup2.reset(engine.dup());
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    QVERIFY(isListeningSocket(dup2.get()));
    dup1.reset();
    dup2.reset();
    // The engine's own listener is unaffected by closing the duplicates.
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "still listening", deadlineIn(10s), err), err);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestLifecycle::dupSeveralListeners()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler h;
    const std::vector<std::string> addrs{"tcp://127.0.0.1:0",
        "unix://" + dir.filePath(QStringLiteral("dup.sock")).toStdString()};
    TestServer server;
    QVERIFY2(server.start(h, addrs), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::error_code ec;
    const int fd = engine.dup(ec);
    if (fd >= 0)
        ::close(fd);
    QVERIFY2(ec == qgnet::Errc::UnsupportedOperation, describe(ec).c_str());
    QVERIFY(fd < 0);
    bool threw = false;
    try {
        const int fd2 = engine.dup();
        if (fd2 >= 0)
            ::close(fd2);
    } catch (const qgnet::Error& e) {
        threw = true;
        QVERIFY2(e.code() == qgnet::Errc::UnsupportedOperation, e.what());
    }
    QVERIFY2(threw, "Engine::dup() did not throw with two listeners");
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestLifecycle::listenAddressesShowRealPort()
{
    for (const bool reusePort : {false, true}) {
        EchoHandler h;
        qgnet::Options o;
        o.reusePort = reusePort;
        o.numEventLoop = 2;
        TestServer server;
        QVERIFY2(server.start(h, "tcp", o), server.error());
        qgnet::Engine& engine = server.engine();
        std::string err;
        const auto addrs = engine.listenAddresses();
        QCOMPARE(addrs.size(), std::size_t{1}); // one per address, even with reusePort
        const std::uint16_t port = addrs[0].port();
        QVERIFY(port != 0);
        QCOMPARE(QByteArray::fromStdString(addrs[0].ip()), QByteArray("127.0.0.1"));
        QCOMPARE(QByteArray::fromStdString(addrs[0].toString()),
            QByteArray::fromStdString("127.0.0.1:" + std::to_string(port)));
        const auto urls = engine.listenUrls();
        QCOMPARE(urls.size(), std::size_t{1});
        QCOMPARE(QByteArray::fromStdString(urls[0]),
            QByteArray::fromStdString("tcp://127.0.0.1:" + std::to_string(port)));
        // The URL is usable as is.
        Fd c = connectUrl(urls[0], deadlineIn(10s), err);
        QGNET_VERIFY_ERR(c.valid(), err);
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "real port", deadlineIn(10s), err), err);
        c.reset();
        engine.stop();
        QCOMPARE(engine.countConnections(), 0);
    }
}

void TestLifecycle::severalAddressesServeEcho()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string unixPath = dir.filePath(QStringLiteral("multi.sock")).toStdString();
    const std::vector<std::string> urls{"tcp://127.0.0.1:0", "unix://" + unixPath, "tcp://127.0.0.1:0"};
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    TestServer server;
    QVERIFY2(server.start(h, urls, o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto addrs = engine.listenAddresses();
    QCOMPARE(addrs.size(), std::size_t{3});
    QCOMPARE(addrs[0].family(), AF_INET);
    QCOMPARE(addrs[1].family(), AF_UNIX);
    QCOMPARE(addrs[2].family(), AF_INET);
    QVERIFY(addrs[0].port() != 0 && addrs[2].port() != 0 && addrs[0].port() != addrs[2].port());
    QCOMPARE(QByteArray::fromStdString(addrs[1].toString()), QByteArray::fromStdString(unixPath));
    const auto listenUrls = engine.listenUrls();
    QCOMPARE(listenUrls.size(), std::size_t{3});
    QCOMPARE(QByteArray::fromStdString(listenUrls[1]), QByteArray::fromStdString("unix://" + unixPath));

    Rng rng(seedFor("severalAddresses"));
    for (std::size_t i = 0; i < addrs.size(); ++i) {
        Fd c = connectUrl(listenUrls[i], deadlineIn(10s), err);
        QGNET_VERIFY_ERR(c.valid(), listenUrls[i] + ": " + err);
        const auto data = randomBytes(rng, 256 * 1024);
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), data, deadlineIn(30s), err), listenUrls[i] + ": " + err);
        c.reset();
        QGNET_WAIT_COMPARE(h.closed.load(), static_cast<int>(i) + 1, 10000);
    }
    const auto opens = h.opens();
    QCOMPARE(opens.size(), std::size_t{3});
    QVERIFY(opens[0].network == qgnet::Network::Tcp);
    QVERIFY(opens[1].network == qgnet::Network::Unix);
    QVERIFY(opens[2].network == qgnet::Network::Tcp);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
}

void TestLifecycle::blockingRunReturnsOnShutdown()
{
    RunHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    std::promise<std::string> result;
    auto returned = result.get_future();
    std::thread runner([&h, &o, &result] {
        try {
            qgnet::run(h, "tcp://127.0.0.1:0", o);
            result.set_value({});
        } catch (const std::exception& e) {
            result.set_value(std::string("run() threw: ") + e.what());
        }
    });
    struct Joiner {
        std::thread& t;
        RunHandler& handler;
        std::future<std::string>& done;
        ~Joiner()
        {
            // Failure path only: make run() return so the thread can be joined.
            if (done.valid() && done.wait_for(0s) != std::future_status::ready && handler.engine.load())
                handler.engine.load()->stop();
            t.join();
        }
    } joiner{runner, h, returned};

    QGNET_WAIT_VERIFY(h.port.load() != 0 || returned.wait_for(0s) == std::future_status::ready, 10000);
    if (h.port.load() == 0)
        QFAIL(("run() returned before onBoot: " + returned.get()).c_str());
    QVERIFY2(h.port.load() > 0, "onBoot did not see a bound port");
    std::string err;
    Fd c = connectTcp("127.0.0.1", static_cast<std::uint16_t>(h.port.load()), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "hello run()", deadlineIn(10s), err), err);
    QGNET_VERIFY_ERR(sendAll(c.get(), "shutdown", deadlineIn(10s), err), err);
    QVERIFY2(returned.wait_for(20s) == std::future_status::ready, "run() did not return after Action::Shutdown");
    const std::string runError = returned.get();
    QVERIFY2(runError.empty(), runError.c_str());
    QCOMPARE(h.boots.load(), 1);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.closed.load(), 1);
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
}

QGNET_TEST_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
