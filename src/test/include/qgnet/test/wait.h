// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <functional>

#include <QTest>

namespace qgnet::test {

/// waitFor evaluates condition until it holds or timeout passes, and returns its last value. Between
/// checks it runs the calling thread's Qt event loop for a millisecond (QTest::qWait), so signals
/// queued from qgnet's loop threads, a QtServer's batches and deleteLater all make progress while
/// the test waits: a condition, never a sleep, is what ends the wait. Call it from a thread with
/// an event loop (a test function's).
QGNET_TEST_EXPORT bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

} // namespace qgnet::test

/// QGNET_TRY_VERIFY waits up to timeoutMs for expr to hold (qgnet::test::waitFor, pumping events),
/// then verifies it, naming the expression and the timeout on failure.
#define QGNET_TRY_VERIFY(expr, timeoutMs)                                                                              \
    QVERIFY2(::qgnet::test::waitFor([&]() -> bool { return static_cast<bool>(expr); },                                 \
                 std::chrono::milliseconds(timeoutMs)),                                                                \
        "timed out after " #timeoutMs " ms waiting for: " #expr)

/// QGNET_TRY_COMPARE waits up to timeoutMs for actual == expected (pumping events), then QCOMPAREs
/// them, so a failure prints both values.
#define QGNET_TRY_COMPARE(actual, expected, timeoutMs)                                                                 \
    do {                                                                                                               \
        ::qgnet::test::waitFor([&]() -> bool { return (actual) == (expected); },                                       \
            std::chrono::milliseconds(timeoutMs));                                                                     \
        QCOMPARE(actual, expected);                                                                                    \
    } while (false)
