// SPDX-License-Identifier: Apache-2.0
// Bounded memory and backpressure: a peer that never reads cannot make the server buffer more than
// maxOutputBuffered (the connection closes with OutputLimitExceeded while others keep working); high/low
// water notifications alternate; pauseRead really stops onTraffic until resumeRead; maxInputBuffered;
// full worker and loop task queues refuse work (QueueFull) instead of growing.
#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <poll.h>
#include <unistd.h>

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

/// patternByte is byte i of the endless stream the water-mark server writes.
std::byte patternByte(std::size_t i) { return static_cast<std::byte>((i % 251) ^ ((i / 251) & 0x5a)); }

/// Gate blocks threads in wait() until open(), or until it is destroyed, so that a failing test cannot
/// leave an engine thread blocked on it (the destructor also waits for the waiters to leave).
class Gate {
public:
    ~Gate()
    {
        open();
        while (inside_.load() != 0)
            std::this_thread::yield();
    }
    void wait()
    {
        ++inside_;
        ++waiting;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [this] { return open_; });
        }
        --inside_;
    }
    void open()
    {
        {
            std::lock_guard lock(mu_);
            open_ = true;
        }
        cv_.notify_all();
    }
    std::atomic<int> waiting{0};

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool open_ = false;
    std::atomic<int> inside_{0};
};

/// Role is decided by a connection's first byte: 'S' a slow reader the test pushes to, 'E' an echo client.
enum class Role { Unknown, Slow, Echo };

class PushHandler : public RecordingHandler {
public:
    std::atomic<bool> slowKnown{false};
    std::atomic<std::size_t> maxSlowOutbound{0};
    std::atomic<int> slowClosed{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (!c.context().has_value()) {
            const qgnet::Bytes first = c.peek(1); // an echo client's first byte is echoed too
            if (first.empty())
                return qgnet::Action::None;
            const Role role = first[0] == std::byte{'S'} ? Role::Slow : Role::Echo;
            c.setContext(role);
            if (role == Role::Slow) {
                std::lock_guard lock(mu_);
                slowHandle_ = c.handle();
                slowKnown = true;
            }
        }
        if (std::any_cast<Role>(c.context()) == Role::Echo) {
            const qgnet::Bytes b = c.next();
            if (!b.empty() && c.write(b))
                ++writeErrors;
        } else {
            c.discard(c.inboundBuffered());
        }
        return qgnet::Action::None;
    }
    void onWritabilityChanged(qgnet::Conn& c, bool) override { noteOutbound(c); }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        if (c.context().has_value() && std::any_cast<Role>(c.context()) == Role::Slow) {
            std::lock_guard lock(mu_);
            slowReason_ = reason;
            ++slowClosed;
        }
        return RecordingHandler::onClose(c, reason);
    }
    /// noteOutbound records the slow connection's largest unsent output (loop thread).
    void noteOutbound(const qgnet::Conn& c)
    {
        const std::size_t n = c.outboundBuffered();
        std::size_t seen = maxSlowOutbound.load();
        while (n > seen && !maxSlowOutbound.compare_exchange_weak(seen, n)) {}
    }
    qgnet::ConnHandle slowHandle() const
    {
        std::lock_guard lock(mu_);
        return slowHandle_;
    }
    std::error_code slowReason() const
    {
        std::lock_guard lock(mu_);
        return slowReason_;
    }

private:
    mutable std::mutex mu_;
    qgnet::ConnHandle slowHandle_;
    std::error_code slowReason_;
};

