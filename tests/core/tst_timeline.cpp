// SPDX-License-Identifier: Apache-2.0
// A connection's timeline (qgnet/timeline.h): a watched connection records its open, TLS handshake,
// traffic per 100 ms, water marks, pauses, timeouts and close; an unwatched one records nothing; a
// timeline and the number of watched connections are bounded. Real sockets, plain and TLS, and the
// byte totals of the Traffic entries checked against what the test's own client sent and received.
#include <QTest>

#include <memory>
#include <optional>

#include "engine_test_case.h"
#include "qgnet/stats.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;
using Kind = qgnet::TimelineEntry::Kind;

namespace {

constexpr std::size_t kBig = 2 << 20; // "!big" answers this much: past the high-water mark

// CommandHandler echoes, but for a few commands that each answer one byte ('k') once done:
// "!pause" pauses and resumes reading, "!idle" sets a 50 ms idle timeout, "!big" answers kBig bytes.
// The client waits for each answer, so commands never arrive glued to other bytes.
class CommandHandler : public RecordingHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        const std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
        if (text == "!pause") {
            c.pauseRead();
            c.resumeRead();
        } else if (text == "!idle") {
            c.setIdleTimeout(50ms);
        } else if (text == "!big") {
            const std::vector<std::byte> big(kBig, std::byte{'b'});
            (void)c.write(big);
            return qgnet::Action::None;
        } else {
            if (c.write(b))
                ++writeErrors;
            return qgnet::Action::None;
        }
        (void)c.write(qgnet::Bytes(reinterpret_cast<const std::byte*>("k"), 1));
        return qgnet::Action::None;
    }
};

// Peer is the test's client, plain or TLS, counting what it put on and took off the wire.
class Peer {
public:
    virtual ~Peer() = default;
    virtual bool send(std::string_view data, std::string& err) = 0;
    virtual bool receive(std::size_t n, std::vector<std::byte>& out, std::string& err) = 0;
    /// wireSent is what went out on the socket so far (ciphertext for TLS).
    virtual std::uint64_t wireSent() const = 0;
    virtual void close() = 0;
    /// localPort is the client's port: the server's ConnectionStats::remote names it.
    virtual std::uint16_t localPort() const = 0;
    /// roundTrip sends data and receives n bytes back.
    bool roundTrip(std::string_view data, std::size_t n, std::string& err)
    {
        std::vector<std::byte> out;
        return send(data, err) && receive(n, out, err);
    }
};

class PlainPeer : public Peer {
public:
    explicit PlainPeer(Fd fd) : fd_(std::move(fd)) {}
    bool send(std::string_view data, std::string& err) override
    {
        sent_ += data.size();
        return sendAll(fd_.get(), data, deadlineIn(10s), err);
    }
    bool receive(std::size_t n, std::vector<std::byte>& out, std::string& err) override
    {
        return recvExact(fd_.get(), out, n, deadlineIn(20s), err);
    }
    std::uint64_t wireSent() const override { return sent_; }
    void close() override { fd_ = Fd(); }
    std::uint16_t localPort() const override { return qgnet_test::localPort(fd_.get()); }

private:
    Fd fd_;
    std::uint64_t sent_ = 0;
};

class TlsPeer : public Peer {
public:
    bool connect(std::uint16_t port, const std::string& ca, std::string& err) { return client_.connect(port, ca, err); }
    bool send(std::string_view data, std::string& err) override
    {
        const auto* p = reinterpret_cast<const std::byte*>(data.data());
        return client_.writeAll(std::vector<std::byte>(p, p + data.size()), err);
    }
    bool receive(std::size_t n, std::vector<std::byte>& out, std::string& err) override
    {
        return client_.readExact(out, n, err);
    }
    std::uint64_t wireSent() const override { return client_.bytesSent(); }
    void close() override { client_.sendCloseNotify(); }
    std::uint16_t localPort() const override { return qgnet_test::localPort(client_.fd()); }

private:
    BlockingTlsClient client_;
};

