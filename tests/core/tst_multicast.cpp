// SPDX-License-Identifier: Apache-2.0
// UDP multicast listeners on loopback: the engine joins the group of its listen address; a plain socket
// sends to the group (multicast interface lo, loopback on) and gets the server's unicast reply.
// IPv6 is skipped, with the reason, where lo cannot do IPv6 multicast (or IPv6 is off).
#include <QTest>

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_udp.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// ReplyHandler answers each datagram with "re:" + its text, by c.write (unicast to the sender).
class ReplyHandler : public RecordingHandler {
public:
    std::atomic<int> datagrams{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        ++datagrams;
        const std::string reply = "re:" + std::string(qgnet::asStringView(c.next()));
        if (c.write(reply))
            ++writeErrors;
        return qgnet::Action::None;
    }
};

std::string str(const std::vector<std::byte>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size());
}

} // namespace

class TestMulticast : public EngineTestCase {
    Q_OBJECT

private slots:
    void ipv4Group();
    void ipv6Group();
};

void TestMulticast::ipv4Group()
{
    const unsigned lo = ::if_nametoindex("lo");
    QVERIFY2(lo != 0, "no interface named lo");
    ReplyHandler h;
    qgnet::Options o;
    o.multicastInterfaceIndex = static_cast<int>(lo);
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://224.0.0.199:0", o), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const qgnet::SocketAddress group = e.listenAddresses().at(0);
    QCOMPARE(QByteArray::fromStdString(group.ip()), QByteArray("224.0.0.199"));
    QVERIFY(group.port() != 0);

    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    in_addr ifAddr{};
    ifAddr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY2(::setsockopt(fd.get(), IPPROTO_IP, IP_MULTICAST_IF, &ifAddr, sizeof(ifAddr)) == 0, std::strerror(errno));
    const unsigned char loop = 1;
    QVERIFY2(::setsockopt(fd.get(), IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop)) == 0, std::strerror(errno));
    for (int i = 0; i < 3; ++i) {
        const std::string msg = "hello group " + std::to_string(i);
        QGNET_VERIFY_ERR(sendDatagram(fd.get(), group.data(), group.size(), qgnet::asBytes(msg), deadlineIn(10s), err),
            err);
        std::vector<std::byte> got;
        sockaddr_storage from{};
        QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err, &from), err);
        QCOMPARE(qba(str(got)), qba("re:" + msg));
        // The reply is unicast, from the group's port.
        QCOMPARE(qgnet::SocketAddress(reinterpret_cast<const sockaddr*>(&from), sizeof(sockaddr_in)).port(),
            group.port());
    }
    QCOMPARE(h.datagrams.load(), 3);
    QCOMPARE(h.writeErrors.load(), 0);
    e.stop();
    QCOMPARE(h.opened.load(), 0);
}

void TestMulticast::ipv6Group()
{
    const unsigned lo = ::if_nametoindex("lo");
    QVERIFY2(lo != 0, "no interface named lo");
    std::string err;
    Fd fd = udpSocket(AF_INET6, err);
    if (!fd.valid())
        QSKIP(("no IPv6 on loopback: " + err).c_str());
    ReplyHandler h;
    qgnet::Engine e;
    if (!startEngine(e, h, "udp6://[ff02::1:199%lo]:0", {}, err)) {
        fd.reset();
        QSKIP(("the kernel does not let lo join an IPv6 group: " + err).c_str());
    }
    const qgnet::SocketAddress group = e.listenAddresses().at(0);
    const std::string url = e.listenUrls().at(0);
    QVERIFY(group.port() != 0);
    QVERIFY2(::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_MULTICAST_IF, &lo, sizeof(lo)) == 0, std::strerror(errno));
    const int loop = 1;
    QVERIFY2(::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof(loop)) == 0, std::strerror(errno));
    // Send to the group on lo explicitly (scope id = lo), whatever listenAddresses() kept of the scope.
    sockaddr_in6 to{};
    QCOMPARE(group.family(), AF_INET6);
    std::memcpy(&to, group.data(), sizeof(to));
    const std::uint32_t listedScope = to.sin6_scope_id;
    to.sin6_scope_id = lo;
    const std::string msg = "hello v6 group";
    if (!sendDatagram(fd.get(), reinterpret_cast<const sockaddr*>(&to), sizeof(to), qgnet::asBytes(msg),
            deadlineIn(10s), err)) {
        // Where lo lacks IFF_MULTICAST the kernel gives it no ff00::/8 route: the join succeeds but
        // nothing can be sent to the group on lo. That is the host, not the engine.
        if (err.find(std::strerror(ENETUNREACH)) != std::string::npos) {
            fd.reset();
            e.stop();
            QSKIP(("joined " + url + " (scope id " + std::to_string(listedScope)
                + ") on lo, but sending to it fails: " + err + " (lo has no IPv6 multicast route on this host)")
                      .c_str());
        }
        QFAIL(err.c_str());
    }
    QVERIFY2(listedScope == 0 || listedScope == lo,
        ("listenAddresses() shows scope id " + std::to_string(listedScope)).c_str());
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(qba(str(got)), qba("re:" + msg));
    QCOMPARE(h.datagrams.load(), 1);
    e.stop();
}

QGNET_TEST_MAIN(TestMulticast)
#include "tst_multicast.moc"
