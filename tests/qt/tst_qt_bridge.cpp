// SPDX-License-Identifier: Apache-2.0
// The Qt bridge: QtServer/QtClient deliver events to the Qt thread in batches, in order per
// connection, without loss (data) and with backpressure; QtConnection acts from the Qt thread.

#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <map>
#include <set>

#include <thread>

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <qgnet/conn.h>
#include <qgnet/error.h>
#include <qgnet/qt/qt_client.h>
#include <qgnet/qt/qt_server.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_udp.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t RecordSize = 8; // be32 client index, be32 sequence number

// RecordChecker follows each connection's stream of numbered records on the Qt thread.
struct RecordChecker {
    struct Stream {
        QByteArray pending;
        std::int64_t client = -1;
        std::uint32_t next = 0;
        bool closed = false;
    };
    std::map<quint64, Stream> streams;
    std::size_t records = 0;
    std::size_t dataEvents = 0;
    std::size_t closed = 0;
    std::vector<std::string> failures;

    void opened(quint64 id)
    {
        if (streams.count(id))
            failures.push_back("connection " + std::to_string(id) + " opened twice");
        streams[id];
    }
    void data(quint64 id, const QByteArray& bytes)
    {
        ++dataEvents;
        const auto it = streams.find(id);
        if (it == streams.end() || it->second.closed) {
            failures.push_back("data for connection " + std::to_string(id) + " outside open..close");
            return;
        }
        Stream& s = it->second;
        s.pending += bytes;
        qsizetype at = 0;
        for (; s.pending.size() - at >= static_cast<qsizetype>(RecordSize); at += RecordSize) {
            const auto* p = reinterpret_cast<const std::byte*>(s.pending.constData() + at);
            const std::uint32_t client = getBe32(p);
            const std::uint32_t seq = getBe32(p + 4);
            if (s.client < 0)
                s.client = client;
            if (client != s.client || seq != s.next) {
                if (failures.size() < 10)
                    failures.push_back("connection " + std::to_string(id) + ": got record (" + std::to_string(client)
                        + ", " + std::to_string(seq) + "), expected (" + std::to_string(s.client) + ", "
                        + std::to_string(s.next) + ")");
                s.next = seq;
            }
            ++s.next;
            ++records;
        }
        s.pending.remove(0, at);
    }
    void close(quint64 id)
    {
        const auto it = streams.find(id);
        if (it == streams.end() || it->second.closed) {
            failures.push_back("close of connection " + std::to_string(id) + " without open");
            return;
        }
        it->second.closed = true;
        ++closed;
    }
};

std::vector<std::byte> makeRecords(std::uint32_t client, std::size_t count)
{
    std::vector<std::byte> out(count * RecordSize);
    for (std::size_t i = 0; i < count; ++i) {
        putBe32(out.data() + i * RecordSize, client);
        putBe32(out.data() + i * RecordSize + 4, static_cast<std::uint32_t>(i));
    }
    return out;
}

// A Gate holds whoever waits on it until open() (or its destruction, so that a failed check
// never leaves a thread parked).
struct Gate {
    std::promise<void> p;
    std::shared_future<void> opened = p.get_future().share();
    bool done = false;
    void open()
    {
        if (!std::exchange(done, true))
            p.set_value();
    }
    ~Gate() { open(); }
};

// readingPausedAt: the engine's only connection has paused reading; bytesIn is what it had read.
bool readingPausedAt(qgnet::Engine& engine, std::uint64_t& bytesIn)
{
    const qgnet::EngineSnapshot snap = engine.snapshot();
    if (snap.connections.size() != 1 || !snap.connections[0].readingPaused)
        return false;
    bytesIn = snap.connections[0].bytesIn;
    return true;
}

// holdLoopAndFillQueue parks loop 0 in a task until gate opens, then fills its task queue, so the
// next resume meets Errc::QueueFull. Returns what went wrong, or an empty string.
std::string holdLoopAndFillQueue(qgnet::Engine& engine, const Gate& gate)
{
    std::atomic<bool> held{false};
    if (const std::error_code ec = engine.execute(0, [&held, opened = gate.opened] {
            held = true;
            opened.wait();
        }))
        return "execute: " + ec.message();
    if (!waitFor([&] { return held.load(); }, 10s))
        return "the loop did not run the holding task";
    int queued = 0;
    for (std::error_code ec; (ec = engine.execute(0, [] {})) != qgnet::Errc::QueueFull; ++queued)
        if (ec)
            return "execute: " + ec.message();
    return queued > 0 ? std::string() : "the task queue took nothing";
}

} // namespace

