// SPDX-License-Identifier: Apache-2.0
// QTest glue: leak baselines and deadline-bounded waits as assertion macros.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <QTest>

#include <qgnet/live_counters.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

/// LeakBaseline is what a test must leave behind: this process's open descriptors and threads.
struct LeakBaseline {
    int fds = -1;
    int threads = -1;
};

inline LeakBaseline captureBaseline() { return {countOpenFds(), countThreads()}; }

/// liveObjectsReport lists qgnet's live-object counters that are not zero ("" when all are), e.g.
/// "connections=3 bufferBlocks=7". Once every engine is destroyed they must all be zero.
inline std::string liveObjectsReport()
{
    const qgnet::LiveCounters c = qgnet::liveCounters();
    std::string out;
    const auto add = [&out](const char* name, std::int64_t v) {
        if (v != 0)
            out += (out.empty() ? "" : " ") + std::string(name) + "=" + std::to_string(v);
    };
    add("engines", c.engines);
    add("connections", c.connections);
    add("bufferBlocks", c.bufferBlocks);
    add("bufferBytes", c.bufferBytes);
    add("pendingTasks", c.pendingTasks);
    add("timers", c.timers);
    add("workerTasks", c.workerTasks);
    return out;
}

} // namespace qgnet_test

/// QGNET_WAIT_VERIFY waits up to timeoutMs for expr to hold (checked every millisecond), then verifies it.
#define QGNET_WAIT_VERIFY(expr, timeoutMs)                                                                             \
    QVERIFY2(::qgnet_test::waitFor([&]() -> bool { return static_cast<bool>(expr); },                                  \
                 std::chrono::milliseconds(timeoutMs)),                                                                \
        "timed out after " #timeoutMs " ms waiting for: " #expr)

/// QGNET_WAIT_COMPARE waits up to timeoutMs for actual == expected, then QCOMPAREs them (printing both).
#define QGNET_WAIT_COMPARE(actual, expected, timeoutMs)                                                                \
    do {                                                                                                               \
        ::qgnet_test::waitFor([&]() -> bool { return (actual) == (expected); }, std::chrono::milliseconds(timeoutMs)); \
        QCOMPARE(actual, expected);                                                                                    \
    } while (false)

/// QGNET_VERIFY_NO_LIVE_OBJECTS checks that every qgnet::liveCounters() count is zero. Use it once every
/// engine of the test is destroyed (not merely stopped: a stopped Engine still owns its core). It does not
/// wait: destroying an engine joins its threads, so nothing it owned may be left after that.
#define QGNET_VERIFY_NO_LIVE_OBJECTS()                                                                                 \
    do {                                                                                                               \
        const std::string qgnetLive_ = ::qgnet_test::liveObjectsReport();                                              \
        QVERIFY2(qgnetLive_.empty(), ("live qgnet objects left: " + qgnetLive_).c_str());                              \
    } while (false)

/// QGNET_VERIFY_NO_LEAKS checks that the thread and descriptor counts are back at the baseline
/// (threads get a deadline: a joined thread can linger in /proc for a moment), and that no qgnet object
/// is alive (QGNET_VERIFY_NO_LIVE_OBJECTS): call it after the test's engines are destroyed.
#define QGNET_VERIFY_NO_LEAKS(baseline)                                                                                \
    do {                                                                                                               \
        QGNET_WAIT_COMPARE(::qgnet_test::countThreads(), (baseline).threads, 10000);                                   \
        QGNET_WAIT_COMPARE(::qgnet_test::countOpenFds(), (baseline).fds, 10000);                                       \
        QGNET_VERIFY_NO_LIVE_OBJECTS();                                                                                \
    } while (false)

/// QGNET_VERIFY_NO_QT_LEAKS is QGNET_VERIFY_NO_LEAKS for tests with a Qt event loop: it waits with
/// QTest::qWait, which also runs the deferred deletes (a socket given to deleteLater() closes its
/// descriptor only then). The qt and gui tests take a baseline in init() and check it in cleanup().
#define QGNET_VERIFY_NO_QT_LEAKS(baseline)                                                                             \
    do {                                                                                                               \
        QTRY_COMPARE_WITH_TIMEOUT(::qgnet_test::countThreads(), (baseline).threads, 10000);                            \
        QTRY_COMPARE_WITH_TIMEOUT(::qgnet_test::countOpenFds(), (baseline).fds, 10000);                                \
        QGNET_VERIFY_NO_LIVE_OBJECTS();                                                                                \
    } while (false)

/// QGNET_VERIFY_NO_FAILURES fails with every collected failure line when the list is not empty.
#define QGNET_VERIFY_NO_FAILURES(failures)                                                                             \
    do {                                                                                                               \
        const auto& qgnetFailures_ = (failures);                                                                       \
        QVERIFY2(qgnetFailures_.empty(), ::qgnet_test::joinLines(qgnetFailures_).c_str());                             \
    } while (false)

/// QGNET_VERIFY_ERR verifies a call that reports problems through a std::string err.
#define QGNET_VERIFY_ERR(call, err) QVERIFY2((call), (std::string(#call) + ": " + (err)).c_str())

namespace qgnet_test {

/// qba makes a QByteArray of a string or bytes, so QCOMPARE prints both sides on a mismatch.
inline QByteArray qba(std::string_view s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }
inline QByteArray qba(ConstBytes b)
{
    return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size()));
}

} // namespace qgnet_test
