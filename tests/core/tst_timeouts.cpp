// SPDX-License-Identifier: Apache-2.0
// Timeouts and deadlines: idle, read and write timeouts (from Options and per connection) close with their
// own reasons, never before the timeout and within a generous second after it (a liveness bound, not a
// speed claim); traffic keeps an idle connection alive; read/write deadlines in the past or near future;
// Engine::schedule never runs a task early and runs it on the chosen loop; Engine::cancel prevents it.
#include <QTest>

#include <set>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t KiB = 1024;
constexpr std::size_t MiB = 1024 * 1024;
/// kSlack is how late a timeout may fire: the bound only catches a timeout that never comes.
constexpr auto kSlack = 1000ms;

using Rep = Clock::rep;
Rep toRep(Clock::time_point t) { return t.time_since_epoch().count(); }
Clock::time_point fromRep(Rep r) { return Clock::time_point(Clock::duration(r)); }

std::string ms(Clock::duration d)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

/// What a row asks the handler to do with the connection.
enum class Mode {
    None,
    IdleFromConn,        // onOpen: setIdleTimeout(timeout)
    ReadDeadlinePast,    // onOpen: setReadDeadline(now - 1 s)
    ReadDeadlineSoon,    // onOpen: setReadDeadline(now + timeout)
    DeadlineSoon,        // onOpen: setDeadline(now + timeout)
    ReadDeadlineCleared, // onOpen: setReadDeadline(now + timeout), then clear it
    WriteDeadlineIdle,   // onOpen: setWriteDeadline(now + timeout), never any pending output
    WriteDeadlinePast,   // on 'G': queue 8 MiB, then setWriteDeadline(now - 1 ms)
    WriteDeadlineSoon,   // on 'G': queue 8 MiB, then setWriteDeadline(now + timeout)
    WriteBurst,          // on 'G': queue 8 MiB (the write timeout comes from Options)
};

/// TimeoutHandler echoes, applies a Mode, and notes when the connection opened, when its deadline was
/// set, when a burst was queued and when it closed.
class TimeoutHandler : public EchoHandler {
public:
    Mode mode = Mode::None;
    std::chrono::milliseconds timeout{300};
    std::atomic<Rep> openedAt{0};
    std::atomic<Rep> deadlineAt{0};
    std::atomic<Rep> burstAt{0};
    std::atomic<Rep> closedAt{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        auto r = EchoHandler::onOpen(c);
        const auto now = Clock::now();
        openedAt = toRep(now);
        switch (mode) {
        case Mode::IdleFromConn: c.setIdleTimeout(timeout); break;
        case Mode::ReadDeadlinePast:
            deadlineAt = toRep(now - 1s);
            c.setReadDeadline(now - 1s);
            break;
        case Mode::ReadDeadlineSoon:
            deadlineAt = toRep(now + timeout);
            c.setReadDeadline(now + timeout);
            break;
        case Mode::DeadlineSoon:
            deadlineAt = toRep(now + timeout);
            c.setDeadline(now + timeout);
            break;
        case Mode::ReadDeadlineCleared:
            deadlineAt = toRep(now + timeout);
            c.setReadDeadline(now + timeout);
            c.setReadDeadline(qgnet::Conn::TimePoint{});
            break;
        case Mode::WriteDeadlineIdle:
            deadlineAt = toRep(now + timeout);
            c.setWriteDeadline(now + timeout);
            break;
        default: break;
        }
        return r;
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        if (mode != Mode::WriteDeadlinePast && mode != Mode::WriteDeadlineSoon && mode != Mode::WriteBurst)
            return EchoHandler::onTraffic(c);
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        if (b.empty() || b[0] != std::byte{'G'} || burstAt.load() != 0)
            return qgnet::Action::None;
        const std::vector<std::byte> chunk(64 * KiB, std::byte{'b'});
        for (std::size_t i = 0; i < 8 * MiB / chunk.size(); ++i) {
            if (c.write(chunk))
                ++writeErrors;
        }
        const auto now = Clock::now();
        pendingAtBurst = c.outboundBuffered();
        if (mode == Mode::WriteDeadlinePast) {
            deadlineAt = toRep(now - 1ms);
            c.setWriteDeadline(now - 1ms);
        } else if (mode == Mode::WriteDeadlineSoon) {
            deadlineAt = toRep(now + timeout);
            c.setWriteDeadline(now + timeout);
        }
        burstAt = toRep(now); // last: the test reads the other fields once it sees this one
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        closedAt = toRep(Clock::now());
        return EchoHandler::onClose(c, reason);
    }
    std::error_code reason() const
    {
        const auto c = closes();
        return c.empty() ? std::error_code() : c.front().reason;
    }
    std::atomic<std::size_t> pendingAtBurst{0};
};

} // namespace

