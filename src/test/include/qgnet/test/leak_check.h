// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <string>

#include <QTest>

namespace qgnet::test {

/// countOpenFds counts this process's open file descriptors (/proc/self/fd), not counting the one
/// used to list them; -1 when /proc is not there.
QGNET_TEST_EXPORT int countOpenFds();

/// countThreads is this process's thread count ("Threads:" in /proc/self/status); -1 when unknown.
QGNET_TEST_EXPORT int countThreads();

/// liveObjectsReport lists qgnet::liveCounters() that are not zero, e.g. "connections=3
/// bufferBlocks=7", or "" when all are. Once every engine of the process is destroyed (not merely
/// stopped: a stopped Engine still owns its loops' memory) they must all be zero.
QGNET_TEST_EXPORT std::string liveObjectsReport();

/// LeakBaseline is what a test must leave behind: the process's open descriptors and threads when
/// the test began. capture() records them; leaks() waits (pumping the Qt event loop, so deleteLater
/// and queued closes run) until both are back, then says what is not, and adds any live qgnet
/// object. A test that starts engines, clients or sockets checks it at its end:
///
///     const qgnet::test::LeakBaseline baseline = qgnet::test::LeakBaseline::capture();
///     { ... the test, its engines destroyed at the closing brace ... }
///     QGNET_VERIFY_NO_LEAKS(baseline);
///
/// Threads and descriptors get a deadline because a joined thread can linger in /proc for a moment
/// and a peer's close can still be on its way through the kernel; live objects do not, because
/// destroying an engine joins its threads, so nothing it owned may outlive it.
struct QGNET_TEST_EXPORT LeakBaseline {
    int fds = -1;     ///< Open descriptors at capture().
    int threads = -1; ///< Threads at capture().

    /// capture records the current descriptor and thread counts.
    static LeakBaseline capture();
    /// leaks waits up to timeout for the counts to come back to the baseline and returns what is
    /// left over, in words ("" when nothing): threads, descriptors, live qgnet objects.
    std::string leaks(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
};

} // namespace qgnet::test

/// QGNET_VERIFY_NO_LIVE_OBJECTS checks that every qgnet::liveCounters() count is zero, with no wait.
/// Use it once every engine of the test is destroyed.
#define QGNET_VERIFY_NO_LIVE_OBJECTS()                                                                                 \
    do {                                                                                                               \
        const std::string qgnetLive_ = ::qgnet::test::liveObjectsReport();                                             \
        QVERIFY2(qgnetLive_.empty(), ("live qgnet objects left: " + qgnetLive_).c_str());                              \
    } while (false)

/// QGNET_VERIFY_NO_LEAKS checks that the thread and descriptor counts are back at baseline (a
/// LeakBaseline, waiting up to 10 s) and that no qgnet object is alive; it fails the test with what
/// was left. Call it after the test's engines are destroyed.
#define QGNET_VERIFY_NO_LEAKS(baseline)                                                                                \
    do {                                                                                                               \
        const std::string qgnetLeaks_ = (baseline).leaks();                                                            \
        QVERIFY2(qgnetLeaks_.empty(), ("leaked by the test: " + qgnetLeaks_).c_str());                                 \
    } while (false)
