// SPDX-License-Identifier: Apache-2.0
// Names with several addresses, as users meet them: Debian's /etc/hosts lists ::1 and 127.0.0.1 for
// localhost, so a dial must try every address of a name (RFC 8305 order and timing), a listener on
// a name binds by a fixed rule, and a restarted server binds its port although its own closed
// connections sit in TIME_WAIT. The names' addresses come from Options::resolver, so nothing here
// depends on how this machine's /etc/hosts lists localhost; every address is on loopback.
#include <QTest>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// A fixed table in place of getaddrinfo; it counts its look-ups.
qgnet::Resolver table(std::map<std::string, std::vector<std::string>> names,
    std::shared_ptr<std::atomic<int>> calls = {})
{
    return [names = std::move(names), calls](std::string_view host) {
        if (calls)
            ++*calls;
        const auto it = names.find(std::string(host));
        return it == names.end() ? std::vector<std::string>{} : it->second;
    };
}

/// ipv6Loopback tells whether ::1 can be bound here (a container may have no IPv6 at all).
bool ipv6Loopback()
{
    Fd fd(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    return fd.valid() && ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
}

/// boundSocket binds a TCP socket to ip:port without listening: connects to it are refused, and no
/// other program can listen there meanwhile.
Fd boundSocket(const char* ip, std::uint16_t port, bool listenToo = false, int backlog = 1)
{
    sockaddr_storage storage{};
    socklen_t size = 0;
    if (std::strchr(ip, ':')) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        ::inet_pton(AF_INET6, ip, &a->sin6_addr);
        size = sizeof *a;
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        ::inet_pton(AF_INET, ip, &a->sin_addr);
        size = sizeof *a;
    }
    Fd fd(::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid() || ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&storage), size) != 0)
        return Fd();
    if (listenToo && ::listen(fd.get(), backlog) != 0)
        return Fd();
    return fd;
}

/// fillAcceptQueue connects to a backlog-1 listener that never accepts until a connect no longer
/// completes: from then on the kernel drops that address's SYNs (a peer that never answers).
bool fillAcceptQueue(const char* ip, std::uint16_t port, std::vector<Fd>& fillers)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    ::inet_pton(AF_INET, ip, &a.sin_addr);
    for (int i = 0; i < 64; ++i) {
        Fd c(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!c.valid())
            return false;
        if (::connect(c.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
            if (errno != EINPROGRESS)
                return false;
            pollfd p{c.get(), POLLOUT, 0};
            // On loopback a handshake that can complete does so at once; 500 ms without one means
            // the SYN was dropped.
            if (::poll(&p, 1, 500) == 0) {
                fillers.push_back(std::move(c));
                return true;
            }
        }
        fillers.push_back(std::move(c));
    }
    return false;
}

/// timeWaitOn tells whether /proc/net/tcp lists a TIME_WAIT socket on local port.
bool timeWaitOn(std::uint16_t port)
{
    std::ifstream in("/proc/net/tcp");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        const auto colon = local.find(':');
        if (colon != std::string::npos && std::stoul(local.substr(colon + 1), nullptr, 16) == port && state == "06")
            return true;
    }
    return false;
}

/// DialOutcome waits for one dial's callback.
struct DialOutcome {
    std::atomic<bool> done{false};
    std::error_code error;
    std::string remote;
    qgnet::Client::DialCallback callback()
    {
        return [this](qgnet::Conn* c, std::error_code e) {
            error = e;
            if (c)
                remote = c->remoteAddr().toString();
            done = true;
        };
    }
};

/// CloseOnOpen closes every connection at once: the server closes first, so the TIME_WAIT is its.
class CloseOnOpen : public RecordingHandler {
public:
    qgnet::OpenResult onOpen(qgnet::Conn& c) override
    {
        RecordingHandler::onOpen(c);
        return {{}, qgnet::Action::Close};
    }
};

} // namespace

