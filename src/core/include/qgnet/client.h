// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <any>
#include <chrono>
#include <functional>
#include <string_view>
#include <system_error>

#include "qgnet/conn_handle.h"
#include "qgnet/engine.h"
#include "qgnet/event_handler.h"
#include "qgnet/options.h"

namespace qgnet {

/// Client drives outgoing connections with the same EventHandler and Conn API as a server (gnet's
/// Client): its own loops (Options::numEventLoop, balanced by Options::lb), onOpen/onTraffic/onClose
/// per connection, onTick on loop 0. Dialing never blocks a loop: names are resolved on the client's
/// resolver thread, and the connect is non-blocking, bounded by a timeout. With Options::tls (a
/// client context, qgnet/tls.h) every stream connection completes its TLS handshake before onOpen
/// and the dial callback; a failed one reaches only the callback (Errc::TlsVerifyFailed,
/// TlsHandshakeFailed, TlsHandshakeTimeout), and a UDP dial fails with Errc::UnsupportedProtocol.
class QGNET_EXPORT Client {
public:
    /// DialCallback is told on the connection's loop how a dial ended: the connection (after its
    /// onOpen ran) and no error, or null and the reason (a bad URL, a name that does not resolve,
    /// ECONNREFUSED, std::errc::timed_out, Errc::EngineStopped...).
    using DialCallback = std::function<void(Conn* conn, std::error_code ec)>;

    /// start validates options, calls onBoot and starts the loops. Throws qgnet::Error as Engine::start.
    static Client start(EventHandler& handler, const Options& options = {});

    Client() noexcept = default;
    Client(Client&&) noexcept = default;
    Client& operator=(Client&&) noexcept = default;
    ~Client() = default;

    /// dial connects to url (tcp://, tcp4://, tcp6://, udp://, udp4://, udp6://, unix://) within
    /// timeout, from any thread, without blocking: the outcome goes to callback. context is set on the
    /// connection before onOpen (gnet's DialContext). Returns an error only when the request could not
    /// even be queued (Errc::QueueFull, Errc::EngineStopped).
    ///
    /// A host name with several addresses (localhost is often ::1 and 127.0.0.1) is dialled as RFC 8305
    /// ("Happy Eyeballs") asks: the addresses in the resolver's order with the families interleaved;
    /// the next attempt starts 250 ms after the previous one unless that one failed sooner; the first
    /// to connect wins and the others are closed unopened; all of them share the one timeout. A TLS
    /// dial checks the name dialled, not the address that answered. When every address fails, the
    /// callback gets the first address's error (std::errc::timed_out if the timeout ended the dial)
    /// and the engine's log gets one line naming every address tried with its error.
    std::error_code dial(std::string_view url, std::chrono::milliseconds timeout, DialCallback callback = {},
        std::any context = {}) const;

    /// dialAndWait dials and waits for the outcome: the connection's handle, or an empty handle and ec.
    /// For threads that may block (tests, set-up code); from one of the client's loop threads it fails
    /// with Errc::WrongThread, since that loop would be the one to wait for.
    ConnHandle dialAndWait(std::string_view url, std::chrono::milliseconds timeout, std::error_code& ec,
        std::any context = {}) const;

    /// enroll takes over an already connected socket (TCP, UDP or Unix; gnet's Enroll): the client
    /// owns fd from now on, even when enroll fails.
    std::error_code enroll(int fd, DialCallback callback = {}, std::any context = {}) const;

    /// engine is the engine under the client, for countConnections, execute, schedule, submit, stop.
    Engine& engine() noexcept { return engine_; }
    const Engine& engine() const noexcept { return engine_; }

    /// stop closes every connection (after up to drainTimeout of flushing) and joins the loops.
    void stop(std::chrono::milliseconds drainTimeout = std::chrono::milliseconds(0)) { engine_.stop(drainTimeout); }

private:
    explicit Client(Engine engine) noexcept : engine_(std::move(engine)) {}
    Engine engine_;
};

} // namespace qgnet
