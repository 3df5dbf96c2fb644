// SPDX-License-Identifier: Apache-2.0
// What qgnet's Qt-free command-line programs share: exit statuses, --version, checked numbers and
// byte counts.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <memory>

#include "qgnet/error.h"
#include "qgnet/options.h"
#include "qgnet/tls.h"
#include "qgnet/version.h"

namespace qgnet::cli {

/// Exit statuses of every qgnet program: done, failed at run time (a port in use, a missing file,
/// a peer that misbehaved), or called wrongly (an unknown option, a bad value). 128 + N for signal N
/// is the shell's, never ours.
enum ExitStatus : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// die prints "program: message" on standard error and exits with status.
[[noreturn]] inline void die(const char* program, int status, const std::string& message)
{
    std::fprintf(stderr, "%s: %s\n", program, message.c_str());
    std::exit(status);
}

/// usageError is die with kExitUsage and a pointer to --help.
[[noreturn]] inline void usageError(const char* program, const std::string& message)
{
    die(program, kExitUsage, message + " (see " + program + " --help)");
}

/// printVersion answers --version: "program 0.2.0".
inline void printVersion(const char* program) { std::printf("%s %s\n", program, QGNET_VERSION_STRING); }

/// parseNumber reads a whole decimal number in [min, max] given to flag, or exits with kExitUsage.
inline long long parseNumber(const char* program, std::string_view flag, const char* text, long long min, long long max)
{
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text, &end, 10);
    if (!*text || *end || errno || value < min || value > max)
        usageError(program,
            "--" + std::string(flag) + " expects a number from " + std::to_string(min) + " to " + std::to_string(max)
                + ", not '" + text + "'");
    return value;
}

/// parseBytes reads a byte count in [min, max] given to flag: a whole decimal number, optionally
/// followed by KiB, MiB or GiB (powers of 1024; also K, M, G), e.g. "256MiB"; or exits with kExitUsage.
inline unsigned long long parseBytes(const char* program, std::string_view flag, const char* text,
    unsigned long long min, unsigned long long max)
{
    const auto fail = [&]() {
        usageError(program,
            "--" + std::string(flag) + " expects a byte count from " + std::to_string(min) + " to "
                + std::to_string(max) + " (a number, optionally with KiB, MiB or GiB), not '" + text + "'");
    };
    char* end = nullptr;
    errno = 0;
    const unsigned long long number = std::strtoull(text, &end, 10);
    if (!*text || *text == '-' || *text == '+' || end == text || errno)
        fail();
    const std::string_view unit(end);
    unsigned shift = 0;
    if (unit.empty() || unit == "B")
        shift = 0;
    else if (unit == "KiB" || unit == "K")
        shift = 10;
    else if (unit == "MiB" || unit == "M")
        shift = 20;
    else if (unit == "GiB" || unit == "G")
        shift = 30;
    else
        fail();
    if (number > (max >> shift))
        fail();
    const unsigned long long value = number << shift;
    if (value < min || value > max)
        fail();
    return value;
}

/// parseBackend reads --backend (epoll or io_uring), or exits with kExitUsage.
inline Backend parseBackend(const char* program, std::string_view name)
{
    for (auto backend : {Backend::Epoll, Backend::IoUring})
        if (toString(backend) == name)
            return backend;
    usageError(program, "unknown --backend '" + std::string(name) + "' (epoll or io_uring)");
}

/// serverTls is the TLS context of --tls-cert and --tls-key: none when neither is given; wrong usage
/// when only one is; a run-time failure (kExitFailure) when they cannot be loaded.
inline std::shared_ptr<const TlsContext> serverTls(const char* program, const std::string& cert, const std::string& key)
{
    if (cert.empty() != key.empty())
        usageError(program, "--tls-cert and --tls-key go together");
    if (cert.empty())
        return nullptr;
    try {
        return std::make_shared<const TlsContext>(TlsContext::server(cert, key));
    } catch (const Error& e) {
        die(program, kExitFailure, e.what());
    }
}

} // namespace qgnet::cli