class TestAddresses : public EngineTestCase {
    Q_OBJECT

private slots:
    void familiesInterleaved();
    void listenOnNamePrefersIpv4();
    void resolverErrors();
    void firstRefusedSecondAccepts_data();
    void firstRefusedSecondAccepts();
    void firstNeverAnswers();
    void allAddressesFailNamesEach();
    void tlsVerifiesTheNameNotTheAddress();
    void restartBindsAtOnce();
};

void TestAddresses::familiesInterleaved()
{
    auto addr = [](const char* url) { return qgnet::ListenAddress::parse(url).socketAddress(); };
    const auto a6 = addr("tcp://[::1]:1");
    const auto b6 = addr("tcp://[::2]:1");
    const auto c6 = addr("tcp://[::3]:1");
    const auto a4 = addr("tcp://127.0.0.1:1");
    const auto b4 = addr("tcp://127.0.0.2:1");
    using V = std::vector<qgnet::SocketAddress>;
    QVERIFY(qgnet::interleaveFamilies(V{a6, b6, a4, b4}) == (V{a6, a4, b6, b4}));
    QVERIFY(qgnet::interleaveFamilies(V{a4, a6, b6, c6}) == (V{a4, a6, b6, c6}));
    QVERIFY(qgnet::interleaveFamilies(V{a4, b4, a6}) == (V{a4, a6, b4}));
    QVERIFY(qgnet::interleaveFamilies(V{a6, b6, c6, a4}) == (V{a6, a4, b6, c6}));
    QVERIFY(qgnet::interleaveFamilies(V{a4}) == (V{a4}));

    // resolveAll applies it to what the resolver gave.
    qgnet::Network network{};
    std::error_code ec;
    const auto all = qgnet::ListenAddress::resolveAll("tcp://both.test:7", network, ec, nullptr,
        table({{"both.test", {"::1", "::2", "127.0.0.1"}}}));
    QVERIFY2(!ec, describe(ec).c_str());
    QCOMPARE(all.size(), std::size_t(3));
    QCOMPARE(all[0].toString(), std::string("[::1]:7"));
    QCOMPARE(all[1].toString(), std::string("127.0.0.1:7"));
    QCOMPARE(all[2].toString(), std::string("[::2]:7"));
}