/// WaterHandler writes its pattern until the connection is unwritable, then waits for
/// onWritabilityChanged(true) and does it again, `rounds` times.
class WaterHandler : public RecordingHandler {
public:
    int rounds = 4;
    std::size_t high = 0;
    std::size_t low = 0;
    std::atomic<std::size_t> written{0};
    std::atomic<bool> done{false};
    std::atomic<int> notifications{0};
    std::atomic<int> badStates{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        c.discard(c.inboundBuffered());
        if (!started_) {
            started_ = true;
            fill(c);
        }
        return qgnet::Action::None;
    }
    void onWritabilityChanged(qgnet::Conn& c, bool writable) override
    {
        {
            std::lock_guard lock(mu_);
            events_.push_back(writable);
            if (c.isWritable() != writable)
                note("isWritable() disagrees with the notification");
            if (writable && c.outboundBuffered() > low)
                note("writable again with " + std::to_string(c.outboundBuffered()) + " bytes unsent (low "
                    + std::to_string(low) + ")");
            if (!writable && c.outboundBuffered() < high)
                note("unwritable with only " + std::to_string(c.outboundBuffered()) + " bytes unsent (high "
                    + std::to_string(high) + ")");
        }
        ++notifications;
        if (writable) {
            if (++trues_ < rounds)
                fill(c);
            else
                done = true;
        }
    }
    std::vector<bool> events() const
    {
        std::lock_guard lock(mu_);
        return events_;
    }
    std::vector<std::string> problems() const
    {
        std::lock_guard lock(mu_);
        return problems_;
    }

private:
    void fill(qgnet::Conn& c)
    {
        std::byte chunk[16 * KiB];
        std::size_t pos = written.load();
        while (c.isWritable()) {
            for (std::size_t i = 0; i < sizeof chunk; ++i)
                chunk[i] = patternByte(pos + i);
            if (const auto ec = c.write(qgnet::Bytes(chunk, sizeof chunk))) {
                std::lock_guard lock(mu_);
                note("write failed: " + describe(ec));
                return;
            }
            pos += sizeof chunk;
            written = pos;
        }
    }
    void note(std::string p)
    {
        ++badStates;
        if (problems_.size() < 20)
            problems_.push_back(std::move(p));
    }
    bool started_ = false; // loop thread only
    int trues_ = 0;        // loop thread only
    mutable std::mutex mu_;
    std::vector<bool> events_;
    std::vector<std::string> problems_;
};

/// PauseHandler keeps what arrives, pauses reading after the first onTraffic, and resumes when asked
/// (through Engine::execute, or a wake while resumeOnWake is set).
class PauseHandler : public RecordingHandler {
public:
    std::atomic<bool> paused{false};
    std::atomic<bool> resumeOnWake{false};
    std::atomic<int> trafficWhilePaused{0};
    std::atomic<int> serverFd{-1};
    std::atomic<int> loop{-1};
    qgnet::Conn* conn = nullptr; // loop thread only, valid until onClose

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (c.isReadPaused()) {
            if (resumeOnWake.load())
                c.resumeRead();
            else
                ++trafficWhilePaused;
        }
        const qgnet::Bytes b = c.next();
        {
            std::lock_guard lock(mu_);
            received_.insert(received_.end(), b.begin(), b.end());
        }
        if (!paused.load()) {
            conn = &c;
            c.pauseRead();
            {
                std::lock_guard lock(mu_);
                handle_ = c.handle();
            }
            serverFd = c.fd();
            loop = c.loopIndex();
            paused = true;
        }
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        conn = nullptr;
        return RecordingHandler::onClose(c, reason);
    }
    std::vector<std::byte> received() const
    {
        std::lock_guard lock(mu_);
        return received_;
    }
    std::size_t receivedSize() const
    {
        std::lock_guard lock(mu_);
        return received_.size();
    }
    qgnet::ConnHandle handle() const
    {
        std::lock_guard lock(mu_);
        return handle_;
    }

private:
    mutable std::mutex mu_;
    std::vector<std::byte> received_;
    qgnet::ConnHandle handle_;
};

/// HoardHandler never consumes input.
class HoardHandler : public RecordingHandler {
public:
    std::atomic<std::size_t> maxInbound{0};
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const std::size_t n = c.inboundBuffered();
        std::size_t seen = maxInbound.load();
        while (n > seen && !maxInbound.compare_exchange_weak(seen, n)) {}
        return qgnet::Action::None;
    }
};

