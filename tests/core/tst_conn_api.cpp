// SPDX-License-Identifier: Apache-2.0
// Conn's API that no other test calls: read, writeTo, flush, readFrom, the socket setters (read back
// with getsockopt), dup; onClose running before the descriptor is closed; Action::Shutdown from
// onBoot and from onClose. Each handler checks on the loop thread and collects failure lines, which
// the test function then asserts empty.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include <QTemporaryFile>
#include <QTest>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// CheckingHandler collects failure lines from the loop threads.
class CheckingHandler : public RecordingHandler {
public:
    std::vector<std::string> failures() const
    {
        std::lock_guard lock(failMu_);
        return failures_;
    }

protected:
    void check(bool ok, const std::string& what)
    {
        if (ok)
            return;
        std::lock_guard lock(failMu_);
        failures_.push_back(what);
    }

private:
    mutable std::mutex failMu_;
    std::vector<std::string> failures_;
};

std::string str(qgnet::Bytes b) { return std::string(qgnet::asStringView(b)); }

std::string recvText(int fd, std::size_t n, std::string& err)
{
    std::vector<std::byte> got;
    if (!recvExact(fd, got, n, deadlineIn(10s), err))
        return {};
    return std::string(reinterpret_cast<const char*>(got.data()), got.size());
}

int intOption(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof v;
    return ::getsockopt(fd, level, name, &v, &len) == 0 ? v : -1;
}

const std::string kMessage = "0123456789";

/// ReadHandler waits for the whole message, then takes it with read() in two steps (4 bytes, then a
/// buffer larger than what is left, then an empty read) and echoes what read() gave.
class ReadHandler : public CheckingHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (c.inboundBuffered() < kMessage.size())
            return qgnet::Action::None; // left buffered: seen again with the rest
        char small[4];
        const std::size_t n1 = c.read(qgnet::MutableBytes(reinterpret_cast<std::byte*>(small), sizeof small));
        check(n1 == 4, "read(4 bytes) returned " + std::to_string(n1));
        check(c.inboundBuffered() == kMessage.size() - 4,
            "inboundBuffered after reading 4: " + std::to_string(c.inboundBuffered()));
        char big[64];
        const std::size_t n2 = c.read(qgnet::MutableBytes(reinterpret_cast<std::byte*>(big), sizeof big));
        check(n2 == kMessage.size() - 4, "read(64 bytes) returned " + std::to_string(n2));
        check(c.inboundBuffered() == 0, "inboundBuffered after reading all: " + std::to_string(c.inboundBuffered()));
        const std::size_t n3 = c.read(qgnet::MutableBytes(reinterpret_cast<std::byte*>(big), sizeof big));
        check(n3 == 0, "read() of an empty buffer returned " + std::to_string(n3));
        c.write(std::string(small, n1) + std::string(big, n2));
        return qgnet::Action::None;
    }
};

/// WriteToHandler waits for the whole message, hands 5 bytes to a sink that then refuses more (writeTo
/// must stop there), then everything left to a sink that takes all, and echoes what the sinks took.
class WriteToHandler : public CheckingHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (c.inboundBuffered() < kMessage.size())
            return qgnet::Action::None;
        std::string taken;
        std::size_t budget = 5;
        const std::size_t first = c.writeTo([&](qgnet::Bytes piece) {
            const std::size_t n = std::min(budget, piece.size());
            taken += str(piece.first(n));
            budget -= n;
            return n;
        });
        check(first == 5, "writeTo with a 5-byte sink returned " + std::to_string(first));
        check(c.inboundBuffered() == kMessage.size() - 5,
            "inboundBuffered after writeTo took 5: " + std::to_string(c.inboundBuffered()));
        const std::size_t rest = c.writeTo([&](qgnet::Bytes piece) {
            taken += str(piece);
            return piece.size();
        });
        check(rest == kMessage.size() - 5, "writeTo with a greedy sink returned " + std::to_string(rest));
        check(c.inboundBuffered() == 0,
            "inboundBuffered after writeTo took all: " + std::to_string(c.inboundBuffered()));
        const std::size_t none = c.writeTo([&](qgnet::Bytes piece) {
            check(false, "writeTo offered " + std::to_string(piece.size()) + " bytes of an empty buffer");
            return piece.size();
        });
        check(none == 0, "writeTo of an empty buffer returned " + std::to_string(none));
        c.write(taken);
        return qgnet::Action::None;
    }
};

