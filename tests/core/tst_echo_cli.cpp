// SPDX-License-Identifier: Apache-2.0
// The qgnet-echo example as a black box: 1000 connections x 4 KiB byte-exact echo, SIGINT exits 0, a
// bad --listen URL exits nonzero with a message on standard error, udp:// and unix:// listeners echo
// too, the qgnet-client example completes its round trips against it, and --tls-cert/--tls-key serve
// TLS (a raw OpenSSL client verifies it, echoes, half-closes with close_notify and gets ours back).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <sys/prctl.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include "engine_test_case.h"
#include "qgnet/version.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_support.h"
#include "qgnet_test_udp.h"
#include "tls_test_client.h"
#include "tls_test_pki.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kThreads = 8;
constexpr int kConnsPerThread = 125;
constexpr std::size_t kPayload = 4096;

/// readListeningUrls reads the first n "listening on <url>" lines of qgnet-echo's stdout.
bool readListeningUrls(QProcess& p, std::size_t n, std::vector<std::string>& urls, std::string& err)
{
    const QByteArray prefix = "listening on ";
    const Deadline deadline = deadlineIn(20s);
    for (;;) {
        while (p.canReadLine()) {
            const QByteArray line = p.readLine().trimmed();
            const auto at = line.indexOf(prefix);
            if (at >= 0) {
                urls.push_back(line.mid(at + prefix.size()).trimmed().toStdString());
                if (urls.size() == n)
                    return true;
            }
        }
        if (p.state() != QProcess::Running || Clock::now() >= deadline) {
            err = "only " + std::to_string(urls.size()) + " of " + std::to_string(n)
                + " 'listening on' lines on qgnet-echo's stdout";
            return false;
        }
        p.waitForReadyRead(100);
    }
}

/// readBackend reads qgnet-echo's "backend <name>" line (printed after the listening lines).
bool readBackend(QProcess& p, std::string& backend, std::string& err)
{
    const QByteArray prefix = "backend ";
    const Deadline deadline = deadlineIn(20s);
    for (;;) {
        while (p.canReadLine()) {
            const QByteArray line = p.readLine().trimmed();
            if (line.startsWith(prefix)) {
                backend = line.mid(prefix.size()).toStdString();
                return true;
            }
        }
        if (p.state() != QProcess::Running || Clock::now() >= deadline) {
            err = "qgnet-echo did not say which backend runs";
            return false;
        }
        p.waitForReadyRead(100);
    }
}

bool readListeningUrl(QProcess& p, std::string& url, std::string& err)
{
    std::vector<std::string> urls;
    if (!readListeningUrls(p, 1, urls, err))
        return false;
    url = urls[0];
    return true;
}

/// Reaper kills a child that is still running when the test leaves (a failed check).
struct Reaper {
    QProcess& p;
    ~Reaper()
    {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(10000);
        }
    }
};

/// startEcho starts qgnet-echo with args; it dies with the test.
void startEcho(QProcess& echo, const QStringList& args)
{
    echo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    echo.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    echo.start(QStringLiteral(QGNET_ECHO_PATH), args);
}

/// udpTarget resolves "udp://127.0.0.1:port" into a sockaddr_in (IPv4 only, enough here).
bool udpTarget(const std::string& url, sockaddr_in& out, std::string& err)
{
    const std::string prefix = "udp://127.0.0.1:";
    if (url.rfind(prefix, 0) != 0) {
        err = "unexpected udp url " + url;
        return false;
    }
    const int port = std::atoi(url.c_str() + prefix.size());
    if (port <= 0 || port > 65535) {
        err = "no port in " + url;
        return false;
    }
    out = sockaddr_in{};
    out.sin_family = AF_INET;
    out.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    out.sin_port = htons(static_cast<std::uint16_t>(port));
    return true;
}

/// residentKiB reads VmRSS of a process from /proc (0 when it cannot).
long residentKiB(qint64 pid)
{
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "re");
    if (!f)
        return 0;
    char line[256];
    long kib = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    std::fclose(f);
    return kib;
}

} // namespace

class TestEchoCli : public EngineTestCase {
    Q_OBJECT

private slots:
    void initTestCase();
    void thousandConnections();
    void badListenUrl();
    void commandLine();
    void udpAndUnixListeners();
    void clientExample();
    void tlsListener();
    void nonReadingPeerCostsAtMostTheCap();
};