/// CapHoard never consumes input and notes, in onClose, how much pooled buffer memory the engine
/// holds then (only its one connection's inbound ring in these tests).
class CapHoard : public HoardHandler {
public:
    std::atomic<std::int64_t> bufferBytesAtClose{-1};
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        bufferBytesAtClose = qgnet::liveCounters().bufferBytes;
        return HoardHandler::onClose(c, reason);
    }
};

/// PauseAtOpen pauses reading in onOpen and keeps what onTraffic shows once resumed.
class PauseAtOpen : public RecordingHandler {
public:
    std::atomic<int> loop{-1};
    qgnet::Conn* conn = nullptr; // loop thread only, valid until onClose

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        c.pauseRead();
        conn = &c;
        loop = c.loopIndex();
        return RecordingHandler::onOpen(c);
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        std::lock_guard lock(mu_);
        received_.insert(received_.end(), b.begin(), b.end());
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        conn = nullptr;
        return RecordingHandler::onClose(c, reason);
    }
    std::vector<std::byte> received() const
    {
        std::lock_guard lock(mu_);
        return received_;
    }

private:
    mutable std::mutex mu_;
    std::vector<std::byte> received_;
};

/// runOnLoop runs fn on an engine loop through execute() and waits for it.
bool runOnLoop(const qgnet::Engine& engine, int loop, std::function<void()> fn, std::string& err)
{
    auto done = std::make_shared<std::atomic<bool>>(false);
    const auto ec = engine.execute(loop, [fn = std::move(fn), done] {
        fn();
        *done = true;
    });
    if (ec) {
        err = "execute: " + describe(ec);
        return false;
    }
    if (!waitFor([&] { return done->load(); }, 10s)) {
        err = "execute: the task did not run within 10 s";
        return false;
    }
    return true;
}

} // namespace

class TestBackpressure : public EngineTestCase {
    Q_OBJECT

private slots:
    void slowReaderHitsOutputCap_data();
    void slowReaderHitsOutputCap();
    void waterMarksAlternate();
    void pauseReadStopsTraffic_data();
    void pauseReadStopsTraffic();
    void inputLimit_data();
    void inputLimit();
    void inputCapBoundsAllocation_data();
    void inputCapBoundsAllocation();
    void pausedPeerGoneDoesNotSpin_data();
    void pausedPeerGoneDoesNotSpin();
    void workerQueueFull();
    void loopTaskQueueFull();
};

void TestBackpressure::slowReaderHitsOutputCap_data()
{
    QTest::addColumn<qulonglong>("cap");
    QTest::newRow("cap 8 MiB") << qulonglong{8 * MiB};
    QTest::newRow("default cap (64 MiB)") << qulonglong{0};
}

