// SPDX-License-Identifier: Apache-2.0
// File-descriptor exhaustion: an echo server in a child process with RLIMIT_NOFILE=64. Clients connect
// until the server can no longer accept. Then: existing connections keep echoing, the server does not
// spin while connections wait in the backlog (CPU < 25% of one core), and once clients leave, the waiting
// and new clients are served. SIGTERM then stops it with exit status 0.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <poll.h>
#include <sys/prctl.h>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "qgnet_test_support.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

constexpr int kNofile = 64;
constexpr int kMaxClients = 200;

bool startServer(QProcess& p, const QStringList& args, const QString& stderrFile, std::string& url, std::string& err)
{
    p.setProgram(QStringLiteral(QGNET_TEST_ECHO_SERVER_PATH));
    p.setArguments(args);
    p.setStandardErrorFile(stderrFile);
    // If this test dies, the server must not outlive it (it would hold ctest's output pipe).
    p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    p.start();
    if (!p.waitForStarted(10000)) {
        err = "could not start " + p.program().toStdString() + ": " + p.errorString().toStdString();
        return false;
    }
    const Deadline deadline = deadlineIn(20s);
    while (!p.canReadLine()) {
        if (p.state() != QProcess::Running || Clock::now() >= deadline) {
            err = "no 'listening on' line from the server (state " + std::to_string(p.state()) + ")";
            return false;
        }
        p.waitForReadyRead(100);
    }
    const QByteArray line = p.readLine().trimmed();
    const QByteArray prefix = "listening on ";
    if (!line.startsWith(prefix)) {
        err = "unexpected first line: " + line.toStdString();
        return false;
    }
    url = line.mid(prefix.size()).toStdString();
    return true;
}

struct Waiting {
    Fd fd;
    std::string message;
    std::vector<std::byte> received;
};

} // namespace

class TestEmfile : public EngineTestCase {
    Q_OBJECT

private slots:
    void acceptAtFdLimit_data();
    void acceptAtFdLimit();
};

void TestEmfile::acceptAtFdLimit_data()
{
    QTest::addColumn<bool>("reusePort");
    QTest::newRow("main-reactor") << false;
    QTest::newRow("reuseport") << true;
}

