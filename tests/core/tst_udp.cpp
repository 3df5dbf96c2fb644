// SPDX-License-Identifier: Apache-2.0
// UDP listeners: 0-byte and 65507-byte datagrams round-trip over IPv4; a 65508-byte sendTo/write comes
// back as std::errc::message_size and the socket keeps working; a datagram larger than readBufferCap is
// dropped and counted in Engine::truncatedDatagrams(); sendTo reaches a third address; four loops share
// one port (one SO_REUSEPORT socket per loop) and answer datagrams from many source ports.
#include <QTest>

#include <set>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_udp.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// UdpHandler echoes each datagram to its sender with c.write, except for commands:
/// "BIG" tries 65508 bytes by sendTo and by write (recording both errors), then answers "big-done";
/// "FWD<text>" sends <text> to `third` by sendTo and answers "fwd-done".
class UdpHandler : public RecordingHandler {
public:
    std::mutex mu;
    std::vector<std::size_t> sizes; // every datagram onTraffic saw
    std::set<int> loops;            // loops that saw traffic
    std::error_code bigSendToError, bigWriteError, fwdError;
    std::atomic<int> badRemote{0};
    std::atomic<int> nonEmptyBefore{0};
    qgnet::SocketAddress third;

    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        RecordingHandler::onTraffic(c);
        if (c.remoteAddr().isEmpty())
            ++badRemote;
        const qgnet::Bytes b = c.next();
        if (c.inboundBuffered() != 0)
            ++nonEmptyBefore;
        {
            std::lock_guard lock(mu);
            sizes.push_back(b.size());
            loops.insert(c.loopIndex());
        }
        const std::string_view s = qgnet::asStringView(b);
        if (s == "BIG") {
            const std::string big(65508, 'b');
            const std::error_code e1 = c.sendTo(c.remoteAddr(), qgnet::asBytes(big));
            const std::error_code e2 = c.write(big);
            {
                std::lock_guard lock(mu);
                bigSendToError = e1;
                bigWriteError = e2;
            }
            if (c.write("big-done"))
                ++writeErrors;
        } else if (s.starts_with("FWD")) {
            const std::error_code e = c.sendTo(third, qgnet::asBytes(s.substr(3)));
            {
                std::lock_guard lock(mu);
                fwdError = e;
            }
            if (c.write("fwd-done"))
                ++writeErrors;
        } else if (s == "CLOSE") {
            // Closes the server's UDP socket early, through its handle (a task on the loop).
            if (c.write("closing") || c.handle().close())
                ++writeErrors;
        } else if (s == "EXPIRE" || s == "ARM") {
            // Timeouts on the socket every peer shares: EXPIRE sets them to fire at once, ARM soon.
            const auto now = std::chrono::steady_clock::now();
            if (s == "EXPIRE") {
                c.setIdleTimeout(1ms);
                c.setReadTimeout(1ms);
                c.setReadDeadline(now - 1s);
            } else {
                c.setReadDeadline(now + 200ms);
            }
            if (c.write("armed"))
                ++writeErrors;
        } else if (c.write(b)) {
            ++writeErrors;
        }
        return qgnet::Action::None;
    }
};

std::string str(const std::vector<std::byte>& v)
{
    return std::string(reinterpret_cast<const char*>(v.data()), v.size());
}

} // namespace

class TestUdp : public EngineTestCase {
    Q_OBJECT

private slots:
    void listenUrlHasRealPort();
    void zeroAndMaxDatagram();
    void messageSizeError();
    void truncatedDatagramIsDropped();
    void sendToThirdAddress();
    void fourLoopsShareOnePort();
    void timeoutsDoNotCloseServerSocket();
    void stopDrainWithTimerOnServerSocket();
    void earlyCloseOfServerSocketThenStop();

private:
    /// roundTrip sends data from fd to the server and expects exactly data back.
    static bool roundTrip(int fd, const qgnet::SocketAddress& server, const std::vector<std::byte>& data,
        std::string& err)
    {
        if (!sendDatagram(fd, server.data(), server.size(), data, deadlineIn(10s), err))
            return false;
        std::vector<std::byte> got;
        if (!recvDatagram(fd, got, deadlineIn(10s), err))
            return false;
        if (got != data) {
            err = "echo of " + std::to_string(data.size()) + " bytes came back as " + std::to_string(got.size())
                + " bytes: " + firstMismatch(data, got);
            return false;
        }
        return true;
    }
};

void TestUdp::listenUrlHasRealPort()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0", qgnet::Options{.numEventLoop = 2}), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto urls = e.listenUrls();
    QCOMPARE(urls.size(), std::size_t(1));
    QVERIFY2(urls[0].starts_with("udp4://127.0.0.1:") && !urls[0].ends_with(":0"), urls[0].c_str());
    QVERIFY(e.listenAddresses().at(0).port() != 0);
    e.stop();
    QCOMPARE(h.opened.load(), 0); // a server's UDP socket has no onOpen/onClose
    QCOMPARE(h.closed.load(), 0);
}

