// SPDX-License-Identifier: Apache-2.0
// Bad input: malformed or unusable addresses, out-of-range options, and misbehaving peers (garbage then
// reset, half-close). Set-up errors must throw qgnet::Error with the right code and a message naming
// the offending URL or field, without leaving threads or descriptors behind.
#include <algorithm>

#include <QTemporaryDir>
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// startError starts an engine that must fail; returns "" when it threw qgnet::Error with code and a
/// message containing every string in mustMention, otherwise what went wrong.
std::string startError(const std::vector<std::string>& urls, const qgnet::Options& o, std::error_code code,
    const std::vector<std::string>& mustMention)
{
    EchoHandler h;
    try {
        qgnet::Engine e = urls.size() == 1 ? qgnet::Engine::start(h, urls[0], o) : qgnet::Engine::start(h, urls, o);
        return "Engine::start did not throw";
    } catch (const qgnet::Error& e) {
        // Compared as conditions, so a system_category EADDRINUSE matches std::errc::address_in_use.
        if (e.code().default_error_condition() != code.default_error_condition())
            return "threw " + describe(e.code()) + " instead of " + describe(code) + ": " + e.what();
        for (const auto& m : mustMention) {
            if (std::string(e.what()).find(m) == std::string::npos)
                return "message '" + std::string(e.what()) + "' does not mention '" + m + "'";
        }
        if (h.boots.load() != 0)
            return "onBoot ran although start failed";
        return {};
    } catch (const std::exception& e) {
        return std::string("threw something other than qgnet::Error: ") + e.what();
    }
}

std::string longUnixUrl() { return "unix:///tmp/" + std::string(200, 'a') + ".sock"; }

/// ChunkHandler echoes and records the size of each read onTraffic sees. It pauses reading in onOpen
/// and resumes on the first wake, so the test can queue bytes in the socket first.
class ChunkHandler : public EchoHandler {
public:
    std::atomic<int> serverFd{-1};
    std::mutex mu;
    std::vector<std::size_t> chunks;
    qgnet::ConnHandle handle;

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        c.pauseRead();
        {
            std::lock_guard lock(mu);
            handle = c.handle();
        }
        serverFd = c.fd();
        return EchoHandler::onOpen(c);
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (c.isReadPaused())
            c.resumeRead(); // the wake
        if (const std::size_t n = c.inboundBuffered()) {
            std::lock_guard lock(mu);
            chunks.push_back(n);
        }
        return EchoHandler::onTraffic(c);
    }
};

} // namespace

class TestBadInput : public EngineTestCase {
    Q_OBJECT

private slots:
    void badAddress_data();
    void badAddress();
    void udpListenerStarts();
    void addressInUse();
    void parseAccepts();
    void parseNoThrow();
    void badOption_data();
    void badOption();
    void readBudgetBelowBufferIsRaised();
    void garbageThenReset_data();
    void garbageThenReset();
    void halfCloseGetsFullEcho_data();
    void halfCloseGetsFullEcho();
};

void TestBadInput::badAddress_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("code");

    const int invalid = static_cast<int>(qgnet::Errc::InvalidAddress);
    QTest::newRow("unknown scheme") << "foo://1.2.3.4:1" << invalid;
    QTest::newRow("missing port") << "tcp://127.0.0.1" << invalid;
    QTest::newRow("port out of range") << "tcp://127.0.0.1:70000" << invalid;
    QTest::newRow("non-numeric port") << "tcp://127.0.0.1:http" << invalid;
    QTest::newRow("unresolvable host") << "tcp://no-such-host.invalid:80" << invalid;
    QTest::newRow("unix path too long") << QString::fromStdString(longUnixUrl()) << invalid;
}

void TestBadInput::badAddress()
{
    QFETCH(QString, url);
    QFETCH(int, code);
    const std::string u = url.toStdString();
    const std::error_code expected = static_cast<qgnet::Errc>(code);

    // Engine::start throws before anything runs.
    const std::string problem = startError({u}, {}, expected, {u});
    QVERIFY2(problem.empty(), problem.c_str());
    // The same URL among good ones fails the whole start.
    const std::string problem2 = startError({"tcp://127.0.0.1:0", u}, {}, expected, {u});
    QVERIFY2(problem2.empty(), problem2.c_str());

    // ListenAddress::parse refuses it with the same code too.
    bool threw = false;
    try {
        qgnet::ListenAddress::parse(u);
    } catch (const qgnet::Error& e) {
        threw = true;
        QVERIFY2(e.code() == expected, (describe(e.code()) + ": " + e.what()).c_str());
        QVERIFY2(std::string(e.what()).find(u) != std::string::npos, e.what());
    }
    QVERIFY2(threw, "ListenAddress::parse accepted it");
}