class TestTimeouts : public EngineTestCase {
    Q_OBJECT

private slots:
    void idleTimeout_data();
    void idleTimeout();
    void trafficKeepsIdleConnectionAlive();
    void readTimeout();
    void writeTimeout();
    void deadlines_data();
    void deadlines();
    void scheduleNeverEarly();
    void cancelPreventsTask();
};

void TestTimeouts::idleTimeout_data()
{
    QTest::addColumn<bool>("perConnection");
    QTest::newRow("Options::idleTimeout") << false;
    QTest::newRow("Conn::setIdleTimeout") << true;
}

void TestTimeouts::idleTimeout()
{
    QFETCH(bool, perConnection);
    TimeoutHandler h;
    h.timeout = 300ms;
    qgnet::Options o;
    if (perConnection)
        h.mode = Mode::IdleFromConn;
    else
        o.idleTimeout = h.timeout;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto t0 = Clock::now();
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY2(h.reason() == qgnet::Errc::IdleTimeout, describe(h.reason()).c_str());
    const auto closedAfter = fromRep(h.closedAt.load()) - t0;
    QVERIFY2(closedAfter >= h.timeout, ("closed after " + ms(closedAfter)).c_str());
    QVERIFY2(closedAfter <= h.timeout + kSlack, ("closed after " + ms(closedAfter)).c_str());
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    engine.stop();
}

void TestTimeouts::trafficKeepsIdleConnectionAlive()
{
    TimeoutHandler h;
    qgnet::Options o;
    o.idleTimeout = 600ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    const auto t0 = Clock::now();
    // A byte every timeout/3, for three timeouts: the connection must stay open throughout.
    Clock::time_point lastSend;
    for (int i = 1; i <= 9; ++i) {
        pauseUntil(t0 + i * (o.idleTimeout / 3));
        QVERIFY2(h.closed.load() == 0,
            ("closed after " + ms(Clock::now() - t0) + " although active: " + describe(h.reason())).c_str());
        lastSend = Clock::now();
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "k", deadlineIn(10s), err), err);
    }
    QCOMPARE(h.closed.load(), 0);
    QVERIFY(Clock::now() - t0 >= 3 * o.idleTimeout);
    const auto lastEcho = Clock::now();
    // Silent from now on: it closes one idle timeout after the last activity.
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY2(h.reason() == qgnet::Errc::IdleTimeout, describe(h.reason()).c_str());
    const auto closedAt = fromRep(h.closedAt.load());
    QVERIFY2(closedAt - lastSend >= o.idleTimeout,
        ("closed " + ms(closedAt - lastSend) + " after the last byte").c_str());
    QVERIFY2(closedAt - lastEcho <= o.idleTimeout + kSlack,
        ("closed " + ms(closedAt - lastEcho) + " after the last echo").c_str());
    engine.stop();
}

void TestTimeouts::readTimeout()
{
    TimeoutHandler h;
    qgnet::Options o;
    o.readTimeout = 300ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto t0 = Clock::now();
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY2(h.reason() == qgnet::Errc::ReadTimeout, describe(h.reason()).c_str());
    const auto closedAfter = fromRep(h.closedAt.load()) - t0;
    QVERIFY2(closedAfter >= o.readTimeout && closedAfter <= o.readTimeout + kSlack,
        ("closed after " + ms(closedAfter)).c_str());
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    engine.stop();
}

void TestTimeouts::writeTimeout()
{
    TimeoutHandler h;
    h.mode = Mode::WriteBurst;
    qgnet::Options o;
    o.writeTimeout = 300ms;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    // A 4 KiB receive window that is never read: the 8 MiB burst stays pending.
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    // Before the request is sent: the server's clock for the burst cannot be earlier than this.
    const auto tGo = Clock::now();
    QGNET_VERIFY_ERR(sendAll(c.get(), "G", deadlineIn(10s), err), err);
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    QVERIFY2(h.reason() == qgnet::Errc::WriteTimeout, describe(h.reason()).c_str());
    QVERIFY(h.burstAt.load() != 0);
    QVERIFY2(h.pendingAtBurst.load() > 0, "the burst did not stay pending");
    const auto closedAt = fromRep(h.closedAt.load());
    QVERIFY2(closedAt - tGo >= o.writeTimeout, ("closed " + ms(closedAt - tGo) + " after the request").c_str());
    const auto afterBurst = closedAt - fromRep(h.burstAt.load());
    QVERIFY2(afterBurst <= o.writeTimeout + kSlack, ("closed " + ms(afterBurst) + " after the burst").c_str());
    engine.stop();
}