class TestQtBridge : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    // No descriptor, thread or qgnet object may outlive a test function.
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }

    void millionRecordsInOrder();
    void echoFromQtThread();
    void writeAndCloseById();
    void stopDeliversEveryClose();
    void startFailureIsReported();
    void trafficHandlerWithoutDelivery();
    void trafficHandlerAndDeliveryTogether();
    void udpDatagramsAreDelivered();
    void engineEventLogDropsInsteadOfBlocking();
    void tickedFollowsTickInterval();
    void clientDialsAndReceives();
    void clientDialFailure();
    void resumeSurvivesAFullLoopQueue();
    void serverMovedToAnotherThread();
    void descriptorLimitIsAnErrorNotAnAbort();
    void udpFloodIsBoundedByDeliveryLimit();
};

// 4 loops, 16 connections sending numbered records: every record reaches the Qt thread once, in
// order per connection, between connectionOpened and connectionClosed. 1 KiB reads make thousands
// of dataReceived signals; a 16 KiB deliveryLimit makes the loops pause reading while the Qt
// thread catches up.
void TestQtBridge::millionRecordsInOrder()
{
    const int connections = 16;
    const std::size_t total = scaled(1'000'000, 16'000);
    const std::size_t perConnection = total / connections;

    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options = server.options();
    options.numEventLoop = 4;
    options.readBufferCap = 1024; // small reads: many data events per connection, many batches
    server.setOptions(options);
    server.setDeliverData(true);
    server.setDeliveryLimit(16 * 1024);
    RecordChecker checker;
    // Which peer port each connection id has, and which local port each client had: every client's
    // records must arrive under the id of its own connection, not merely under some id.
    std::map<quint64, quint16> peerPortOf;
    std::vector<std::atomic<int>> clientPort(connections);
    connect(&server, &qgnet::QtServer::connectionOpened, this, [&](const qgnet::QtConnection& c) {
        checker.opened(c.id());
        peerPortOf[c.id()] = c.peerPort();
    });
    connect(&server, &qgnet::QtServer::dataReceived, this,
        [&](const qgnet::QtConnection& c, const QByteArray& d) { checker.data(c.id(), d); });
    connect(&server, &qgnet::QtServer::connectionClosed, this, [&](quint64 id, const QString&) { checker.close(id); });
    QVERIFY(server.start());
    const std::string url = server.boundUrls().value(0).toStdString();

    GatedThreads clients(connections, [&](int index, const std::string& target, std::string& failure) {
        const Deadline deadline = deadlineIn(60s);
        Fd fd = connectUrl(target, deadline, failure);
        if (!fd)
            return;
        clientPort[static_cast<std::size_t>(index)] = localPort(fd.get());
        const std::vector<std::byte> records = makeRecords(static_cast<std::uint32_t>(index), perConnection);
        if (!sendAll(fd.get(), records, deadline, failure))
            return;
        ::shutdown(fd.get(), SHUT_WR);
        waitForEnd(fd.get(), deadline, failure); // the server closes once it has read everything
    });
    // The server closes a connection when its peer has shut down writing (read returns 0).
    clients.release(url);
    QTRY_COMPARE_WITH_TIMEOUT(checker.closed, static_cast<std::size_t>(connections), 90000);
    QGNET_VERIFY_NO_FAILURES(clients.join());
    QGNET_VERIFY_NO_FAILURES(checker.failures);
    QCOMPARE(checker.records, perConnection * connections);
    QCOMPARE(checker.streams.size(), static_cast<std::size_t>(connections));
    std::set<std::int64_t> clientsSeen;
    for (const auto& [id, stream] : checker.streams) {
        QCOMPARE(stream.next, static_cast<std::uint32_t>(perConnection));
        QVERIFY(stream.pending.isEmpty());
        QVERIFY2(stream.client >= 0 && stream.client < connections, std::to_string(stream.client).c_str());
        clientsSeen.insert(stream.client);
        QCOMPARE(int(peerPortOf[id]), clientPort[static_cast<std::size_t>(stream.client)].load());
    }
    QCOMPARE(clientsSeen.size(), static_cast<std::size_t>(connections)); // each client's stream exactly once
    QCOMPARE(server.connectionCount(), 0);
    qInfo("%zu records in %zu dataReceived signals", checker.records, checker.dataEvents);
    server.stop();
}

void TestQtBridge::echoFromQtThread()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    server.setDeliverData(true);
    connect(&server, &qgnet::QtServer::dataReceived, this,
        [](const qgnet::QtConnection& c, const QByteArray& d) { QVERIFY(c.write(d)); });
    QVERIFY(server.start());
    const std::string url = server.boundUrls().value(0).toStdString();
    GatedThreads clients(4, [&](int index, const std::string& target, std::string& failure) {
        const Deadline deadline = deadlineIn(30s);
        Fd fd = connectUrl(target, deadline, failure);
        if (!fd)
            return;
        Rng rng(seedFor("echoFromQtThread", static_cast<std::uint64_t>(index)));
        for (int i = 0; i < 20 && failure.empty(); ++i)
            echoRoundTrip(fd.get(), randomBytes(rng, randomSize(rng, 1, 200'000)), deadline, failure);
    });
    clients.release(url);
    // Wait on the Qt thread (the echo runs through it) until every client has finished.
    std::vector<std::string> failures;
    std::atomic<bool> joined{false};
    std::thread joiner([&] {
        failures = clients.join();
        joined = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(joined.load(), 60000);
    joiner.join();
    QGNET_VERIFY_NO_FAILURES(failures);
    server.stop();
}

void TestQtBridge::writeAndCloseById()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
    QSignalSpy closed(&server, &qgnet::QtServer::connectionClosed);
    QVERIFY(server.start());
    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    QTRY_COMPARE(opened.size(), 1);
    const auto connection = opened.at(0).at(0).value<qgnet::QtConnection>();
    QVERIFY(connection.isValid());
    QCOMPARE(connection.protocol(), QStringLiteral("tcp"));
    QCOMPARE(connection.peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server.connectionCount(), 1);
    QVERIFY(server.write(connection.id(), "hello"));
    std::vector<std::byte> got;
    QVERIFY2(recvExact(fd.get(), got, 5, deadlineIn(10s), err), err.c_str());
    QCOMPARE(qba(got), QByteArray("hello"));
    QVERIFY(server.closeConnection(connection.id()));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toULongLong(), connection.id());
    QVERIFY(!closed.at(0).at(1).toString().isEmpty()); // closed by the handler: a reason
    QCOMPARE(waitForEnd(fd.get(), deadlineIn(10s), err), ReadEnd::Eof);
    QCOMPARE(server.connectionCount(), 0);
    QVERIFY(!server.write(connection.id(), "late")); // unknown id now
    connection.write("late");                        // queued, then dropped on the loop: harmless
    server.stop();
    QVERIFY(!connection.write("after stop")); // the engine is gone: refused at once
}

void TestQtBridge::stopDeliversEveryClose()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(3);
    QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
    QVERIFY(server.start());
    std::vector<Fd> fds;
    std::string err;
    for (int i = 0; i < 10; ++i) {
        fds.push_back(connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err));
        QVERIFY2(fds.back(), err.c_str());
    }
    QTRY_COMPARE(opened.size(), 10);
    int closedBeforeStopped = 0;
    bool stoppedSeen = false;
    connect(&server, &qgnet::QtServer::connectionClosed, this, [&] {
        if (!stoppedSeen)
            ++closedBeforeStopped;
    });
    connect(&server, &qgnet::QtServer::stopped, this, [&] { stoppedSeen = true; });
    server.stop();
    QVERIFY(stoppedSeen);
    QCOMPARE(closedBeforeStopped, 10);
    QCOMPARE(server.connectionCount(), 0);
    QVERIFY(!server.isRunning());
    QVERIFY(server.engine() == nullptr);
}

void TestQtBridge::startFailureIsReported()
{
    qgnet::QtServer server;
    QSignalSpy errors(&server, &qgnet::QtServer::errorOccurred);
    QVERIFY(!server.start()); // no address
    server.setListenAddresses({QStringLiteral("bogus://nowhere")});
    QVERIFY(!server.start());
    QCOMPARE(errors.size(), 2);
    QVERIFY(server.errorString().contains(QStringLiteral("bogus")));
    QVERIFY(!server.isRunning());
}

void TestQtBridge::trafficHandlerWithoutDelivery()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setTrafficHandler([](qgnet::Conn& c) {
        c.write(c.next()); // echo on the loop thread
        return qgnet::Action::None;
    });
    QSignalSpy data(&server, &qgnet::QtServer::dataReceived);
    QVERIFY(server.start());
    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    QVERIFY2(echoRoundTrip(fd.get(), std::string_view("loop thread echo"), deadlineIn(10s), err), err.c_str());
    QTest::qWait(0);
    QCOMPARE(data.size(), 0);
    server.stop();
}

