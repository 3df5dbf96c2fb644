// SPDX-License-Identifier: Apache-2.0
#include "quit_on_signal.h"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>

#include <QCoreApplication>

#include <signal.h>
#include <unistd.h>

namespace qgnet::app {

namespace {

// The handler may touch nothing but this lock-free descriptor and write(2).
std::atomic<int> g_signalFd{-1};
static_assert(std::atomic<int>::is_always_lock_free);

void onSignal(int)
{
    const int savedErrno = errno;
    const std::uint64_t one = 1;
    const int fd = g_signalFd.load(std::memory_order_relaxed);
    if (fd >= 0) {
        [[maybe_unused]] const ssize_t n = ::write(fd, &one, sizeof one);
    }
    errno = savedErrno;
}

void setHandler(int signalNumber, void (*handler)(int))
{
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART; // a system call that the signal interrupts simply goes on
    ::sigaction(signalNumber, &action, nullptr);
}

} // namespace

QuitOnSignal::QuitOnSignal() : notifier_(QCoreApplication::instance(), [] { QCoreApplication::quit(); })
{
    Q_ASSERT(g_signalFd.load() < 0);
    if (!notifier_.ensureOpen(&error_)) {
        // Not fatal: the application runs on, and the signals end it as they would without us.
        std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
            qPrintable(QCoreApplication::translate("main", "cannot handle SIGINT and SIGTERM: %1").arg(error_)));
        return;
    }
    g_signalFd.store(notifier_.descriptor());
    setHandler(SIGINT, onSignal);
    setHandler(SIGTERM, onSignal);
    active_ = true;
}

QuitOnSignal::~QuitOnSignal()
{
    if (!active_)
        return;
    setHandler(SIGINT, SIG_DFL);
    setHandler(SIGTERM, SIG_DFL);
    g_signalFd.store(-1);
}

} // namespace qgnet::app
