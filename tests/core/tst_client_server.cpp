// SPDX-License-Identifier: Apache-2.0
// qgnet::Client against a qgnet server engine (gnet's client/server matrix): {tcp, udp, unix} x {writes
// from the client's callbacks, ConnHandle::asyncWrite from a foreign thread} x {1, 4 loops}, byte-exact.
// Streams are checked as byte streams; every UDP datagram must come back as one datagram, in order.
// Also: tcp + udp + unix listeners served at once by one engine, Client::enroll of sockets the test
// connected itself, and dial errors (refused, bad URLs) that reach the callback without onOpen/onClose.
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <set>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// Session is one client connection's script: the blocks it sends and how much of the echo arrived.
struct Session {
    bool datagrams = false;
    std::size_t window = 1; // blocks sent but not yet echoed, at most
    std::vector<std::vector<std::byte>> blocks;
    std::vector<std::byte> expected; // streams: every block, concatenated
    std::vector<std::size_t> ends;   // streams: where each block ends in expected

    // Loop thread only.
    std::size_t sent = 0;
    std::size_t receivedBytes = 0;
    // Written on the loop thread, read by the test.
    std::atomic<std::size_t> echoed{0};
    std::atomic<bool> failed{false};
    std::mutex mu;
    std::string failure;

    void fail(std::string what)
    {
        std::lock_guard lock(mu);
        if (failure.empty())
            failure = std::move(what);
        failed = true;
    }
    std::string failureText()
    {
        std::lock_guard lock(mu);
        return failure;
    }
    bool done() const { return echoed.load() == blocks.size(); }
};

std::unique_ptr<Session> makeSession(bool datagrams, Rng& rng)
{
    auto s = std::make_unique<Session>();
    s->datagrams = datagrams;
    if (datagrams) {
        s->window = 4;
        const std::size_t n = scaled(64, 4);
        for (std::size_t i = 0; i < n; ++i)
            s->blocks.push_back(randomBytes(rng, logUniformSize(rng, 1, 8192)));
    } else {
        s->window = 2;
        const std::size_t n = scaled(8, 2);
        for (std::size_t i = 0; i < n; ++i) {
            s->blocks.push_back(randomBytes(rng, logUniformSize(rng, 1, scaled(1 << 20, 4096))));
            s->expected.insert(s->expected.end(), s->blocks.back().begin(), s->blocks.back().end());
            s->ends.push_back(s->expected.size());
        }
    }
    return s;
}

/// ClientSide drives sessions: with syncWrites it writes the next blocks from onOpen and onTraffic,
/// otherwise a foreign thread writes them by ConnHandle::asyncWrite. It checks every echo as it arrives.
class ClientSide : public RecordingHandler {
public:
    explicit ClientSide(bool syncWrites) : sync_(syncWrites) {}

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        Session* s = session(c);
        if (!s) {
            ++noContext;
            return {};
        }
        if (sync_)
            pump(c, *s);
        return {};
    }

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        Session* s = session(c);
        if (!s) {
            ++noContext;
            c.next();
            return qgnet::Action::None;
        }
        const qgnet::Bytes b = c.next();
        if (s->datagrams) {
            const std::size_t i = s->echoed.load();
            if (i >= s->blocks.size())
                s->fail("an extra datagram of " + std::to_string(b.size()) + " bytes");
            else if (!std::ranges::equal(b, s->blocks[i]))
                s->fail("datagram " + std::to_string(i) + " (" + std::to_string(s->blocks[i].size())
                    + " bytes) came back as " + std::to_string(b.size())
                    + " bytes: " + firstMismatch(s->blocks[i], ConstBytes(b.data(), b.size())));
            else
                s->echoed = i + 1;
        } else {
            if (s->receivedBytes + b.size() > s->expected.size()) {
                s->fail("more echo than was sent");
            } else {
                const ConstBytes want(s->expected.data() + s->receivedBytes, b.size());
                if (!std::ranges::equal(b, want))
                    s->fail("echo differs at stream offset " + std::to_string(s->receivedBytes) + ": "
                        + firstMismatch(want, ConstBytes(b.data(), b.size())));
                s->receivedBytes += b.size();
                std::size_t e = s->echoed.load();
                while (e < s->ends.size() && s->ends[e] <= s->receivedBytes)
                    ++e;
                s->echoed = e;
            }
        }
        if (sync_ && !s->failed)
            pump(c, *s);
        return qgnet::Action::None;
    }

    std::atomic<int> noContext{0};