void TestBackpressure::slowReaderHitsOutputCap()
{
    QFETCH(qulonglong, cap);
    PushHandler h;
    qgnet::Options o;
    o.numEventLoop = 1; // the echo connection shares the slow one's loop
    if (cap != 0)
        o.maxOutputBuffered = cap;
    const std::size_t limit = o.maxOutputBuffered;
    // State the asyncWrite callbacks touch: declared before the engine, so it outlives every callback.
    const std::vector<std::byte> chunk(64 * KiB, std::byte{'x'});
    std::atomic<int> inflight{0};
    std::atomic<std::size_t> accepted{0};
    std::atomic<int> errors{0};
    std::mutex firstErrorMu;
    std::error_code firstError;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);

    // The slow client: a 4 KiB receive buffer from the start, and it never reads.
    Fd slow = connectTo(target, deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(slow.valid(), err);
    QGNET_VERIFY_ERR(sendAll(slow.get(), "S", deadlineIn(10s), err), err);
    QGNET_WAIT_VERIFY(h.slowKnown.load(), 10000);
    const qgnet::ConnHandle handle = h.slowHandle();

    Fd echo = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(echo.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(echo.get(), "E", deadlineIn(10s), err), err);

    // Another connection keeps echoing while the server is pushed into the cap.
    std::atomic<bool> pushDone{false};
    std::atomic<int> echoes{0};
    std::string echoError;
    std::thread echoer([&] {
        Rng rng(seedFor("slow-reader-echo"));
        std::string e;
        while (!pushDone.load()) {
            const auto data = randomBytes(rng, randomSize(rng, 1, 64 * KiB));
            if (!echoRoundTrip(echo.get(), data, deadlineIn(30s), e)) {
                echoError = "echo " + std::to_string(echoes.load()) + ": " + e;
                return;
            }
            ++echoes;
        }
    });
    struct JoinEchoer {
        std::thread& t;
        std::atomic<bool>& done;
        ~JoinEchoer()
        {
            done = true;
            if (t.joinable())
                t.join();
        }
    } joinEchoer{echoer, pushDone};

    // Push 100 MiB in 64 KiB asyncWrites (at most 32 in flight), ignoring writability.
    const std::size_t total = 100 * MiB;
    std::size_t issuedBytes = 0;
    while (issuedBytes < total && errors.load() == 0) {
        if (!waitFor([&] { return inflight.load() < 32 || errors.load() != 0; }, 30s))
            QFAIL("asyncWrite callbacks stopped coming");
        if (errors.load() != 0)
            break;
        ++inflight;
        const auto ec = handle.asyncWrite(chunk, [&](qgnet::Conn* c, std::error_code e) {
            if (c)
                h.noteOutbound(*c);
            if (!e) {
                accepted += chunk.size();
            } else {
                std::lock_guard lock(firstErrorMu);
                if (errors.fetch_add(1) == 0)
                    firstError = e;
            }
            --inflight;
        });
        if (ec) {
            --inflight;
            QVERIFY2(ec == qgnet::Errc::QueueFull, describe(ec).c_str());
            continue;
        }
        issuedBytes += chunk.size();
    }
    QGNET_WAIT_COMPARE(inflight.load(), 0, 30000);
    QGNET_WAIT_COMPARE(h.slowClosed.load(), 1, 30000);
    pushDone = true;
    echoer.join();
    QVERIFY2(echoError.empty(), echoError.c_str());

    {
        std::lock_guard lock(firstErrorMu);
        QVERIFY2(firstError == qgnet::Errc::OutputLimitExceeded,
            ("first failed asyncWrite: " + describe(firstError)).c_str());
    }
    const std::error_code reason = h.slowReason();
    QVERIFY2(reason == qgnet::Errc::OutputLimitExceeded, describe(reason).c_str());
    QVERIFY2(issuedBytes < total, "all 100 MiB were accepted: the cap never closed the connection");
    QVERIFY2(h.maxSlowOutbound.load() <= limit,
        ("outboundBuffered() reached " + std::to_string(h.maxSlowOutbound.load()) + " > cap " + std::to_string(limit))
            .c_str());
    // Sanity: it was the cap that closed it (the kernel holds only a few MiB of the rest).
    QVERIFY2(accepted.load() + chunk.size() > limit,
        ("closed after only " + std::to_string(accepted.load()) + " bytes").c_str());
    qInfo("accepted %zu bytes, max unsent %zu, %d echoes meanwhile", accepted.load(), h.maxSlowOutbound.load(),
        echoes.load());

    // The echo connection is still fine afterwards.
    QGNET_VERIFY_ERR(echoRoundTrip(echo.get(), "still echoing", deadlineIn(10s), err), err);
    QCOMPARE(engine.countConnections(), 1);
    engine.stop();
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestBackpressure::waterMarksAlternate()
{
    WaterHandler h;
    qgnet::Options o;
    o.outputHighWater = 256 * KiB;
    o.outputLowWater = 64 * KiB;
    // A kernel send buffer (doubled: 128 KiB) below high - low, so the first "unwritable" lasts
    // until the test reads on both backends: epoll fills the kernel before buffering, io_uring
    // hands the engine's buffer to the kernel only after the callback.
    o.socketSendBuffer = 64 * KiB;
    h.high = o.outputHighWater;
    h.low = o.outputLowWater;
    h.rounds = 4;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_VERIFY_ERR(sendAll(c.get(), "W", deadlineIn(10s), err), err);

    // Not reading: the server hears "unwritable" and stops.
    QGNET_WAIT_COMPARE(h.notifications.load(), 1, 10000);
    QCOMPARE(static_cast<bool>(h.events().at(0)), false);
    const std::size_t writtenWhileBlocked = h.written.load();
    QVERIFY(writtenWhileBlocked >= o.outputHighWater);

    // Read everything: each drain to the low mark brings "writable" and another burst.
    std::vector<std::byte> got;
    std::vector<std::byte> buf(64 * KiB);
    const Deadline deadline = deadlineIn(60s);
    while (!(h.done.load() && got.size() == h.written.load())) {
        QVERIFY2(Clock::now() < deadline,
            ("read " + std::to_string(got.size()) + " of " + std::to_string(h.written.load())
                + " bytes before the deadline")
                .c_str());
        pollfd p{c.get(), POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const ssize_t n = ::recv(c.get(), buf.data(), buf.size(), 0);
        QVERIFY2(n > 0 || (n < 0 && errno == EAGAIN), "the server closed or reset the connection");
        if (n > 0)
            got.insert(got.end(), buf.begin(), buf.begin() + n);
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i] != patternByte(i))
            QFAIL(("stream differs at offset " + std::to_string(i)).c_str());
    }

    const auto events = h.events();
    QCOMPARE(static_cast<int>(events.size()), 2 * h.rounds);
    for (std::size_t i = 0; i < events.size(); ++i)
        QVERIFY2(events[i] == (i % 2 == 1),
            ("notification " + std::to_string(i) + " repeats the previous one").c_str());
    QGNET_VERIFY_NO_FAILURES(h.problems());
    QCOMPARE(h.badStates.load(), 0);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    engine.stop();
}

