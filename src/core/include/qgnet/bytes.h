// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace qgnet {

/// Bytes is a read-only view of bytes: what Conn hands out (peek/next) and takes (write).
using Bytes = std::span<const std::byte>;

/// MutableBytes is a writable view of bytes, e.g. the destination of Conn::read.
using MutableBytes = std::span<std::byte>;

/// asBytes views the characters of a string as bytes, without copying.
inline Bytes asBytes(std::string_view s) noexcept { return {reinterpret_cast<const std::byte*>(s.data()), s.size()}; }

/// asStringView views bytes as characters, without copying.
inline std::string_view asStringView(Bytes b) noexcept { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

} // namespace qgnet
