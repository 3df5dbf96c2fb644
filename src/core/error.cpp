// SPDX-License-Identifier: Apache-2.0
#include "qgnet/error.h"

namespace qgnet {
namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "qgnet"; }
    std::string message(int code) const override
    {
        switch (static_cast<Errc>(code)) {
        case Errc::PeerClosed: return "peer closed the connection";
        case Errc::ClosedByHandler: return "connection closed by the handler";
        case Errc::EngineShutdown: return "engine is shutting down";
        case Errc::EngineStopped: return "engine is stopped";
        case Errc::ConnectionClosed: return "connection is closed";
        case Errc::ShortBuffer: return "fewer bytes buffered than requested";
        case Errc::InvalidAddress: return "invalid address";
        case Errc::UnsupportedProtocol: return "unsupported protocol";
        case Errc::InvalidOption: return "invalid option";
        case Errc::UnsupportedOperation: return "unsupported operation";
        case Errc::WrongThread: return "called from a thread that does not own the object";
        case Errc::OutputLimitExceeded: return "unsent output exceeds the connection's limit";
        case Errc::InputLimitExceeded: return "unconsumed input exceeds the connection's limit";
        case Errc::IdleTimeout: return "connection idle for too long";
        case Errc::ReadTimeout: return "read timed out";
        case Errc::WriteTimeout: return "write timed out";
        case Errc::QueueFull: return "queue is full";
        case Errc::TlsHandshakeFailed: return "TLS handshake failed";
        case Errc::TlsVerifyFailed: return "TLS peer certificate verification failed";
        case Errc::TlsHandshakeTimeout: return "TLS handshake timed out";
        case Errc::TlsError: return "TLS error";
        case Errc::TlsTruncated: return "TLS stream truncated: the peer closed without close_notify";
        case Errc::ConnectionLimit: return "the engine's connection limit (Options::maxConnections) is reached";
        case Errc::MemoryBudgetExceeded:
            return "the engine's memory budget (Options::memoryBudget) is exceeded and the connection's buffers kept "
                   "growing";
        case Errc::QueueBytesExceeded:
            return "the loop's cross-thread queue holds Options::taskQueueBytes bytes already";
        case Errc::WatchLimit: return "the engine already watches kMaxWatchedConnections (16) connections";
        }
        return "unknown qgnet error";
    }
};

} // namespace

const std::error_category& category() noexcept
{
    static const Category instance;
    return instance;
}

std::error_code make_error_code(Errc e) noexcept { return {static_cast<int>(e), category()}; }

// std::system_error's own what() appends code.message(), which the detail usually already carries;
// ours is the detail alone, so the text never says the same thing twice.
Error::Error(std::error_code code, const std::string& detail) : std::system_error(code), message_("qgnet: " + detail) {}

} // namespace qgnet
