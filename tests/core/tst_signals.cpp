// SPDX-License-Identifier: Apache-2.0
// Signals during traffic (fault catalogue F15, F16), on the backend QGNET_BACKEND names: a SIGUSR1
// storm (a handler installed without SA_RESTART, the signal sent to every thread of the process every
// millisecond) over byte-exact echoes, plain tcp and unix, level- and edge-triggered, and TLS. Every
// epoll_wait, io_uring_enter, accept, send and receive in the engine may see EINTR; none may take
// it for an error or an end of stream. SIGPIPE is left at its default the whole time, so a send
// without MSG_NOSIGNAL would end the process. This executable links no Qt networking.
#include <QTest>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <thread>

#include <sys/syscall.h>
#include <unistd.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

std::atomic<long> g_handled{0};

extern "C" void onUsr1(int) { g_handled.fetch_add(1, std::memory_order_relaxed); }

/// SignalStorm sends SIGUSR1 to every thread of the process every millisecond until destroyed.
/// The pacing is the stimulus (pauseUntil), never a wait for the code under test.
class SignalStorm {
public:
    SignalStorm()
        : thread_([this] {
            const pid_t pid = ::getpid();
            auto next = Clock::now();
            while (!stop_.load()) {
                for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
                    const pid_t tid = static_cast<pid_t>(std::stol(entry.path().filename().string()));
                    if (::syscall(SYS_tgkill, pid, tid, SIGUSR1) == 0)
                        ++sent_;
                }
                next += 1ms;
                pauseUntil(next);
            }
        })
    {
    }
    SignalStorm(const SignalStorm&) = delete;
    SignalStorm& operator=(const SignalStorm&) = delete;
    ~SignalStorm()
    {
        stop_ = true;
        thread_.join();
    }
    long sent() const noexcept { return sent_.load(); }

private:
    std::atomic<bool> stop_{false};
    std::atomic<long> sent_{0};
    std::thread thread_;
};

} // namespace

class TestSignals : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void echoUnderStorm_data();
    void echoUnderStorm();
    void tlsEchoUnderStorm();

private:
    struct sigaction previous_ {};
    TestPki pki_;
};

void TestSignals::initTestCase()
{
    pki_ = makeTestPki();
    struct sigaction sa {};
    sa.sa_handler = onUsr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: interrupted calls return EINTR
    QCOMPARE(::sigaction(SIGUSR1, &sa, &previous_), 0);
    QVERIFY(std::signal(SIGPIPE, SIG_DFL) != SIG_ERR);
}

void TestSignals::cleanupTestCase() { ::sigaction(SIGUSR1, &previous_, nullptr); }

void TestSignals::echoUnderStorm_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<bool>("edge");
    QTest::newRow("tcp/lt") << "tcp" << false;
    QTest::newRow("tcp/et") << "tcp" << true;
    QTest::newRow("unix/lt") << "unix" << false;
    QTest::newRow("tcp/reuseport/et") << "tcp-reuseport" << true;
}

// 8 clients (a new connection each round) echo random blocks byte-exact through 2 loops while every
// thread gets SIGUSR1 each millisecond, until 10000 signals were handled; the peers of the last
// round reset instead of closing.
void TestSignals::echoUnderStorm()
{
    QFETCH(QString, network);
    QFETCH(bool, edge);
    const bool reusePort = network == "tcp-reuseport";
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, reusePort ? "tcp" : network.toStdString(),
                 {.numEventLoop = 2, .reusePort = reusePort, .edgeTriggeredIO = edge}),
        server.error());
    const long before = g_handled.load();
    const std::string tag = QTest::currentDataTag();
    const qgnet::SocketAddress target = server.address();
    // Rounds go on until the process has handled kSignals signals during this row (at least 4 rounds).
    constexpr long kSignals = 10000;
    std::atomic<int> rounds{0};
    {
        SignalStorm storm;
        const auto failures = runThreads(8, [&](int index, std::string& failure) {
            Rng rng(seedFor("signals/" + tag, static_cast<std::uint64_t>(index)));
            for (int round = 0; failure.empty(); ++round) {
                const bool last = round >= 3 && g_handled.load() - before >= kSignals;
                std::string err;
                Fd c = connectTo(target, deadlineIn(30s), err);
                if (!c) {
                    failure = "connect: " + err;
                    return;
                }
                for (int block = 0; block < 4; ++block) {
                    const auto data = randomBytes(rng, logUniformSize(rng, 1, 512 * 1024));
                    if (!echoRoundTrip(c.get(), data, deadlineIn(60s), err)) {
                        failure = "round " + std::to_string(round) + ": " + err;
                        return;
                    }
                }
                ++rounds;
                if (last) {
                    setLingerZero(c.get());
                    return;
                }
            }
        });
        QGNET_VERIFY_NO_FAILURES(failures);
        QVERIFY(storm.sent() > 0);
    }
    QVERIFY2(g_handled.load() > before, "no SIGUSR1 was handled: the storm did not happen");
    QGNET_WAIT_COMPARE(h.closed.load(), rounds.load(), 10000);
    QCOMPARE(h.opened.load(), rounds.load());
    QCOMPARE(h.writeErrors.load(), 0);
    for (const CloseRecord& c : h.closes()) {
        const bool expected = c.reason == qgnet::Errc::PeerClosed || c.reason == std::errc::connection_reset;
        QVERIFY2(expected, describe(c.reason).c_str());
    }
}

// The same over TLS: the handshake, records and close_notify under the storm.
void TestSignals::tlsEchoUnderStorm()
{
    EchoHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp",
                 {.numEventLoop = 2,
                     .tls = std::make_shared<const qgnet::TlsContext>(
                         qgnet::TlsContext::serverFromPem(pki_.serverCert, pki_.serverKey))}),
        server.error());
    const long before = g_handled.load();
    const std::uint16_t port = server.port();
    std::atomic<int> tlsRounds{0};
    {
        SignalStorm storm;
        const auto failures = runThreads(4, [&](int index, std::string& failure) {
            Rng rng(seedFor("signals/tls", static_cast<std::uint64_t>(index)));
            for (int round = 0; failure.empty() && (round < 2 || g_handled.load() - before < 10000); ++round) {
                ++tlsRounds;
                BlockingTlsClient client;
                std::string err;
                if (!client.connect(port, pki_.caCert, err)) {
                    failure = err;
                    return;
                }
                const auto data = randomBytes(rng, logUniformSize(rng, 1, 1024 * 1024));
                std::vector<std::byte> got;
                if (!client.writeAll(data, err) || !client.readExact(got, data.size(), err)) {
                    failure = err;
                    return;
                }
                failure = firstMismatch(data, got);
                client.sendCloseNotify();
                std::vector<std::byte> rest;
                if (failure.empty() && client.readToEnd(rest, err) != SSL_ERROR_ZERO_RETURN)
                    failure = "no close_notify back: " + err;
            }
        });
        QGNET_VERIFY_NO_FAILURES(failures);
    }
    QVERIFY2(g_handled.load() > before, "no SIGUSR1 was handled: the storm did not happen");
    QGNET_WAIT_COMPARE(h.closed.load(), tlsRounds.load(), 10000);
    const std::string bad = h.closeReasonMismatches(qgnet::Errc::PeerClosed);
    QVERIFY2(bad.empty(), bad.c_str());
}

QGNET_TEST_MAIN(TestSignals)
#include "tst_signals.moc"
