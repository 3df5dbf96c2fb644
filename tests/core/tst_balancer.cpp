// SPDX-License-Identifier: Apache-2.0
// Load balancing in the main-reactor topology with 4 loops: round robin, least connections and
// source-address hash, checked through Conn::loopIndex() and Engine::connectionsPerLoop().
#include <QTest>

#include <map>
#include <set>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kLoops = 4;

std::vector<int> loopsOf(const std::vector<OpenRecord>& opens)
{
    std::vector<int> out;
    for (const auto& o : opens)
        out.push_back(o.loop);
    return out;
}

QByteArray show(const std::vector<int>& v)
{
    QByteArray s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? "," : "") + QByteArray::number(v[i]);
    return s + "]";
}

int sum(const std::vector<int>& v)
{
    int s = 0;
    for (const int x : v)
        s += x;
    return s;
}

} // namespace

class TestBalancer : public EngineTestCase {
    Q_OBJECT

private slots:
    void roundRobin();
    void leastConnections();
    void sourceAddrHash();
    void clientSpreadsDials_data();
    void clientSpreadsDials();

private:
    /// connectOne connects a client and waits until the engine has registered it (onOpen ran and the
    /// per-loop counts include it), so the next accept sees up-to-date counts.
    bool connectOne(qgnet::Engine& engine, RecordingHandler& h, std::vector<Fd>& clients, std::string& err,
        const char* bindIp = nullptr);
};

bool TestBalancer::connectOne(qgnet::Engine& engine, RecordingHandler& h, std::vector<Fd>& clients, std::string& err,
    const char* bindIp)
{
    const int before = h.opened.load();
    const int live = engine.countConnections();
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, bindIp);
    if (!c)
        return false;
    clients.push_back(std::move(c));
    if (!waitFor([&] { return h.opened.load() == before + 1; }, 10s)) {
        err = "onOpen did not run for the new connection";
        return false;
    }
    if (!waitFor([&] { return sum(engine.connectionsPerLoop()) == live + 1; }, 10s)) {
        err = "connectionsPerLoop() does not count the new connection: "
            + show(engine.connectionsPerLoop()).toStdString();
        return false;
    }
    return true;
}

