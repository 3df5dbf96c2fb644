// SPDX-License-Identifier: Apache-2.0
// ErrorCount's names: looked up when a snapshot is taken, so the loops count bare numbers.
#include "stats/error_names.h"

#include <algorithm>
#include <cstring>

#include "qgnet/error.h"
#include "tls/tls_session.h"

namespace qgnet {

std::string_view toString(ErrorKind kind) noexcept
{
    switch (kind) {
    case ErrorKind::Socket: return "socket";
    case ErrorKind::Tls: return "tls";
    case ErrorKind::TlsVerify: return "tls-verify";
    case ErrorKind::Accept: return "accept";
    }
    return "?";
}

std::string_view toString(ListenerState state) noexcept
{
    switch (state) {
    case ListenerState::Accepting: return "accepting";
    case ListenerState::BackingOff: return "backing-off";
    case ListenerState::AtLimit: return "at-limit";
    case ListenerState::Paused: return "paused";
    }
    return "?";
}

namespace detail {

void nameError(ErrorCount& e)
{
    switch (e.kind) {
    case ErrorKind::Socket:
    case ErrorKind::Accept: {
        const char* name = ::strerrorname_np(e.code); // glibc 2.32: "ECONNRESET"
        e.name = name ? name : "errno " + std::to_string(e.code);
        e.description = std::strerror(e.code);
        return;
    }
    case ErrorKind::Tls:
        if (e.code < 0) { // a failure without an OpenSSL error: the engine's own reason
            e.name = std::error_code(static_cast<Errc>(-e.code)).message();
            return;
        }
        describeTlsError(e.code, e.name, e.description);
        return;
    case ErrorKind::TlsVerify: describeVerifyError(e.code, e.name, e.description); return;
    }
}

std::vector<ErrorCount> errorCounts(const ErrorTable& table)
{
    std::vector<ErrorCount> out;
    table.forEach([&](ErrorKind kind, int code, std::uint64_t count) {
        ErrorCount& e = out.emplace_back();
        e.kind = kind;
        e.code = code;
        e.count = count;
        nameError(e);
    });
    sortErrors(out);
    return out;
}

void mergeErrors(std::vector<ErrorCount>& into, const std::vector<ErrorCount>& from)
{
    for (const ErrorCount& e : from) {
        const auto same = std::find_if(into.begin(), into.end(),
            [&](const ErrorCount& x) { return x.kind == e.kind && x.code == e.code; });
        if (same != into.end())
            same->count += e.count;
        else
            into.push_back(e);
    }
}

void sortErrors(std::vector<ErrorCount>& errors)
{
    std::sort(errors.begin(), errors.end(), [](const ErrorCount& a, const ErrorCount& b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.kind != b.kind ? a.kind < b.kind : a.code < b.code;
    });
}

} // namespace detail
} // namespace qgnet
