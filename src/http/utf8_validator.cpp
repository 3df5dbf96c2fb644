// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/utf8_validator.h"

#include <cstdint>
#include <cstring>

namespace qgnet::http {

// RFC 3629, section 4: a lead byte says how many continuation bytes (80..BF) follow; the first of
// them is narrowed after E0 (no overlong 3-byte forms), ED (no surrogates), F0 (no overlong 4-byte
// forms) and F4 (nothing past U+10FFFF). C0, C1 and F5..FF never occur.
bool Utf8Validator::feed(std::string_view bytes) noexcept
{
    if (rejected_)
        return false;
    const char* const data = bytes.data();
    const std::size_t size = bytes.size();
    for (std::size_t i = 0; i < size; ++i) {
        if (pending_ == 0) {
            // ASCII fast path: eight bytes at a time while none has its top bit set (most text). On the
            // busy 2-vCPU VM, 4 KiB of ASCII 13.2 -> 1.4 µs, 1 MiB 2.5 -> 0.28 ms.
            while (i + 8 <= size) {
                std::uint64_t word;
                std::memcpy(&word, data + i, sizeof word);
                if (word & 0x8080808080808080u)
                    break;
                i += 8;
            }
            if (i == size)
                break;
        }
        const auto b = static_cast<unsigned char>(data[i]);
        if (pending_ == 0) {
            if (b < 0x80)
                continue;
            if (b >= 0xC2 && b <= 0xDF) {
                pending_ = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending_ = 2;
                low_ = b == 0xE0 ? 0xA0 : 0x80;
                high_ = b == 0xED ? 0x9F : 0xBF;
                continue;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending_ = 3;
                low_ = b == 0xF0 ? 0x90 : 0x80;
                high_ = b == 0xF4 ? 0x8F : 0xBF;
                continue;
            } else {
                rejected_ = true;
                return false;
            }
            low_ = 0x80;
            high_ = 0xBF;
            continue;
        }
        if (b < low_ || b > high_) {
            rejected_ = true;
            return false;
        }
        --pending_;
        low_ = 0x80; // only the first continuation byte is narrowed
        high_ = 0xBF;
    }
    return true;
}

bool Utf8Validator::isValid(std::string_view text) noexcept
{
    Utf8Validator v;
    return v.feed(text) && v.complete();
}

} // namespace qgnet::http
