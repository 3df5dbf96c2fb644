// SPDX-License-Identifier: Apache-2.0
#pragma once

// Integers read from a peer's CBOR. QCborValue::toInteger turns a double into qint64 with a plain
// cast, which is undefined behaviour for a double outside qint64's range or NaN (UBSan: "1.67894e+19
// is outside the range of representable values of type 'long long'", found by
// tests/fuzz/fuzz_inspector_frames.cpp in a snapshot's "taken"). A lying endpoint chooses the types.

#include <QCborValue>

namespace qgnet::qtdetail {

/// cborInteger is v read as an integer: an integer as it is, a double that fits qint64 truncated
/// toward zero, anything else (a double out of range, NaN, another type) defaultValue.
inline qint64 cborInteger(const QCborValue& v, qint64 defaultValue = 0)
{
    if (!v.isDouble())
        return v.toInteger(defaultValue);
    const double d = v.toDouble();
    constexpr double limit = 9223372036854775808.0; // 2^63, exact in a double; qint64 is [-2^63, 2^63)
    return d >= -limit && d < limit ? static_cast<qint64>(d) : defaultValue;
}

} // namespace qgnet::qtdetail