void TestBadInput::udpListenerStarts()
{
    // UDP listeners work now: udp:// alone and next to a tcp listener starts and shows the bound port.
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "udp://127.0.0.1:0"), server.error());
    qgnet::Engine& e = server.engine();
    std::string err;
    const auto urls = e.listenUrls();
    QCOMPARE(urls.size(), std::size_t(1));
    QVERIFY2(urls[0].starts_with("udp://127.0.0.1:") && !urls[0].ends_with(":0"), urls[0].c_str());
    QVERIFY(e.listenAddresses().at(0).port() != 0);
    QCOMPARE(qgnet::ListenAddress::parse("udp://127.0.0.1:0").network(), qgnet::Network::Udp);
    e.stop();

    const std::vector<std::string> both = {"tcp://127.0.0.1:0", "udp://127.0.0.1:0"};
    qgnet::Engine e2;
    QGNET_VERIFY_ERR(startEngine(e2, h, std::span<const std::string>(both), {}, err), err);
    const auto urls2 = e2.listenUrls();
    QCOMPARE(urls2.size(), std::size_t(2));
    QVERIFY2(urls2[1].starts_with("udp://127.0.0.1:") && !urls2[1].ends_with(":0"), urls2[1].c_str());
    e2.stop();
}

void TestBadInput::addressInUse()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& first = server.engine();
    std::string err;
    const std::string url = "tcp://127.0.0.1:" + std::to_string(first.listenAddresses().at(0).port());
    const std::string problem = startError({url}, {}, std::make_error_code(std::errc::address_in_use), {url});
    QVERIFY2(problem.empty(), problem.c_str());
    // The first engine is unaffected.
    Fd c = connectUrl(url, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "still mine", deadlineIn(10s), err), err);
    c.reset();
    first.stop();
    QCOMPARE(first.countConnections(), 0);
}

void TestBadInput::parseAccepts()
{
    using qgnet::ListenAddress;
    using qgnet::Network;
    try {
        const auto tcp = ListenAddress::parse("tcp://127.0.0.1:0");
        QVERIFY(tcp.network() == Network::Tcp);
        QCOMPARE(tcp.socketAddress().family(), AF_INET);
        QCOMPARE(tcp.socketAddress().port(), std::uint16_t{0});
        QCOMPARE(QByteArray::fromStdString(tcp.socketAddress().ip()), QByteArray("127.0.0.1"));
        QCOMPARE(QByteArray::fromStdString(tcp.url()), QByteArray("tcp://127.0.0.1:0"));

        const auto tcp4 = ListenAddress::parse("tcp4://127.0.0.1:8080");
        QVERIFY(tcp4.network() == Network::Tcp4);
        QCOMPARE(tcp4.socketAddress().family(), AF_INET);
        QCOMPARE(tcp4.socketAddress().port(), std::uint16_t{8080});

        const auto tcp6 = ListenAddress::parse("tcp6://[::1]:0");
        QVERIFY(tcp6.network() == Network::Tcp6);
        QCOMPARE(tcp6.socketAddress().family(), AF_INET6);
        QCOMPARE(QByteArray::fromStdString(tcp6.socketAddress().ip()), QByteArray("::1"));

        const auto un = ListenAddress::parse("unix:///tmp/qgnet-parse-test.sock");
        QVERIFY(un.network() == Network::Unix);
        QCOMPARE(un.socketAddress().family(), AF_UNIX);
        QCOMPARE(QByteArray::fromStdString(un.socketAddress().toString()), QByteArray("/tmp/qgnet-parse-test.sock"));
        QCOMPARE(un.socketAddress().port(), std::uint16_t{0});

        const auto bare = ListenAddress::parse("127.0.0.1:0");
        QVERIFY(bare.network() == Network::Tcp);
        QCOMPARE(bare.socketAddress().family(), AF_INET);
        QCOMPARE(QByteArray::fromStdString(bare.url()), QByteArray("tcp://127.0.0.1:0"));
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
}

void TestBadInput::parseNoThrow()
{
    std::error_code ec;
    std::string detail;
    const auto bad = qgnet::ListenAddress::parse("tcp://127.0.0.1:70000", ec, &detail);
    QVERIFY2(ec == qgnet::Errc::InvalidAddress, describe(ec).c_str());
    QVERIFY(!detail.empty());
    QVERIFY(bad.socketAddress().isEmpty());

    ec.clear();
    const auto good = qgnet::ListenAddress::parse("tcp://127.0.0.1:9", ec, nullptr);
    QVERIFY2(!ec, describe(ec).c_str());
    QCOMPARE(good.socketAddress().port(), std::uint16_t{9});
}

void TestBadInput::badOption_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("which");
    QTest::newRow("numEventLoop -1") << "numEventLoop" << 0;
    QTest::newRow("numEventLoop 100000") << "numEventLoop" << 1;
    QTest::newRow("readBufferCap 0") << "readBufferCap" << 2;
    QTest::newRow("writeBufferCap 65 MiB") << "writeBufferCap" << 3;
    QTest::newRow("socketRecvBuffer -1") << "socketRecvBuffer" << 4;
    QTest::newRow("listenBacklog -1") << "listenBacklog" << 5;
    QTest::newRow("logPath in a missing directory") << "logPath" << 6;
}

