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
/// whole log (Options::eventLogCapacity entries, kept for the process's life), and a loop that opens
/// many connections fills it with their Opened entries, so the entry is kept small: 64 bytes, where a
/// SocketAddress and a string in place made it 224 and an inline sockaddr_in6 with a std::error_code
/// 80. An IP peer is kept as its address bytes, port and family; the rare rest (a Unix peer, an IPv6
/// peer with a scope or flow label, an error's detail) on the heap. The reason is kept as its value and
/// category, which is all a std::error_code is.
struct EventRecord {
    std::uint64_t sequence = 0;
    std::chrono::system_clock::time_point time;
    std::uint64_t connectionId = 0;

private:
    struct Rare {
        SocketAddress peer; // a peer that does not fit the inline fields (Unix, an IPv6 scope)
        std::string detail;
    };
    const std::error_category* category_ = nullptr; // null: no reason
    std::unique_ptr<Rare> rare_;
    int reasonValue_ = 0;
    std::uint16_t port_ = 0;  // network byte order, as in the sockaddr
    std::uint8_t family_ = 0; // AF_INET, AF_INET6 or 0 (in rare_, or none)

public:
    EngineEvent::Kind kind = EngineEvent::Kind::Opened;

    /// set fills the record for a new event; it reuses the entry the log overwrites.
    void set(const SocketAddress& peer, std::string_view detail, std::error_code reason)
    {
        category_ = reason ? &reason.category() : nullptr;
        reasonValue_ = reason.value();
        family_ = 0;
        port_ = 0;
        bool inlinePeer = peer.isEmpty();
        if (peer.family() == AF_INET && peer.size() == sizeof(sockaddr_in)) {
            const auto* v4 = reinterpret_cast<const sockaddr_in*>(peer.data());
            std::memcpy(addr_, &v4->sin_addr, sizeof v4->sin_addr);
            port_ = v4->sin_port;
            family_ = AF_INET;
            inlinePeer = true;
        } else if (peer.family() == AF_INET6 && peer.size() == sizeof(sockaddr_in6)) {
            const auto* v6 = reinterpret_cast<const sockaddr_in6*>(peer.data());
            if (v6->sin6_scope_id == 0 && v6->sin6_flowinfo == 0) {
                std::memcpy(addr_, &v6->sin6_addr, sizeof v6->sin6_addr);
                port_ = v6->sin6_port;
                family_ = AF_INET6;
                inlinePeer = true;
            }
        }
        if (inlinePeer) {
            if (detail.empty())
                rare_.reset();
            else
                rare_ = std::make_unique<Rare>(Rare{SocketAddress(), std::string(detail)});
        } else {
            rare_ = std::make_unique<Rare>(Rare{peer, std::string(detail)});
        }
    }
    /// reason is the error_code set() was given.
    std::error_code reason() const noexcept
    {
        return category_ ? std::error_code(reasonValue_, *category_) : std::error_code();
    }
    /// peer is the address set() was given.
    SocketAddress peer() const
    {
        if (family_ == AF_INET) {
            sockaddr_in v4{};
            v4.sin_family = AF_INET;
            v4.sin_port = port_;
            std::memcpy(&v4.sin_addr, addr_, sizeof v4.sin_addr);
            return SocketAddress(reinterpret_cast<const sockaddr*>(&v4), sizeof v4);
        }
        if (family_ == AF_INET6) {
            sockaddr_in6 v6{};
            v6.sin6_family = AF_INET6;
            v6.sin6_port = port_;
            std::memcpy(&v6.sin6_addr, addr_, sizeof v6.sin6_addr);
            return SocketAddress(reinterpret_cast<const sockaddr*>(&v6), sizeof v6);
        }
        return rare_ ? rare_->peer : SocketAddress();
    }
    /// detail is what failed, for errors ("accept on tcp://…"); empty otherwise.
    std::string_view detail() const noexcept { return rare_ ? std::string_view(rare_->detail) : std::string_view(); }

private:
    unsigned char addr_[16] = {}; // an in_addr or in6_addr
};

// Options::eventLogCapacity entries of this per loop stay resident once a loop has seen that many
// events (a loop that opens 1024 connections has): keep it at one cache line.
static_assert(sizeof(EventRecord) <= 64, "an event log entry is kept in every loop's log: keep it small");

} // namespace qgnet::detail