// A handler that consumes only whole 4-byte frames (leaving partial ones buffered) and data delivery
// at once: the Qt thread still gets every byte exactly once, in order.
void TestQtBridge::trafficHandlerAndDeliveryTogether()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setDeliverData(true);
    std::atomic<std::size_t> frames{0};
    server.setTrafficHandler([&frames](qgnet::Conn& c) {
        while (c.inboundBuffered() >= 4) {
            c.discard(4);
            ++frames;
        }
        return qgnet::Action::None;
    });
    QByteArray delivered;
    connect(&server, &qgnet::QtServer::dataReceived, this,
        [&](const qgnet::QtConnection&, const QByteArray& d) { delivered += d; });
    QVERIFY(server.start());
    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    Rng rng(seedFor("trafficHandlerAndDeliveryTogether"));
    const std::vector<std::byte> payload = randomBytes(rng, 400'003); // ends in a partial frame
    std::size_t sent = 0;
    while (sent < payload.size()) { // odd-sized pieces, so frames straddle reads
        const std::size_t n = std::min(randomSize(rng, 1, 7000), payload.size() - sent);
        QVERIFY2(sendAll(fd.get(), ConstBytes(payload.data() + sent, n), deadlineIn(10s), err), err.c_str());
        sent += n;
    }
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), static_cast<qsizetype>(payload.size()), 30000);
    QCOMPARE(delivered, qba(payload));
    // The bridge queues a read for the Qt thread before the traffic handler sees it, so the last
    // frames may still be counting on the loop when the Qt thread has every byte (seen under ASan).
    QTRY_COMPARE_WITH_TIMEOUT(frames.load(), payload.size() / 4, 10000);
    server.stop();
}