private:
    static Session* session(qgnet::Conn& c)
    {
        Session** s = std::any_cast<Session*>(&c.context());
        return s ? *s : nullptr;
    }
    static void pump(qgnet::Conn& c, Session& s)
    {
        while (s.sent < s.blocks.size() && s.sent - s.echoed.load() < s.window) {
            const auto& b = s.blocks[s.sent];
            if (const std::error_code ec = c.write(qgnet::Bytes(b.data(), b.size()))) {
                s.fail("write of block " + std::to_string(s.sent) + ": " + describe(ec));
                return;
            }
            ++s.sent;
        }
    }
    bool sync_;
};

/// asyncDrive writes every block of s through h from the calling thread, keeping at most s.window
/// blocks unanswered, and waits for the last echo.
void asyncDrive(const qgnet::ConnHandle& h, Session& s, std::string& failure)
{
    for (std::size_t i = 0; i < s.blocks.size(); ++i) {
        if (!waitFor([&] { return s.failed.load() || i - s.echoed.load() < s.window; }, 30s)) {
            failure = "no echo of block " + std::to_string(s.echoed.load()) + " within 30 s";
            return;
        }
        if (s.failed)
            break;
        const auto& b = s.blocks[i];
        if (const std::error_code ec = h.asyncWrite(qgnet::Bytes(b.data(), b.size()),
                [&s, i](qgnet::Conn*, std::error_code e) {
                    if (e)
                        s.fail("asyncWrite of block " + std::to_string(i) + ": " + describe(e));
                })) {
            failure = "asyncWrite: " + describe(ec);
            return;
        }
    }
    if (!waitFor([&] { return s.failed.load() || s.done(); }, 30s))
        failure = "echo incomplete after 30 s: " + std::to_string(s.echoed.load()) + " of "
            + std::to_string(s.blocks.size()) + " blocks";
    if (s.failed)
        failure = s.failureText();
}

std::string listenUrlFor(const QString& network, const QTemporaryDir& dir, const std::string& name)
{
    if (network == "tcp")
        return "tcp://127.0.0.1:0";
    if (network == "udp")
        return "udp://127.0.0.1:0";
    return "unix://" + dir.filePath(QString::fromStdString(name)).toStdString();
}

} // namespace

class TestClientServer : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void matrix_data();
    void matrix();
    void mixedListeners();
    void enroll_data();
    void enroll();
    void dialRefused();
    void dialBadUrl_data();
    void dialBadUrl();
};

void TestClientServer::initTestCase()
{
    std::string err;
    QVERIFY2(raiseNofileLimit(err) > 0, err.c_str());
}

void TestClientServer::matrix_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<bool>("syncWrites");
    QTest::addColumn<int>("loops");
    for (const char* net : {"tcp", "udp", "unix"})
        for (bool sync : {true, false})
            for (int loops : {1, 4})
                QTest::addRow("%s/%s/%dloop", net, sync ? "sync" : "async", loops) << QString(net) << sync << loops;
}