std::optional<qgnet::ConnectionTimeline> timelineOf(qgnet::Engine& engine, std::uint64_t id)
{
    qgnet::SnapshotRequest request;
    request.events = false;
    request.decisions = false;
    request.timelines = {id};
    auto s = engine.snapshot(request);
    if (s.timelines.empty())
        return std::nullopt;
    return std::move(s.timelines.front());
}

std::vector<qgnet::ConnectionStats> connections(qgnet::Engine& engine)
{
    qgnet::SnapshotRequest request;
    request.events = false;
    request.decisions = false;
    return engine.snapshot(request).connections;
}

QByteArray kinds(const qgnet::ConnectionTimeline& t)
{
    QByteArray out;
    for (const auto& e : t.entries) {
        if (!out.isEmpty())
            out += ' ';
        out += QByteArray::fromStdString(std::string(qgnet::toString(e.kind)));
    }
    return out;
}

bool has(const qgnet::ConnectionTimeline& t, Kind kind)
{
    return std::any_of(t.entries.begin(), t.entries.end(), [kind](const auto& e) { return e.kind == kind; });
}

} // namespace

class TestTimeline : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { pki_ = makeTestPki(); }
    void recordsWhatHappened_data();
    void recordsWhatHappened();
    void unwatchedRecordsNothing();
    void timeoutIsRecorded();
    void boundedEntriesAndWatchers();

private:
    std::unique_ptr<Peer> connectPeer(TestServer& server, bool tls, std::string& err)
    {
        if (tls) {
            auto peer = std::make_unique<TlsPeer>();
            if (!peer->connect(server.port(), pki_.caCert, err))
                return nullptr;
            return peer;
        }
        Fd fd = connectTo(server.engine().listenAddresses().at(0), deadlineIn(10s), err);
        if (!fd)
            return nullptr;
        return std::make_unique<PlainPeer>(std::move(fd));
    }
    qgnet::Options options(bool tls) const
    {
        qgnet::Options o;
        o.numEventLoop = 2;
        // A small send buffer, so that "!big" cannot all go to the kernel at once: the rest waits
        // in the outbound buffer past the high-water mark until the client reads it.
        o.socketSendBuffer = 16 * 1024;
        if (tls)
            o.tls = std::make_shared<const qgnet::TlsContext>(
                qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey));
        return o;
    }
    TestPki pki_;
};

void TestTimeline::recordsWhatHappened_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

