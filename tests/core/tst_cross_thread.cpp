// SPDX-License-Identifier: Apache-2.0
// ConnHandle from foreign threads: 8 threads issue random asyncWrite / asyncWritev / wake / close on 200
// connections served by 4 loops. Every record is tagged (thread, per-(thread, connection) sequence), so
// the clients can check that each thread's records arrive in order, without gaps or duplicates, and that
// exactly the records whose callbacks reported success arrived (a close flushes first). Every callback
// runs exactly once. Also: a handle used after its connection closed, a handle whose slot was reused by a
// newer connection, a handle that outlives its engine, and operations racing Engine::stop.
#include <QTest>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include <poll.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

// ---- records ------------------------------------------------------------------------------------

// magic u32 | thread u32 | connection id u64 | sequence u64 | payload length u32 | payload hash u32 | payload
constexpr std::uint32_t kMagic = 0x51475243; // "QGRC"
constexpr std::size_t kHeader = 32;

std::vector<std::byte> makeRecord(std::uint32_t thread, std::uint64_t connId, std::uint64_t seq, Rng& rng,
    std::size_t payload)
{
    std::vector<std::byte> r(kHeader + payload);
    const auto body = randomBytes(rng, payload);
    std::copy(body.begin(), body.end(), r.begin() + kHeader);
    putBe32(r.data(), kMagic);
    putBe32(r.data() + 4, thread);
    putBe64(r.data() + 8, connId);
    putBe64(r.data() + 16, seq);
    putBe32(r.data() + 24, static_cast<std::uint32_t>(payload));
    putBe32(r.data() + 28, static_cast<std::uint32_t>(fnv1a64(body)));
    return r;
}

enum OpKind { OpWrite, OpWritev, OpWake, OpClose, OpKinds };
const char* const kOpNames[OpKinds] = {"asyncWrite", "asyncWritev", "wake", "close"};

/// OpLedger counts operations issued (queued without an immediate error) and callbacks completed, per
/// kind, and collects what went wrong inside callbacks (which run on loop threads).
struct OpLedger {
    std::atomic<long> issued[OpKinds] = {};
    std::atomic<long> completed[OpKinds] = {};
    std::atomic<long> immediate[OpKinds] = {};
    std::atomic<long> succeeded[OpKinds] = {};
    std::atomic<long> duplicates{0};

    void problem(std::string p)
    {
        std::lock_guard lock(mu);
        if (problems.size() < 50)
            problems.push_back(std::move(p));
    }
    std::vector<std::string> allProblems()
    {
        std::lock_guard lock(mu);
        return problems;
    }
    std::string counts() const
    {
        std::string s;
        for (int k = 0; k < OpKinds; ++k)
            s += std::string(kOpNames[k]) + ": issued " + std::to_string(issued[k].load()) + ", completed "
                + std::to_string(completed[k].load()) + ", immediate errors " + std::to_string(immediate[k].load())
                + "; ";
        return s;
    }
    bool allCompleted() const
    {
        for (int k = 0; k < OpKinds; ++k)
            if (issued[k].load() != completed[k].load())
                return false;
        return true;
    }

    std::mutex mu;
    std::vector<std::string> problems;
};

/// TableHandler publishes every connection's handle, records which connections have closed, and counts
/// onTraffic calls (the clients never send, so every onTraffic comes from a wake).
class TableHandler : public RecordingHandler {
public:
    std::atomic<int> doubleCloses{0};

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        {
            // Kept before the open is counted: a test that saw the count copies the handles at once.
            std::lock_guard lock(mu_);
            handles_.push_back(c.handle());
        }
        RecordingHandler::onOpen(c);
        return {};
    }
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        c.discard(c.inboundBuffered());
        return qgnet::Action::None;
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        {
            std::lock_guard lock(mu_);
            if (!closedIds_.insert(c.id()).second)
                ++doubleCloses;
        }
        return RecordingHandler::onClose(c, reason);
    }
    std::vector<qgnet::ConnHandle> handles() const
    {
        std::lock_guard lock(mu_);
        return handles_;
    }
    bool isClosed(std::uint64_t id) const
    {
        std::lock_guard lock(mu_);
        return closedIds_.count(id) != 0;
    }