void TestBalancer::roundRobin()
{
    constexpr int kConns = 40;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    o.lb = qgnet::LoadBalancing::RoundRobin;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;
    for (int i = 0; i < kConns; ++i)
        QGNET_VERIFY_ERR(connectOne(engine, h, clients, err), err);

    const auto loops = loopsOf(h.opens());
    QCOMPARE(static_cast<int>(loops.size()), kConns);
    std::vector<int> perLoop(kLoops, 0);
    for (const int l : loops) {
        QVERIFY2(l >= 0 && l < kLoops, show(loops).constData());
        ++perLoop[static_cast<std::size_t>(l)];
    }
    QCOMPARE(show(perLoop), show({10, 10, 10, 10}));
    QCOMPARE(show(engine.connectionsPerLoop()), show({10, 10, 10, 10}));
    // "In turn": the first four are distinct, then the pattern repeats.
    QCOMPARE(static_cast<int>(std::set<int>(loops.begin(), loops.begin() + kLoops).size()), kLoops);
    for (int i = kLoops; i < kConns; ++i)
        QVERIFY2(loops[static_cast<std::size_t>(i)] == loops[static_cast<std::size_t>(i - kLoops)],
            show(loops).constData());

    // Every connection serves traffic on its loop.
    for (auto& c : clients)
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "rr", deadlineIn(10s), err), err);
    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    QCOMPARE(show(engine.connectionsPerLoop()), show({0, 0, 0, 0}));
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestBalancer::leastConnections()
{
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    o.lb = qgnet::LoadBalancing::LeastConnections;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;
    // Ties go to the lowest index, so 8 sequential connections fill the loops 0,1,2,3,0,1,2,3.
    for (int i = 0; i < 8; ++i)
        QGNET_VERIFY_ERR(connectOne(engine, h, clients, err), err);
    QCOMPARE(show(loopsOf(h.opens())), show({0, 1, 2, 3, 0, 1, 2, 3}));
    QCOMPARE(show(engine.connectionsPerLoop()), show({2, 2, 2, 2}));

    // Close both connections of loop 2 (clients 2 and 6).
    clients[2].reset();
    clients[6].reset();
    QGNET_WAIT_COMPARE(show(engine.connectionsPerLoop()), show({2, 2, 0, 2}), 10000);

    // The next two go to the emptiest loop, 2; then all are even again and the tie goes to loop 0.
    for (int i = 0; i < 3; ++i)
        QGNET_VERIFY_ERR(connectOne(engine, h, clients, err), err);
    const auto loops = loopsOf(h.opens());
    QCOMPARE(show(std::vector<int>(loops.begin() + 8, loops.end())), show({2, 2, 0}));
    QCOMPARE(show(engine.connectionsPerLoop()), show({3, 2, 2, 2}));

    // Empty loop 1 (clients 1 and 5): the next goes to loop 1.
    clients[1].reset();
    clients[5].reset();
    QGNET_WAIT_COMPARE(show(engine.connectionsPerLoop()), show({3, 0, 2, 2}), 10000);
    QGNET_VERIFY_ERR(connectOne(engine, h, clients, err), err);
    QCOMPARE(h.opens().back().loop, 1);

    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestBalancer::sourceAddrHash()
{
    constexpr int kSources = 16;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    o.lb = qgnet::LoadBalancing::SourceAddrHash;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    std::vector<Fd> clients;

    // Every connection from 127.0.0.1 (different source ports) lands on one loop.
    for (int i = 0; i < 12; ++i)
        QGNET_VERIFY_ERR(connectOne(engine, h, clients, err), err);
    const auto localLoops = loopsOf(h.opens());
    QCOMPARE(static_cast<int>(std::set<int>(localLoops.begin(), localLoops.end()).size()), 1);
    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);

    // Different source IPs (any 127/8 address works on loopback), two passes: the same source maps
    // to the same loop every time, and the sources spread over more than one loop.
    std::map<std::string, int> firstPass;
    for (int pass = 0; pass < 2; ++pass) {
        for (int s = 0; s < kSources; ++s) {
            const std::string ip = "127.0.0." + std::to_string(2 + s);
            QGNET_VERIFY_ERR(connectOne(engine, h, clients, err, ip.c_str()), ip + ": " + err);
            const OpenRecord rec = h.opens().back();
            QCOMPARE(QByteArray::fromStdString(rec.remoteIp), QByteArray::fromStdString(ip));
            if (pass == 0)
                firstPass[ip] = rec.loop;
            else
                QVERIFY2(firstPass[ip] == rec.loop,
                    (ip + " went to loop " + std::to_string(firstPass[ip]) + " and then to loop "
                        + std::to_string(rec.loop))
                        .c_str());
        }
        if (pass == 0) {
            clients.clear(); // the second pass must not depend on what is open
            QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
        }
    }
    std::set<int> used;
    for (const auto& [ip, loop] : firstPass)
        used.insert(loop);
    QVERIFY2(used.size() > 1, "16 different source addresses all hashed to one loop");

    clients.clear();
    QGNET_WAIT_COMPARE(engine.countConnections(), 0, 10000);
    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
}

void TestBalancer::clientSpreadsDials_data()
{
    QTest::addColumn<int>("policy");
    QTest::newRow("rr") << static_cast<int>(qgnet::LoadBalancing::RoundRobin);
    QTest::newRow("lc") << static_cast<int>(qgnet::LoadBalancing::LeastConnections);
    QTest::newRow("sah") << static_cast<int>(qgnet::LoadBalancing::SourceAddrHash);
}

// A Client's dials (and enrolls) have no source address to hash: under every policy, 8 sequential
// dials over 4 loops use every loop twice (source-address hashing spreads them like round robin;
// it used to put every one on loop 0).
void TestBalancer::clientSpreadsDials()
{
    QFETCH(int, policy);
    EchoHandler server;
    TestServer echoServer;
    QVERIFY2(echoServer.start(server, "tcp"), echoServer.error());
    qgnet::Engine& engine = echoServer.engine();
    std::string err;
    const std::string url = "tcp://127.0.0.1:" + std::to_string(engine.listenAddresses().at(0).port());
    RecordingHandler h;
    qgnet::Client client = qgnet::Client::start(h,
        {.numEventLoop = kLoops, .lb = static_cast<qgnet::LoadBalancing>(policy)});
    std::vector<qgnet::ConnHandle> handles;
    for (int i = 0; i < 2 * kLoops; ++i) {
        std::error_code ec;
        handles.push_back(client.dialAndWait(url, 10s, ec));
        QVERIFY2(!ec, describe(ec).c_str());
        QGNET_WAIT_COMPARE(h.opened.load(), i + 1, 10000);
    }
    std::vector<int> perLoop(kLoops, 0);
    for (const int l : loopsOf(h.opens()))
        ++perLoop[static_cast<std::size_t>(l)];
    QCOMPARE(show(perLoop), show({2, 2, 2, 2}));
    client.stop();
    engine.stop();
}

QGNET_TEST_MAIN(TestBalancer)
#include "tst_balancer.moc"