void TestEchoCli::initTestCase()
{
    // 1000 client sockets here and 1000 accepted ones in the child, which inherits this limit.
    std::string err;
    const long nofile = raiseNofileLimit(err);
    QVERIFY2(nofile > 0, err.c_str());
    QVERIFY2(nofile >= kThreads * kConnsPerThread + 200, ("RLIMIT_NOFILE too low: " + std::to_string(nofile)).c_str());
}

void TestEchoCli::thousandConnections()
{
    // The client threads exist before the child process does (see GatedThreads).
    GatedThreads clients(kThreads, [](int index, const std::string& url, std::string& failure) {
        Rng rng(seedFor("echo_cli", static_cast<std::uint64_t>(index)));
        std::vector<Fd> fds;
        std::vector<std::vector<std::byte>> payloads;
        std::string e;
        for (int i = 0; i < kConnsPerThread; ++i) {
            Fd c = connectUrl(url, deadlineIn(20s), e);
            if (!c) {
                failure = "connection " + std::to_string(i) + ": " + e;
                return;
            }
            fds.push_back(std::move(c));
            payloads.push_back(randomBytes(rng, kPayload));
        }
        if (!multiEcho(fds, payloads, deadlineIn(60s), e))
            failure = e;
    });

    QProcess echo;
    Reaper reaper{echo};
    echo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // If this test dies, the server must not outlive it (it would hold ctest's output pipe).
    echo.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    // On the backend this run tests, named explicitly: `qgnet-echo --backend io_uring --loops 4`.
    const std::string backend(qgnet::toString(requestedBackend()));
    echo.start(QStringLiteral(QGNET_ECHO_PATH),
        {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--loops"),
            QStringLiteral("4"), QStringLiteral("--backend"), QString::fromStdString(backend)});
    QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
    std::string url;
    std::string err;
    QGNET_VERIFY_ERR(readListeningUrl(echo, url, err), err);
    std::string runs;
    QGNET_VERIFY_ERR(readBackend(echo, runs, err), err);
    QCOMPARE(runs, backend);
    QVERIFY2(url.rfind("tcp://127.0.0.1:", 0) == 0, url.c_str());
    QVERIFY2(url != "tcp://127.0.0.1:0", "qgnet-echo printed port 0 instead of the bound port");

    clients.release(url);
    QGNET_VERIFY_NO_FAILURES(clients.join());

    QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
    QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
    QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(echo.exitCode(), 0);
}

void TestEchoCli::badListenUrl()
{
    const QString bad = QStringLiteral("foo://1.2.3.4:1");
    QProcess echo;
    echo.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    echo.start(QStringLiteral(QGNET_ECHO_PATH), {QStringLiteral("--listen"), bad});
    QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
    QVERIFY2(echo.waitForFinished(20000), "qgnet-echo kept running with a bad --listen URL");
    QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
    QVERIFY(echo.exitCode() != 0);
    const QByteArray err = echo.readAllStandardError();
    QVERIFY2(!err.trimmed().isEmpty(), "no error message on stderr");
    QVERIFY2(err.contains(bad.toUtf8()), err.constData());
    QVERIFY2(!echo.readAllStandardOutput().contains("listening on"), "qgnet-echo claims to listen");
}

namespace {

/// runTool runs a program to its end and gives its exit status (-1 if it did not end in 20 s).
int runTool(const QString& path, const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr)
{
    QProcess tool;
    tool.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    tool.start(path, args);
    if (!tool.waitForFinished(20000) || tool.exitStatus() != QProcess::NormalExit)
        return -1;
    if (out)
        *out = tool.readAllStandardOutput();
    if (err)
        *err = tool.readAllStandardError();
    return tool.exitCode();
}

} // namespace