void TestBadInput::badOption()
{
    QFETCH(QString, field);
    QFETCH(int, which);
    qgnet::Options o;
    const std::string missingLog = "/nonexistent-qgnet-dir/sub/qgnet.log";
    switch (which) {
    case 0: o.numEventLoop = -1; break;
    case 1: o.numEventLoop = 100000; break;
    case 2: o.readBufferCap = 0; break;
    case 3: o.writeBufferCap = std::size_t{65} * 1024 * 1024; break;
    case 4: o.socketRecvBuffer = -1; break;
    case 5: o.listenBacklog = -1; break;
    case 6: o.logPath = missingLog; break;
    default: QFAIL("bad row");
    }
    if (which == 6) {
        // Either a validation error naming the field or the file-open error naming the path.
        EchoHandler h;
        try {
            qgnet::Engine e = qgnet::Engine::start(h, "tcp://127.0.0.1:0", o);
            QFAIL("Engine::start did not throw");
        } catch (const qgnet::Error& e) {
            const std::string what = e.what();
            QVERIFY2(e.code() == qgnet::Errc::InvalidOption || e.code() == std::errc::no_such_file_or_directory,
                (describe(e.code()) + ": " + what).c_str());
            QVERIFY2(what.find("logPath") != std::string::npos || what.find(missingLog) != std::string::npos,
                what.c_str());
        }
        QCOMPARE(h.boots.load(), 0);
    } else {
        const std::string problem = startError({"tcp://127.0.0.1:0"}, o, qgnet::Errc::InvalidOption,
            {field.toStdString()});
        QVERIFY2(problem.empty(), problem.c_str());
    }
}

void TestBadInput::readBudgetBelowBufferIsRaised()
{
    // edgeTriggeredReadBudget below readBufferCap is raised to it, not refused: a wake-up still reads
    // a whole read buffer. 64 KiB wait in the socket while reading is paused; once it resumes, the
    // first read must fill the 4 KiB buffer (a budget taken literally would read 1 byte per wake-up).
    ChunkHandler h;
    qgnet::Options o;
    o.edgeTriggeredIO = true;
    o.readBufferCap = 4096;
    o.edgeTriggeredReadBudget = 1;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    Rng rng(seedFor("budget"));
    const auto queued = randomBytes(rng, 64 * 1024);
    std::string err;
    QGNET_VERIFY_ERR(sendAll(c.get(), queued, deadlineIn(10s), err), err);
    QGNET_WAIT_COMPARE(receiveQueued(h.serverFd.load()), long(queued.size()), 10000);
    qgnet::ConnHandle handle;
    {
        std::lock_guard lock(h.mu);
        handle = h.handle;
    }
    QVERIFY(!handle.wake());
    std::vector<std::byte> echoed;
    QGNET_VERIFY_ERR(recvExact(c.get(), echoed, queued.size(), deadlineIn(30s), err), err);
    const std::string mismatch = firstMismatch(queued, echoed);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    {
        std::lock_guard lock(h.mu);
        QVERIFY(!h.chunks.empty());
        QCOMPARE(h.chunks.front(), std::size_t(4096));
        QCOMPARE(*std::max_element(h.chunks.begin(), h.chunks.end()), std::size_t(4096));
    }
    // And a long stream still echoes byte-exact.
    const auto data = randomBytes(rng, 512 * 1024);
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), data, deadlineIn(30s), err), err);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY(server.stop());
}