void TestTimeouts::deadlines_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("expected"); // Errc, or 0: stays open
    const int read = static_cast<int>(qgnet::Errc::ReadTimeout);
    const int write = static_cast<int>(qgnet::Errc::WriteTimeout);
    QTest::newRow("read deadline in the past") << static_cast<int>(Mode::ReadDeadlinePast) << read;
    QTest::newRow("read deadline soon") << static_cast<int>(Mode::ReadDeadlineSoon) << read;
    QTest::newRow("setDeadline soon, nothing pending") << static_cast<int>(Mode::DeadlineSoon) << read;
    QTest::newRow("read deadline cleared") << static_cast<int>(Mode::ReadDeadlineCleared) << 0;
    QTest::newRow("write deadline, nothing pending") << static_cast<int>(Mode::WriteDeadlineIdle) << 0;
    QTest::newRow("write deadline in the past, output pending") << static_cast<int>(Mode::WriteDeadlinePast) << write;
    QTest::newRow("write deadline soon, output pending") << static_cast<int>(Mode::WriteDeadlineSoon) << write;
}

void TestTimeouts::deadlines()
{
    QFETCH(int, mode);
    QFETCH(int, expected);
    TimeoutHandler h;
    h.mode = static_cast<Mode>(mode);
    h.timeout = 300ms;
    const bool burst = h.mode == Mode::WriteDeadlinePast || h.mode == Mode::WriteDeadlineSoon;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, burst ? 4096 : 0);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    if (burst) {
        QGNET_VERIFY_ERR(sendAll(c.get(), "G", deadlineIn(10s), err), err);
        QGNET_WAIT_VERIFY(h.burstAt.load() != 0, 10000);
        QVERIFY2(h.pendingAtBurst.load() > 0, "the burst did not stay pending");
    }
    QGNET_WAIT_VERIFY(h.deadlineAt.load() != 0, 10000);
    const auto deadline = fromRep(h.deadlineAt.load());
    if (expected != 0) {
        const std::error_code want = static_cast<qgnet::Errc>(expected);
        QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
        QVERIFY2(h.reason() == want, (describe(h.reason()) + " instead of " + describe(want)).c_str());
        const auto closedAt = fromRep(h.closedAt.load());
        QVERIFY2(closedAt >= deadline, ("closed " + ms(deadline - closedAt) + " before the deadline").c_str());
        const auto from = std::max(deadline, fromRep(h.openedAt.load()));
        QVERIFY2(closedAt - from <= kSlack, ("closed " + ms(closedAt - from) + " after the deadline").c_str());
    } else {
        // Past the deadline, and then some: still open and echoing.
        pauseUntil(deadline + 2 * h.timeout);
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "still here", deadlineIn(10s), err), err);
        QVERIFY2(h.closed.load() == 0, describe(h.reason()).c_str());
        QCOMPARE(engine.countConnections(), 1);
    }
    engine.stop();
    QCOMPARE(h.closed.load(), 1);
}

