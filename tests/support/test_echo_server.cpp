// SPDX-License-Identifier: Apache-2.0
// qgnet-test-echo-server: an echo engine in its own process, for tests that change process-wide limits.
//
//   qgnet-test-echo-server [--nofile N] [--listen URL] [--loops N] [--reuseport] [--et]
//
// It applies RLIMIT_NOFILE=N (soft limit) to itself first, starts an echo engine, prints
// "listening on <url>" (one line, flushed) and serves until SIGTERM or SIGINT, then stops the engine
// and exits 0. Errors go to standard error with exit status 1 (bad engine start) or 2 (bad usage).
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <pthread.h>
#include <sys/resource.h>

#include "test_handlers.h"

namespace {

int usage(const char* why)
{
    std::fprintf(stderr,
        "qgnet-test-echo-server: %s\n"
        "usage: qgnet-test-echo-server [--nofile N] [--listen URL] [--loops N] [--reuseport] [--et]\n",
        why);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    long nofile = 0;
    std::string listen = "tcp://127.0.0.1:0";
    int loops = 1;
    bool reusePort = false;
    bool edge = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--nofile" && hasValue)
            nofile = std::strtol(argv[++i], nullptr, 10);
        else if (arg == "--listen" && hasValue)
            listen = argv[++i];
        else if (arg == "--loops" && hasValue)
            loops = std::atoi(argv[++i]);
        else if (arg == "--reuseport")
            reusePort = true;
        else if (arg == "--et")
            edge = true;
        else
            return usage(("unknown or incomplete argument " + arg).c_str());
    }

    if (nofile > 0) {
        rlimit rl{};
        if (::getrlimit(RLIMIT_NOFILE, &rl) != 0)
            return usage(std::strerror(errno));
        rl.rlim_cur = static_cast<rlim_t>(nofile);
        if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
            rl.rlim_cur = rl.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &rl) != 0)
            return usage(std::strerror(errno));
    }

    // Block the stop signals before any engine thread exists, so every thread inherits the mask and
    // only sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    qgnet_test::EchoHandler handler;
    qgnet::Options options;
    options.numEventLoop = loops;
    options.reusePort = reusePort;
    options.edgeTriggeredIO = edge;
    try {
        qgnet::Engine engine = qgnet::Engine::start(handler, listen, options);
        const auto urls = engine.listenUrls();
        std::printf("listening on %s\n", urls.empty() ? "?" : urls.front().c_str());
        std::fflush(stdout);
        int sig = 0;
        while (sigwait(&stopSignals, &sig) != 0) {}
        engine.stop();
        std::fprintf(stderr, "qgnet-test-echo-server: stopped by signal %d after %d connections\n", sig,
            handler.opened.load());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "qgnet-test-echo-server: %s\n", e.what());
        return 1;
    }
    return 0;
}