// Watched after its open: the timeline starts with the open (and the handshake) as the connection
// remembers them, then everything live; the Traffic entries add up to exactly what crossed the socket.
void TestTimeline::recordsWhatHappened()
{
    QFETCH(bool, tls);
    CommandHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(tls)), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    auto peer = connectPeer(server, tls, err);
    QVERIFY2(peer, err.c_str());
    QGNET_WAIT_COMPARE(connections(engine).size(), std::size_t{1}, 10000);
    const qgnet::ConnectionStats before = connections(engine).front();
    const std::uint64_t wireBefore = peer->wireSent();

    QCOMPARE(engine.watchConnection(before.id), std::error_code());
    QGNET_WAIT_VERIFY(timelineOf(engine, before.id).has_value(), 10000);

    std::uint64_t received = 0;
    for (int i = 0; i < 20; ++i) {
        const std::string message(100 + static_cast<std::size_t>(i) * 37, 'a');
        QGNET_VERIFY_ERR(peer->roundTrip(message, message.size(), err), err);
        received += message.size();
    }
    QGNET_VERIFY_ERR(peer->roundTrip("!pause", 1, err), err);
    QGNET_VERIFY_ERR(peer->roundTrip("!big", kBig, err), err);
    received += 1 + kBig;

    const auto busy = connections(engine).front();
    auto t = timelineOf(engine, before.id);
    QVERIFY(t);
    QCOMPARE(t->id, before.id);
    QCOMPARE(t->loop, before.loop);
    QVERIFY(!t->closed);
    QCOMPARE(t->dropped, std::uint64_t{0});
    const QByteArray k = kinds(*t);
    QVERIFY2(k.startsWith(tls ? "tls-handshake opened watched traffic" : "opened watched traffic"), k.constData());
    for (Kind kind : {Kind::ReadPaused, Kind::ReadResumed, Kind::HighWater, Kind::LowWater})
        QVERIFY2(has(*t, kind), k.constData());
    std::uint64_t in = 0, out = 0, reads = 0, writes = 0, sequence = 0;
    for (const auto& e : t->entries) {
        QCOMPARE(e.sequence, ++sequence);
        in += e.bytesIn;
        out += e.bytesOut;
        reads += e.reads;
        writes += e.writes;
        if (e.kind == Kind::ReadPaused || e.kind == Kind::ReadResumed)
            QVERIFY(e.cause == qgnet::TimelineEntry::Cause::User);
        if (e.kind != Kind::Traffic)
            QCOMPARE(e.bytesIn + e.bytesOut + e.reads + e.writes, std::uint64_t{0});
    }
    // Exactly what crossed the socket since the watch: the client's bytes in, the answers out.
    QCOMPARE(in, peer->wireSent() - wireBefore);
    QCOMPARE(in, busy.bytesIn - before.bytesIn);
    QCOMPARE(out, busy.bytesOut - before.bytesOut);
    if (!tls)
        QCOMPARE(out, received); // plaintext: exactly the bytes the client read
    QVERIFY(reads >= 22);
    QVERIFY(writes >= 22);
    if (tls)
        QVERIFY(!t->entries.front().detail.empty()); // the protocol version

    peer->close();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    t = timelineOf(engine, before.id); // kept, closed, until unwatched
    QVERIFY(t);
    QVERIFY(t->closed);
    QVERIFY(t->entries.back().kind == Kind::Closed);
    QVERIFY(!t->entries.back().detail.empty());
    QCOMPARE(engine.unwatchConnection(before.id), std::error_code());
    QGNET_WAIT_VERIFY(!timelineOf(engine, before.id).has_value(), 10000);
    engine.stop();
}

// Two connections, one watched: the other has no timeline, whatever it does.
void TestTimeline::unwatchedRecordsNothing()
{
    CommandHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(false)), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    auto a = connectPeer(server, false, err);
    QVERIFY2(a, err.c_str());
    auto b = connectPeer(server, false, err);
    QVERIFY2(b, err.c_str());
    QGNET_WAIT_COMPARE(connections(engine).size(), std::size_t{2}, 10000);
    auto conns = connections(engine);
    if (conns[0].remote.port() != a->localPort())
        std::swap(conns[0], conns[1]); // conns[0] is a's
    QCOMPARE(conns[0].remote.port(), a->localPort());
    QCOMPARE(engine.watchConnection(conns[0].id), std::error_code());
    QGNET_WAIT_VERIFY(timelineOf(engine, conns[0].id).has_value(), 10000);
    QGNET_VERIFY_ERR(a->roundTrip("hello", 5, err), err);
    QGNET_VERIFY_ERR(b->roundTrip("!big", kBig, err), err);

    qgnet::SnapshotRequest request;
    request.timelines = {conns[0].id, conns[1].id};
    const auto s = engine.snapshot(request);
    QCOMPARE(s.timelines.size(), std::size_t{1});
    QCOMPARE(s.timelines[0].id, conns[0].id);
    QCOMPARE(s.timelines[0].entries.back().bytesIn, std::uint64_t{5});
    QVERIFY(!has(s.timelines[0], Kind::HighWater)); // b's, not a's
    // And a timeline nobody asks for is not in the snapshot.
    QVERIFY(engine.snapshot().timelines.empty());
    engine.stop();
}

