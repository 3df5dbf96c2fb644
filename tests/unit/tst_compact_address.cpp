// SPDX-License-Identifier: Apache-2.0
// CompactAddress, EventRecord and DecisionLog, the compact forms of a socket address (a connection's
// local and remote address, an event log entry's peer, a balancing decision's peer): every address
// comes back exactly as it went in, the ones that do not fit inline (Unix, an IPv6 scope) included,
// and so do an event's reason and a decision's loads.
#include <QTest>

#include <arpa/inet.h>
#include <sys/un.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <vector>

#include "compact_address.h"
#include "qgnet/error.h"
#include "stats/decision_log.h"
#include "stats/event_record.h"

using qgnet::SocketAddress;
using qgnet::detail::CompactAddress;
using qgnet::detail::DecisionLog;
using qgnet::detail::EventRecord;

namespace {

SocketAddress ipv4(const char* ip, std::uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ::inet_pton(AF_INET, ip, &a.sin_addr);
    return SocketAddress(reinterpret_cast<const sockaddr*>(&a), sizeof a);
}

SocketAddress ipv6(const char* ip, std::uint16_t port, std::uint32_t scope = 0, std::uint32_t flow = 0)
{
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    a.sin6_scope_id = scope;
    a.sin6_flowinfo = flow;
    ::inet_pton(AF_INET6, ip, &a.sin6_addr);
    return SocketAddress(reinterpret_cast<const sockaddr*>(&a), sizeof a);
}

SocketAddress unixPath(const char* path)
{
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path, sizeof a.sun_path - 1);
    return SocketAddress(reinterpret_cast<const sockaddr*>(&a),
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + std::strlen(path) + 1));
}

SocketAddress unnamedUnix()
{
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    return SocketAddress(reinterpret_cast<const sockaddr*>(&a), sizeof(sa_family_t));
}

} // namespace

class TestCompactAddress : public QObject {
    Q_OBJECT
private slots:
    void ipAddressesAreKeptInline()
    {
        for (const SocketAddress& a : {ipv4("127.0.0.1", 8080), ipv4("0.0.0.0", 0), ipv6("::1", 443),
                 ipv6("fe80::1", 9, 2, 0), ipv6("2001:db8::7", 65535, 0, 77), SocketAddress()}) {
            CompactAddress c;
            QVERIFY(c.assign(a));
            QVERIFY(c.isInline());
            QVERIFY(c.get() == a);
            QCOMPARE(c.get().toString(), a.toString());
        }
    }

    void otherFamiliesAreLeftToTheOwner()
    {
        for (const SocketAddress& a : {unixPath("/tmp/qgnet.sock"), unnamedUnix()}) {
            CompactAddress c;
            QVERIFY(!c.assign(a));
            QVERIFY(!c.isInline());
            QVERIFY(c.get().isEmpty());
        }
        // An IP family with an unexpected length is not guessed at either.
        sockaddr_in6 shortV4{};
        shortV4.sin6_family = AF_INET;
        CompactAddress c;
        QVERIFY(!c.assign(SocketAddress(reinterpret_cast<const sockaddr*>(&shortV4), sizeof shortV4)));
        QVERIFY(!c.isInline());
        // Reassigning an IP address after that makes it inline again.
        QVERIFY(c.assign(ipv4("10.0.0.1", 1)));
        QVERIFY(c.get() == ipv4("10.0.0.1", 1));
    }

    void eventRecordsKeepPeerDetailAndReason()
    {
        const std::error_code reasons[] = {{}, qgnet::Errc::IdleTimeout, std::make_error_code(std::errc::timed_out),
            std::error_code(ECONNRESET, std::system_category())};
        const SocketAddress peers[] = {ipv4("192.168.1.2", 5000), ipv6("::1", 6000), ipv6("fe80::2", 7, 3, 0),
            ipv6("::1", 8, 0, 5), unixPath("/run/x.sock"), unnamedUnix(), SocketAddress()};
        EventRecord record; // reused as the log reuses its entries
        for (const SocketAddress& peer : peers) {
            for (const std::error_code& reason : reasons) {
                for (const char* detail : {"", "accept on tcp://0.0.0.0:1"}) {
                    record.set(peer, detail, reason);
                    QVERIFY(record.peer() == peer);
                    QCOMPARE(record.peer().toString(), peer.toString());
                    QVERIFY(record.reason() == reason);
                    QCOMPARE(record.detail(), std::string_view(detail));
                }
            }
        }
    }

    // A log of 4 entries over 3 loops takes 10 decisions: the last 4 come back with their own peer
    // (IP inline, Unix on the side, an IP entry overwriting a Unix one), loads, loop and policy.
    void decisionLogKeepsTheNewestDecisions()
    {
        constexpr std::size_t kCapacity = 4;
        const SocketAddress peers[] = {ipv4("192.168.1.2", 5000), unixPath("/run/x.sock"), ipv6("fe80::2", 7, 3, 0),
            unnamedUnix(), ipv4("10.0.0.1", 1)};
        std::atomic<int> loads[3] = {0, 0, 0};
        const std::vector<const std::atomic<int>*> counts = {&loads[0], &loads[1], &loads[2]};
        DecisionLog log(kCapacity, 3);
        const auto before = std::chrono::system_clock::now();
        for (int i = 0; i < 10; ++i) {
            loads[0] = i;
            loads[1] = 100 + i;
            loads[2] = 1000 + i;
            log.record(qgnet::LoadBalancing::LeastConnections, peers[i % 5], static_cast<std::size_t>(i % 3), counts);
        }
        QCOMPARE(log.dropped(), std::uint64_t{10 - kCapacity});
        std::vector<qgnet::BalanceDecision> out;
        log.collect(0, out);
        QCOMPARE(out.size(), kCapacity);
        for (std::size_t k = 0; k < kCapacity; ++k) {
            const int i = static_cast<int>(10 - kCapacity + k);
            const qgnet::BalanceDecision& d = out[k];
            QCOMPARE(d.sequence, static_cast<std::uint64_t>(i + 1));
            QVERIFY(d.time >= before);
            QVERIFY(d.policy == qgnet::LoadBalancing::LeastConnections);
            QCOMPARE(d.chosen, i % 3);
            QVERIFY(d.peer == peers[i % 5]);
            QCOMPARE(d.loads, (std::vector<int>{i, 100 + i, 1000 + i}));
        }
        out.clear();
        log.collect(9, out); // incremental: only what is newer than the last sequence seen
        QCOMPARE(out.size(), std::size_t{1});
        QCOMPARE(out[0].sequence, std::uint64_t{10});
    }

    void emptyDecisionLogRecordsNothing()
    {
        std::atomic<int> load{0};
        DecisionLog log(0, 1);
        log.record(qgnet::LoadBalancing::RoundRobin, ipv4("10.0.0.1", 1), 0, {&load});
        std::vector<qgnet::BalanceDecision> out;
        log.collect(0, out);
        QVERIFY(out.empty());
        QCOMPARE(log.dropped(), std::uint64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestCompactAddress)
#include "tst_compact_address.moc"