private:
    mutable std::mutex mu_;
    std::vector<qgnet::ConnHandle> handles_;
    std::set<std::uint64_t> closedIds_;
};

/// ClientState is what one client socket received: records grouped by sending thread.
struct ClientState {
    std::vector<std::byte> buf;
    std::size_t off = 0;
    std::uint64_t connId = 0;
    bool ended = false;
    std::size_t bytes = 0;
    std::map<std::uint32_t, std::vector<std::uint64_t>> seqs; // thread -> sequences in arrival order
    std::string problem;

    void parse()
    {
        while (problem.empty() && buf.size() - off >= kHeader) {
            const std::byte* h = buf.data() + off;
            if (getBe32(h) != kMagic) {
                problem = "bad record magic at stream offset " + std::to_string(bytes - (buf.size() - off));
                return;
            }
            const std::uint32_t len = getBe32(h + 24);
            if (buf.size() - off < kHeader + len)
                return;
            const std::uint32_t thread = getBe32(h + 4);
            const std::uint64_t id = getBe64(h + 8);
            const std::uint64_t seq = getBe64(h + 16);
            const ConstBytes body(h + kHeader, len);
            if (static_cast<std::uint32_t>(fnv1a64(body)) != getBe32(h + 28)) {
                problem = "record (thread " + std::to_string(thread) + ", seq " + std::to_string(seq)
                    + ") has a corrupt payload";
                return;
            }
            if (connId == 0)
                connId = id;
            else if (connId != id) {
                problem = "records of connections " + std::to_string(connId) + " and " + std::to_string(id)
                    + " arrived on one socket";
                return;
            }
            seqs[thread].push_back(seq);
            off += kHeader + len;
        }
        if (off > (1u << 20)) {
            buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(off));
            off = 0;
        }
    }
};

/// readAll reads clients [begin, end) until each sees EOF or the deadline passes.
void readAll(std::vector<Fd>& fds, std::vector<ClientState>& states, std::size_t begin, std::size_t end,
    Deadline deadline, const std::atomic<bool>& quit, std::string& failure)
{
    std::vector<pollfd> pfds;
    std::vector<std::size_t> index;
    std::vector<std::byte> chunk(64 * 1024);
    for (;;) {
        pfds.clear();
        index.clear();
        for (std::size_t i = begin; i < end; ++i) {
            if (!states[i].ended) {
                pfds.push_back({fds[i].get(), POLLIN, 0});
                index.push_back(i);
            }
        }
        if (pfds.empty() || quit.load())
            return;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            failure = std::to_string(pfds.size()) + " clients saw no EOF before the deadline; e.g. client "
                + std::to_string(index[0]) + " after " + std::to_string(states[index[0]].bytes) + " bytes";
            return;
        }
        const int rc = ::poll(pfds.data(), static_cast<nfds_t>(pfds.size()),
            static_cast<int>(std::min<long long>(left, 1000)));
        if (rc < 0 && errno != EINTR) {
            failure = "poll failed";
            return;
        }
        for (std::size_t k = 0; k < pfds.size(); ++k) {
            if (pfds[k].revents == 0)
                continue;
            ClientState& s = states[index[k]];
            for (;;) {
                const ssize_t n = ::recv(pfds[k].fd, chunk.data(), chunk.size(), 0);
                if (n > 0) {
                    s.buf.insert(s.buf.end(), chunk.begin(), chunk.begin() + n);
                    s.bytes += static_cast<std::size_t>(n);
                    continue;
                }
                if (n == 0) {
                    s.ended = true;
                } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    s.ended = true;
                    if (s.problem.empty())
                        s.problem = std::string("recv: ") + std::strerror(errno) + " instead of EOF";
                }
                break;
            }
            s.parse();
        }
    }
}

} // namespace

class TestCrossThread : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void randomOpsFromEightThreads();
    void handleAfterClose();
    void writeAfterCloseFromSameThread();
    void handleNeverReachesReusedSlot();
    void handleOutlivesEngine();
    void opsRacingStop();
};

