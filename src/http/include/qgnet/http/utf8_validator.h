// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace qgnet::http {

/// Utf8Validator checks UTF-8 (RFC 3629) incrementally: feed it a text message in any pieces (the
/// fragments of a WebSocket message) and it fails as soon as the bytes cannot become valid text,
/// refusing overlong forms, surrogates and code points over U+10FFFF. It is Bjoern Hoehrmann's DFA.
class Utf8Validator {
public:
    /// feed validates the next bytes; false once the text can no longer be valid (and from then on).
    bool feed(std::string_view bytes) noexcept;

    /// complete tells whether everything fed so far ends on a character boundary and is valid.
    bool complete() const noexcept { return state_ == kAccept; }

    /// reset starts a new text.
    void reset() noexcept { state_ = kAccept; }

    /// isValid validates a whole text at once.
    static bool isValid(std::string_view text) noexcept;

private:
    static constexpr std::uint32_t kAccept = 0;
    static constexpr std::uint32_t kReject = 12;
    std::uint32_t state_ = kAccept;
};

} // namespace qgnet::http