void TestBadInput::garbageThenReset_data()
{
    QTest::addColumn<bool>("edge");
    QTest::newRow("lt") << false;
    QTest::newRow("et") << true;
}

void TestBadInput::garbageThenReset()
{
    QFETCH(bool, edge);
    const int resets = static_cast<int>(scaled(20));
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.edgeTriggeredIO = edge;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);

    Fd steady = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(steady.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);

    std::atomic<bool> resetsDone{false};
    std::atomic<int> steadyEchoes{0};
    std::string steadyError;
    std::thread echoer([&] {
        Rng rng(seedFor("steady"));
        std::string e;
        // Keep echoing while the resets happen, and a few more times afterwards.
        for (int after = 0; after < 5;) {
            const auto data = randomBytes(rng, randomSize(rng, 1, 64 * 1024));
            if (!echoRoundTrip(steady.get(), data, deadlineIn(30s), e)) {
                steadyError = "echo " + std::to_string(steadyEchoes.load()) + ": " + e;
                return;
            }
            ++steadyEchoes;
            if (resetsDone.load())
                ++after;
        }
    });

    Rng rng(seedFor("garbage"));
    std::string resetError;
    for (int i = 0; i < resets && resetError.empty(); ++i) {
        Fd bad = connectTo(target, deadlineIn(10s), err);
        if (!bad) {
            resetError = "connect: " + err;
            break;
        }
        const auto garbage = randomBytes(rng, randomSize(rng, 1, 64 * 1024));
        if (!sendAll(bad.get(), garbage, deadlineIn(10s), err))
            resetError = "send: " + err;
        setLingerZero(bad.get());
        bad.reset(); // RST, possibly while the server is echoing the garbage back
    }
    resetsDone = true;
    echoer.join();
    QVERIFY2(resetError.empty(), resetError.c_str());
    QVERIFY2(steadyError.empty(), steadyError.c_str());
    QVERIFY(steadyEchoes.load() >= 5);

    // Each reset connection was closed exactly once; the steady one is still open.
    QGNET_WAIT_COMPARE(h.closed.load(), resets, 10000);
    QCOMPARE(h.opened.load(), resets + 1);
    QCOMPARE(engine.countConnections(), 1);
    QGNET_VERIFY_ERR(echoRoundTrip(steady.get(), "after the resets", deadlineIn(10s), err), err);
    steady.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), resets + 1, 10000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestBadInput::halfCloseGetsFullEcho_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("unixSocket");
    QTest::newRow("lt/tcp") << false << false;
    QTest::newRow("et/tcp") << true << false;
    QTest::newRow("lt/unix") << false << true;
    QTest::newRow("et/unix") << true << true;
}

void TestBadInput::halfCloseGetsFullEcho()
{
    QFETCH(bool, edge);
    QFETCH(bool, unixSocket);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("half.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    EchoHandler h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    TestServer testServer;
    QVERIFY2(testServer.start(h, url, o), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    // Send everything without reading into a small receive buffer, so the echo backs up in the
    // server and is still pending when it reads EOF; then half-close.
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    Rng rng(seedFor(QTest::currentDataTag()));
    const auto data = randomBytes(rng, scaled(4 * 1024 * 1024, 64 * 1024));
    QGNET_VERIFY_ERR(sendAll(c.get(), data, deadlineIn(60s), err), err);
    QCOMPARE(::shutdown(c.get(), SHUT_WR), 0);
    std::vector<std::byte> got;
    const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(60s), err);
    QVERIFY2(end == ReadEnd::Eof,
        (std::string(toString(end)) + " after " + std::to_string(got.size()) + " of " + std::to_string(data.size())
            + " bytes: " + err)
            .c_str());
    const std::string mismatch = firstMismatch(data, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

QGNET_TEST_MAIN(TestBadInput)
#include "tst_bad_input.moc"