void TestAddresses::listenOnNamePrefersIpv4()
{
    auto calls = std::make_shared<std::atomic<int>>(0);
    const auto resolver = table({{"both.test", {"::1", "127.0.0.1"}}, {"six.test", {"::1"}}}, calls);
    // Go's rule: the first IPv4 address of the name, whatever came first.
    QCOMPARE(qgnet::ListenAddress::parse("tcp://both.test:0", resolver).socketAddress().ip(), std::string("127.0.0.1"));
    QCOMPARE(qgnet::ListenAddress::parse("udp://both.test:0", resolver).socketAddress().ip(), std::string("127.0.0.1"));
    QCOMPARE(qgnet::ListenAddress::parse("tcp6://both.test:0", resolver).socketAddress().ip(), std::string("::1"));
    QCOMPARE(qgnet::ListenAddress::parse("tcp://six.test:0", resolver).socketAddress().ip(), std::string("::1"));
    QCOMPARE(calls->load(), 4);
    // A literal never asks the resolver.
    QCOMPARE(qgnet::ListenAddress::parse("tcp://127.0.0.1:0", resolver).socketAddress().ip(), std::string("127.0.0.1"));
    QCOMPARE(qgnet::ListenAddress::parse("tcp://[::1]:0", resolver).socketAddress().ip(), std::string("::1"));
    QCOMPARE(calls->load(), 4);

    // An engine on the name binds there, and listenUrls says so.
    EchoHandler echo;
    TestServer server;
    QVERIFY2(server.start(echo, "tcp://both.test:0", {.resolver = resolver}), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const std::string url = engine.listenUrls().at(0);
    QVERIFY2(url.starts_with("tcp://127.0.0.1:"), url.c_str());
    std::string cerr;
    const Fd client = connectUrl(url, Clock::now() + 5s, cerr);
    QVERIFY2(client.valid(), cerr.c_str());
    QVERIFY2(echoRoundTrip(client.get(), std::string(4096, 'x'), Clock::now() + 5s, cerr), cerr.c_str());
    engine.stop();
}

void TestAddresses::resolverErrors()
{
    auto expectInvalid = [](std::string_view url, const qgnet::Resolver& resolver, std::string_view words) {
        std::error_code ec;
        std::string detail;
        (void)qgnet::ListenAddress::parse(url, ec, &detail, resolver);
        return ec == qgnet::Errc::InvalidAddress && detail.find(words) != std::string::npos
            && detail.find(std::string(url)) != std::string::npos;
    };
    const auto resolver = table({{"none.test", {}}, {"bad.test", {"not-an-ip"}}, {"six.test", {"::1"}}});
    QVERIFY(expectInvalid("tcp://none.test:1", resolver, "cannot resolve host 'none.test'"));
    QVERIFY(expectInvalid("tcp://bad.test:1", resolver, "'not-an-ip'"));
    QVERIFY(expectInvalid("tcp4://six.test:1", resolver, "no IPv4 address"));
    QVERIFY(expectInvalid("tcp4://[::1]:1", resolver, "is not an IPv4 address"));
    const qgnet::Resolver throwing = [](std::string_view) -> std::vector<std::string> {
        throw std::runtime_error("directory offline");
    };
    QVERIFY(expectInvalid("tcp://x.test:1", throwing, "directory offline"));
    {
        // Found by the address fuzz target: the kernel would have bound "/tmp/qgnet-a", not what was
        // asked. The message shows the NUL escaped (what() would end at a raw one).
        std::error_code ec;
        std::string detail;
        (void)qgnet::ListenAddress::parse(std::string_view("unix:///tmp/qgnet-a\0b.sock", 26), ec, &detail);
        QVERIFY2(ec == qgnet::Errc::InvalidAddress, detail.c_str());
        QVERIFY2(detail.find("'unix:///tmp/qgnet-a\\x00b.sock'") != std::string::npos
                && detail.find("NUL") != std::string::npos,
            detail.c_str());
        // An abstract name may hold any byte.
        QVERIFY(!qgnet::ListenAddress::parse(std::string_view("unix://@qgnet-a\0b", 18), ec, &detail)
                     .socketAddress()
                     .isEmpty());
        QVERIFY2(!ec, detail.c_str());
    }

    // Through a client, the dial callback hears InvalidAddress and nothing connects.
    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side, {.resolver = resolver});
    std::error_code ec;
    const auto handle = client.dialAndWait("tcp://none.test:1", 5s, ec);
    QVERIFY2(ec == qgnet::Errc::InvalidAddress, describe(ec).c_str());
    QCOMPARE(side.opened.load(), 0);
    QCOMPARE(client.engine().countConnections(), 0);
    client.stop();
}

void TestAddresses::firstRefusedSecondAccepts_data()
{
    QTest::addColumn<int>("loops");
    QTest::newRow("1 loop") << 1;
    QTest::newRow("4 loops") << 4;
}

// localhost as Debian lists it: ::1 first, but the server listens on 127.0.0.1 only.
void TestAddresses::firstRefusedSecondAccepts()
{
    QFETCH(int, loops);
    EchoHandler echo;
    TestServer testServer;
    QVERIFY2(testServer.start(echo, "tcp4://127.0.0.1:0"), testServer.error());
    qgnet::Engine& engine = testServer.engine();
    std::string err;
    const std::uint16_t port = engine.listenAddresses().at(0).port();
    // Where IPv6 works, ::1 refuses (a socket holds the port without listening); elsewhere ::1 fails
    // at once with EADDRNOTAVAIL, which is the same story for the dialer.
    const Fd holder = boundSocket("::1", port);
    QVERIFY(holder.valid() || !ipv6Loopback());

    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side,
        {.numEventLoop = loops, .resolver = table({{"localhost", {"::1", "127.0.0.1"}}})});
    const std::string url = "tcp://localhost:" + std::to_string(port);
    for (int i = 0; i < 8; ++i) {
        DialOutcome outcome;
        QVERIFY(!client.dial(url, 10s, outcome.callback()));
        QGNET_WAIT_VERIFY(outcome.done.load(), 15000);
        QVERIFY2(!outcome.error, describe(outcome.error).c_str());
        QCOMPARE(outcome.remote, "127.0.0.1:" + std::to_string(port));
    }
    QGNET_WAIT_COMPARE(engine.countConnections(), 8, 10000);
    QCOMPARE(side.opened.load(), 8);
    QCOMPARE(client.engine().countConnections(), 8);
    client.stop();
    QCOMPARE(side.closed.load(), 8);
    engine.stop();
}

