// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "qgnet/options.h"

namespace qgnet::detail {

/// EngineConfig is Options after validation: loop count resolved, sizes rounded to powers of two,
/// a logger always present. Everything inside the engine reads this, never the raw Options.
struct EngineConfig {
    Options options;
    int loops = 1;
    std::shared_ptr<Logger> logger;

    /// log is cheap when the level is filtered out: the message is not even formatted by callers
    /// that check wants() first.
    bool wants(LogLevel level) const noexcept { return level >= options.logLevel && options.logLevel != LogLevel::Off; }
    void log(LogLevel level, const std::string& message) const
    {
        if (wants(level))
            logger->log(level, message);
    }
};

/// makeConfig validates options and throws qgnet::Error (Errc::InvalidOption) naming the first
/// field that is out of range.
EngineConfig makeConfig(const Options& options);

/// roundUpToPowerOfTwo rounds n up to the next power of two (n itself when it is one).
std::size_t roundUpToPowerOfTwo(std::size_t n) noexcept;

} // namespace qgnet::detail
