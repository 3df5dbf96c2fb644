// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <system_error>

#include <QTest>

#include <qgnet/address.h>
#include <qgnet/error.h>

/// QTest::toString for qgnet's value types, so that QCOMPARE prints them on a mismatch:
///
///     QCOMPARE(conn.remoteAddr(), server.address()); // "Actual: 127.0.0.1:40155, Expected: ..."
///     QCOMPARE(error, qgnet::Errc::PeerClosed);      // "Actual: qgnet:7 (invalid address) ..."
///
/// The enums that have a qgnet::toString of their own (Backend, LoadBalancing, LogLevel,
/// ConnectionState, EngineEvent::Kind) cannot take part: QCOMPARE's unqualified toString(x) finds
/// qgnet::toString by argument-dependent lookup, which returns a std::string_view, not QTest's char*.
/// Compare those with QGNET_COMPARE_NAMED below.
namespace QTest {

/// toString(SocketAddress) is SocketAddress::toString(): "127.0.0.1:8080", "[::1]:8080", a path.
template <>
inline char* toString(const qgnet::SocketAddress& address)
{
    return qstrdup(address.toString().c_str());
}

/// toString(std::error_code) is the code's category, number and message ("system:104 (Connection
/// reset by peer)"), so QCOMPARE(conn.error(), qgnet::Errc::PeerClosed) prints both sides readably.
template <>
inline char* toString(const std::error_code& code)
{
    return qstrdup(
        (std::string(code.category().name()) + ":" + std::to_string(code.value()) + " (" + code.message() + ")")
            .c_str());
}

/// toString(Errc) is toString of its error code: "qgnet:1 (peer closed the connection)".
template <>
inline char* toString(const qgnet::Errc& errc)
{
    return toString<std::error_code>(qgnet::make_error_code(errc));
}

} // namespace QTest

/// QGNET_COMPARE_NAMED compares two values of a qgnet enum that has a qgnet::toString (Backend,
/// LoadBalancing, LogLevel, ConnectionState, EngineEvent::Kind) and on a mismatch fails the test
/// with both names: "Compared values are not the same: engine.backend() is epoll, expected io_uring".
#define QGNET_COMPARE_NAMED(actual, expected)                                                                          \
    do {                                                                                                               \
        const auto qgnetActual_ = (actual);                                                                            \
        const auto qgnetExpected_ = (expected);                                                                        \
        QVERIFY2(qgnetActual_ == qgnetExpected_,                                                                       \
            ("Compared values are not the same: " #actual " is " + std::string(qgnet::toString(qgnetActual_))          \
                + ", expected " + std::string(qgnet::toString(qgnetExpected_)))                                        \
                .c_str());                                                                                             \
    } while (false)
