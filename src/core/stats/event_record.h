// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "qgnet/address.h"
#include "qgnet/stats.h"

namespace qgnet::detail {

/// EventRecord is one entry of a loop's event log (EngineEvent's stored form). A busy loop fills its
/// whole log (Options::eventLogCapacity entries, kept for the process's life), so the entry is kept
/// small: 80 bytes, where a SocketAddress and a string in place made it 224 (3.5 MB of resident
/// memory for four full logs). An IP peer is kept inline; the rare rest (a Unix peer, an error's
/// detail) on the heap.
struct EventRecord {
    std::uint64_t sequence = 0;
    std::chrono::system_clock::time_point time;
    std::uint64_t connectionId = 0;
    std::error_code reason;
    EngineEvent::Kind kind = EngineEvent::Kind::Opened;

    /// set fills the record for a new event; it reuses the entry the log overwrites.
    void set(const SocketAddress& peer, std::string_view detail)
    {
        std::memset(&ip_, 0, sizeof ip_);
        const bool inlineIp = (peer.family() == AF_INET || peer.family() == AF_INET6) && peer.size() <= sizeof ip_;
        if (inlineIp)
            std::memcpy(&ip_, peer.data(), peer.size());
        if (inlineIp || peer.isEmpty()) {
            if (detail.empty())
                rare_.reset();
            else
                rare_ = std::make_unique<Rare>(Rare{SocketAddress(), std::string(detail)});
        } else {
            rare_ = std::make_unique<Rare>(Rare{peer, std::string(detail)});
        }
    }
    /// peer is the address set() was given.
    SocketAddress peer() const
    {
        if (ip_.v4.sin_family == AF_INET)
            return SocketAddress(reinterpret_cast<const sockaddr*>(&ip_.v4), sizeof ip_.v4);
        if (ip_.v6.sin6_family == AF_INET6)
            return SocketAddress(reinterpret_cast<const sockaddr*>(&ip_.v6), sizeof ip_.v6);
        return rare_ ? rare_->peer : SocketAddress();
    }
    /// detail is what failed, for errors ("accept on tcp://…"); empty otherwise.
    std::string_view detail() const noexcept { return rare_ ? std::string_view(rare_->detail) : std::string_view(); }

private:
    struct Rare {
        SocketAddress peer; // a peer that is neither IPv4 nor IPv6 (Unix)
        std::string detail;
    };
    union Ip {
        sockaddr_in v4;
        sockaddr_in6 v6;
    } ip_{};
    std::unique_ptr<Rare> rare_;
};

} // namespace qgnet::detail