void TestEmfile::acceptAtFdLimit()
{
    QFETCH(bool, reusePort);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stderrFile = dir.filePath(QStringLiteral("server.stderr"));
    // The server's log, shown after the server is gone: all of it when a check failed, else a summary.
    struct StderrReport {
        QString path;
        ~StderrReport()
        {
            QFile log(path);
            if (!log.open(QIODevice::ReadOnly))
                return;
            const QList<QByteArray> lines = log.readAll().split('\n');
            const bool failed = QTest::currentTestFailed();
            qInfo("server stderr: %lld lines", static_cast<long long>(lines.size() - 1));
            for (qsizetype i = 0; i < lines.size() && i < (failed ? 60 : 5); ++i)
                qInfo("  %s", lines[i].constData());
        }
    } stderrReport{stderrFile};
    QProcess server;
    struct Reaper {
        QProcess& p;
        ~Reaper()
        {
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                p.waitForFinished(10000);
            }
        }
    } reaper{server};

    QStringList args{QStringLiteral("--nofile"), QString::number(kNofile), QStringLiteral("--listen"),
        QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--loops"), QStringLiteral("2")};
    if (reusePort)
        args << QStringLiteral("--reuseport");
    std::string url;
    std::string err;
    QGNET_VERIFY_ERR(startServer(server, args, stderrFile, url, err), err);
    const pid_t pid = static_cast<pid_t>(server.processId());

    // 1. Connect clients one by one until one is not answered.
    std::vector<Fd> served;
    std::vector<Waiting> waiting;
    bool refused = false; // the server closed the connection it could not keep (accept-and-close)
    std::string limitSymptom;
    for (int i = 0; i < kMaxClients && waiting.empty(); ++i) {
        Fd c = connectUrl(url, deadlineIn(10s), err);
        QGNET_VERIFY_ERR(c.valid(), "client " + std::to_string(i) + ": " + err);
        Waiting w{std::move(c), "client " + std::to_string(i) + " says hello", {}};
        const ConstBytes piece[] = {std::as_bytes(std::span(w.message.data(), w.message.size()))};
        if (exchange(w.fd.get(), piece, w.received, w.message.size(), deadlineIn(1500ms), err)) {
            QCOMPARE(qba(w.received), qba(w.message));
            served.push_back(std::move(w.fd));
            continue;
        }
        limitSymptom = err;
        refused = err.rfind("timed out", 0) != 0;
        waiting.push_back(std::move(w));
    }
    QVERIFY2(!waiting.empty(),
        ("the server answered " + std::to_string(served.size()) + " clients although RLIMIT_NOFILE is "
            + std::to_string(kNofile))
            .c_str());
    QVERIFY2(served.size() >= 16 && served.size() < static_cast<std::size_t>(kNofile),
        ("the limit was hit after " + std::to_string(served.size()) + " clients: " + limitSymptom).c_str());
    qInfo("limit reached after %zu served clients; the next one: %s (%s)", served.size(), limitSymptom.c_str(),
        refused ? "accept-and-close strategy" : "connections wait in the backlog");
    QVERIFY2(server.state() == QProcess::Running, "the server exited at its fd limit");

    // 2. More clients queue up in the backlog, each with a message waiting.
    for (int i = 0; i < 3; ++i) {
        Waiting w{connectUrl(url, deadlineIn(10s), err), "late client " + std::to_string(i), {}};
        QGNET_VERIFY_ERR(w.fd.valid(), err);
        QGNET_VERIFY_ERR(sendAll(w.fd.get(), w.message, deadlineIn(10s), err), err);
        waiting.push_back(std::move(w));
    }

    // 3. The connections the server holds keep echoing.
    for (std::size_t i = 0; i < served.size(); ++i)
        QGNET_VERIFY_ERR(echoRoundTrip(served[i].get(), "still here " + std::to_string(i), deadlineIn(10s), err),
            "served client " + std::to_string(i) + ": " + err);

    // 4. No busy spin at the limit: the server's CPU time over a ~1 s window with connections pending.
    const long long cpu0 = processCpuTicks(pid);
    const auto wall0 = Clock::now();
    QVERIFY(cpu0 >= 0);
    const Deadline windowEnd = wall0 + 1s;
    while (Clock::now() < windowEnd) {
        if (refused) {
            pollfd none{-1, 0, 0};
            ::poll(&none, 1, 50); // measuring window only; nothing to wait for
        } else {
            // The first waiting client must get nothing while the server is still at its limit.
            pollfd p{waiting.front().fd.get(), POLLIN, 0};
            const int ms = static_cast<int>(
                std::chrono::duration_cast<std::chrono::milliseconds>(windowEnd - Clock::now()).count());
            QCOMPARE(::poll(&p, 1, ms < 1 ? 1 : ms), 0);
        }
    }
    const long long cpu1 = processCpuTicks(pid);
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    const double cpu = static_cast<double>(cpu1 - cpu0) / static_cast<double>(clockTicksPerSecond());
    qInfo("server CPU at its fd limit: %.3f s over %.3f s (%.0f%% of one core)", cpu, wall, 100.0 * cpu / wall);
    QVERIFY2(cpu < 0.25 * wall,
        ("the server busy-spins at its fd limit: " + std::to_string(cpu) + " s of CPU in " + std::to_string(wall)
            + " s")
            .c_str());

    // 5. Free descriptors: close 8 served clients. Waiting clients are then served (or, with the
    // accept-and-close strategy, were closed), and new clients are served.
    served.erase(served.begin(), served.begin() + 8);
    int waitingServed = 0;
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        auto& w = waiting[i];
        std::vector<std::byte> rest;
        const std::size_t missing = w.message.size() - w.received.size();
        if (recvExact(w.fd.get(), rest, missing, deadlineIn(15s), err)) {
            w.received.insert(w.received.end(), rest.begin(), rest.end());
            QCOMPARE(qba(w.received), qba(w.message));
            ++waitingServed;
            continue;
        }
        QVERIFY2(refused,
            ("waiting client " + std::to_string(i) + " was not served after fds were freed: " + err).c_str());
        QVERIFY2(err.rfind("timed out", 0) != 0,
            ("waiting client " + std::to_string(i) + " neither served nor closed: " + err).c_str());
    }
    qInfo("%d of %zu waiting clients were served after fds were freed", waitingServed, waiting.size());
    for (int i = 0; i < 4; ++i) {
        Fd c = connectUrl(url, deadlineIn(10s), err);
        QGNET_VERIFY_ERR(c.valid(), err);
        QGNET_VERIFY_ERR(echoRoundTrip(c.get(), "new client " + std::to_string(i), deadlineIn(15s), err),
            "new client " + std::to_string(i) + ": " + err);
        served.push_back(std::move(c));
    }

    // 6. SIGTERM stops the engine (with connections open) and the server exits 0.
    server.terminate();
    QVERIFY2(server.waitForFinished(20000), "the server did not exit after SIGTERM");
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    for (auto& c : served) {
        const ReadEnd end = waitForEnd(c.get(), deadlineIn(10s), err);
        QVERIFY2(end == ReadEnd::Eof || end == ReadEnd::Reset, (std::string(toString(end)) + ": " + err).c_str());
    }
}

QGNET_TEST_MAIN(TestEmfile)
#include "tst_emfile.moc"