void TestBackpressure::pauseReadStopsTraffic_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("viaWake");
    QTest::newRow("lt/execute") << false << false;
    QTest::newRow("lt/wake") << false << true;
    QTest::newRow("et/execute") << true << false;
    QTest::newRow("et/wake") << true << true;
}

void TestBackpressure::pauseReadStopsTraffic()
{
    QFETCH(bool, edge);
    QFETCH(bool, viaWake);
    PauseHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.edgeTriggeredIO = edge;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    Rng rng(seedFor(QTest::currentDataTag()));
    const auto first = randomBytes(rng, 1000);
    const auto more = randomBytes(rng, 32 * KiB);
    QGNET_VERIFY_ERR(sendAll(c.get(), first, deadlineIn(10s), err), err);
    QGNET_WAIT_VERIFY(h.paused.load(), 10000);
    const int callsAtPause = h.trafficCalls.load();
    const std::size_t receivedAtPause = h.receivedSize();

    // While paused, the client sends more; wait until the bytes sit in the server's socket.
    QGNET_VERIFY_ERR(sendAll(c.get(), more, deadlineIn(10s), err), err);
    const long expectQueued = static_cast<long>(first.size() + more.size() - receivedAtPause);
    QGNET_WAIT_COMPARE(receiveQueued(h.serverFd.load()), expectQueued, 10000);
    // Let the loop go round a few times with the data waiting: no onTraffic may come of it.
    for (int i = 0; i < 3; ++i)
        QGNET_VERIFY_ERR(runOnLoop(
                             engine, h.loop.load(), [] {}, err),
            err);
    QCOMPARE(h.trafficCalls.load(), callsAtPause);
    QCOMPARE(h.receivedSize(), receivedAtPause);
    QCOMPARE(receiveQueued(h.serverFd.load()), expectQueued);
    QCOMPARE(h.trafficWhilePaused.load(), 0);

    // Resume from the test thread.
    if (viaWake) {
        h.resumeOnWake = true;
        QVERIFY(!h.handle().wake());
    } else {
        QGNET_VERIFY_ERR(runOnLoop(
                             engine, h.loop.load(),
                             [&h] {
                                 if (h.conn)
                                     h.conn->resumeRead();
                             },
                             err),
            err);
    }
    QGNET_WAIT_COMPARE(h.receivedSize(), first.size() + more.size(), 10000);
    std::vector<std::byte> all(first);
    all.insert(all.end(), more.begin(), more.end());
    const auto received = h.received();
    const std::string mismatch = firstMismatch(all, received);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QCOMPARE(h.trafficWhilePaused.load(), 0);
    c.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    engine.stop();
}