void TestClientServer::matrix()
{
    QFETCH(QString, network);
    QFETCH(bool, syncWrites);
    QFETCH(int, loops);
    constexpr int kConns = 4;
    const bool datagrams = network == "udp";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler server;
    TestServer testServer;
    QVERIFY2(testServer.start(server, listenUrlFor(network, dir, "cs.sock"), {.numEventLoop = loops}),
        testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    const std::string url = engine.listenUrls().at(0);

    ClientSide side(syncWrites);
    qgnet::Client client = qgnet::Client::start(side, qgnet::Options{.numEventLoop = loops});
    QCOMPARE(client.engine().loopCount(), loops);

    Rng rng(seedFor(QTest::currentDataTag()));
    std::vector<std::unique_ptr<Session>> sessions;
    std::vector<qgnet::ConnHandle> handles;
    for (int i = 0; i < kConns; ++i)
        sessions.push_back(makeSession(datagrams, rng));
    for (int i = 0; i < kConns; ++i) {
        std::error_code ec;
        handles.push_back(client.dialAndWait(url, 10s, ec, std::any(sessions[i].get())));
        QVERIFY2(!ec, ("dial " + url + ": " + describe(ec)).c_str());
        QVERIFY(!handles.back().isEmpty());
    }
    if (syncWrites) {
        for (int i = 0; i < kConns; ++i) {
            Session& s = *sessions[i];
            QGNET_WAIT_VERIFY(s.failed.load() || s.done(), 60000);
            QVERIFY2(!s.failed, ("session " + std::to_string(i) + ": " + s.failureText()).c_str());
        }
    } else {
        const auto failures = runThreads(kConns,
            [&](int i, std::string& failure) { asyncDrive(handles[i], *sessions[i], failure); });
        QGNET_VERIFY_NO_FAILURES(failures);
    }
    std::size_t blocks = 0, bytes = 0;
    for (const auto& s : sessions) {
        blocks += s->blocks.size();
        for (const auto& b : s->blocks)
            bytes += b.size();
    }
    qInfo("%zu blocks, %zu bytes echoed", blocks, bytes);
    QCOMPARE(side.noContext.load(), 0);
    QCOMPARE(side.opened.load(), kConns);
    QCOMPARE(client.engine().countConnections(), kConns);
    if (loops > 1) {
        std::set<int> used;
        for (const auto& o : side.opens())
            used.insert(o.loop);
        QVERIFY2(used.size() > 1, "every client connection is on the same loop");
    }
    client.stop();
    QCOMPARE(side.closed.load(), kConns);
    QVERIFY2(side.closeReasonMismatches(qgnet::Errc::EngineShutdown).empty(),
        side.closeReasonMismatches(qgnet::Errc::EngineShutdown).c_str());
    if (datagrams) {
        QCOMPARE(server.opened.load(), 0);
    } else {
        QCOMPARE(server.opened.load(), kConns);
        QGNET_WAIT_COMPARE(server.closed.load(), kConns, 10000);
    }
    QCOMPARE(server.writeErrors.load(), 0);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(client.engine().countConnections(), 0);
    QCOMPARE(side.lateCallbacks.load() + server.lateCallbacks.load(), 0);
}

void TestClientServer::mixedListeners()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler server;
    const std::vector<std::string> listen = {"tcp://127.0.0.1:0", "udp://127.0.0.1:0",
        "unix://" + dir.filePath("mixed.sock").toStdString()};
    TestServer testServer;
    QVERIFY2(testServer.start(server, listen, {.numEventLoop = 2}), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    const auto urls = engine.listenUrls();
    QCOMPARE(urls.size(), std::size_t(3));
    QVERIFY2(urls[0].starts_with("tcp://") && urls[1].starts_with("udp://") && urls[2].starts_with("unix://"),
        joinLines(urls).c_str());

    ClientSide side(true);
    qgnet::Client client = qgnet::Client::start(side, qgnet::Options{.numEventLoop = 2});
    Rng rng(seedFor("client_server/mixed"));
    std::vector<std::unique_ptr<Session>> sessions;
    // Two sessions per listener, all dialled before any is waited for.
    std::atomic<int> dialled{0};
    std::mutex mu;
    std::vector<std::string> dialErrors;
    for (int round = 0; round < 2; ++round) {
        for (std::size_t l = 0; l < urls.size(); ++l) {
            sessions.push_back(makeSession(l == 1, rng));
            const std::error_code ec = client.dial(
                urls[l], 10s,
                [&, u = urls[l]](qgnet::Conn* c, std::error_code e) {
                    if (e || !c) {
                        std::lock_guard lock(mu);
                        dialErrors.push_back(u + ": " + describe(e));
                    }
                    ++dialled;
                },
                std::any(sessions.back().get()));
            QVERIFY2(!ec, describe(ec).c_str());
        }
    }
    QGNET_WAIT_COMPARE(dialled.load(), 6, 10000);
    {
        std::lock_guard lock(mu);
        QGNET_VERIFY_NO_FAILURES(dialErrors);
    }
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        Session& s = *sessions[i];
        QGNET_WAIT_VERIFY(s.failed.load() || s.done(), 60000);
        QVERIFY2(!s.failed, ("session " + std::to_string(i) + ": " + s.failureText()).c_str());
    }
    QCOMPARE(server.opened.load(), 4); // tcp and unix; the UDP socket has no onOpen
    client.stop();
    QCOMPARE(side.closed.load(), 6);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestClientServer::enroll_data()
{
    QTest::addColumn<QString>("network");
    QTest::newRow("tcp") << "tcp";
    QTest::newRow("udp") << "udp";
    QTest::newRow("unix") << "unix";
}

void TestClientServer::enroll()
{
    QFETCH(QString, network);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler server;
    TestServer testServer;
    QVERIFY2(testServer.start(server, listenUrlFor(network, dir, "enroll.sock")), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    const qgnet::SocketAddress addr = engine.listenAddresses().at(0);

    // A blocking socket connected by the test itself.
    const int type = network == "udp" ? SOCK_DGRAM : SOCK_STREAM;
    const int fd = ::socket(addr.family(), type | SOCK_CLOEXEC, 0);
    QVERIFY2(fd >= 0, std::strerror(errno));
    QVERIFY2(::connect(fd, addr.data(), addr.size()) == 0, std::strerror(errno));

    ClientSide side(true);
    qgnet::Client client = qgnet::Client::start(side);
    Rng rng(seedFor("client_server/enroll/" + network.toStdString()));
    auto s = makeSession(network == "udp", rng);
    std::atomic<int> called{0};
    std::error_code enrollError;
    bool gotConn = false;
    const std::error_code ec = client.enroll(
        fd,
        [&](qgnet::Conn* c, std::error_code e) {
            enrollError = e;
            gotConn = c != nullptr;
            ++called;
        },
        std::any(s.get()));
    QVERIFY2(!ec, describe(ec).c_str());
    QGNET_WAIT_COMPARE(called.load(), 1, 10000);
    QVERIFY2(!enrollError, describe(enrollError).c_str());
    QVERIFY(gotConn);
    QGNET_WAIT_VERIFY(s->failed.load() || s->done(), 60000);
    QVERIFY2(!s->failed, s->failureText().c_str());
    QCOMPARE(side.opened.load(), 1);
    {
        const auto opens = side.opens();
        if (network == "tcp" || network == "udp")
            QCOMPARE(opens.at(0).remotePort, addr.port());
    }
    client.stop();
    QCOMPARE(side.closed.load(), 1);
    engine.stop();
}

void TestClientServer::dialRefused()
{
    // A bound TCP port that does not listen: connecting to it is refused.
    Fd holder(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(holder.valid());
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY(::bind(holder.get(), reinterpret_cast<const sockaddr*>(&a), sizeof(a)) == 0);
    const std::string url = "tcp://127.0.0.1:" + std::to_string(localPort(holder.get()));

    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side);
    std::atomic<int> called{0};
    std::error_code result;
    bool gotConn = true;
    const std::error_code ec = client.dial(url, 10s, [&](qgnet::Conn* c, std::error_code e) {
        result = e;
        gotConn = c != nullptr;
        ++called;
    });
    QVERIFY2(!ec, describe(ec).c_str());
    QGNET_WAIT_COMPARE(called.load(), 1, 10000);
    QVERIFY2(result == std::errc::connection_refused, describe(result).c_str());
    QVERIFY(!gotConn);

    std::error_code ec2;
    const qgnet::ConnHandle h = client.dialAndWait(url, 10s, ec2);
    QVERIFY(h.isEmpty());
    QVERIFY2(ec2 == std::errc::connection_refused, describe(ec2).c_str());

    QCOMPARE(side.opened.load(), 0);
    QCOMPARE(side.closed.load(), 0);
    QCOMPARE(client.engine().countConnections(), 0);
    client.stop();
    QCOMPARE(side.closed.load(), 0);
    QCOMPARE(called.load(), 1);
}

void TestClientServer::dialBadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("unknown scheme") << "foo://127.0.0.1:1";
    QTest::newRow("missing port") << "tcp://127.0.0.1";
    QTest::newRow("port out of range") << "tcp://127.0.0.1:70000";
    QTest::newRow("unresolvable host") << "tcp://no-such-host.invalid:80";
    QTest::newRow("empty") << "";
}

void TestClientServer::dialBadUrl()
{
    QFETCH(QString, url);
    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side);
    std::atomic<int> called{0};
    std::error_code result;
    bool gotConn = true;
    const std::error_code ec = client.dial(url.toStdString(), 10s, [&](qgnet::Conn* c, std::error_code e) {
        result = e;
        gotConn = c != nullptr;
        ++called;
    });
    QVERIFY2(!ec, ("dial returned " + describe(ec) + " instead of calling back").c_str());
    QGNET_WAIT_COMPARE(called.load(), 1, 15000);
    QVERIFY2(result == qgnet::Errc::InvalidAddress, describe(result).c_str());
    QVERIFY(!gotConn);
    QCOMPARE(side.opened.load(), 0);
    client.stop();
    QCOMPARE(side.closed.load(), 0);
    QCOMPARE(called.load(), 1);
}

QGNET_TEST_MAIN(TestClientServer)
#include "tst_client_server.moc"
