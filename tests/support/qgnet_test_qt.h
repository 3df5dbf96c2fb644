// SPDX-License-Identifier: Apache-2.0
// QTest glue of the suite: deadline-bounded waits as assertion macros, and the leak check of QGnet::Test.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <QTest>

#include <qgnet/test/leak_check.h>

#include "qgnet_test_support.h"

namespace qgnet_test {

// The leak check is QGnet::Test's (qgnet/test/leak_check.h), under the names the suite has always used.
using qgnet::test::countOpenFds;
using qgnet::test::countThreads;
using qgnet::test::LeakBaseline;
using qgnet::test::liveObjectsReport;

/// captureBaseline is LeakBaseline::capture().
inline LeakBaseline captureBaseline() { return LeakBaseline::capture(); }

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

// QGNET_VERIFY_NO_LIVE_OBJECTS and QGNET_VERIFY_NO_LEAKS(baseline) come from qgnet/test/leak_check.h.

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