void TestCrossThread::initTestCase()
{
    std::string err;
    QVERIFY2(raiseNofileLimit(err) > 0, err.c_str());
}

void TestCrossThread::randomOpsFromEightThreads()
{
    constexpr int kConns = 200;
    constexpr int kThreads = 8;
    constexpr int kReaders = 4;
    const int opsPerThread = static_cast<int>(scaled(1500, 100));
    // What the callbacks touch is declared first, so it outlives the engine and the handles.
    OpLedger ledger;
    std::mutex successMu;
    std::map<std::pair<std::uint64_t, std::uint32_t>, std::vector<std::uint64_t>> successes; // (conn, thread)
    std::atomic<int> finalCloses{0};
    std::atomic<int> finalCloseProblems{0};
    TableHandler h;
    qgnet::Options o;
    o.numEventLoop = 4;
    o.socketSendBuffer = 8192; // keep the backlog in the engine's outbound buffers, not the kernel's
    o.closeFlushTimeout = 60s; // a close must deliver everything; only a hang may reach this
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);
    std::vector<Fd> clients;
    for (int i = 0; i < kConns; ++i) {
        // Every other client has a 16 KiB receive window, so output backs up in the server and a
        // close often finds some still pending: it must be flushed, not dropped. Not smaller: with a
        // 4 KiB window, far below loopback's 64 KiB MSS, the kernel now and then left the server's
        // send queue full and unsent for 30-40 s (no zero-window probe, the client's queue empty)
        // when the CPUs were busy, which made this test's 30 s waits fail; nothing in the engine
        // was waiting on anything but that socket's writability.
        clients.push_back(connectTo(target, deadlineIn(10s), err, nullptr, i % 2 == 1 ? 16384 : 0));
        QGNET_VERIFY_ERR(clients.back().valid(), "client " + std::to_string(i) + ": " + err);
    }
    QGNET_WAIT_COMPARE(h.opened.load(), kConns, 30000);
    const std::vector<qgnet::ConnHandle> handles = h.handles();
    QCOMPARE(static_cast<int>(handles.size()), kConns);

    // The clients read everything until EOF, from the start.
    std::vector<ClientState> states(kConns);
    std::vector<std::string> readFailures(kReaders);
    std::vector<std::thread> readers;
    std::atomic<bool> quitReaders{false};
    const Deadline readDeadline = deadlineIn(90s);
    for (int r = 0; r < kReaders; ++r) {
        readers.emplace_back([&, r] {
            readAll(clients, states, static_cast<std::size_t>(r) * kConns / kReaders,
                static_cast<std::size_t>(r + 1) * kConns / kReaders, readDeadline, quitReaders,
                readFailures[static_cast<std::size_t>(r)]);
        });
    }
    struct JoinReaders {
        std::vector<std::thread>& t;
        std::atomic<bool>& quit;
        ~JoinReaders()
        {
            quit = true; // failure path: do not wait for the EOFs
            for (auto& r : t)
                if (r.joinable())
                    r.join();
        }
    } joinReaders{readers, quitReaders};

    const auto failures = runThreads(kThreads, [&](int t, std::string& failure) {
        Rng rng(seedFor("cross-thread-ops", static_cast<std::uint64_t>(t)));
        std::vector<std::uint64_t> nextSeq(kConns, 0);
        const auto thread = static_cast<std::uint32_t>(t);
        for (int op = 0; op < opsPerThread; ++op) {
            const std::size_t ci = randomSize(rng, 0, kConns - 1);
            const qgnet::ConnHandle& handle = handles[ci];
            const std::uint64_t connId = handle.id();
            const std::size_t dice = randomSize(rng, 0, 999);
            const OpKind kind = dice < 450 ? OpWrite : dice < 800 ? OpWritev : dice < 990 ? OpWake : OpClose;
            auto calls = std::make_shared<std::atomic<int>>(0);
            std::error_code immediate;
            if (kind == OpWrite || kind == OpWritev) {
                const std::uint64_t seq = nextSeq[ci];
                const auto record = makeRecord(thread, connId, seq, rng, logUniformSize(rng, 1, 64 * 1024));
                qgnet::AsyncCallback cb = [&, calls, kind, seq, connId, thread](qgnet::Conn* c, std::error_code ec) {
                    if (calls->fetch_add(1) != 0) {
                        ++ledger.duplicates;
                        return;
                    }
                    ++ledger.completed[kind];
                    if (!ec) {
                        ++ledger.succeeded[kind];
                        if (!c)
                            ledger.problem(std::string(kOpNames[kind]) + " succeeded with a null Conn*");
                        else if (c->id() != connId)
                            ledger.problem(std::string(kOpNames[kind]) + " ran on connection " + std::to_string(c->id())
                                + " instead of " + std::to_string(connId));
                        std::lock_guard lock(successMu);
                        successes[{connId, thread}].push_back(seq);
                    } else if (ec == qgnet::Errc::EngineStopped) {
                        if (c)
                            ledger.problem("EngineStopped with a non-null Conn*");
                    } else if (ec != qgnet::Errc::ConnectionClosed) {
                        ledger.problem(std::string(kOpNames[kind]) + " callback: " + describe(ec));
                    }
                };
                if (kind == OpWrite) {
                    immediate = handle.asyncWrite(record, std::move(cb));
                } else {
                    // Split at random points: header, payload in up to three pieces.
                    const ConstBytes all(record);
                    const std::size_t a = randomSize(rng, 0, all.size());
                    const std::size_t b = randomSize(rng, a, all.size());
                    const qgnet::Bytes parts[] = {all.first(a), all.subspan(a, b - a), all.subspan(b)};
                    immediate = handle.asyncWritev(parts, std::move(cb));
                }
                if (!immediate)
                    ++nextSeq[ci];
            } else if (kind == OpWake) {
                immediate = handle.wake([&, calls](qgnet::Conn* c, std::error_code ec) {
                    if (calls->fetch_add(1) != 0) {
                        ++ledger.duplicates;
                        return;
                    }
                    ++ledger.completed[OpWake];
                    if (!ec) {
                        ++ledger.succeeded[OpWake];
                        if (!c)
                            ledger.problem("wake succeeded with a null Conn*");
                    } else if (ec != qgnet::Errc::ConnectionClosed && ec != qgnet::Errc::EngineStopped) {
                        ledger.problem("wake callback: " + describe(ec));
                    }
                });
            } else {
                immediate = handle.closeWithCallback([&, calls, connId](qgnet::Conn*, std::error_code ec) {
                    if (calls->fetch_add(1) != 0) {
                        ++ledger.duplicates;
                        return;
                    }
                    ++ledger.completed[OpClose];
                    if (!ec) {
                        ++ledger.succeeded[OpClose];
                        if (!h.isClosed(connId))
                            ledger.problem("close callback ran before onClose of connection " + std::to_string(connId));
                    } else if (ec != qgnet::Errc::ConnectionClosed && ec != qgnet::Errc::EngineStopped) {
                        ledger.problem("close callback: " + describe(ec));
                    }
                });
            }
            if (immediate) {
                ++ledger.immediate[kind];
                if (immediate != qgnet::Errc::QueueFull) {
                    failure = std::string(kOpNames[kind]) + " failed at once with " + describe(immediate);
                    return;
                }
            } else {
                ++ledger.issued[kind];
            }
        }
    });
    QGNET_VERIFY_NO_FAILURES(failures);

    // Every issued operation completes.
    QVERIFY2(waitFor([&] { return ledger.allCompleted(); }, 30s), ledger.counts().c_str());

    // Close what is still open, through the handles (flushing what is queued), and read until EOF.
    for (const auto& handle : handles) {
        const auto ec = handle.closeWithCallback([&](qgnet::Conn*, std::error_code e) {
            if (e && e != qgnet::Errc::ConnectionClosed)
                ++finalCloseProblems;
            ++finalCloses;
        });
        QVERIFY2(!ec, describe(ec).c_str());
    }
    QGNET_WAIT_COMPARE(finalCloses.load(), kConns, 30000);
    QCOMPARE(finalCloseProblems.load(), 0);
    QGNET_WAIT_COMPARE(h.closed.load(), kConns, 30000);
    for (auto& r : readers)
        r.join();
    std::vector<std::string> readProblems;
    for (const auto& f : readFailures)
        if (!f.empty())
            readProblems.push_back(f);
    QGNET_VERIFY_NO_FAILURES(readProblems);

    engine.stop();
    QCOMPARE(engine.countConnections(), 0);
    QCOMPARE(h.doubleCloses.load(), 0);
    QCOMPARE(h.lateCallbacks.load(), 0);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.substr(0, 600).c_str());

    // Callbacks: each exactly once, none with an unexpected result.
    QCOMPARE(ledger.duplicates.load(), 0L);
    QVERIFY2(ledger.allCompleted(), ledger.counts().c_str());
    QGNET_VERIFY_NO_FAILURES(ledger.allProblems());
    QVERIFY2(ledger.issued[OpWrite].load() > 0 && ledger.issued[OpWritev].load() > 0 && ledger.issued[OpWake].load() > 0
            && ledger.issued[OpClose].load() > 0,
        ledger.counts().c_str());
    // The clients never send, so every onTraffic came from a wake that ran.
    QCOMPARE(static_cast<long>(h.trafficCalls.load()), ledger.succeeded[OpWake].load());

    // What arrived: per connection and thread, sequences 0, 1, 2, ... and exactly the ones that succeeded.
    std::vector<std::string> problems;
    std::map<std::pair<std::uint64_t, std::uint32_t>, std::vector<std::uint64_t>> arrived;
    for (std::size_t i = 0; i < states.size(); ++i) {
        const ClientState& s = states[i];
        if (!s.problem.empty())
            problems.push_back("client " + std::to_string(i) + ": " + s.problem);
        if (s.buf.size() != s.off)
            problems.push_back("client " + std::to_string(i) + ": " + std::to_string(s.buf.size() - s.off)
                + " bytes of a partial record before EOF");
        for (const auto& [thread, seqs] : s.seqs) {
            for (std::size_t k = 0; k < seqs.size(); ++k) {
                if (seqs[k] != k) {
                    problems.push_back("client " + std::to_string(i) + ", thread " + std::to_string(thread)
                        + ": record " + std::to_string(k) + " has sequence " + std::to_string(seqs[k])
                        + " (gap, duplicate or reordering)");
                    break;
                }
            }
            arrived[{s.connId, thread}] = seqs;
        }
    }
    std::size_t successfulRecords = 0;
    for (auto& [key, seqs] : successes) {
        std::sort(seqs.begin(), seqs.end());
        successfulRecords += seqs.size();
        const auto it = arrived.find(key);
        const std::size_t got = it == arrived.end() ? 0 : it->second.size();
        if (got != seqs.size() || (got > 0 && seqs.back() != got - 1)) {
            problems.push_back("connection " + std::to_string(key.first) + ", thread " + std::to_string(key.second)
                + ": " + std::to_string(seqs.size()) + " writes reported success, " + std::to_string(got)
                + " records arrived");
        }
    }
    for (const auto& [key, seqs] : arrived) {
        if (!successes.contains(key))
            problems.push_back("connection " + std::to_string(key.first) + ", thread " + std::to_string(key.second)
                + ": " + std::to_string(seqs.size()) + " records arrived but no write reported success");
    }
    QGNET_VERIFY_NO_FAILURES(problems);
    QCOMPARE(static_cast<long>(successfulRecords),
        ledger.succeeded[OpWrite].load() + ledger.succeeded[OpWritev].load());
    qInfo("%s; %zu records delivered", ledger.counts().c_str(), successfulRecords);
}