// The first address drops every SYN: after RFC 8305's 250 ms the second is tried and wins, long
// before the dial's timeout, and the attempt still waiting on the first is closed.
void TestAddresses::firstNeverAnswers()
{
    EchoHandler echo;
    TestServer server;
    QVERIFY2(server.start(echo, "tcp4://127.0.0.1:0"), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    const std::uint16_t port = engine.listenAddresses().at(0).port();
    const Fd silent = boundSocket("127.0.0.2", port, true, 1);
    QVERIFY(silent.valid());
    std::vector<Fd> fillers;
    QVERIFY2(fillAcceptQueue("127.0.0.2", port, fillers), "the silent listener's accept queue did not fill");

    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side, {.resolver = table({{"slow.test", {"127.0.0.2", "127.0.0.1"}}})});
    constexpr auto kTimeout = 20s;
    DialOutcome outcome;
    QVERIFY(!client.dial("tcp://slow.test:" + std::to_string(port), kTimeout, outcome.callback()));
    // Well within the timeout: a dial that tried only the first address would still be waiting.
    QGNET_WAIT_VERIFY(outcome.done.load(), 10000);
    QVERIFY2(!outcome.error, describe(outcome.error).c_str());
    QCOMPARE(outcome.remote, "127.0.0.1:" + std::to_string(port));
    QCOMPARE(client.engine().countConnections(), 1);
    // The losing attempt is gone from the client's table (its fd closed): only the winner is listed.
    const qgnet::EngineSnapshot snapshot = client.engine().snapshot();
    QCOMPARE(snapshot.connections.size(), std::size_t(1));
    QVERIFY(snapshot.connections.front().state == qgnet::ConnectionState::Open);
    QCOMPARE(side.opened.load(), 1);
    client.stop();
    engine.stop();
}

void TestAddresses::allAddressesFailNamesEach()
{
    // Two addresses that refuse (held without listening), on one port.
    const Fd probe = boundSocket("127.0.0.2", 0);
    QVERIFY(probe.valid());
    const std::uint16_t port = localPort(probe.get());
    const Fd other = boundSocket("127.0.0.3", port);
    QVERIFY(other.valid());

    auto log = std::make_shared<CaptureLogger>();
    RecordingHandler side;
    qgnet::Client client = qgnet::Client::start(side,
        {.logger = log, .resolver = table({{"down.test", {"127.0.0.2", "127.0.0.3"}}})});
    std::error_code ec;
    const std::string url = "tcp://down.test:" + std::to_string(port);
    const auto handle = client.dialAndWait(url, 10s, ec);
    QVERIFY2(ec == std::errc::connection_refused, describe(ec).c_str());
    QCOMPARE(side.opened.load(), 0);
    QCOMPARE(client.engine().countConnections(), 0);
    const std::string p = std::to_string(port);
    QVERIFY2(log->contains("dial " + url + " failed"), log->all().c_str());
    QVERIFY2(log->contains("127.0.0.2:" + p + " (Connection refused), 127.0.0.3:" + p + " (Connection refused)"),
        log->all().c_str());

    // With a short timeout and an address that never answers, the dial times out, naming both.
    const Fd silent = boundSocket("127.0.0.4", port, true, 1);
    QVERIFY(silent.valid());
    std::vector<Fd> fillers;
    QVERIFY(fillAcceptQueue("127.0.0.4", port, fillers));
    qgnet::Client client2 = qgnet::Client::start(side,
        {.logger = log, .resolver = table({{"half.test", {"127.0.0.4", "127.0.0.2"}}})});
    const auto handle2 = client2.dialAndWait("tcp://half.test:" + p, 1s, ec);
    QVERIFY2(ec == std::errc::timed_out, describe(ec).c_str());
    QVERIFY2(log->contains("127.0.0.2:" + p + " (Connection refused)") && log->contains("127.0.0.4:" + p + " ("),
        log->all().c_str());
    QCOMPARE(client2.engine().countConnections(), 0);
    client2.stop();
    client.stop();
}