void TestTimeouts::scheduleNeverEarly()
{
    constexpr int kLoops = 2;
    constexpr int kTasks = 20;
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = kLoops;
    struct Task {
        int loop = 0;
        Clock::duration delay{};
        Clock::time_point issued;
        std::atomic<Rep> ranAt{0};
        std::atomic<int> runs{0};
        std::thread::id ranOn;
        qgnet::Engine::TimerId id = 0;
    };
    std::vector<Task> tasks(kTasks);
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QCOMPARE(engine.loopCount(), kLoops);

    // Each loop's thread, as execute sees it.
    std::vector<std::thread::id> loopThreads(kLoops);
    std::atomic<int> known{0};
    for (int l = 0; l < kLoops; ++l) {
        QVERIFY(!engine.execute(l, [&loopThreads, &known, l] {
            loopThreads[static_cast<std::size_t>(l)] = std::this_thread::get_id();
            ++known;
        }));
    }
    QGNET_WAIT_COMPARE(known.load(), kLoops, 10000);

    Rng rng(seedFor("schedule"));
    std::set<std::pair<int, qgnet::Engine::TimerId>> ids; // ids are per loop (cancel takes the loop too)
    for (auto& t : tasks) {
        t.loop = static_cast<int>(randomSize(rng, 0, kLoops - 1));
        t.delay = std::chrono::milliseconds(randomSize(rng, 0, 300));
        std::error_code ec;
        t.issued = Clock::now();
        t.id = engine.schedule(
            t.loop, t.delay,
            [&t] {
                t.ranOn = std::this_thread::get_id();
                t.ranAt = toRep(Clock::now());
                ++t.runs;
            },
            ec);
        QVERIFY2(!ec && t.id != 0, describe(ec).c_str());
        QVERIFY2(ids.insert({t.loop, t.id}).second, "schedule returned an id twice on one loop");
    }
    QVERIFY2(waitFor(
                 [&] {
                     for (const auto& t : tasks)
                         if (t.runs.load() == 0)
                             return false;
                     return true;
                 },
                 10s),
        "not every scheduled task ran within 10 s");
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const Task& t = tasks[i];
        const auto after = fromRep(t.ranAt.load()) - t.issued;
        QVERIFY2(after >= t.delay,
            ("task " + std::to_string(i) + " ran after " + ms(after) + ", asked for " + ms(t.delay)).c_str());
        QVERIFY2(after <= t.delay + kSlack, ("task " + std::to_string(i) + " ran after " + ms(after)).c_str());
        QVERIFY2(t.ranOn == loopThreads[static_cast<std::size_t>(t.loop)], "task ran on another loop's thread");
        QCOMPARE(t.runs.load(), 1);
    }
    // Bad loop indexes.
    std::error_code ec;
    QCOMPARE(engine.schedule(
                 kLoops, 1ms, [] {}, ec),
        qgnet::Engine::TimerId{0});
    QVERIFY2(ec == std::errc::invalid_argument, describe(ec).c_str());
    QCOMPARE(engine.schedule(
                 -1, 1ms, [] {}, ec),
        qgnet::Engine::TimerId{0});
    QVERIFY2(ec == std::errc::invalid_argument, describe(ec).c_str());
    ec = engine.execute(kLoops, [] {});
    QVERIFY2(ec == std::errc::invalid_argument, describe(ec).c_str());
    engine.stop();
    QCOMPARE(engine.schedule(
                 0, 1ms, [] {}, ec),
        qgnet::Engine::TimerId{0});
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    ec = engine.execute(0, [] {});
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
}

void TestTimeouts::cancelPreventsTask()
{
    EchoHandler h;
    std::atomic<int> cancelledRan{0};
    std::atomic<int> sentinelRan{0};
    std::atomic<int> longRan{0};
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto roundTrip = [&] {
        auto done = std::make_shared<std::atomic<bool>>(false);
        if (engine.execute(0, [done] { *done = true; }))
            return false;
        return waitFor([&] { return done->load(); }, 10s);
    };
    const std::int64_t timersBefore = qgnet::liveCounters().timers;

    std::error_code ec;
    const auto id = engine.schedule(
        0, 300ms, [&] { ++cancelledRan; }, ec);
    QVERIFY2(!ec && id != 0, describe(ec).c_str());
    ec = engine.cancel(0, id);
    QVERIFY2(!ec, describe(ec).c_str());
    // A later task on the same loop: when it has run, the cancelled one's time has long passed.
    const auto sentinel = engine.schedule(
        0, 500ms, [&] { ++sentinelRan; }, ec);
    QVERIFY2(!ec && sentinel != 0, describe(ec).c_str());
    QGNET_WAIT_COMPARE(sentinelRan.load(), 1, 10000);
    QCOMPARE(cancelledRan.load(), 0);
    // Cancelling a task that already ran, or twice, is harmless.
    QVERIFY(!engine.cancel(0, sentinel));
    QVERIFY(!engine.cancel(0, id));
    ec = engine.cancel(3, id);
    QVERIFY2(ec == std::errc::invalid_argument, describe(ec).c_str());
    QVERIFY(roundTrip());
    QCOMPARE(qgnet::liveCounters().timers, timersBefore);

    // A task far in the future is counted while pending, and dropped (never run) when the engine stops.
    const auto far = engine.schedule(
        0, std::chrono::hours(1), [&] { ++longRan; }, ec);
    QVERIFY2(!ec && far != 0, describe(ec).c_str());
    QVERIFY(roundTrip());
    QCOMPARE(qgnet::liveCounters().timers, timersBefore + 1);
    engine.stop();
    QCOMPARE(longRan.load(), 0);
    ec = engine.cancel(0, far);
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
}

QGNET_TEST_MAIN(TestTimeouts)
#include "tst_timeouts.moc"