// A timeout that fires is an entry of its own, before the close it causes.
void TestTimeline::timeoutIsRecorded()
{
    CommandHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(false)), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    auto peer = connectPeer(server, false, err);
    QVERIFY2(peer, err.c_str());
    QGNET_WAIT_COMPARE(connections(engine).size(), std::size_t{1}, 10000);
    const std::uint64_t id = connections(engine).front().id;
    QCOMPARE(engine.watchConnection(id), std::error_code());
    QGNET_WAIT_VERIFY(timelineOf(engine, id).has_value(), 10000);
    QGNET_VERIFY_ERR(peer->roundTrip("!idle", 1, err), err);
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    const auto t = timelineOf(engine, id);
    QVERIFY(t);
    QVERIFY(t->closed);
    QVERIFY(t->entries.size() >= 2);
    const auto& timeout = t->entries[t->entries.size() - 2];
    const auto& closed = t->entries.back();
    QVERIFY2(timeout.kind == Kind::Timeout, kinds(*t).constData());
    QVERIFY(closed.kind == Kind::Closed);
    const std::string idle = make_error_code(qgnet::Errc::IdleTimeout).message();
    QCOMPARE(QByteArray::fromStdString(timeout.detail), QByteArray::fromStdString(idle));
    QCOMPARE(QByteArray::fromStdString(closed.detail), QByteArray::fromStdString(idle));
    engine.stop();
}

// At most kTimelineCapacity entries (the oldest dropped and counted), at most kMaxWatchedConnections
// watched ids (the next refused with Errc::WatchLimit), and watchers counted per id.
void TestTimeline::boundedEntriesAndWatchers()
{
    CommandHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", options(false)), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<std::unique_ptr<Peer>> peers;
    for (std::size_t i = 0; i <= qgnet::kMaxWatchedConnections; ++i) {
        peers.push_back(connectPeer(server, false, err));
        QVERIFY2(peers.back(), err.c_str());
    }
    const std::size_t total = qgnet::kMaxWatchedConnections + 1;
    QGNET_WAIT_COMPARE(connections(engine).size(), total, 10000);
    const auto conns = connections(engine);
    for (std::size_t i = 0; i < qgnet::kMaxWatchedConnections; ++i)
        QCOMPARE(engine.watchConnection(conns[i].id), std::error_code());
    const std::uint64_t last = conns.back().id;
    QVERIFY(engine.watchConnection(last) == qgnet::Errc::WatchLimit);
    // A second watcher of a watched id takes no new place.
    QCOMPARE(engine.watchConnection(conns[0].id), std::error_code());
    QCOMPARE(engine.unwatchConnection(conns[1].id), std::error_code());
    QCOMPARE(engine.watchConnection(last), std::error_code());
    QGNET_WAIT_VERIFY(timelineOf(engine, last).has_value(), 10000);

    // Each "!pause" round adds three entries at least: the pause, the resume, and the answer out (the
    // next round's traffic in may share the answer's 100 ms window).
    QGNET_WAIT_VERIFY(timelineOf(engine, conns[0].id).has_value(), 10000);
    Peer* found = nullptr;
    for (auto& p : peers)
        if (p->localPort() == conns[0].remote.port())
            found = p.get();
    QVERIFY(found);
    Peer& busy = *found;
    const std::size_t rounds = qgnet::kTimelineCapacity / 3 + 10;
    for (std::size_t i = 0; i < rounds; ++i)
        QGNET_VERIFY_ERR(busy.roundTrip("!pause", 1, err), err);
    auto t = timelineOf(engine, conns[0].id);
    QVERIFY(t);
    QCOMPARE(t->entries.size(), qgnet::kTimelineCapacity);
    QVERIFY(t->dropped > 0);
    QCOMPARE(t->entries.back().sequence, t->dropped + qgnet::kTimelineCapacity);
    for (std::size_t i = 1; i < t->entries.size(); ++i)
        QCOMPARE(t->entries[i].sequence, t->entries[i - 1].sequence + 1);

    // Two watchers: the first unwatch keeps the timeline, the second ends it.
    QCOMPARE(engine.unwatchConnection(conns[0].id), std::error_code());
    QVERIFY(timelineOf(engine, conns[0].id).has_value());
    QCOMPARE(engine.unwatchConnection(conns[0].id), std::error_code());
    QGNET_WAIT_VERIFY(!timelineOf(engine, conns[0].id).has_value(), 10000);
    engine.stop();
}

QGNET_TEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