void TestUdp::zeroAndMaxDatagram()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0"), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    Rng rng(seedFor("udp/zero-max"));
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, {}, err), err);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, randomBytes(rng, 65507), err), err);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, randomBytes(rng, 1), err), err);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, {}, err), err);
    {
        std::lock_guard lock(h.mu);
        QCOMPARE(h.sizes, (std::vector<std::size_t>{0, 65507, 1, 0}));
    }
    QCOMPARE(h.badRemote.load(), 0);
    QCOMPARE(h.nonEmptyBefore.load(), 0);
    QCOMPARE(h.writeErrors.load(), 0);
    QCOMPARE(e.truncatedDatagrams(), std::uint64_t(0));
    e.stop();
    QCOMPARE(h.lateCallbacks.load(), 0);
}

void TestUdp::messageSizeError()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0"), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::string cmd = "BIG";
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), qgnet::asBytes(cmd), deadlineIn(10s), err),
        err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(qba(str(got)), QByteArray("big-done")); // no 65508-byte datagram came before it
    {
        std::lock_guard lock(h.mu);
        QVERIFY2(h.bigSendToError == std::errc::message_size, describe(h.bigSendToError).c_str());
        QVERIFY2(h.bigWriteError == std::errc::message_size, describe(h.bigWriteError).c_str());
    }
    // The socket keeps working.
    Rng rng(seedFor("udp/after-emsgsize"));
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, randomBytes(rng, 1000), err), err);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, randomBytes(rng, 65507), err), err);
    e.stop();
}

void TestUdp::truncatedDatagramIsDropped()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0", qgnet::Options{.readBufferCap = 1024}), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    Rng rng(seedFor("udp/truncated"));
    const auto big = randomBytes(rng, 2000);
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), big, deadlineIn(10s), err), err);
    const auto small = randomBytes(rng, 500);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, small, err), err); // the 2000-byte one never came back
    QGNET_WAIT_COMPARE(e.truncatedDatagrams(), std::uint64_t(1), 10000);
    const auto exact = randomBytes(rng, 1024);
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, exact, err), err); // exactly readBufferCap still fits
    QCOMPARE(e.truncatedDatagrams(), std::uint64_t(1));
    {
        std::lock_guard lock(h.mu);
        QCOMPARE(h.sizes, (std::vector<std::size_t>{500, 1024}));
    }
    e.stop();
}

void TestUdp::sendToThirdAddress()
{
    UdpHandler h;
    std::string err;
    Fd third = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(third.valid(), err);
    socklen_t len = 0;
    const sockaddr_storage thirdAddr = boundAddress(third.get(), len);
    h.third = qgnet::SocketAddress(reinterpret_cast<const sockaddr*>(&thirdAddr), len);
    qgnet::Engine e;
    QGNET_VERIFY_ERR(startEngine(e, h, "udp4://127.0.0.1:0", {}, err), err);
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::string cmd = "FWDhello third";
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), qgnet::asBytes(cmd), deadlineIn(10s), err),
        err);
    std::vector<std::byte> got;
    sockaddr_storage from{};
    QGNET_VERIFY_ERR(recvDatagram(third.get(), got, deadlineIn(10s), err, &from), err);
    QCOMPARE(qba(str(got)), QByteArray("hello third"));
    QCOMPARE(qgnet::SocketAddress(reinterpret_cast<const sockaddr*>(&from), sizeof(sockaddr_in)).port(), server.port());
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(qba(str(got)), QByteArray("fwd-done"));
    {
        std::lock_guard lock(h.mu);
        QVERIFY2(!h.fwdError, describe(h.fwdError).c_str());
    }
    e.stop();
}

void TestUdp::fourLoopsShareOnePort()
{
    constexpr int kSockets = 32;
    const int kPerSocket = static_cast<int>(scaled(16, 4));
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0", qgnet::Options{.numEventLoop = 4}), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    QCOMPARE(e.loopCount(), 4);
    const auto server = e.listenAddresses().at(0);
    std::vector<Fd> fds;
    for (int i = 0; i < kSockets; ++i) {
        fds.push_back(udpSocket(AF_INET, err));
        QGNET_VERIFY_ERR(fds.back().valid(), err);
    }
    Rng rng(seedFor("udp/four-loops"));
    // Ping-pong per socket, all sockets at once per round, so nothing can overflow a receive buffer.
    for (int round = 0; round < kPerSocket; ++round) {
        std::vector<std::vector<std::byte>> sent;
        for (int i = 0; i < kSockets; ++i) {
            sent.push_back(randomBytes(rng, randomSize(rng, 1, 4096)));
            QGNET_VERIFY_ERR(sendDatagram(fds[i].get(), server.data(), server.size(), sent.back(), deadlineIn(10s),
                                 err),
                err);
        }
        for (int i = 0; i < kSockets; ++i) {
            std::vector<std::byte> got;
            QGNET_VERIFY_ERR(recvDatagram(fds[i].get(), got, deadlineIn(10s), err), err);
            QVERIFY2(got == sent[i],
                ("socket " + std::to_string(i) + " round " + std::to_string(round) + ": " + firstMismatch(sent[i], got))
                    .c_str());
        }
    }
    {
        std::lock_guard lock(h.mu);
        QCOMPARE(h.sizes.size(), std::size_t(kSockets) * std::size_t(kPerSocket));
        // 32 source ports hashed onto 4 sockets: all on one loop has probability 4^-31.
        QVERIFY2(h.loops.size() >= 2, "every datagram was served by the same loop");
    }
    e.stop();
}

