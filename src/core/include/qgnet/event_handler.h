// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <system_error>

namespace qgnet {

class Conn;
class Engine;

/// Action is what a callback asks the engine to do once it returns.
enum class Action : std::uint8_t {
    None,     ///< Carry on.
    Close,    ///< Close this connection once its pending output is flushed (see Options::closeFlushTimeout).
    Shutdown, ///< Stop the whole engine gracefully.
};

/// OpenResult is onOpen's answer: bytes to send to the new peer at once, and an action.
struct QGNET_EXPORT OpenResult {
    std::string out;
    Action action = Action::None;
};

/// TickResult is onTick's answer: how long until the next tick, and an action (Close is ignored).
struct QGNET_EXPORT TickResult {
    std::chrono::nanoseconds next = std::chrono::seconds(1);
    Action action = Action::None;
};

/// EventHandler receives an engine's events. Derive from it and override what you need; every
/// callback has a no-op default (gnet's BuiltinEventEngine). The engine holds a reference, so the
/// handler must outlive it.
///
/// Threads: onOpen, onTraffic and onClose for a connection run on the loop thread that owns it,
/// never concurrently for the same connection; with several loops they run concurrently for
/// different connections, so state shared across connections needs synchronisation. onTick runs on
/// loop 0's thread. onBoot runs on the thread that starts the engine; onShutdown on the thread of the
/// last loop to finish.
class QGNET_EXPORT EventHandler {
public:
    virtual ~EventHandler() = default;

    /// onBoot fires once, after the listeners are bound and before any loop runs. Returning
    /// Action::Shutdown stops the engine at once (start/run then return without serving).
    virtual Action onBoot(Engine& engine);

    /// onShutdown fires once when the engine stops, after every loop has closed its connections and
    /// every onClose has returned. Nothing else is called after it.
    virtual void onShutdown(Engine& engine);

    /// onOpen fires when a connection is registered with its loop (with Options::tls: once its TLS
    /// handshake has completed; a connection whose handshake fails never gets onOpen nor onClose).
    /// result.out is written to the peer at once (buffered if the socket cannot take it all);
    /// result.action may close it or stop the engine.
    virtual OpenResult onOpen(Conn& conn);

    /// onClose fires once per opened connection with the reason (Errc::PeerClosed, Errc::ClosedByHandler,
    /// Errc::EngineShutdown, or a system error such as ECONNRESET). It runs before the descriptor is
    /// closed, so the fd number cannot be reused by a new connection while the handler still sees it.
    virtual Action onClose(Conn& conn, std::error_code reason);

    /// onTraffic fires when data has arrived. Consume what forms complete messages (next/peek/discard/
    /// read); whatever is left stays buffered and is seen again, together with new data, next time.
    /// Views returned by peek/next are valid only until the callback returns.
    virtual Action onTraffic(Conn& conn);

    /// onWritabilityChanged fires when the connection's unsent output crosses Options::outputHighWater
    /// (writable false: stop producing) and again when it drains to outputLowWater (true: go on).
    /// Notifications alternate, starting with false; they run after the callback that caused them.
    virtual void onWritabilityChanged(Conn& conn, bool writable);

    /// onTick fires right after the engine starts (with Options::ticker) and then again after the
    /// delay it returns. Returning Action::Shutdown stops the engine.
    virtual TickResult onTick();
};

} // namespace qgnet