void TestCrossThread::handleAfterClose()
{
    TableHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    const qgnet::ConnHandle handle = h.handles().at(0);
    QVERIFY(!handle.isEmpty());
    QVERIFY(handle.id() != 0);

    // The handle works while the connection is open.
    std::atomic<int> writeCalls{0};
    std::error_code writeEc = qgnet::Errc::ShortBuffer;
    QVERIFY(!handle.asyncWrite("hello", [&](qgnet::Conn* conn, std::error_code ec) {
        writeEc = ec;
        if (!conn)
            writeEc = qgnet::Errc::UnsupportedOperation; // flags a null Conn* on success
        ++writeCalls;
    }));
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(c.get(), got, 5, deadlineIn(10s), err), err);
    QCOMPARE(qba(got), QByteArray("hello"));
    QGNET_WAIT_COMPARE(writeCalls.load(), 1, 10000);
    QVERIFY2(!writeEc, describe(writeEc).c_str());

    // Close through the handle: the callback runs after onClose.
    std::atomic<int> closeCalls{0};
    std::atomic<int> closedBeforeCallback{-1};
    QVERIFY(!handle.closeWithCallback([&](qgnet::Conn*, std::error_code ec) {
        closedBeforeCallback = h.closed.load();
        if (ec)
            closedBeforeCallback = -2;
        ++closeCalls;
    }));
    QGNET_WAIT_COMPARE(closeCalls.load(), 1, 10000);
    QCOMPARE(closedBeforeCallback.load(), 1);
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());

    // Every operation on the closed connection's handle is queued and reports ConnectionClosed with a
    // null Conn*, exactly once.
    std::atomic<int> lateCalls{0};
    std::atomic<int> lateBad{0};
    const auto expectClosed = [&](qgnet::Conn* conn, std::error_code ec) {
        if (conn || ec != qgnet::Errc::ConnectionClosed)
            ++lateBad;
        ++lateCalls;
    };
    const std::byte b[] = {std::byte{1}, std::byte{2}};
    const qgnet::Bytes parts[] = {qgnet::Bytes(b), qgnet::Bytes(b)};
    QVERIFY(!handle.asyncWrite("late", expectClosed));
    QVERIFY(!handle.asyncWritev(parts, expectClosed));
    QVERIFY(!handle.wake(expectClosed));
    QVERIFY(!handle.closeWithCallback(expectClosed));
    QVERIFY(!handle.close());
    QGNET_WAIT_COMPARE(lateCalls.load(), 4, 10000);
    QCOMPARE(lateBad.load(), 0);
    QCOMPARE(h.closed.load(), 1);

    // An empty handle refuses everything at once.
    const qgnet::ConnHandle empty;
    QVERIFY(empty.isEmpty());
    bool emptyCalled = false;
    QVERIFY(empty.asyncWrite("x", [&](qgnet::Conn*, std::error_code) { emptyCalled = true; })
        == qgnet::Errc::ConnectionClosed);
    QVERIFY(empty.wake() == qgnet::Errc::ConnectionClosed);
    QVERIFY(empty.close() == qgnet::Errc::ConnectionClosed);
    QVERIFY(!emptyCalled);

    engine.stop();
    QCOMPARE(lateCalls.load(), 4);
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestCrossThread::writeAfterCloseFromSameThread()
{
    // One thread: a large write (it backs up behind a 4 KiB window), a close, another write. The first is
    // flushed before the connection closes; the second, queued after the close, reports ConnectionClosed.
    std::atomic<int> calls{0};
    std::atomic<int> firstOk{0};
    std::atomic<int> secondClosed{0};
    std::atomic<int> closeAfterOnClose{0};
    TableHandler h;
    qgnet::Options o;
    o.socketSendBuffer = 8192;
    o.closeFlushTimeout = 60s;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    Fd c = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    const qgnet::ConnHandle handle = h.handles().at(0);
    Rng rng(seedFor("write-after-close"));
    const auto big = randomBytes(rng, scaled(2 * 1024 * 1024, 256 * 1024));
    QVERIFY(!handle.asyncWrite(big, [&](qgnet::Conn*, std::error_code ec) {
        if (!ec)
            ++firstOk;
        ++calls;
    }));
    QVERIFY(!handle.closeWithCallback([&](qgnet::Conn*, std::error_code ec) {
        if (!ec && h.closed.load() == 1)
            ++closeAfterOnClose;
        ++calls;
    }));
    QVERIFY(!handle.asyncWrite("after the close", [&](qgnet::Conn*, std::error_code ec) {
        if (ec == qgnet::Errc::ConnectionClosed)
            ++secondClosed;
        ++calls;
    }));
    std::vector<std::byte> got;
    const ReadEnd end = drainUntilEnd(c.get(), got, deadlineIn(30s), err);
    QVERIFY2(end == ReadEnd::Eof,
        (std::string(toString(end)) + " after " + std::to_string(got.size()) + " of " + std::to_string(big.size())
            + " bytes: " + err)
            .c_str());
    const std::string mismatch = firstMismatch(big, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QGNET_WAIT_COMPARE(calls.load(), 3, 10000);
    QCOMPARE(firstOk.load(), 1);
    QCOMPARE(secondClosed.load(), 1);
    QCOMPARE(closeAfterOnClose.load(), 1);
    const std::string reasons = h.closeReasonMismatches(qgnet::Errc::ClosedByHandler);
    QVERIFY2(reasons.empty(), reasons.c_str());
    engine.stop();
}

void TestCrossThread::handleNeverReachesReusedSlot()
{
    TableHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const auto target = engine.listenAddresses().at(0);
    Fd first = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(first.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    const qgnet::ConnHandle old = h.handles().at(0);
    first.reset();
    QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);

    // One loop: the new connection takes the freed slot (and likely the same descriptor number).
    Fd second = connectTo(target, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(second.valid(), err);
    QGNET_WAIT_COMPARE(h.opened.load(), 2, 10000);
    const qgnet::ConnHandle fresh = h.handles().at(1);
    QVERIFY(!(fresh == old));

    std::atomic<int> oldCalls{0};
    std::error_code oldEc;
    QVERIFY(!old.asyncWrite("STALE", [&](qgnet::Conn* c, std::error_code ec) {
        oldEc = c ? std::error_code(qgnet::Errc::UnsupportedOperation) : ec;
        ++oldCalls;
    }));
    QVERIFY(!old.close());
    // Issued after the stale operations from the same thread, so it runs after them.
    QVERIFY(!fresh.asyncWrite("fresh"));
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(second.get(), got, 5, deadlineIn(10s), err), err);
    QCOMPARE(qba(got), QByteArray("fresh"));
    QGNET_WAIT_COMPARE(oldCalls.load(), 1, 10000);
    QVERIFY2(oldEc == qgnet::Errc::ConnectionClosed, describe(oldEc).c_str());
    // The stale close did not close the new connection.
    QGNET_VERIFY_ERR(sendAll(second.get(), "ping", deadlineIn(10s), err), err);
    QGNET_WAIT_VERIFY(h.trafficCalls.load() >= 1, 10000);
    QCOMPARE(h.closed.load(), 1);
    QCOMPARE(engine.countConnections(), 1);
    engine.stop();
}

void TestCrossThread::handleOutlivesEngine()
{
    qgnet::ConnHandle kept;
    std::atomic<int> calls{0};
    {
        TableHandler h;
        qgnet::Options o;
        o.numEventLoop = 2;
        TestServer server;
        QVERIFY2(server.start(h, "tcp", o), server.error());
        qgnet::Engine& engine = server.engine();
        std::string err;
        Fd c = server.connect();
        QVERIFY2(c.valid(), server.error());
        QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
        kept = h.handles().at(0);
        QVERIFY(!kept.asyncWrite("before", [&](qgnet::Conn*, std::error_code) { ++calls; }));
        QGNET_WAIT_COMPARE(calls.load(), 1, 10000);
        engine.stop();
        // Stopped, not yet destroyed: refused at once as well.
        const std::error_code stoppedEc = kept.asyncWrite("x");
        QVERIFY2(stoppedEc == qgnet::Errc::EngineStopped, describe(stoppedEc).c_str());
    }
    // The engine is destroyed; the handle still refers to its loop's mailbox.
    QVERIFY(!kept.isEmpty());
    const auto count = [&](qgnet::Conn*, std::error_code) { ++calls; };
    const std::byte b[] = {std::byte{7}};
    const qgnet::Bytes parts[] = {qgnet::Bytes(b)};
    std::error_code ec = kept.asyncWrite("after", count);
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    ec = kept.asyncWritev(parts, count);
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    ec = kept.wake(count);
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    ec = kept.closeWithCallback(count);
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    ec = kept.close();
    QVERIFY2(ec == qgnet::Errc::EngineStopped, describe(ec).c_str());
    QCOMPARE(calls.load(), 1);      // immediate errors never call back
    QGNET_VERIFY_NO_LIVE_OBJECTS(); // a handle keeps no engine object alive
    kept = qgnet::ConnHandle();
    QCOMPARE(calls.load(), 1);
}

void TestCrossThread::opsRacingStop()
{
    // Threads keep issuing operations while the engine stops: each one either fails at once or calls back
    // exactly once (run, ConnectionClosed, or EngineStopped if it was still queued).
    const int rounds = static_cast<int>(scaled(10, 3));
    for (int round = 0; round < rounds; ++round) {
        std::atomic<long> issued{0};
        std::atomic<long> completed{0};
        std::atomic<long> duplicates{0};
        std::atomic<long> unexpected{0};
        {
            std::vector<qgnet::ConnHandle> handles;
            {
                TableHandler h;
                qgnet::Options o;
                o.numEventLoop = 2;
                TestServer server;
                QVERIFY2(server.start(h, "tcp", o), server.error());
                qgnet::Engine& engine = server.engine();
                std::string err;
                std::vector<Fd> clients;
                for (int i = 0; i < 4; ++i) {
                    clients.push_back(connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err));
                    QGNET_VERIFY_ERR(clients.back().valid(), err);
                }
                QGNET_WAIT_COMPARE(h.opened.load(), 4, 10000);
                handles = h.handles();
                std::atomic<bool> quit{false};
                std::atomic<long> issuedBeforeStop{0};
                std::vector<std::thread> threads;
                for (int t = 0; t < 3; ++t) {
                    threads.emplace_back([&, t] {
                        Rng rng(seedFor("racing-stop", static_cast<std::uint64_t>(round * 16 + t)));
                        while (!quit.load()) {
                            const auto& handle = handles[randomSize(rng, 0, handles.size() - 1)];
                            auto once = std::make_shared<std::atomic<int>>(0);
                            auto cb = [&, once](qgnet::Conn* c, std::error_code ec) {
                                if (once->fetch_add(1) != 0) {
                                    ++duplicates;
                                    return;
                                }
                                if (ec && ec != qgnet::Errc::ConnectionClosed && ec != qgnet::Errc::EngineStopped)
                                    ++unexpected;
                                if (ec == qgnet::Errc::EngineStopped && c)
                                    ++unexpected;
                                ++completed;
                            };
                            const std::size_t dice = randomSize(rng, 0, 99);
                            const std::error_code ec = dice < 60 ? handle.asyncWrite("racing", cb)
                                : dice < 95                      ? handle.wake(cb)
                                                                 : handle.closeWithCallback(cb);
                            if (!ec) {
                                ++issued;
                                ++issuedBeforeStop;
                            } else if (ec == qgnet::Errc::EngineStopped) {
                                return;
                            } else if (ec != qgnet::Errc::QueueFull) {
                                ++unexpected;
                                return;
                            }
                        }
                    });
                }
                struct Join {
                    std::vector<std::thread>& t;
                    std::atomic<bool>& q;
                    ~Join()
                    {
                        q = true; // failure path: do not wait for EngineStopped
                        for (auto& th : t)
                            if (th.joinable())
                                th.join();
                    }
                } join{threads, quit};
                QGNET_WAIT_VERIFY(issuedBeforeStop.load() > 1000, 30000);
                engine.stop(round % 2 == 0 ? 0ms : 100ms);
                for (auto& th : threads)
                    th.join();
                QCOMPARE(h.lateCallbacks.load(), 0);
            }
            // The engine is gone; queued operations were cancelled. The last handles release the mailboxes
            // (which cancel anything that slipped in after the loops' last drain).
        }
        QCOMPARE(duplicates.load(), 0L);
        QCOMPARE(unexpected.load(), 0L);
        QCOMPARE(completed.load(), issued.load());
    }
}

QGNET_TEST_MAIN(TestCrossThread)
#include "tst_cross_thread.moc"