void TestBackpressure::inputLimit_data()
{
    QTest::addColumn<bool>("edge");
    QTest::newRow("lt") << false;
    QTest::newRow("et") << true;
}

void TestBackpressure::inputLimit()
{
    QFETCH(bool, edge);
    HoardHandler h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.maxInputBuffered = 100 * KiB;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    Rng rng(seedFor("input-limit"));
    const auto data = randomBytes(rng, 2 * MiB);
    (void)sendAll(c.get(), data, deadlineIn(30s), err); // may fail once the server gives up: fine
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 30000);
    const auto closes = h.closes();
    QVERIFY2(closes.at(0).reason == qgnet::Errc::InputLimitExceeded, describe(closes.at(0).reason).c_str());
    // Bounded: at most the cap plus one read's worth was ever held.
    QVERIFY2(h.maxInbound.load() <= o.maxInputBuffered + o.readBufferCap,
        ("inboundBuffered() reached " + std::to_string(h.maxInbound.load())).c_str());
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + ": " + err).c_str());
    engine.stop();
    QCOMPARE(h.closed.load(), 1);
}

void TestBackpressure::inputCapBoundsAllocation_data()
{
    QTest::addColumn<bool>("edge");
    QTest::newRow("lt") << false;
    QTest::newRow("et") << true;
}

// The cap is checked before the inbound ring grows: a peer that sends past maxInputBuffered (1 MiB, a
// power of two) never makes the ring allocate more than the cap (it used to double to 2 MiB first).
void TestBackpressure::inputCapBoundsAllocation()
{
    QFETCH(bool, edge);
    CapHoard h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.maxInputBuffered = 1 * MiB;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    Rng rng(seedFor("input-cap-allocation"));
    const auto data = randomBytes(rng, 4 * MiB);
    (void)sendAll(c.get(), data, deadlineIn(30s), err); // may fail once the server gives up: fine
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 30000);
    const auto closes = h.closes();
    QVERIFY2(closes.at(0).reason == qgnet::Errc::InputLimitExceeded, describe(closes.at(0).reason).c_str());
    QVERIFY2(h.bufferBytesAtClose.load() >= 0
            && static_cast<std::size_t>(h.bufferBytesAtClose.load()) <= o.maxInputBuffered,
        ("the engine held " + std::to_string(h.bufferBytesAtClose.load())
            + " bytes of buffers at onClose, over the 1 MiB input cap")
            .c_str());
    engine.stop();
}

void TestBackpressure::pausedPeerGoneDoesNotSpin_data()
{
    QTest::addColumn<bool>("edge");
    QTest::addColumn<bool>("unixSocket");
    QTest::addColumn<bool>("withData");
    QTest::newRow("lt/tcp-reset") << false << false << false;
    QTest::newRow("et/tcp-reset") << true << false << false;
    QTest::newRow("lt/unix-close") << false << true << false;
    QTest::newRow("et/unix-close") << true << true << false;
    QTest::newRow("lt/unix-data-close") << false << true << true;
    QTest::newRow("et/unix-data-close") << true << true << true;
}