// Both programs behave like tools: --help and --version exit 0, wrong usage 2 (with the reason and
// a pointer to --help), a runtime failure 1; options take '--name value' and '--name=value';
// --memory-budget takes a unit (KiB, MiB, GiB) and refuses less than 1 MiB.
void TestEchoCli::commandLine()
{
    QByteArray out, err;
    const QString echoPath = QStringLiteral(QGNET_ECHO_PATH);
    QCOMPARE(runTool(echoPath, {QStringLiteral("--version")}, &out), 0);
    QVERIFY2(out.startsWith("qgnet-echo " QGNET_VERSION_STRING), out.constData());
    QCOMPARE(runTool(echoPath, {QStringLiteral("-h")}, &out), 0);
    QVERIFY2(out.startsWith("usage: qgnet-echo") && out.contains("--listen URL"), out.constData());
    for (const QStringList& wrong : {QStringList{QStringLiteral("--bogus")}, QStringList{QStringLiteral("--loops=x")},
             QStringList{QStringLiteral("--loops")}, QStringList{QStringLiteral("--tls-cert=a.pem")},
             QStringList{QStringLiteral("--backend=kqueue")}, QStringList{QStringLiteral("stray")},
             QStringList{QStringLiteral("--listen=foo://x:1")}, QStringList{QStringLiteral("--memory-budget=1000")},
             QStringList{QStringLiteral("--memory-budget=2XB")}, QStringList{QStringLiteral("--memory-budget=-1MiB")},
             QStringList{QStringLiteral("--memory-budget=99999999GiB")}}) {
        QCOMPARE(runTool(echoPath, wrong, &out, &err), 2);
        QVERIFY2(err.startsWith("qgnet-echo: "), err.constData());
    }
    // A port that is taken is a runtime failure; the '=' form reaches the engine.
    Fd taken(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY(::bind(taken.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0 && ::listen(taken.get(), 1) == 0);
    const QString takenUrl = QStringLiteral("--listen=tcp://127.0.0.1:%1").arg(localPort(taken.get()));
    QCOMPARE(runTool(echoPath, {takenUrl, QStringLiteral("--loops=2")}, &out, &err), 1);
    QVERIFY2(err.contains("Address already in use"), err.constData());
    // A budget with a unit suffix reaches the engine (it says so) and the server echoes.
    {
        QProcess echo;
        Reaper reaper{echo};
        startEcho(echo,
            {QStringLiteral("--listen=tcp://127.0.0.1:0"), QStringLiteral("--memory-budget"), QStringLiteral("2MiB")});
        QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
        std::string url;
        std::string why;
        QGNET_VERIFY_ERR(readListeningUrl(echo, url, why), why);
        QByteArray said = echo.readAllStandardOutput();
        while (!said.contains("memory budget 2097152 bytes") && echo.waitForReadyRead(10000))
            said += echo.readAllStandardOutput();
        QVERIFY2(said.contains("memory budget 2097152 bytes"), said.constData());
        Fd c = connectUrl(url, deadlineIn(10s), why);
        QGNET_VERIFY_ERR(c.valid(), why);
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "budgeted", deadlineIn(10s), why), why);
    }
#ifdef QGNET_CLIENT_PATH
    const QString clientPath = QStringLiteral(QGNET_CLIENT_PATH);
    QCOMPARE(runTool(clientPath, {QStringLiteral("-V")}, &out), 0);
    QVERIFY2(out.startsWith("qgnet-client " QGNET_VERSION_STRING), out.constData());
    QCOMPARE(runTool(clientPath, {QStringLiteral("--count=0")}, &out, &err), 2);
    QCOMPARE(runTool(clientPath, {QStringLiteral("--insecure")}, &out, &err), 2);
    // Nothing listens on a port held without listen(): refused, a runtime failure.
    Fd held(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    QVERIFY(::bind(held.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0);
    QCOMPARE(runTool(clientPath,
                 {QStringLiteral("--connect=tcp://127.0.0.1:%1").arg(localPort(held.get())), QStringLiteral("-n"),
                     QStringLiteral("3")},
                 &out, &err),
        1);
    QVERIFY2(err.contains("Connection refused"), err.constData());
#endif
}

void TestEchoCli::udpAndUnixListeners()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string unixUrl = "unix://" + dir.filePath(QStringLiteral("echo.sock")).toStdString();
    QProcess echo;
    Reaper reaper{echo};
    startEcho(echo,
        {QStringLiteral("--listen"), QStringLiteral("udp://127.0.0.1:0"), QStringLiteral("--listen"),
            QString::fromStdString(unixUrl), QStringLiteral("--loops"), QStringLiteral("2")});
    QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
    std::vector<std::string> urls;
    std::string err;
    QGNET_VERIFY_ERR(readListeningUrls(echo, 2, urls, err), err);
    QVERIFY2(urls[0].rfind("udp://127.0.0.1:", 0) == 0 && urls[0] != "udp://127.0.0.1:0", urls[0].c_str());
    QCOMPARE(QByteArray::fromStdString(urls[1]), QByteArray::fromStdString(unixUrl));

    Rng rng(seedFor("echo_cli/udp-unix"));
    // UDP: each datagram comes back whole.
    sockaddr_in target{};
    QGNET_VERIFY_ERR(udpTarget(urls[0], target, err), err);
    Fd u = udpSocket(AF_INET, err);
    QGNET_VERIFY_ERR(u.valid(), err);
    for (std::size_t size : {std::size_t(1), std::size_t(512), std::size_t(8192)}) {
        const auto data = randomBytes(rng, size);
        QGNET_VERIFY_ERR(sendDatagram(u.get(), reinterpret_cast<const sockaddr*>(&target), sizeof(target), data,
                             deadlineIn(10s), err),
            err);
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(recvDatagram(u.get(), got, deadlineIn(10s), err), err);
        QVERIFY2(got == data, firstMismatch(data, got).c_str());
    }
    // Unix: a byte-exact stream echo.
    Fd s = connectUrl(urls[1], deadlineIn(10s), err);
    QGNET_VERIFY_ERR(s.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(s.get(), randomBytes(rng, 256 * 1024), deadlineIn(20s), err), err);
    s.reset();
    u.reset();

    QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
    QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
    QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(echo.exitCode(), 0);
}

void TestEchoCli::tlsListener()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TestPki pki = makeTestPki();
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    for (const auto& [path, text] : {std::pair{cert, pki.serverCert}, std::pair{key, pki.serverKey}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(text.data(), static_cast<qint64>(text.size())), static_cast<qint64>(text.size()));
    }
    {
        QProcess echo;
        Reaper reaper{echo};
        startEcho(echo,
            {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--tls-cert"), cert,
                QStringLiteral("--tls-key"), key});
        QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
        std::string url, err;
        QGNET_VERIFY_ERR(readListeningUrl(echo, url, err), err);
        const auto port = static_cast<std::uint16_t>(std::atoi(url.c_str() + url.rfind(':') + 1));
#ifdef QGNET_CLIENT_PATH
        // qgnet-client --tls verifies the server against the test CA and checks every echo.
        const QString ca = dir.filePath(QStringLiteral("ca.pem"));
        {
            QFile f(ca);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(pki.caCert.data(), static_cast<qint64>(pki.caCert.size())),
                static_cast<qint64>(pki.caCert.size()));
        }
        QByteArray clientOut, clientErr;
        QCOMPARE(runTool(QStringLiteral(QGNET_CLIENT_PATH),
                     {QStringLiteral("--tls"), QStringLiteral("--ca=") + ca,
                         QStringLiteral("--connect=") + QString::fromStdString(url), QStringLiteral("--count=50"),
                         QStringLiteral("--size=3000")},
                     &clientOut, &clientErr),
            0);
        QVERIFY2(clientOut.contains("50 round trips of 3000 bytes"), (clientOut + clientErr).constData());
        // Without the CA the server's certificate is unknown: a runtime failure.
        QCOMPARE(runTool(QStringLiteral(QGNET_CLIENT_PATH),
                     {QStringLiteral("--tls"), QStringLiteral("--connect=") + QString::fromStdString(url),
                         QStringLiteral("--count=1")},
                     &clientOut, &clientErr),
            1);
        QVERIFY2(clientErr.contains("verification failed"), clientErr.constData());
#endif

        BlockingTlsClient client;
        QGNET_VERIFY_ERR(client.connect(port, pki.caCert, err), err);
        Rng rng(seedFor("echo_cli/tls"));
        const auto data = randomBytes(rng, 300 * 1000);
        QGNET_VERIFY_ERR(client.writeAll(data, err), err);
        std::vector<std::byte> got;
        QGNET_VERIFY_ERR(client.readExact(got, data.size() / 2, err), err);
        client.sendCloseNotify(); // no more from us; the rest of the echo must still come, then close_notify
        QCOMPARE(client.readToEnd(got, err), SSL_ERROR_ZERO_RETURN);
        QVERIFY2(got == data, firstMismatch(data, got).c_str());

        QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
        QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
        QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
        QCOMPARE(echo.exitCode(), 0);
    }
    // A certificate file that does not exist: a runtime failure (exit status 1), the reason on standard error.
    const QString missing = dir.filePath(QStringLiteral("missing.pem"));
    QProcess echo;
    echo.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    echo.start(QStringLiteral(QGNET_ECHO_PATH),
        {QStringLiteral("--tls-cert"), missing, QStringLiteral("--tls-key"), key});
    QVERIFY2(echo.waitForFinished(20000), "qgnet-echo kept running with a missing certificate");
    QCOMPARE(echo.exitCode(), 1);
    const QByteArray err = echo.readAllStandardError();
    QVERIFY2(err.contains(missing.toUtf8()) && err.contains("No such file or directory"), err.constData());
}