/// FlushHandler, on "go": shrinks SO_SNDBUF, writes `payload` (most of it stays in the outbound buffer
/// because the peer's receive buffer is small too), grows SO_SNDBUF and calls flush() in the same
/// callback. No writability event can run in between, so only flush() can move the pending bytes.
class FlushHandler : public CheckingHandler {
public:
    std::string payload;
    std::atomic<std::size_t> pendingBefore{0};
    std::atomic<std::size_t> pendingAfter{0};
    std::atomic<int> flushed{0};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (c.inboundBuffered() < 2)
            return qgnet::Action::None; // "go" arrived in pieces: wait for all of it
        (void)c.next();
        check(!c.flush(), "flush() with nothing pending failed");
        check(!c.setWriteBuffer(4096), "setWriteBuffer(4096) failed");
        check(!c.write(payload), "write(payload) failed");
        pendingBefore = c.outboundBuffered();
        check(!c.setWriteBuffer(4 << 20), "setWriteBuffer(4 MiB) failed");
        const std::error_code ec = c.flush();
        check(!ec, "flush() failed: " + describe(ec));
        pendingAfter = c.outboundBuffered();
        ++flushed;
        return qgnet::Action::None;
    }
};

/// ReadFromHandler, on any input, sends the file `sourceFd` with readFrom, then tries readFrom on a
/// descriptor that cannot be read (a directory: EISDIR) and on an empty non-blocking pipe (nothing,
/// no error).
class ReadFromHandler : public CheckingHandler {
public:
    int sourceFd = -1;
    std::size_t expected = 0;
    std::atomic<bool> sent{false};

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        (void)c.next();
        if (sent.exchange(true))
            return qgnet::Action::None; // the trigger arrived in pieces: send the file once
        std::error_code ec;
        const std::size_t n = c.readFrom(sourceFd, ec);
        check(!ec, "readFrom(file) failed: " + describe(ec));
        check(n == expected, "readFrom(file) returned " + std::to_string(n) + ", expected " + std::to_string(expected));

        Fd dir(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        const std::size_t fromDir = c.readFrom(dir.get(), ec);
        check(fromDir == 0 && ec == std::errc::is_a_directory,
            "readFrom(directory) returned " + std::to_string(fromDir) + ", " + describe(ec));

        int p[2];
        if (::pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0) {
            Fd readEnd(p[0]);
            Fd writeEnd(p[1]);
            const std::size_t fromPipe = c.readFrom(readEnd.get(), ec);
            check(fromPipe == 0 && !ec,
                "readFrom(empty pipe) returned " + std::to_string(fromPipe) + ", " + describe(ec));
        } else {
            check(false, "pipe2 failed");
        }
        return qgnet::Action::None;
    }
};

