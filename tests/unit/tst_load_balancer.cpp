// SPDX-License-Identifier: Apache-2.0
// LoadBalancer policies in isolation (the balancer integration test checks them over real sockets).
#include <QTest>

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <netinet/in.h>
#include <thread>
#include <vector>

#include "load_balancer.h"

using qgnet::LoadBalancing;
using qgnet::SocketAddress;
using qgnet::detail::LoadBalancer;

namespace {

SocketAddress v4(const char* ip, std::uint16_t port)
{
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port);
    inet_pton(AF_INET, ip, &in.sin_addr);
    return SocketAddress(reinterpret_cast<const sockaddr*>(&in), sizeof in);
}

SocketAddress v6(const char* ip, std::uint16_t port)
{
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    inet_pton(AF_INET6, ip, &in6.sin6_addr);
    return SocketAddress(reinterpret_cast<const sockaddr*>(&in6), sizeof in6);
}

} // namespace

class TestLoadBalancer : public QObject {
    Q_OBJECT
private slots:
    void roundRobinCycles()
    {
        std::vector<std::atomic<int>> counts(3);
        std::vector<const std::atomic<int>*> view{&counts[0], &counts[1], &counts[2]};
        LoadBalancer lb(LoadBalancing::RoundRobin, 3);
        std::vector<std::size_t> picks;
        for (int i = 0; i < 7; ++i)
            picks.push_back(lb.pick(v4("127.0.0.1", 1000), view));
        QCOMPARE(picks, (std::vector<std::size_t>{0, 1, 2, 0, 1, 2, 0}));
    }

    // Client::dial and enroll pick from any thread: concurrent round-robin picks must still take each
    // loop in turn, exactly as often as the others (a plain cursor loses and repeats turns).
    void roundRobinFromManyThreads()
    {
        constexpr int kThreads = 4;
        constexpr int kPicksEach = 200000;
        std::vector<std::atomic<int>> counts(3);
        std::vector<const std::atomic<int>*> view{&counts[0], &counts[1], &counts[2]};
        LoadBalancer lb(LoadBalancing::RoundRobin, 3);
        std::vector<std::array<int, 3>> perThread(kThreads);
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                ++ready;
                while (ready.load() < kThreads) {}
                for (int i = 0; i < kPicksEach; ++i)
                    ++perThread[static_cast<std::size_t>(t)][lb.pick(v4("127.0.0.1", 1000), view)];
            });
        }
        for (auto& thread : threads)
            thread.join();
        std::array<int, 3> total{};
        for (const auto& p : perThread)
            for (std::size_t i = 0; i < 3; ++i)
                total[i] += p[i];
        QCOMPARE(total[0] + total[1] + total[2], kThreads * kPicksEach);
        // 800000 picks over 3 loops: 266667, 266667, 266666.
        QCOMPARE(total[0], 266667);
        QCOMPARE(total[1], 266667);
        QCOMPARE(total[2], 266666);
    }

    void leastConnectionsPicksTheEmptiestLowestIndexOnTies()
    {
        std::vector<std::atomic<int>> counts(4);
        counts[0] = 5;
        counts[1] = 2;
        counts[2] = 7;
        counts[3] = 2;
        std::vector<const std::atomic<int>*> view{&counts[0], &counts[1], &counts[2], &counts[3]};
        LoadBalancer lb(LoadBalancing::LeastConnections, 4);
        QCOMPARE(lb.pick(v4("127.0.0.1", 1), view), std::size_t(1));
        counts[1] = 3;
        QCOMPARE(lb.pick(v4("127.0.0.1", 1), view), std::size_t(3));
    }

    void sourceHashIgnoresThePortAndMapsV4MappedToV4()
    {
        QCOMPARE(LoadBalancer::hashAddress(v4("10.1.2.3", 1)), LoadBalancer::hashAddress(v4("10.1.2.3", 2)));
        QCOMPARE(LoadBalancer::hashAddress(v6("::ffff:10.1.2.3", 9)), LoadBalancer::hashAddress(v4("10.1.2.3", 1)));
        QVERIFY(LoadBalancer::hashAddress(v4("10.1.2.3", 1)) != LoadBalancer::hashAddress(v4("10.1.2.4", 1)));
        QCOMPARE(LoadBalancer::hashAddress(SocketAddress()), 0u);
    }
};

QTEST_GUILESS_MAIN(TestLoadBalancer)
#include "tst_load_balancer.moc"
