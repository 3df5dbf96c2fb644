// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace qgnet::http::detail {

/// hexValue is the value of one hexadecimal digit (either case), or -1 for any other character:
/// chunk sizes and percent-escapes both read hex.
constexpr int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace qgnet::http::detail
