// SPDX-License-Identifier: Apache-2.0
// The peer's end while reading is paused. A handler that pauses reading in every onTraffic, resumed
// from another thread, still sees every byte its peers sent before onClose, byte-exact, when the peer
// closes or shuts down its write side behind its data; after a half-close it can still answer; after
// a reset, what it saw is a prefix of what was sent (TCP may drop the rest) and onClose comes once.
// (io_uring: bytes received after a pause was asked for, before its cancellation took effect, wait in
// the connection's inbound ring; an EOF in the same batch used to close the connection over them.)
#include <QTest>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

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
constexpr std::size_t kAnswerSize = 8; // the FNV-1a hash of everything received, big-endian

enum class PeerEnd { Close, ShutdownWrite, Reset };

/// PausingCollector keeps what each connection received, pauses reading in every onTraffic and
/// hands the connection to the test's resumer thread. With answerAt set, it answers a connection
/// that has received that many bytes with the hash of them.
class PausingCollector : public RecordingHandler {
public:
    /// Received is one connection's input, in order, and whether onTraffic came after onClose.
    struct Received {
        std::vector<std::byte> bytes;
        bool closed = false;
        std::error_code reason;
    };

    std::size_t answerAt = 0;
    std::atomic<int> trafficAfterClose{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        const qgnet::Bytes b = c.next();
        std::size_t total = 0;
        std::uint64_t hash = 0;
        {
            std::lock_guard lock(mu_);
            Received& r = received_[c.id()];
            if (r.closed)
                ++trafficAfterClose;
            r.bytes.insert(r.bytes.end(), b.begin(), b.end());
            total = r.bytes.size();
            if (answerAt != 0 && total == answerAt)
                hash = fnv1a64(r.bytes);
        }
        if (answerAt != 0 && total == answerAt) {
            std::array<std::byte, kAnswerSize> answer{};
            putBe64(answer.data(), hash);
            if (c.write(qgnet::Bytes(answer.data(), answer.size())))
                ++writeErrors;
        }
        c.pauseRead();
        {
            std::lock_guard lock(mu_);
            toResume_.push_back(c.handle());
        }
        ready_.notify_one();
        return qgnet::Action::None;
    }

    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        {
            std::lock_guard lock(mu_);
            Received& r = received_[c.id()];
            r.closed = true;
            r.reason = reason;
        }
        return RecordingHandler::onClose(c, reason);
    }

    /// resumeUntilStopped resumes the paused connections as they come, from the calling thread,
    /// until stopResuming.
    void resumeUntilStopped()
    {
        std::unique_lock lock(mu_);
        while (!stop_) {
            ready_.wait(lock, [this] { return stop_ || !toResume_.empty(); });
            while (!toResume_.empty()) {
                const qgnet::ConnHandle handle = toResume_.front();
                toResume_.pop_front();
                lock.unlock();
                const std::error_code ec = handle.resumeRead();
                lock.lock();
                if (ec == qgnet::Errc::QueueFull)
                    toResume_.push_back(handle); // the loop is busy: try again after the others
            }
        }
    }

    void stopResuming()
    {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        ready_.notify_one();
    }

    std::map<std::uint64_t, Received> received() const
    {
        std::lock_guard lock(mu_);
        return received_;
    }

private:
    mutable std::mutex mu_;
    std::condition_variable ready_;
    std::deque<qgnet::ConnHandle> toResume_;
    std::map<std::uint64_t, Received> received_;
    bool stop_ = false;
};

/// payloadFor is peer i's input: its index (4 bytes, big-endian), then random bytes.
std::vector<std::byte> payloadFor(int i, std::size_t size)
{
    Rng rng(seedFor("paused_eof", static_cast<std::uint64_t>(i)));
    std::vector<std::byte> p = randomBytes(rng, size);
    putBe32(p.data(), static_cast<std::uint32_t>(i));
    return p;
}

bool isPrefix(const std::vector<std::byte>& part, const std::vector<std::byte>& whole)
{
    return part.size() <= whole.size() && std::equal(part.begin(), part.end(), whole.begin());
}

} // namespace

class TestPausedEof : public EngineTestCase {
    Q_OBJECT

private slots:
    void everyByteBeforeOnClose_data();
    void everyByteBeforeOnClose();
};

void TestPausedEof::everyByteBeforeOnClose_data()
{
    QTest::addColumn<int>("end");
    QTest::addColumn<bool>("edge");
    QTest::newRow("close/lt") << static_cast<int>(PeerEnd::Close) << false;
    QTest::newRow("close/et") << static_cast<int>(PeerEnd::Close) << true;
    QTest::newRow("shutdown/lt") << static_cast<int>(PeerEnd::ShutdownWrite) << false;
    QTest::newRow("shutdown/et") << static_cast<int>(PeerEnd::ShutdownWrite) << true;
    QTest::newRow("reset/lt") << static_cast<int>(PeerEnd::Reset) << false;
    QTest::newRow("reset/et") << static_cast<int>(PeerEnd::Reset) << true;
}