// TLS over the second address: SNI and the certificate check use the name, not the address tried.
void TestAddresses::tlsVerifiesTheNameNotTheAddress()
{
    const TestPki pki = makeTestPki(); // the server's certificate names DNS:localhost and IP:127.0.0.1
    EchoHandler echo;
    qgnet::Engine engine;
    std::string err;
    qgnet::Options serverOptions;
    serverOptions.tls = std::make_shared<const qgnet::TlsContext>(
        qgnet::TlsContext::serverFromPem(pki.serverCert, pki.serverKey));
    QGNET_VERIFY_ERR(startEngine(engine, echo, "tcp4://127.0.0.1:0", serverOptions, err), err);
    const std::uint16_t port = engine.listenAddresses().at(0).port();
    const Fd holder = boundSocket("::1", port);
    QVERIFY(holder.valid() || !ipv6Loopback());

    RecordingHandler side;
    qgnet::Options clientOptions;
    clientOptions.tls = std::make_shared<const qgnet::TlsContext>(qgnet::TlsContext::client({.caPem = pki.caCert}));
    clientOptions.resolver = table({{"localhost", {"::1", "127.0.0.1"}}, {"stranger.test", {"::1", "127.0.0.1"}}});
    qgnet::Client client = qgnet::Client::start(side, clientOptions);
    std::error_code ec;
    const auto handle = client.dialAndWait("tcp://localhost:" + std::to_string(port), 10s, ec);
    QVERIFY2(!ec, describe(ec).c_str());
    QCOMPARE(side.opened.load(), 1);
    // The same addresses under a name the certificate does not carry: verification must fail.
    const auto refused = client.dialAndWait("tcp://stranger.test:" + std::to_string(port), 10s, ec);
    QVERIFY2(ec == qgnet::Errc::TlsVerifyFailed, describe(ec).c_str());
    QCOMPARE(side.opened.load(), 1);
    client.stop();
    engine.stop();
}

// A server that closed its own connections leaves them in TIME_WAIT on its port; started again on
// that port at once, it binds (SO_REUSEADDR, the default), and without reuseAddr it cannot.
void TestAddresses::restartBindsAtOnce()
{
    CloseOnOpen closer;
    TestServer testServer;
    QVERIFY2(testServer.start(closer, "tcp"), testServer.error());
    qgnet::Engine& first = testServer.engine();
    std::string err;
    const std::uint16_t port = first.listenAddresses().at(0).port();
    const std::string url = "tcp://127.0.0.1:" + std::to_string(port);
    for (int i = 0; i < 3; ++i) {
        std::string cerr;
        Fd client = connectTcp("127.0.0.1", port, Clock::now() + 5s, cerr);
        QVERIFY2(client.valid(), cerr.c_str());
        QCOMPARE(waitForEnd(client.get(), Clock::now() + 5s, cerr), ReadEnd::Eof); // the server closed first
    } // the clients close here, completing the server's active close
    QGNET_WAIT_VERIFY(timeWaitOn(port), 10000);
    first.stop();

    RecordingHandler idle;
    qgnet::Engine refused;
    QVERIFY(!startEngine(refused, idle, url, {.reuseAddr = false}, err));
    QVERIFY2(err.find("Address already in use") != std::string::npos, err.c_str());

    qgnet::Engine second;
    QGNET_VERIFY_ERR(startEngine(second, closer, url, {}, err), err);
    QCOMPARE(second.listenUrls().at(0), url);
    second.stop();
}

QGNET_TEST_MAIN(TestAddresses)
#include "tst_addresses.moc"