// UDP has no connections to open or close: each datagram arrives as dataReceived, and the reply
// goes back through the QtConnection it came with.
void TestQtBridge::udpDatagramsAreDelivered()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("udp://127.0.0.1:0")});
    server.setDeliverData(true);
    QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
    QList<QByteArray> datagrams;
    connect(&server, &qgnet::QtServer::dataReceived, this, [&](const qgnet::QtConnection& c, const QByteArray& d) {
        datagrams << d;
        QCOMPARE(c.protocol(), QStringLiteral("udp"));
        c.write(d.toUpper());
    });
    QVERIFY(server.start());
    const quint16 port = static_cast<quint16>(QUrl(server.boundUrls().value(0)).port());
    // A plain socket, not QUdpSocket: Qt's system-proxy lookup would start threads TSan cannot follow.
    std::string err;
    Fd client = udpSocket(AF_INET, err);
    QVERIFY2(client, err.c_str());
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::string_view text : {"one", "two", "three"}) {
        QVERIFY2(sendDatagram(client.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to, qgnet::asBytes(text),
                     deadlineIn(10s), err),
            err.c_str());
    }
    QTRY_COMPARE(datagrams.size(), 3);
    QCOMPARE(datagrams, (QList<QByteArray>{"one", "two", "three"}));
    QList<QByteArray> replies;
    for (int i = 0; i < 3; ++i) { // the Qt thread has answered already: only the loop sends now
        std::vector<std::byte> reply;
        QVERIFY2(recvDatagram(client.get(), reply, deadlineIn(10s), err), err.c_str());
        replies << qba(reply);
    }
    QCOMPARE(replies, (QList<QByteArray>{"ONE", "TWO", "THREE"}));
    QCOMPARE(opened.size(), 0);
    server.stop();
}

