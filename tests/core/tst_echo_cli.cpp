// SPDX-License-Identifier: Apache-2.0
// The qgnet-echo example as a black box: 1000 connections x 4 KiB byte-exact echo, SIGINT exits 0, and a
// bad --listen URL exits nonzero with a message on standard error.
#include <QProcess>
#include <QTest>

#include <csignal>

#include <sys/prctl.h>

#include "qgnet_test_qt.h"
#include "qgnet_test_support.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kThreads = 8;
constexpr int kConnsPerThread = 125;
constexpr std::size_t kPayload = 4096;

bool readListeningUrl(QProcess& p, std::string& url, std::string& err)
{
    const QByteArray prefix = "listening on ";
    const Deadline deadline = deadlineIn(20s);
    for (;;) {
        while (p.canReadLine()) {
            const QByteArray line = p.readLine().trimmed();
            const auto at = line.indexOf(prefix);
            if (at >= 0) {
                url = line.mid(at + prefix.size()).trimmed().toStdString();
                return true;
            }
        }
        if (p.state() != QProcess::Running || Clock::now() >= deadline) {
            err = "no 'listening on' line on qgnet-echo's stdout";
            return false;
        }
        p.waitForReadyRead(100);
    }
}

} // namespace

class TestEchoCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void thousandConnections();
    void badListenUrl();

private:
    LeakBaseline baseline_;
};

void TestEchoCli::initTestCase()
{
    // 1000 client sockets here and 1000 accepted ones in the child, which inherits this limit.
    std::string err;
    const long nofile = raiseNofileLimit(err);
    QVERIFY2(nofile > 0, err.c_str());
    QVERIFY2(nofile >= kThreads * kConnsPerThread + 200, ("RLIMIT_NOFILE too low: " + std::to_string(nofile)).c_str());
}

void TestEchoCli::init() { baseline_ = captureBaseline(); }

void TestEchoCli::thousandConnections()
{
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
        struct Reaper {
            QProcess& p;
            ~Reaper()
            {
                if (p.state() != QProcess::NotRunning) {
                    p.kill();
                    p.waitForFinished(10000);
                }
            }
        } reaper{echo};
        echo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // If this test dies, the server must not outlive it (it would hold ctest's output pipe).
        echo.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        echo.start(QStringLiteral(QGNET_ECHO_PATH),
                   {QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--loops"),
                    QStringLiteral("4")});
        QVERIFY2(echo.waitForStarted(10000), qPrintable(echo.errorString()));
        std::string url;
        std::string err;
        QGNET_VERIFY_ERR(readListeningUrl(echo, url, err), err);
        QVERIFY2(url.rfind("tcp://127.0.0.1:", 0) == 0, url.c_str());
        QVERIFY2(url != "tcp://127.0.0.1:0", "qgnet-echo printed port 0 instead of the bound port");

        clients.release(url);
        QGNET_VERIFY_NO_FAILURES(clients.join());

        QCOMPARE(::kill(static_cast<pid_t>(echo.processId()), SIGINT), 0);
        QVERIFY2(echo.waitForFinished(20000), "qgnet-echo did not exit after SIGINT");
        QCOMPARE(echo.exitStatus(), QProcess::NormalExit);
        QCOMPARE(echo.exitCode(), 0);
    }
    QGNET_VERIFY_NO_LEAKS(baseline_);
}

void TestEchoCli::badListenUrl()
{
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
    QGNET_VERIFY_NO_LEAKS(baseline_);
}

QTEST_GUILESS_MAIN(TestEchoCli)
#include "tst_echo_cli.moc"
