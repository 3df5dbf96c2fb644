// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstdint>
#include <string_view>

namespace qgnet::http {

/// Utf8Validator checks UTF-8 (RFC 3629) incrementally: feed it a text message in any pieces (the
/// fragments of a WebSocket message) and it fails as soon as the bytes cannot become valid text,
/// refusing overlong forms, surrogates and code points over U+10FFFF (RFC 3629, section 4).
class QGNET_HTTP_EXPORT Utf8Validator {
public:
    /// feed validates the next bytes; false once the text can no longer be valid (and from then on).
    bool feed(std::string_view bytes) noexcept;

    /// complete tells whether everything fed so far ends on a character boundary and is valid.
    bool complete() const noexcept { return !rejected_ && pending_ == 0; }

    /// reset starts a new text.
    void reset() noexcept { *this = Utf8Validator(); }

    /// isValid validates a whole text at once.
    static bool isValid(std::string_view text) noexcept;

private:
    std::uint8_t pending_ = 0; // continuation bytes still expected
    std::uint8_t low_ = 0x80;  // the range the next continuation byte must be in
    std::uint8_t high_ = 0xBF;
    bool rejected_ = false;
};

} // namespace qgnet::http