// The engine's event logs are bounded and lossy: with a tiny capacity, opening many connections
// reports dropped events instead of blocking or growing, while the bridge still delivers every open.
void TestQtBridge::engineEventLogDropsInsteadOfBlocking()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options = server.options();
    options.numEventLoop = 2;
    options.eventLogCapacity = 4;
    options.decisionLogCapacity = 4;
    server.setOptions(options);
    QSignalSpy opened(&server, &qgnet::QtServer::connectionOpened);
    QVERIFY(server.start());
    std::vector<Fd> fds;
    std::string err;
    for (int i = 0; i < 40; ++i) {
        fds.push_back(connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err));
        QVERIFY2(fds.back(), err.c_str());
    }
    QTRY_COMPARE(opened.size(), 40);
    const qgnet::EngineSnapshot snapshot = server.engine()->snapshot();
    // Round robin puts 20 opens on each loop, more than its 4 slots: each loop keeps exactly 4.
    QCOMPARE(snapshot.events.size(), std::size_t{4 * 2});
    QCOMPARE(snapshot.events.size() + snapshot.eventsDropped, std::size_t{40});
    // Oldest dropped first: the newest event (sequence 40) is kept, and what is kept is in order.
    std::uint64_t newest = 0;
    for (const qgnet::EngineEvent& e : snapshot.events) {
        QVERIFY(e.kind == qgnet::EngineEvent::Kind::Opened);
        QVERIFY2(e.sequence > newest, "events not oldest first");
        newest = e.sequence;
    }
    QCOMPARE(newest, std::uint64_t{40});
    QCOMPARE(snapshot.decisions.size(), std::size_t{4});
    QCOMPARE(snapshot.decisionsDropped, std::uint64_t{36});
    // The decision log keeps the last 4 of the 40 decisions, 37..40, oldest first.
    for (std::size_t i = 0; i < snapshot.decisions.size(); ++i)
        QCOMPARE(snapshot.decisions[i].sequence, std::uint64_t{37 + i});
    server.stop();
}

void TestQtBridge::tickedFollowsTickInterval()
{
    // The engine ticks first at start, then never earlier than the interval; the bridge may coalesce
    // ticks but never adds any. So the k-th ticked() comes at least (k-1) intervals after start().
    // A second server with tickInterval 0 (disabled) runs meanwhile and must not tick at all.
    constexpr int kIntervalMs = 100;
    constexpr int kTicks = 5;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setTickInterval(kIntervalMs);
    QCOMPARE(server.tickInterval(), kIntervalMs);
    qgnet::QtServer silent;
    silent.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QCOMPARE(silent.tickInterval(), 0);
    QSignalSpy silentTicks(&silent, &qgnet::QtServer::ticked);
    QVERIFY(silent.start());

    QElapsedTimer sinceStart;
    std::vector<qint64> at; // ms after start() of each ticked()
    connect(&server, &qgnet::QtServer::ticked, this, [&] { at.push_back(sinceStart.elapsed()); });
    sinceStart.start();
    QVERIFY(server.start());
    QTRY_VERIFY_WITH_TIMEOUT(at.size() >= std::size_t(kTicks), 30000);
    server.stop();
    for (std::size_t k = 1; k < at.size(); ++k)
        QVERIFY2(at[k] >= qint64(k) * kIntervalMs,
            qPrintable(QStringLiteral("ticked() #%1 came %2 ms after start, before %3 intervals of %4 ms")
                           .arg(k + 1)
                           .arg(at[k])
                           .arg(k)
                           .arg(kIntervalMs)));
    QCOMPARE(silentTicks.size(), 0);
    silent.stop();
}