// A server's UDP socket carries every peer's datagrams: a timeout or deadline set on its Conn must not
// close it (it used to close the loop's whole UDP listener when it fired).
void TestUdp::timeoutsDoNotCloseServerSocket()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0"), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::string expire = "EXPIRE";
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), qgnet::asBytes(expire), deadlineIn(10s), err),
        err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(str(got), std::string("armed"));
    // A task 50 ms later on the same loop runs after the 1 ms timeouts would have fired.
    std::atomic<bool> later{false};
    std::error_code ec;
    QVERIFY(e.schedule(
                0, 50ms, [&later] { later = true; }, ec)
        != 0);
    QVERIFY2(!ec, describe(ec).c_str());
    QGNET_WAIT_VERIFY(later.load(), 10000);
    Rng rng(seedFor("udp/timeouts"));
    QGNET_VERIFY_ERR(roundTrip(fd.get(), server, randomBytes(rng, 100), err), err);
    QCOMPARE(h.writeErrors.load(), 0);
    e.stop();
    QCOMPARE(h.closed.load(), 0);
}

// stop(drain) closes the UDP socket at once and keeps the loop running for a stream's pending output:
// a deadline armed on the UDP socket must not fire on the freed socket meanwhile (a use after free
// that ASan reports).
void TestUdp::stopDrainWithTimerOnServerSocket()
{
    UdpHandler h;
    qgnet::Engine e;
    std::string err;
    const std::vector<std::string> urls{"udp4://127.0.0.1:0", "tcp://127.0.0.1:0"};
    QGNET_VERIFY_ERR(startEngine(e, h, urls, {}, err), err);
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::string arm = "ARM";
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), qgnet::asBytes(arm), deadlineIn(10s), err),
        err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(str(got), std::string("armed"));
    // A stream peer that never reads its echo keeps the drain going past the UDP deadline.
    Fd tcp = connectTo(e.listenAddresses().at(1), deadlineIn(10s), err);
    QGNET_VERIFY_ERR(tcp.valid(), err);
    Rng rng(seedFor("udp/stop-drain"));
    QGNET_VERIFY_ERR(sendAll(tcp.get(), randomBytes(rng, 32u << 20), deadlineIn(30s), err), err);
    const auto t0 = Clock::now();
    e.stop(1000ms);
    QVERIFY(Clock::now() - t0 >= 500ms); // the drain outlasted the 200 ms deadline
    QCOMPARE(h.closed.load(), 1);
}

// A server's UDP socket closed before the engine stops (here by ConnHandle::close) is freed at the end
// of that loop iteration: stop must not close it again (a use after free that ASan reports).
void TestUdp::earlyCloseOfServerSocketThenStop()
{
    UdpHandler h;
    TestServer testServer;
    QVERIFY2(testServer.start(h, "udp4://127.0.0.1:0"), testServer.error());
    qgnet::Engine& e = testServer.engine();
    std::string err;
    const auto server = e.listenAddresses().at(0);
    Fd fd = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(fd.valid(), err);
    const std::string close = "CLOSE";
    QGNET_VERIFY_ERR(sendDatagram(fd.get(), server.data(), server.size(), qgnet::asBytes(close), deadlineIn(10s), err),
        err);
    std::vector<std::byte> got;
    QGNET_VERIFY_ERR(recvDatagram(fd.get(), got, deadlineIn(10s), err), err);
    QCOMPARE(str(got), std::string("closing"));
    // The close task was queued before this one: once this one ran, the socket is closed and freed.
    std::atomic<bool> ran{false};
    QVERIFY(!e.execute(0, [&ran] { ran = true; }));
    QGNET_WAIT_VERIFY(ran.load(), 10000);
    std::error_code ec;
    std::atomic<bool> later{false};
    QVERIFY(e.schedule(
                0, 1ms, [&later] { later = true; }, ec)
        != 0);
    QGNET_WAIT_VERIFY(later.load(), 10000);
    QCOMPARE(h.writeErrors.load(), 0);
    e.stop();
    QCOMPARE(h.closed.load(), 0);
}

QGNET_TEST_MAIN(TestUdp)
#include "tst_udp.moc"
