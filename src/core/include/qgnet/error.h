// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <stdexcept>
#include <string>
#include <system_error>

namespace qgnet {

/// Errc lists the error conditions qgnet itself reports. System errors (ECONNRESET, EADDRINUSE, ...)
/// are passed through as std::errc / std::system_category codes; these are the ones the OS has no
/// name for. They live in qgnet::category(), so `ec == qgnet::Errc::PeerClosed` works on any
/// std::error_code the library hands out.
enum class Errc {
    PeerClosed = 1,       ///< The peer closed its side (read returned 0) and all output was flushed.
    ClosedByHandler,      ///< A callback returned Action::Close, or Conn::close() was called.
    EngineShutdown,       ///< The engine is stopping; the connection was closed as part of it.
    EngineStopped,        ///< The engine handle is empty or the engine has stopped.
    ConnectionClosed,     ///< The connection is already closed; the operation was not performed.
    ShortBuffer,          ///< Fewer bytes are buffered than were asked for.
    InvalidAddress,       ///< An address URL could not be parsed or resolved.
    UnsupportedProtocol,  ///< The scheme is known but not available for this operation.
    InvalidOption,        ///< An Options field is out of range or contradicts another.
    UnsupportedOperation, ///< The operation makes no sense in this state (e.g. dup() with several listeners).
    WrongThread,          ///< A loop-thread-only method was called from another thread.
    OutputLimitExceeded,  ///< The connection's unsent output would pass Options::maxOutputBuffered.
    InputLimitExceeded,   ///< The handler left more than Options::maxInputBuffered bytes unconsumed.
    IdleTimeout,          ///< Nothing was read or written for the idle timeout.
    ReadTimeout,          ///< Nothing was read for the read timeout, or the read deadline passed.
    WriteTimeout,         ///< Pending output made no progress for the write timeout, or the write deadline passed.
    QueueFull,            ///< A bounded queue (a loop's task queue, the worker pool) is full; nothing was queued.
    TlsHandshakeFailed,   ///< The TLS handshake failed (bad or plaintext input, no common version/cipher/ALPN, the peer
                          ///< left); the log says OpenSSL's reason.
    TlsVerifyFailed,     ///< The peer's certificate did not verify (unknown CA, expired, wrong host name); the log says
                         ///< which.
    TlsHandshakeTimeout, ///< The TLS handshake did not complete within the context's handshakeTimeout.
    TlsError, ///< A TLS record could not be decrypted or encrypted after the handshake, or a TlsContext could not be
              ///< set up.
    /// The peer's TLS stream ended without close_notify (the socket reached EOF, possibly in the middle
    /// of a record): the data may have been cut short by an attacker or a crash, so this is not
    /// PeerClosed. The connection closes at once, without draining its output or sending close_notify.
    TlsTruncated,
    /// The engine already had Options::maxConnections connections: a new one was closed at accept.
    ConnectionLimit,
    /// The engine's buffers held more than Options::memoryBudget and this connection, whose reading
    /// had been paused for it, kept growing (output it could not flush): closed to keep the budget.
    MemoryBudgetExceeded,
    /// The loop's cross-thread queue already carries Options::taskQueueBytes bytes of data
    /// (ConnHandle::asyncWrite, asyncWritev): nothing was queued; retry once the loop has caught up.
    QueueBytesExceeded,
    /// Engine::watchConnection: the engine already watches kMaxWatchedConnections connections
    /// (qgnet/timeline.h); unwatch one first.
    WatchLimit,
};

/// category returns the std::error_category of qgnet's own error conditions ("qgnet").
QGNET_EXPORT const std::error_category& category() noexcept;

/// make_error_code makes a std::error_code of qgnet::category(); found by ADL, so an Errc
/// converts implicitly wherever a std::error_code is expected.
QGNET_EXPORT std::error_code make_error_code(Errc e) noexcept;

/// Error is the exception thrown by qgnet's set-up calls (Engine::start, run, address parsing)
/// when the arguments are invalid or a socket cannot be created. code() says what went wrong;
/// what() names the offending input once, e.g. "qgnet: invalid address 'tcp://host:99999': port out
/// of range 0..65535" or "qgnet: cannot bind 'tcp://127.0.0.1:80': Permission denied".
class QGNET_EXPORT Error : public std::system_error {
public:
    Error(std::error_code code, const std::string& detail);
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

} // namespace qgnet

template <>
struct std::is_error_code_enum<qgnet::Errc> : std::true_type {
};
