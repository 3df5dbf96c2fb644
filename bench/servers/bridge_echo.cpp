// SPDX-License-Identifier: Apache-2.0
//
// qgnet-bench-bridge: the qgnet echo server twice, for a side-by-side measure of what the Qt bridge
// and the inspector cost.
//   --mode engine  a plain qgnet::Engine with an echo EventHandler; the main thread only waits for a
//                  signal (no Qt at all).
//   --mode bridge  the same echo as QtServer's loop-thread TrafficHandler, inside a QCoreApplication,
//                  with a LocalStatsFeed at --interval ms (default 100, the inspector's 10 Hz) driving
//                  LoopModel, ConnectionModel, DecisionModel and EventModel, and an InspectorEndpoint
//                  on a Unix socket. This is what an application embedding the inspector runs.
//   --mode bridge-data  as bridge, but with deliverData: every received chunk crosses to the Qt
//                  thread as dataReceived and the echo goes back through QtConnection::write (the
//                  cost of handling traffic on the Qt thread; not part of the 95% goal).
//   --mode bridge-timeline  as bridge, plus a TimelineModel that watches the first connection it
//                  sees (a Timeline view left open): that connection records every read and write,
//                  the others pay the unwatched branch only. A second inspector is attached too: a
//                  RemoteStatsFeed on the endpoint's socket, with the four models and its own
//                  TimelineModel on the same connection (in this process, so its decoding and
//                  models count against the server's CPU: the pessimistic case).
// Common options as every bench server (--port, --cpu), plus --loops N (default 1). Prints
// "listening on tcp://127.0.0.1:<port>" and exits 0 on SIGINT/SIGTERM.

#include <signal.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <thread>

#include <QCoreApplication>
#include <QDir>
#include <QUrl>

#include <qgnet/conn.h>
#include <qgnet/engine.h>
#include <qgnet/event_handler.h>
#include <qgnet/qt/connection_model.h>
#include <qgnet/qt/decision_model.h>
#include <qgnet/qt/event_model.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/loop_model.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/stats_feed.h>
#include <qgnet/qt/timeline_model.h>

#include "server_cli.h"

namespace {

struct Cli {
    unsigned port = 0;
    int cpu = -1;
    int loops = 1;
    int intervalMs = 100;
    bool bridge = false;
    bool deliver = false;
    bool timeline = false;
    qgnet::Backend backend = qgnet::Backend::Epoll;
};

[[noreturn]] void usage(const char* prog, const char* why)
{
    std::fprintf(stderr,
        "%s: %s\nusage: %s --mode engine|bridge|bridge-data|bridge-timeline [--port P] [--cpu N] [--loops N] [--interval MS]\n"
        "       [--backend epoll|io_uring]\n",
        prog, why, prog);
    std::exit(2);
}

Cli parse(int argc, char** argv)
{
    Cli cli;
    bool mode = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (i + 1 >= argc)
            usage(argv[0], "missing value");
        const char* v = argv[++i];
        if (a == "--port")
            cli.port = static_cast<unsigned>(qgnet_bench::parse_number(argv[0], v, 0, 65535));
        else if (a == "--cpu")
            cli.cpu = static_cast<int>(qgnet_bench::parse_number(argv[0], v, 0, CPU_SETSIZE - 1));
        else if (a == "--loops")
            cli.loops = static_cast<int>(qgnet_bench::parse_number(argv[0], v, 1, 1024));
        else if (a == "--interval")
            cli.intervalMs = static_cast<int>(qgnet_bench::parse_number(argv[0], v, 1, 60000));
        else if (a == "--backend") {
            if (std::string_view(v) == "io_uring")
                cli.backend = qgnet::Backend::IoUring;
            else if (std::string_view(v) != "epoll")
                usage(argv[0], "--backend is epoll or io_uring");
        } else if (a == "--mode") {
            mode = true;
            if (std::string_view(v) == "bridge")
                cli.bridge = true;
            else if (std::string_view(v) == "bridge-data")
                cli.bridge = cli.deliver = true;
            else if (std::string_view(v) == "bridge-timeline")
                cli.bridge = cli.timeline = true;
            else if (std::string_view(v) != "engine")
                usage(argv[0], "--mode is engine, bridge, bridge-data or bridge-timeline");
        } else
            usage(argv[0], "unknown argument");
    }
    if (!mode)
        usage(argv[0], "--mode is required");
    return cli;
}

class Echo : public qgnet::EventHandler {
public:
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        c.write(c.next());
        return qgnet::Action::None;
    }
};

// blockStopSignals makes SIGINT/SIGTERM wait for sigwait; every thread started later inherits it.
sigset_t blockStopSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    return set;
}

unsigned portOf(const std::string& url) { return static_cast<unsigned>(QUrl(QString::fromStdString(url)).port()); }

int runEngine(const Cli& cli, const sigset_t& stop)
{
    Echo echo;
    qgnet::Engine engine = qgnet::Engine::start(echo, "tcp://127.0.0.1:" + std::to_string(cli.port),
        qgnet::Options{.backend = cli.backend, .numEventLoop = cli.loops, .listenBacklog = SOMAXCONN});
    qgnet_bench::announce_listening(portOf(engine.listenUrls().at(0)));
    int sig = 0;
    sigwait(&stop, &sig);
    engine.stop();
    return 0;
}