/// OptionsHandler sets every socket option in onOpen and reads each back with getsockopt, then the
/// defaults back again.
class OptionsHandler : public CheckingHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        const int fd = c.fd();
        const auto expect = [&](const char* what, int level, int name, int want) {
            const int got = intOption(fd, level, name);
            check(got == want,
                std::string(what) + " reads back " + std::to_string(got) + ", expected " + std::to_string(want));
        };
        check(!c.setNoDelay(true), "setNoDelay(true) failed");
        expect("TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 1);
        check(!c.setNoDelay(false), "setNoDelay(false) failed");
        expect("TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 0);

        // Keep-alive: the idle time as given, the interval a fifth of it (at least 1 s), 5 probes.
        check(!c.setKeepAlivePeriod(30s), "setKeepAlivePeriod(30 s) failed");
        expect("SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, 1);
        expect("TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE, 30);
        expect("TCP_KEEPINTVL", IPPROTO_TCP, TCP_KEEPINTVL, 6);
        expect("TCP_KEEPCNT", IPPROTO_TCP, TCP_KEEPCNT, 5);
        check(!c.setKeepAlivePeriod(2s), "setKeepAlivePeriod(2 s) failed");
        expect("TCP_KEEPIDLE", IPPROTO_TCP, TCP_KEEPIDLE, 2);
        expect("TCP_KEEPINTVL", IPPROTO_TCP, TCP_KEEPINTVL, 1);
        check(!c.setKeepAlivePeriod(0s), "setKeepAlivePeriod(0) failed");
        expect("SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, 0);

        // Linux doubles SO_RCVBUF/SO_SNDBUF for its bookkeeping (socket(7)); 64 KiB is far below
        // the rmem_max/wmem_max caps.
        check(!c.setReadBuffer(65536), "setReadBuffer failed");
        expect("SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, 2 * 65536);
        check(!c.setWriteBuffer(98304), "setWriteBuffer failed");
        expect("SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, 2 * 98304);

        const auto linger = [&]() {
            ::linger l{-1, -1};
            socklen_t len = sizeof l;
            ::getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len);
            return l;
        };
        check(!c.setLinger(7s), "setLinger(7 s) failed");
        check(linger().l_onoff == 1 && linger().l_linger == 7,
            "SO_LINGER after setLinger(7 s): onoff " + std::to_string(linger().l_onoff) + ", linger "
                + std::to_string(linger().l_linger));
        check(!c.setLinger(std::nullopt), "setLinger(nullopt) failed");
        check(linger().l_onoff == 0, "SO_LINGER still on after setLinger(nullopt)");
        ++optionsChecked;
        return {};
    }
    std::atomic<int> optionsChecked{0};
};

/// DupHandler duplicates the descriptor in onOpen and closes the connection at once.
class DupHandler : public CheckingHandler {
public:
    std::atomic<int> dupFd{-1};
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        std::error_code ec;
        const int fd = c.dup(ec);
        check(fd >= 0 && !ec, "dup failed: " + describe(ec));
        check(fd != c.fd(), "dup returned the connection's own descriptor");
        check((::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0, "the duplicate is not close-on-exec");
        dupFd = fd;
        return {"from the engine\n", qgnet::Action::Close};
    }
};

/// FdAtCloseHandler checks in onClose that conn.fd() is still the socket that onOpen saw (same inode,
/// still a socket, getsockopt works): the descriptor is closed only after onClose returns.
class FdAtCloseHandler : public CheckingHandler {
public:
    std::mutex mu;
    std::map<std::uint64_t, ino_t> inodes;

    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        struct stat st {};
        check(::fstat(c.fd(), &st) == 0 && S_ISSOCK(st.st_mode), "fstat in onOpen");
        std::lock_guard lock(mu);
        inodes[c.id()] = st.st_ino;
        return {};
    }
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        struct stat st {};
        const bool statOk = ::fstat(c.fd(), &st) == 0;
        check(statOk, "fstat(conn.fd()) in onClose failed: " + std::string(std::strerror(errno)));
        check(!statOk || S_ISSOCK(st.st_mode), "conn.fd() in onClose is not a socket");
        {
            std::lock_guard lock(mu);
            check(!statOk || inodes[c.id()] == st.st_ino, "conn.fd() in onClose is another socket than in onOpen");
        }
        check(intOption(c.fd(), SOL_SOCKET, SO_TYPE) == SOCK_STREAM, "getsockopt(SO_TYPE) in onClose failed");
        return RecordingHandler::onClose(c, reason);
    }
};

/// BootShutdownHandler returns Action::Shutdown from onBoot, after noting the bound address.
class BootShutdownHandler : public RecordingHandler {
public:
    std::vector<qgnet::SocketAddress> addressesAtBoot;
    qgnet::Action onBoot(qgnet::Engine& e) override
    {
        RecordingHandler::onBoot(e);
        addressesAtBoot = e.listenAddresses();
        return qgnet::Action::Shutdown;
    }
};

/// CloseShutdownHandler echoes and returns Action::Shutdown from the first onClose.
class CloseShutdownHandler : public EchoHandler {
public:
    qgnet::Action onClose(qgnet::Conn& c, std::error_code reason) override
    {
        RecordingHandler::onClose(c, reason);
        return reason == qgnet::Errc::PeerClosed ? qgnet::Action::Shutdown : qgnet::Action::None;
    }
};

} // namespace

class TestConnApi : public EngineTestCase {
    Q_OBJECT

private slots:
    void readCopiesAndConsumes_data();
    void readCopiesAndConsumes();
    void writeToStopsWhereTheSinkStops_data();
    void writeToStopsWhereTheSinkStops();
    void flushSendsPendingOutput();
    void readFromSendsAFile();
    void socketOptionsReadBack();
    void dupOutlivesTheConnection();
    void fdStillOpenInOnClose_data();
    void fdStillOpenInOnClose();
    void shutdownFromOnBoot();
    void shutdownFromOnClose();
};

void TestConnApi::readCopiesAndConsumes_data()
{
    QTest::addColumn<QString>("network");
    QTest::newRow("tcp") << "tcp";
    QTest::newRow("unix") << "unix";
}

void TestConnApi::readCopiesAndConsumes()
{
    QFETCH(QString, network);
    ReadHandler h;
    TestServer server;
    QVERIFY2(server.start(h, network.toStdString()), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    std::string err;
    // Byte by byte, so that read() also has to gather from the inbound ring, not only fresh data.
    for (char ch : kMessage) {
        QGNET_VERIFY_ERR(sendAll(c.get(), std::string_view(&ch, 1), deadlineIn(10s), err), err);
    }
    QCOMPARE(qba(recvText(c.get(), kMessage.size(), err)), qba(kMessage));
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::writeToStopsWhereTheSinkStops_data() { readCopiesAndConsumes_data(); }

void TestConnApi::writeToStopsWhereTheSinkStops()
{
    QFETCH(QString, network);
    WriteToHandler h;
    TestServer server;
    QVERIFY2(server.start(h, network.toStdString()), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    std::string err;
    QGNET_VERIFY_ERR(sendAll(c.get(), kMessage.substr(0, 3), deadlineIn(10s), err), err);
    QGNET_VERIFY_ERR(sendAll(c.get(), kMessage.substr(3), deadlineIn(10s), err), err);
    QCOMPARE(qba(recvText(c.get(), kMessage.size(), err)), qba(kMessage));
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::flushSendsPendingOutput()
{
    FlushHandler h;
    Rng rng(seedFor("conn_api/flush"));
    const std::vector<std::byte> payload = randomBytes(rng, 1 << 20);
    h.payload.assign(reinterpret_cast<const char*>(payload.data()), payload.size());
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    std::string err;
    // A 4 KiB receive window, so that the peer cannot swallow the payload either.
    Fd c = connectTo(server.address(), deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(c.valid(), err);
    QGNET_VERIFY_ERR(sendAll(c.get(), "go", deadlineIn(10s), err), err);
    QGNET_WAIT_COMPARE(h.flushed.load(), 1, 10000);
    const std::size_t before = h.pendingBefore.load();
    const std::size_t after = h.pendingAfter.load();
    QVERIFY2(before > 0, "the 1 MiB write was not even partly buffered: the test cannot see flush work");
    const std::string left = "flush() after growing SO_SNDBUF left " + std::to_string(after) + " of "
        + std::to_string(before) + " bytes pending";
    if (requestedBackend() == qgnet::Backend::Epoll) {
        QVERIFY2(after < before, left.c_str());
    } else {
        // io_uring: the write parked a send in the kernel, which flush must not overtake (trySendv in
        // uring_backend.cpp); that send goes on by itself once SO_SNDBUF has room, so flush() may
        // leave everything where it is. The bytes must still all arrive, in order (below).
        QVERIFY2(after <= before, left.c_str());
    }
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(c.get(), got, payload.size(), deadlineIn(30s), err), err);
    const std::string mismatch = firstMismatch(payload, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::readFromSendsAFile()
{
    Rng rng(seedFor("conn_api/readFrom"));
    const std::vector<std::byte> content = randomBytes(rng, 300 * 1000); // several 16 KiB reads
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(reinterpret_cast<const char*>(content.data()), qint64(content.size())), qint64(content.size()));
    QVERIFY(file.flush());
    Fd source(::open(file.fileName().toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC));
    QVERIFY(source.valid());

    ReadFromHandler h;
    h.sourceFd = source.get();
    h.expected = content.size();
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    std::string err;
    QGNET_VERIFY_ERR(sendAll(c.get(), "send", deadlineIn(10s), err), err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvExact(c.get(), got, content.size(), deadlineIn(30s), err), err);
    const std::string mismatch = firstMismatch(content, got);
    QVERIFY2(mismatch.empty(), mismatch.c_str());
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::socketOptionsReadBack()
{
    OptionsHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.optionsChecked.load(), 1, 10000);
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::dupOutlivesTheConnection()
{
    DupHandler h;
    Fd duplicate;
    Fd c;
    {
        TestServer server;
        QVERIFY2(server.start(h, "tcp"), server.error());
        c = server.connect();
        QVERIFY2(c.valid(), server.error());
        QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
        duplicate.reset(h.dupFd.load());
        QVERIFY(duplicate.valid());
        QVERIFY(server.stop());
    }
    QGNET_VERIFY_NO_FAILURES(h.failures());
    // The engine closed its descriptor and is gone, but the socket lives on through the duplicate:
    // the peer got the greeting and no EOF, and the duplicate still sends and receives.
    std::string err;
    QCOMPARE(qba(recvText(c.get(), 16, err)), QByteArray("from the engine\n"));
    QGNET_VERIFY_ERR(sendAll(duplicate.get(), "through the dup\n", deadlineIn(10s), err), err);
    QCOMPARE(qba(recvText(c.get(), 16, err)), QByteArray("through the dup\n"));
    QGNET_VERIFY_ERR(sendAll(c.get(), "back", deadlineIn(10s), err), err);
    QCOMPARE(qba(recvText(duplicate.get(), 4, err)), QByteArray("back"));
    duplicate.reset();
    const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
}

void TestConnApi::fdStillOpenInOnClose_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("peer closes") << "peer";
    QTest::newRow("engine stops") << "stop";
}

void TestConnApi::fdStillOpenInOnClose()
{
    QFETCH(QString, how);
    FdAtCloseHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    Fd c = server.connect();
    QVERIFY2(c.valid(), server.error());
    QGNET_WAIT_COMPARE(h.opened.load(), 1, 10000);
    if (how == "peer") {
        c.reset();
        QGNET_WAIT_COMPARE(h.closed.load(), 1, 10000);
    } else {
        QVERIFY(server.stop());
        QCOMPARE(h.closed.load(), 1);
    }
    QGNET_VERIFY_NO_FAILURES(h.failures());
}

void TestConnApi::shutdownFromOnBoot()
{
    BootShutdownHandler h;
    TestServer server;
    QVERIFY2(server.start(h, "tcp"), server.error());
    QVERIFY2(waitEngine(server.engine(), 20s), "wait() did not return after onBoot returned Action::Shutdown");
    QCOMPARE(h.boots.load(), 1);
    // As in gnet (Run returns right after OnBoot's Shutdown), the engine never ran, so onShutdown
    // does not fire either.
    QCOMPARE(h.shutdowns.load(), 0);
    QCOMPARE(h.opened.load(), 0);
    QVERIFY(server.engine().validate() == qgnet::Errc::EngineStopped);
    // The listener onBoot saw is closed: nothing accepts there any more.
    QCOMPARE(h.addressesAtBoot.size(), std::size_t(1));
    std::string err;
    Fd c = connectTo(h.addressesAtBoot[0], deadlineIn(10s), err);
    // (This failed before the fix: the listeners bound in the constructor stayed open, and the kernel
    // completed handshakes, until the Engine handle was destroyed.)
    QVERIFY2(!c.valid(), "a connection to the address of an engine stopped in onBoot was accepted");
    c.reset();
    QVERIFY(server.stop());
    Fd afterStop = connectTo(h.addressesAtBoot[0], deadlineIn(10s), err);
    QVERIFY2(!afterStop.valid(), "a connection to the address of a stopped engine was accepted");
    QCOMPARE(h.opened.load(), 0);
}

void TestConnApi::shutdownFromOnClose()
{
    CloseShutdownHandler h;
    TestServer server;
    qgnet::Options o;
    o.numEventLoop = 2;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    Fd first = server.connect();
    QVERIFY2(first.valid(), server.error());
    Fd second = server.connect();
    QVERIFY2(second.valid(), server.error());
    std::string err;
    QGNET_VERIFY_ERR(echoRoundTrip(first.get(), "one", deadlineIn(10s), err), err);
    QGNET_VERIFY_ERR(echoRoundTrip(second.get(), "two", deadlineIn(10s), err), err);
    first.reset();
    QVERIFY2(waitEngine(server.engine(), 20s), "wait() did not return after onClose returned Action::Shutdown");
    QCOMPARE(h.shutdowns.load(), 1);
    QCOMPARE(h.closed.load(), 2);
    QCOMPARE(h.lateCallbacks.load(), 0);
    QVERIFY(server.engine().validate() == qgnet::Errc::EngineStopped);
    // The other connection was closed by the shutdown.
    bool sawShutdownReason = false;
    for (const CloseRecord& r : h.closes())
        sawShutdownReason = sawShutdownReason || r.reason == qgnet::Errc::EngineShutdown;
    QVERIFY2(sawShutdownReason, "the second connection did not close with EngineShutdown");
    const ReadEnd end = waitForEnd(second.get(), deadlineIn(10s), err);
    QVERIFY2(end == ReadEnd::Eof, (std::string(toString(end)) + ": " + err).c_str());
}

QGNET_TEST_MAIN(TestConnApi)
#include "tst_conn_api.moc"