void TestQtBridge::clientDialsAndReceives()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0"),
        QStringLiteral("unix://%1/s.sock")
            .arg(QDir::tempPath() + QStringLiteral("/qgnet-tst-")
                + QString::number(QCoreApplication::applicationPid()))});
    server.setTrafficHandler([](qgnet::Conn& c) {
        c.write(c.next());
        return qgnet::Action::None;
    });
    QDir().mkpath(
        QDir::tempPath() + QStringLiteral("/qgnet-tst-") + QString::number(QCoreApplication::applicationPid()));
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    qgnet::QtClient client;
    client.setLoops(2);
    QSignalSpy connected(&client, &qgnet::QtClient::connected);
    QSignalSpy disconnected(&client, &qgnet::QtClient::disconnected);
    QByteArray received[2];
    connect(&client, &qgnet::QtClient::dataReceived, this, [&](const qgnet::QtConnection& c, const QByteArray& d) {
        for (int i = 0; i < connected.size(); ++i) {
            if (connected.at(i).at(1).value<qgnet::QtConnection>().id() == c.id())
                received[connected.at(i).at(0).toInt() - 1] += d;
        }
    });
    const int first = client.dial(server.boundUrls().value(0));
    const int second = client.dial(server.boundUrls().value(1));
    QCOMPARE(first, 1);
    QCOMPARE(second, 2);
    QTRY_COMPARE(connected.size(), 2);
    const QByteArray payload(300'000, 'x');
    for (int i = 0; i < 2; ++i)
        QVERIFY(connected.at(i).at(1).value<qgnet::QtConnection>().write(payload));
    QTRY_COMPARE_WITH_TIMEOUT(received[0].size(), payload.size(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(received[1].size(), payload.size(), 30000);
    QCOMPARE(received[0], payload);
    QCOMPARE(received[1], payload);
    client.stop();
    QCOMPARE(disconnected.size(), 2);
    server.stop();
    QDir(QDir::tempPath() + QStringLiteral("/qgnet-tst-") + QString::number(QCoreApplication::applicationPid()))
        .removeRecursively();
}

void TestQtBridge::clientDialFailure()
{
    qgnet::QtClient client;
    QSignalSpy failed(&client, &qgnet::QtClient::dialFailed);
    // A port nobody listens on: bind one, note it, close it.
    std::uint16_t port = 0;
    {
        qgnet::QtServer probe;
        probe.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
        QVERIFY(probe.start());
        port = static_cast<std::uint16_t>(QUrl(probe.boundUrls().value(0)).port());
        probe.stop();
    }
    const int request = client.dial(QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    const int bad = client.dial(QStringLiteral("nonsense://"));
    QTRY_COMPARE(failed.size(), 2);
    QSet<int> requests{failed.at(0).at(0).toInt(), failed.at(1).at(0).toInt()};
    QCOMPARE(requests, (QSet<int>{request, bad}));
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    client.stop();
}

// A connection paused for backpressure is resumed through its loop's task queue. If that queue is
// full at that moment (Errc::QueueFull), the bridge must try again instead of leaving the connection
// paused with nothing left to deliver. Here the loop is held inside a task while its 16-entry queue
// is filled, so the Qt thread's resume meets a full queue for certain; once the loop is let go,
// every byte must arrive.
void TestQtBridge::resumeSurvivesAFullLoopQueue()
{
    constexpr std::size_t kRecords = 8192; // 64 KiB: fits the socket buffers, so one sendAll suffices
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options = server.options();
    options.numEventLoop = 1;
    options.readBufferCap = 1024;
    options.taskQueueCapacity = 16;
    server.setOptions(options);
    server.setDeliverData(true);
    server.setDeliveryLimit(4 * 1024);
    RecordChecker checker;
    std::size_t delivered = 0;
    connect(&server, &qgnet::QtServer::connectionOpened, this,
        [&](const qgnet::QtConnection& c) { checker.opened(c.id()); });
    connect(&server, &qgnet::QtServer::dataReceived, this, [&](const qgnet::QtConnection& c, const QByteArray& d) {
        delivered += static_cast<std::size_t>(d.size());
        checker.data(c.id(), d);
    });
    QVERIFY(server.start());
    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::vector<std::byte> payload = makeRecords(0, kRecords);
    QGNET_VERIFY_ERR(sendAll(fd.get(), payload, deadlineIn(10s), err), err);

    // The Qt event loop does not run here, so nothing is delivered yet: the loop reads past the
    // limit and pauses the connection.
    qgnet::Engine& engine = *server.engine();
    std::uint64_t readAtPause = 0;
    QGNET_WAIT_VERIFY(readingPausedAt(engine, readAtPause), 10000);
    QVERIFY(readAtPause < payload.size());

    // Hold the loop, then fill its task queue.
    Gate loopGate;
    const std::string held = holdLoopAndFillQueue(engine, loopGate);
    QVERIFY2(held.empty(), held.c_str());

    // The Qt thread delivers what was read; passing half the limit on the way, it resumes the
    // connection and meets the full queue.
    QTRY_COMPARE_WITH_TIMEOUT(delivered, static_cast<std::size_t>(readAtPause), 10000);
    loopGate.open();
    QTRY_COMPARE_WITH_TIMEOUT(delivered, payload.size(), 30000);
    QGNET_VERIFY_NO_FAILURES(checker.failures);
    QCOMPARE(checker.records, kRecords);
    server.stop();
}

// A QtServer moved to a worker QThread delivers there: its wake-up notifier and its resume-retry
// timer follow it. The backpressure round of resumeSurvivesAFullLoopQueue runs with the worker's
// event loop as the Qt side: the worker is held while the loop reads past the limit, the loop is
// held while its task queue is full, so the worker's resume meets QueueFull and must retry from
// its own thread. A notifier left on the test thread would never fire (nothing runs its events),
// and a timer left there refuses to start ("Timers cannot be started from another thread").
// As in qt.qt_inbox, nothing crosses threads through Qt's event queue (ThreadSanitizer cannot see
// the uninstrumented Qt's locks): the server moves before the worker starts, starts from the
// worker's started signal, and stops, is deleted and quits the worker from the worker itself.
void TestQtBridge::serverMovedToAnotherThread()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("another thread")));
    constexpr std::size_t kRecords = 8192;
    QThread worker;
    const auto stopWorker = qScopeGuard([&worker] { // only when a check failed half-way
        if (worker.isRunning()) {
            worker.quit();
            worker.wait();
        }
    });
    Gate workerGate, loopGate;

    auto* server = new qgnet::QtServer;
    server->setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    qgnet::Options options = server->options();
    options.numEventLoop = 1;
    options.readBufferCap = 1024;
    options.taskQueueCapacity = 16;
    server->setOptions(options);
    server->setDeliverData(true);
    server->setDeliveryLimit(4 * 1024);
    const std::size_t total = kRecords * RecordSize;
    RecordChecker checker; // used on the worker only, read here once it has finished
    std::atomic<std::size_t> delivered{0};
    std::atomic<int> wrongThread{0};
    std::atomic<bool> started{false};
    std::atomic<bool> startedOk{false};
    std::atomic<bool> finished{false};
    connect(server, &qgnet::QtServer::connectionOpened, server, [&](const qgnet::QtConnection& c) {
        wrongThread += QThread::currentThread() != &worker;
        checker.opened(c.id());
    });
    connect(server, &qgnet::QtServer::dataReceived, server,
        [&, server](const qgnet::QtConnection& c, const QByteArray& d) {
            wrongThread += QThread::currentThread() != &worker;
            checker.data(c.id(), d);
            if ((delivered += static_cast<std::size_t>(d.size())) == total) {
                QTimer::singleShot(0, [server, &finished] { // on the worker, outside the server's signal
                    server->stop();
                    delete server;
                    QThread::currentThread()->quit();
                    finished = true;
                });
            }
        });
    // Start on the worker, then hold it: nothing is delivered while the loop reads past the limit.
    connect(&worker, &QThread::started, server, [&, server, held = workerGate.opened] {
        startedOk = server->start();
        started = true;
        held.wait();
    });
    server->moveToThread(&worker);
    worker.start();
    QGNET_WAIT_VERIFY(started.load(), 10000);
    QVERIFY(startedOk.load());

    std::string err;
    Fd fd = connectUrl(server->boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::vector<std::byte> payload = makeRecords(0, kRecords);
    QGNET_VERIFY_ERR(sendAll(fd.get(), payload, deadlineIn(10s), err), err);
    qgnet::Engine& engine = *server->engine();
    std::uint64_t readAtPause = 0;
    QGNET_WAIT_VERIFY(readingPausedAt(engine, readAtPause), 10000);
    QVERIFY(readAtPause < total);

    // Hold the loop and fill its task queue; the worker delivers what was read, and its resume
    // meets the full queue on the way. Then free the loop: the retry on the worker resumes it.
    const std::string held = holdLoopAndFillQueue(engine, loopGate);
    QVERIFY2(held.empty(), held.c_str());
    workerGate.open();
    QGNET_WAIT_COMPARE(delivered.load(), static_cast<std::size_t>(readAtPause), 10000);
    loopGate.open();
    QGNET_WAIT_COMPARE(delivered.load(), total, 30000);
    QGNET_WAIT_VERIFY(finished.load(), 10000);
    QVERIFY(worker.wait());
    QCOMPARE(wrongThread.load(), 0);
    QGNET_VERIFY_NO_FAILURES(checker.failures);
    QCOMPARE(checker.records, kRecords);
}

// At the descriptor limit a QtServer cannot make its wake-up eventfd. That is an error that start()
// reports (false, errorOccurred), not a qFatal that aborts the application; once descriptors are
// free again, the same server starts.
void TestQtBridge::descriptorLimitIsAnErrorNotAnAbort()
{
    rlimit saved{};
    QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    std::vector<Fd> filler;
    const auto restore = qScopeGuard([&] {
        filler.clear();
        ::setrlimit(RLIMIT_NOFILE, &saved);
    });
    rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(countOpenFds() + 16);
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
    for (int fd = ::eventfd(0, EFD_CLOEXEC); fd >= 0; fd = ::eventfd(0, EFD_CLOEXEC))
        filler.emplace_back(fd);
    QCOMPARE(errno, EMFILE);

    auto server = std::make_unique<qgnet::QtServer>();
    QSignalSpy errors(server.get(), &qgnet::QtServer::errorOccurred);
    server->setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY(!server->start());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(server->errorString().contains(QString::fromLocal8Bit(std::strerror(EMFILE))),
        qPrintable(server->errorString()));
    QVERIFY(!server->isRunning());

    filler.clear();
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &saved) == 0);
    QVERIFY2(server->start(), qPrintable(server->errorString()));
    std::string err;
    Fd fd = connectUrl(server->boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    QTRY_COMPARE(server->connectionCount(), 1);
    server->stop();
}