int runBridge(int argc, char** argv, const Cli& cli, const sigset_t& stop)
{
    QCoreApplication app(argc, argv);
    qgnet::QtServer server;
    qgnet::Options options = server.options();
    options.numEventLoop = cli.loops;
    options.listenBacklog = SOMAXCONN;
    options.backend = cli.backend;
    server.setOptions(options);
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:%1").arg(cli.port)});
    if (cli.deliver) {
        server.setDeliverData(true);
        QObject::connect(&server, &qgnet::QtServer::dataReceived, &app,
            [](const qgnet::QtConnection& c, const QByteArray& data) { c.write(data); });
    } else {
        server.setTrafficHandler([](qgnet::Conn& c) {
            c.write(c.next());
            return qgnet::Action::None;
        });
    }

    qgnet::LocalStatsFeed feed;
    feed.setInterval(cli.intervalMs);
    qgnet::LoopModel loops;
    qgnet::ConnectionModel connections;
    qgnet::DecisionModel decisions;
    qgnet::EventModel events;
    for (qgnet::SnapshotModel* m :
        std::initializer_list<qgnet::SnapshotModel*>{&loops, &connections, &decisions, &events})
        m->setFeed(&feed);
    long snapshots = 0;
    QObject::connect(&feed, &qgnet::StatsFeed::snapshotReady, &app, [&snapshots] { ++snapshots; });
    qgnet::TimelineModel timeline;
    if (cli.timeline) {
        timeline.setFeed(&feed);
        QObject::connect(&feed, &qgnet::StatsFeed::snapshotReady, &app, [&timeline](const qgnet::SnapshotPtr& s) {
            if (timeline.connectionId() == 0 && !s->connections.empty())
                timeline.setConnectionId(s->connections.front().id);
        });
    }
    if (!server.start()) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    feed.setServer(&server);
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    const QString socket = QDir::tempPath()
        + QStringLiteral("/qgnet-bench-bridge-%1.sock").arg(QCoreApplication::applicationPid());
    // At least InspectorEndpoint::MinTokenBytes: listen() refuses a shorter token.
    if (!endpoint.listen(socket, QStringLiteral("bench-token-of-24-bytes!"))) {
        std::fprintf(stderr, "inspector endpoint: %s\n", qPrintable(endpoint.errorString()));
        return 1;
    }
    // Both inspectors (issue 20's cost goal): the in-process feed above and an attached one.
    qgnet::RemoteStatsFeed remote;
    qgnet::LoopModel remoteLoops;
    qgnet::ConnectionModel remoteConnections;
    qgnet::DecisionModel remoteDecisions;
    qgnet::EventModel remoteEvents;
    qgnet::TimelineModel remoteTimeline;
    long remoteSnapshots = 0;
    if (cli.timeline) {
        remote.setInterval(cli.intervalMs);
        for (qgnet::SnapshotModel* m : std::initializer_list<qgnet::SnapshotModel*>{&remoteLoops, &remoteConnections,
                 &remoteDecisions, &remoteEvents})
            m->setFeed(&remote);
        remoteTimeline.setFeed(&remote);
        QObject::connect(&remote, &qgnet::StatsFeed::snapshotReady, &app,
            [&remoteSnapshots, &remoteTimeline, &timeline](const qgnet::SnapshotPtr&) {
                ++remoteSnapshots;
                if (remoteTimeline.connectionId() == 0 && timeline.connectionId() != 0)
                    remoteTimeline.setConnectionId(timeline.connectionId());
            });
        remote.attach(QStringLiteral("unix:") + socket, QStringLiteral("bench-token-of-24-bytes!"));
    }
    std::thread waiter([&stop, &app] {
        int sig = 0;
        sigwait(&stop, &sig);
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    qgnet_bench::announce_listening(portOf(server.boundUrls().value(0).toStdString()));
    const int rc = QCoreApplication::exec();
    waiter.join();
    // Proof that the inspector side was really working during the run.
    std::fprintf(stderr, "bridge: %ld snapshots applied to 4 models (%d loop rows, %d decisions)\n", snapshots,
        loops.rowCount(), decisions.rowCount());
    if (cli.timeline)
        std::fprintf(stderr, "bridge: timeline of connection %llu: %d rows, %lld bytes in\n",
            static_cast<unsigned long long>(timeline.connectionId()), timeline.rowCount(),
            static_cast<long long>(timeline.totalBytesIn()));
    if (cli.timeline)
        std::fprintf(stderr, "bridge: attached inspector: %ld snapshots, timeline of connection %llu: %d rows\n",
            remoteSnapshots, static_cast<unsigned long long>(remoteTimeline.connectionId()), remoteTimeline.rowCount());
    endpoint.close();
    server.stop();
    return rc;
}

} // namespace

int main(int argc, char** argv)
{
    const Cli cli = parse(argc, argv);
    qgnet_bench::pin_to_cpu_or_die(cli.cpu);
    qgnet_bench::ignore_sigpipe();
    const sigset_t stop = blockStopSignals();
    try {
        return cli.bridge ? runBridge(argc, argv, cli, stop) : runEngine(cli, stop);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