// 32 peers each send 256 KiB and end at once, so that the last bytes and the end arrive together
// while the server's reading is paused.
void TestPausedEof::everyByteBeforeOnClose()
{
    QFETCH(int, end);
    QFETCH(bool, edge);
    const auto how = static_cast<PeerEnd>(end);
    constexpr int kPeers = 32;
    const std::size_t size = scaled(256 * KiB, 64 * KiB);

    PausingCollector h;
    if (how == PeerEnd::ShutdownWrite)
        h.answerAt = size;
    qgnet::Options o;
    o.edgeTriggeredIO = edge;
    o.numEventLoop = 2;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "tcp://127.0.0.1:0", o), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::thread resumer([&h] { h.resumeUntilStopped(); });
    struct StopResumer {
        PausingCollector& h;
        std::thread& t;
        ~StopResumer()
        {
            h.stopResuming();
            t.join();
        }
    } stopResumer{h, resumer};

    std::string err;
    std::vector<Fd> peers;
    std::vector<std::vector<std::byte>> sent;
    for (int i = 0; i < kPeers; ++i) {
        peers.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
        QGNET_VERIFY_ERR(peers.back().valid(), err);
        sent.push_back(payloadFor(i, size));
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kPeers, 10000); // accepted before any is reset
    for (int i = 0; i < kPeers; ++i) {
        Fd& peer = peers[static_cast<std::size_t>(i)];
        QGNET_VERIFY_ERR(sendAll(peer.get(), sent[static_cast<std::size_t>(i)], deadlineIn(60s), err), err);
        switch (how) {
        case PeerEnd::Close: peer = Fd(); break;
        case PeerEnd::ShutdownWrite: QCOMPARE(::shutdown(peer.get(), SHUT_WR), 0); break;
        case PeerEnd::Reset:
            QVERIFY(setLingerZero(peer.get()));
            peer = Fd();
            break;
        }
    }
    if (how == PeerEnd::ShutdownWrite) {
        for (int i = 0; i < kPeers; ++i) {
            std::vector<std::byte> got;
            const ReadEnd readEnd = drainUntilEnd(peers[static_cast<std::size_t>(i)].get(), got, deadlineIn(60s), err);
            QVERIFY2(readEnd == ReadEnd::Eof,
                ("peer " + std::to_string(i) + ": " + toString(readEnd) + " after " + std::to_string(got.size())
                    + " bytes of the answer: " + err)
                    .c_str());
            QCOMPARE(got.size(), kAnswerSize);
            QCOMPARE(getBe64(got.data()), fnv1a64(sent[static_cast<std::size_t>(i)]));
        }
    }
    QGNET_WAIT_COMPARE(h.closed.load(), kPeers, 60000);

    const auto received = h.received();
    QCOMPARE(received.size(), static_cast<std::size_t>(kPeers));
    std::vector<std::string> failures;
    std::vector<bool> seen(kPeers, false);
    for (const auto& [id, r] : received) {
        const std::string who = "connection " + std::to_string(id);
        if (!r.closed) {
            failures.push_back(who + ": no onClose");
            continue;
        }
        if (how == PeerEnd::Reset) {
            // TCP may drop what arrived just before the reset: what was seen must be a prefix.
            const bool fits = r.bytes.size() < 4
                ? std::any_of(sent.begin(), sent.end(), [&r](const auto& s) { return isPrefix(r.bytes, s); })
                : getBe32(r.bytes.data()) < kPeers && isPrefix(r.bytes, sent[getBe32(r.bytes.data())]);
            if (!fits)
                failures.push_back(who + ": " + std::to_string(r.bytes.size()) + " bytes, not what a peer sent");
            continue;
        }
        if (r.reason != qgnet::Errc::PeerClosed)
            failures.push_back(who + ": onClose(" + describe(r.reason) + "), PeerClosed expected");
        if (r.bytes.size() < 4) {
            failures.push_back(who + ": only " + std::to_string(r.bytes.size()) + " bytes before onClose");
            continue;
        }
        const std::uint32_t index = getBe32(r.bytes.data());
        if (index >= kPeers || seen[index]) {
            failures.push_back(who + ": bad or repeated peer index " + std::to_string(index));
            continue;
        }
        seen[index] = true;
        const std::string mismatch = firstMismatch(sent[index], r.bytes);
        if (!mismatch.empty())
            failures.push_back(who + " (peer " + std::to_string(index) + "): " + mismatch);
    }
    QVERIFY2(failures.empty(), joinLines(failures).c_str());
    QCOMPARE(h.trafficAfterClose.load(), 0);
    QCOMPARE(h.writeErrors.load(), 0);
    if (how != PeerEnd::Reset) // (a reset may leave a connection fewer reads, even none)
        QVERIFY2(h.trafficCalls.load() > kPeers, "reading was never paused between two reads");
    engine.stop();
    QCOMPARE(h.closed.load(), kPeers);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

QGNET_TEST_MAIN(TestPausedEof)
#include "tst_paused_eof.moc"
