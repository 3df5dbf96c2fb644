// SPDX-License-Identifier: Apache-2.0
// Listeners: tcp6 and udp6 on ::1, a dual-stack listener (tcp:// with an empty host) reached over IPv4
// and IPv6, and the reuseport topology really binding one listener per loop.
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <set>

#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_udp.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// ipv6LoopbackMissing says why ::1 cannot be bound here ("" when it can): no IPv6 in the kernel, or
/// lo without ::1 (e.g. a container started with IPv6 disabled).
std::string ipv6LoopbackMissing()
{
    Fd fd(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd)
        return std::string("socket(AF_INET6): ") + std::strerror(errno);
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0)
        return std::string("bind([::1]:0): ") + std::strerror(errno);
    return {};
}

#define SKIP_WITHOUT_IPV6_LOOPBACK()                                                                                   \
    do {                                                                                                               \
        const std::string missing_ = ipv6LoopbackMissing();                                                            \
        if (!missing_.empty())                                                                                         \
            QSKIP(("no IPv6 loopback on this machine: " + missing_).c_str());                                          \
    } while (false)

/// listeningSocketsOn counts this process's listening TCP sockets bound to port: the descriptors in
/// /proc/self/fd that accept connections (SO_ACCEPTCONN) on that local port.
int listeningSocketsOn(std::uint16_t port)
{
    int n = 0;
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    const int own = ::dirfd(dir);
    while (const dirent* e = ::readdir(dir)) {
        const int fd = std::atoi(e->d_name);
        if (e->d_name[0] == '.' || fd == own)
            continue;
        if (isListeningSocket(fd) && localPort(fd) == port)
            ++n;
    }
    ::closedir(dir);
    return n;
}

/// UdpEcho echoes each datagram to its sender and records the sender's address.
class UdpEcho : public RecordingHandler {
public:
    std::mutex mu;
    std::vector<std::string> senders;
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        {
            std::lock_guard lock(mu);
            senders.push_back(c.remoteAddr().ip());
        }
        if (c.write(c.next()))
            ++writeErrors;
        return qgnet::Action::None;
    }
};

} // namespace

class TestListeners : public EngineTestCase {
    Q_OBJECT

private slots:
    void tcp6OnLoopback();
    void udp6OnLoopback();
    void dualStackTakesBothFamilies();
    void reusePortBindsOneListenerPerLoop_data();
    void reusePortBindsOneListenerPerLoop();
};

void TestListeners::tcp6OnLoopback()
{
    SKIP_WITHOUT_IPV6_LOOPBACK();
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp6"), server.error());
    QVERIFY2(server.url().starts_with("tcp6://[::1]:") && !server.url().ends_with(":0"), server.url().c_str());
    QCOMPARE(server.address().family(), AF_INET6);
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    std::string err;
    QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "over IPv6", deadlineIn(10s), err), err);
    const auto opens = h.opens();
    QCOMPARE(opens.size(), std::size_t(1));
    QCOMPARE(qba(opens[0].remoteIp), QByteArray("::1"));
    // IPV6_V6ONLY: the port is not reachable over IPv4.
    Fd v4 = connectTcp("127.0.0.1", server.port(), deadlineIn(10s), err);
    QVERIFY2(!v4.valid(), "a tcp6:// listener accepted an IPv4 connection");
}

void TestListeners::udp6OnLoopback()
{
    SKIP_WITHOUT_IPV6_LOOPBACK();
    UdpEcho h;
    TestServer server;
    QVERIFY2(server.start(h, "udp6"), server.error());
    QVERIFY2(server.url().starts_with("udp6://[::1]:"), server.url().c_str());
    Fd s = server.connectUdp();
    QVERIFY2(s.valid(), server.error());
    std::string err;
    const qgnet::SocketAddress to = server.address();
    QGNET_VERIFY_ERR(sendDatagram(s.get(), to.data(), to.size(), qgnet::asBytes("datagram over IPv6"), deadlineIn(10s),
                         err),
        err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(s.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(qba(got), QByteArray("datagram over IPv6"));
    std::lock_guard lock(h.mu);
    QCOMPARE(h.senders, std::vector<std::string>{"::1"});
}

void TestListeners::dualStackTakesBothFamilies()
{
    SKIP_WITHOUT_IPV6_LOOPBACK();
    EchoHandler h;
    TestServer server;
    // An empty host: one IPv6 socket on [::] that also takes IPv4 (IPV6_V6ONLY off).
    QVERIFY2(server.start(h, "tcp://:0"), server.error());
    QCOMPARE(server.address().family(), AF_INET6);
    std::string err;
    Fd v4 = connectTcp("127.0.0.1", server.port(), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(v4.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(v4.get(), "over IPv4", deadlineIn(10s), err), err);
    Fd v6 = connectTcp("::1", server.port(), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(v6.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(v6.get(), "over IPv6", deadlineIn(10s), err), err);
    std::set<std::string> remotes;
    for (const OpenRecord& r : h.opens())
        remotes.insert(r.remoteIp);
    QCOMPARE(remotes.size(), std::size_t(2));
    QVERIFY2(remotes.count("::1") == 1, joinLines({remotes.begin(), remotes.end()}).c_str());
    // The IPv4 peer shows as 127.0.0.1 or as its v4-mapped form, depending on how the address prints.
    QVERIFY2(remotes.count("127.0.0.1") + remotes.count("::ffff:127.0.0.1") == 1,
        joinLines({remotes.begin(), remotes.end()}).c_str());
}

void TestListeners::reusePortBindsOneListenerPerLoop_data()
{
    QTest::addColumn<bool>("reusePort");
    QTest::addColumn<int>("loops");
    QTest::newRow("reuseport, 4 loops") << true << 4;
    QTest::newRow("reuseport, 1 loop") << true << 1;
    QTest::newRow("acceptor, 4 loops") << false << 4;
}

void TestListeners::reusePortBindsOneListenerPerLoop()
{
    QFETCH(bool, reusePort);
    QFETCH(int, loops);
    RecordingHandler h;
    qgnet::Options o;
    o.numEventLoop = loops;
    o.reusePort = reusePort;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    // reuseport: each loop's own SO_REUSEPORT listener; acceptor: the acceptor thread's one.
    QCOMPARE(listeningSocketsOn(server.port()), reusePort ? loops : 1);

    // The kernel hashes each connection's 4-tuple onto one of the listeners. 64 connections over 4
    // loops leave one loop without any with probability below 4 * (3/4)^64 = 4e-8.
    std::vector<Fd> clients;
    std::string err;
    for (int i = 0; i < 64; ++i) {
        clients.push_back(server.connect());
        QVERIFY2(clients.back().valid(), server.error());
    }
    QGNET_WAIT_COMPARE(h.opened.load(), 64, 10000);
    std::vector<int> perLoop(std::size_t(loops), 0);
    for (const OpenRecord& r : h.opens())
        ++perLoop.at(std::size_t(r.loop));
    std::string spread;
    for (int n : perLoop)
        spread += std::to_string(n) + " ";
    for (int n : perLoop)
        QVERIFY2(n > 0, ("a loop got no connection: " + spread).c_str());
    clients.clear();
    QGNET_WAIT_COMPARE(h.closed.load(), 64, 10000);
}

QGNET_TEST_MAIN(TestListeners)
#include "tst_listeners.moc"
