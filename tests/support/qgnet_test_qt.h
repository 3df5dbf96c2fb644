// SPDX-License-Identifier: Apache-2.0
// QTest glue: leak baselines and deadline-bounded waits as assertion macros.
#pragma once

#include <chrono>
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

} // namespace qgnet_test

/// QGNET_WAIT_VERIFY waits up to timeoutMs for expr to hold (checked every millisecond), then verifies it.
#define QGNET_WAIT_VERIFY(expr, timeoutMs)                                                                        \
    QVERIFY2(::qgnet_test::waitFor([&]() -> bool { return static_cast<bool>(expr); },                              \
                                   std::chrono::milliseconds(timeoutMs)),                                         \
             "timed out after " #timeoutMs " ms waiting for: " #expr)

/// QGNET_WAIT_COMPARE waits up to timeoutMs for actual == expected, then QCOMPAREs them (printing both).
#define QGNET_WAIT_COMPARE(actual, expected, timeoutMs)                                                           \
    do {                                                                                                          \
        ::qgnet_test::waitFor([&]() -> bool { return (actual) == (expected); },                                   \
                              std::chrono::milliseconds(timeoutMs));                                              \
        QCOMPARE(actual, expected);                                                                               \
    } while (false)

/// QGNET_VERIFY_NO_LEAKS checks that the thread and descriptor counts are back at the baseline
/// (threads get a deadline: a joined thread can linger in /proc for a moment).
#define QGNET_VERIFY_NO_LEAKS(baseline)                                                                           \
    do {                                                                                                          \
        QGNET_WAIT_COMPARE(::qgnet_test::countThreads(), (baseline).threads, 10000);                              \
        QGNET_WAIT_COMPARE(::qgnet_test::countOpenFds(), (baseline).fds, 10000);                                  \
    } while (false)

/// QGNET_VERIFY_NO_LIVE_OBJECTS checks that qgnet::liveCounters() are all zero (engines, connections,
/// buffer blocks, pending tasks, timers, worker tasks) once every engine and client is gone.
#define QGNET_VERIFY_NO_LIVE_OBJECTS()                                                                            \
    do {                                                                                                          \
        const ::qgnet::LiveCounters qgnetLive_ = ::qgnet::liveCounters();                                         \
        const std::string qgnetLiveText_ = "engines " + std::to_string(qgnetLive_.engines) + ", connections " +   \
            std::to_string(qgnetLive_.connections) + ", bufferBlocks " + std::to_string(qgnetLive_.bufferBlocks) + \
            ", pendingTasks " + std::to_string(qgnetLive_.pendingTasks) + ", timers " +                           \
            std::to_string(qgnetLive_.timers) + ", workerTasks " + std::to_string(qgnetLive_.workerTasks);        \
        QVERIFY2(qgnetLive_.engines == 0 && qgnetLive_.connections == 0 && qgnetLive_.bufferBlocks == 0 &&         \
                     qgnetLive_.pendingTasks == 0 && qgnetLive_.timers == 0 && qgnetLive_.workerTasks == 0,       \
                 ("live qgnet objects left: " + qgnetLiveText_).c_str());                                         \
    } while (false)

/// QGNET_VERIFY_NO_FAILURES fails with every collected failure line when the list is not empty.
#define QGNET_VERIFY_NO_FAILURES(failures)                                                                        \
    do {                                                                                                          \
        const auto& qgnetFailures_ = (failures);                                                                  \
        QVERIFY2(qgnetFailures_.empty(), ::qgnet_test::joinLines(qgnetFailures_).c_str());                        \
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