// A connection paused in onOpen whose peer goes away (a TCP reset, a Unix socket closed): the loop must
// not spin on the hang-up it cannot read, and onClose must come, with the reset as the reason, or
// PeerClosed. Bytes the peer sent before closing stay for the handler: onClose waits for resumeRead.
void TestBackpressure::pausedPeerGoneDoesNotSpin()
{
    QFETCH(bool, edge);
    QFETCH(bool, unixSocket);
    QFETCH(bool, withData);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string url = unixSocket ? "unix://" + dir.filePath(QStringLiteral("paused.sock")).toStdString()
                                       : "tcp://127.0.0.1:0";
    PauseAtOpen h;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    TestServer server;
    QVERIFY2(server.start(h, url, o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    Rng rng(seedFor(QTest::currentDataTag()));
    const auto data = randomBytes(rng, withData ? 10000 : 0);
    if (withData)
        QGNET_VERIFY_ERR(sendAll(c.get(), data, deadlineIn(10s), err), err);
    if (!unixSocket)
        QVERIFY(setLingerZero(c.get()));
    c.reset();

    // The loop's CPU over a 1 s window after the peer left (a measurement: it waits for nothing).
    const long long cpu0 = processCpuTicks(::getpid());
    QVERIFY(cpu0 >= 0);
    const auto wall0 = Clock::now();
    pauseUntil(wall0 + 1s);
    const long long cpu1 = processCpuTicks(::getpid());
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    const double cpu = static_cast<double>(cpu1 - cpu0) / static_cast<double>(clockTicksPerSecond());
    QVERIFY2(cpu < 0.5 * wall,
        ("the loop spins on a paused connection whose peer left: " + std::to_string(cpu) + " s of CPU in "
            + std::to_string(wall) + " s")
            .c_str());
    if (withData) {
        // What the peer sent is still there for the handler: no onClose before it resumes.
        QCOMPARE(h.closed.load(), 0);
        QVERIFY(h.received().empty());
        QGNET_VERIFY_ERR(runOnLoop(
                             engine, h.loop.load(),
                             [&h] {
                                 if (h.conn)
                                     h.conn->resumeRead();
                             },
                             err),
            err);
    }
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    const auto closes = h.closes();
    if (unixSocket)
        QVERIFY2(closes.at(0).reason == qgnet::Errc::PeerClosed, describe(closes.at(0).reason).c_str());
    else
        QVERIFY2(closes.at(0).reason == std::errc::connection_reset, describe(closes.at(0).reason).c_str());
    const auto received = h.received();
    QCOMPARE(received.size(), data.size());
    const std::string mismatch = firstMismatch(data, received);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    engine.stop();
    QCOMPARE(h.closed.load(), 1);
}

void TestBackpressure::workerQueueFull()
{
    {
        EchoHandler h;
        qgnet::Options o;
        o.workerThreads = 1;
        o.workerQueueCapacity = 4;
        std::atomic<int> ran{0};
        std::atomic<bool> extraRan{false};
        TestServer server;
        QVERIFY2(server.start(h, "tcp", o), server.error());
        qgnet::Engine& engine = server.engine();
        std::string err;
        Gate gate; // destroyed (opened) before the engine on every path
        QVERIFY(!engine.submit([&] {
            gate.wait();
            ++ran;
        }));
        QGNET_WAIT_COMPARE(gate.waiting.load(), 1, 10000); // the only worker is busy now
        for (int i = 0; i < 4; ++i) {
            const auto ec = engine.submit([&] { ++ran; });
            QVERIFY2(!ec, ("submit " + std::to_string(i) + ": " + describe(ec)).c_str());
        }
        const auto full = engine.submit([&] { extraRan = true; });
        QVERIFY2(full == qgnet::Errc::QueueFull, describe(full).c_str());
        QCOMPARE(qgnet::liveCounters().workerTasks, std::int64_t{5});
        gate.open();
        QGNET_WAIT_COMPARE(ran.load(), 5, 10000);
        QVERIFY(!extraRan);
        // Room again.
        QVERIFY(!engine.submit([&] { ++ran; }));
        QGNET_WAIT_COMPARE(ran.load(), 6, 10000);
        engine.stop();
        const auto stopped = engine.submit([] {});
        QVERIFY2(stopped == qgnet::Errc::EngineStopped, describe(stopped).c_str());
    }
    {
        // No pool: submit says so.
        EchoHandler h;
        TestServer server;
        QVERIFY2(server.start(h, "tcp"), server.error());
        qgnet::Engine& engine = server.engine();
        std::string err;
        const auto ec = engine.submit([] {});
        QVERIFY2(ec == qgnet::Errc::UnsupportedOperation, describe(ec).c_str());
        engine.stop();
    }
}

void TestBackpressure::loopTaskQueueFull()
{
    constexpr int kCapacity = 8;
    PauseHandler h; // only its handle bookkeeping is used; the client sends one byte
    qgnet::Options o;
    o.numEventLoop = 1;
    o.taskQueueCapacity = kCapacity;
    std::atomic<int> callbacks{0};
    std::atomic<int> callbackErrors{0};
    std::atomic<bool> ran{false};
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_VERIFY_ERR(sendAll(c.get(), "!", deadlineIn(10s), err), err);
    QGNET_WAIT_VERIFY(h.paused.load(), 10000);
    const qgnet::ConnHandle handle = h.handle();

    // Make the loop busy in a task that waits for the test, then fill its queue.
    Gate gate;
    QVERIFY(!engine.execute(0, [&gate] { gate.wait(); }));
    QGNET_WAIT_COMPARE(gate.waiting.load(), 1, 10000);

    int accepted = 0;
    std::string expected;
    std::error_code refused;
    for (int i = 0; i < 10 * kCapacity; ++i) {
        const std::string rec = "rec" + std::to_string(i) + ";";
        refused = handle.asyncWrite(rec, [&](qgnet::Conn*, std::error_code ec) {
            if (ec)
                ++callbackErrors;
            ++callbacks;
        });
        if (refused)
            break;
        ++accepted;
        expected += rec;
    }
    QVERIFY2(refused == qgnet::Errc::QueueFull, describe(refused).c_str());
    QCOMPARE(accepted, kCapacity);
    QCOMPARE(qgnet::liveCounters().pendingTasks, std::int64_t{kCapacity});
    // Every other way in is refused too, and nothing grows.
    std::error_code ec = engine.execute(0, [&ran] { ran = true; });
    QVERIFY2(ec == qgnet::Errc::QueueFull, describe(ec).c_str());
    ec = handle.wake([&](qgnet::Conn*, std::error_code) { ran = true; });
    QVERIFY2(ec == qgnet::Errc::QueueFull, describe(ec).c_str());
    ec = handle.close();
    QVERIFY2(ec == qgnet::Errc::QueueFull, describe(ec).c_str());
    const auto timer = engine.schedule(
        0, 1ms, [&ran] { ran = true; }, ec);
    QVERIFY2(ec == qgnet::Errc::QueueFull && timer == 0, describe(ec).c_str());
    QCOMPARE(qgnet::liveCounters().pendingTasks, std::int64_t{kCapacity});

    gate.open();
    QGNET_WAIT_COMPARE(callbacks.load(), kCapacity, 10000);
    QCOMPARE(callbackErrors.load(), 0);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(c.get(), got, expected.size(), deadlineIn(10s), err), err);
    QCOMPARE(qba(got), qba(expected));
    // Room again.
    QGNET_VERIFY_ERR(runOnLoop(
                         engine, 0, [] {}, err),
        err);
    QVERIFY(!ran);
    QCOMPARE(h.closed.load(), 0);
    engine.stop();
}

QGNET_TEST_MAIN(TestBackpressure)
#include "tst_backpressure.moc"