void TestEchoCli::clientExample()
{
#ifndef QGNET_CLIENT_PATH
    QSKIP("the qgnet-client example is not built");
#else
    {
        QProcess echo;
        Reaper reaper{echo};
        startEcho(echo, {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0")});
        QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
        std::string url;
        std::string err;
        QGNET_VERIFY_ERR(readListeningUrl(echo, url, err), err);

        QProcess client;
        Reaper clientReaper{client};
        client.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        client.start(QStringLiteral(QGNET_CLIENT_PATH),
            {QStringLiteral("--connect"), QString::fromStdString(url), QStringLiteral("--count"), QStringLiteral("200"),
                QStringLiteral("--size"), QStringLiteral("64")});
        QVERIFY2(client.waitForStarted(10000), qPrintable(client.errorString()));
        QVERIFY2(client.waitForFinished(30000), "qgnet-client did not finish");
        const QByteArray out = client.readAllStandardOutput();
        const QByteArray errText = client.readAllStandardError();
        QCOMPARE(client.exitStatus(), QProcess::NormalExit);
        QVERIFY2(client.exitCode() == 0, (out + errText).constData());
        QVERIFY2(out.contains("round trips"), (out + errText).constData());
        QVERIFY2(out.contains("200 round trips"), out.constData());

        QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
        QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
        QCOMPARE(echo.exitCode(), 0);
    }
#endif
}

// The memory bound: with the defaults, a peer that sends 500 MiB and never reads grows the
// server's resident memory by no more than the output cap (64 MiB) plus 16 MiB, because the server
// closes it once its unsent echo would pass the cap. One thread only: QProcess and TSan forbid
// starting threads after the fork.
void TestEchoCli::nonReadingPeerCostsAtMostTheCap()
{
#ifdef QGNET_TEST_SANITIZED
    QSKIP("a sanitizer's shadow memory inflates resident memory; the bound is checked in the release build");
#endif
    constexpr long kCapKiB = 64 * 1024;
    constexpr long kSlackKiB = 16 * 1024;
    constexpr std::size_t kOffer = std::size_t(500) << 20;
    QProcess echo;
    Reaper reaper{echo};
    startEcho(echo, {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0")});
    QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
    std::string url;
    std::string err;
    QGNET_VERIFY_ERR(readListeningUrl(echo, url, err), err);
    const long baseKiB = residentKiB(echo.processId());
    QVERIFY(baseKiB > 0);

    const std::uint16_t port = static_cast<std::uint16_t>(std::atoi(url.substr(url.rfind(':') + 1).c_str()));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(port);
    // A 4 KiB receive window that is never read: every echoed byte stays in the server.
    Fd peer = connectSockaddr(reinterpret_cast<const sockaddr*>(&to), sizeof to, deadlineIn(10s), err, nullptr, 4096);
    QGNET_VERIFY_ERR(peer.valid(), err);
    const std::vector<std::byte> chunk(1 << 20, std::byte{'m'});
    std::size_t sent = 0;
    long peakKiB = baseKiB;
    bool cutOff = false;
    while (sent < kOffer) {
        if (!sendAll(peer.get(), chunk, deadlineIn(30s), err)) {
            cutOff = true; // reset by the server: the cap was reached
            break;
        }
        sent += chunk.size();
        peakKiB = std::max(peakKiB, residentKiB(echo.processId()));
    }
    peakKiB = std::max(peakKiB, residentKiB(echo.processId()));
    QVERIFY2(cutOff, ("the server took all " + std::to_string(sent >> 20) + " MiB without closing the peer").c_str());
    QVERIFY2(peakKiB - baseKiB <= kCapKiB + kSlackKiB,
        ("resident memory grew by " + std::to_string((peakKiB - baseKiB) / 1024) + " MiB").c_str());

    // The server itself is fine: a new peer still gets its echo.
    Fd next = connectSockaddr(reinterpret_cast<const sockaddr*>(&to), sizeof to, deadlineIn(10s), err);
    QGNET_VERIFY_ERR(next.valid(), err);
    QGNET_VERIFY_ERR(echoRoundTrip(next.get(), "still here", deadlineIn(10s), err), err);

    QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
    QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
    QCOMPARE(echo.exitCode(), 0);
}

QGNET_TEST_MAIN(TestEchoCli)
#include "tst_echo_cli.moc"