// UDP datagrams have no connection to pause: while the Qt thread is blocked they must not queue
// without bound. Past deliveryLimit bytes waiting, a datagram is dropped and counted instead.
void TestQtBridge::udpFloodIsBoundedByDeliveryLimit()
{
    constexpr int Datagrams = 2000;
    constexpr int Size = 1000;
    constexpr int Limit = 64 * 1024;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("udp://127.0.0.1:0")});
    server.setDeliverData(true);
    server.setDeliveryLimit(Limit);
    std::atomic<int> seen{0}; // counted on the loop thread, which the blocked Qt thread does not hold up
    server.setTrafficHandler([&seen](qgnet::Conn& c) {
        c.discard(c.inboundBuffered());
        ++seen;
        return qgnet::Action::None;
    });
    qint64 deliveredBytes = 0;
    int delivered = 0;
    connect(&server, &qgnet::QtServer::dataReceived, this, [&](const qgnet::QtConnection&, const QByteArray& d) {
        deliveredBytes += d.size();
        ++delivered;
    });
    QVERIFY(server.start());
    const quint16 port = static_cast<quint16>(QUrl(server.boundUrls().value(0)).port());
    std::string err;
    Fd client = udpSocket(AF_INET, err);
    QVERIFY2(client, err.c_str());
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string payload(Size, 'u');
    // The Qt thread runs no events from here until the flood is over: as if it were busy.
    for (int i = 0; i < Datagrams; ++i) {
        QVERIFY2(sendDatagram(client.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to, qgnet::asBytes(payload),
                     deadlineIn(10s), err),
            err.c_str());
        // Paced by the loop, so that the kernel's socket buffer never drops one.
        QGNET_WAIT_COMPARE(seen.load(), i + 1, 10000);
    }
    QTRY_COMPARE(delivered + static_cast<int>(server.droppedDatagrams()), Datagrams);
    QVERIFY2(deliveredBytes <= Limit + Size, qPrintable(QString::number(deliveredBytes)));
    QVERIFY(server.droppedDatagrams() > 0);
    // Once the Qt thread has caught up, datagrams are delivered again.
    QVERIFY2(sendDatagram(client.get(), reinterpret_cast<const sockaddr*>(&to), sizeof to, qgnet::asBytes(payload),
                 deadlineIn(10s), err),
        err.c_str());
    const quint64 dropped = server.droppedDatagrams();
    QTRY_COMPARE(delivered + static_cast<int>(dropped), Datagrams + 1);
    QCOMPARE(server.droppedDatagrams(), dropped);
    server.stop();
}

QGNET_TEST_MAIN(TestQtBridge)
#include "tst_qt_bridge.moc"
