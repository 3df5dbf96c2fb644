// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace qgnet {

/// LogLevel orders log messages by severity; Options::logLevel drops everything below it.
enum class LogLevel : std::uint8_t { Debug, Info, Warn, Error, Off };

/// Logger receives the engine's log lines. The engine calls log() from its loop threads, so an
/// implementation must be thread-safe. Lines are rare (start, stop, accept back-off, errors): never
/// one per message. Set Options::logger to route them into an application's logging.
class QGNET_EXPORT Logger {
public:
    virtual ~Logger() = default;
    /// log writes one line; message has no trailing newline.
    virtual void log(LogLevel level, std::string_view message) = 0;
};

/// makeStderrLogger returns the default logger: one line per message on standard error.
QGNET_EXPORT std::shared_ptr<Logger> makeStderrLogger();

/// makeFileLogger returns a logger that appends to the file at path; it throws qgnet::Error when
/// the file cannot be opened.
QGNET_EXPORT std::shared_ptr<Logger> makeFileLogger(const std::string& path);

/// toString names a level ("debug", "info", "warn", "error", "off").
QGNET_EXPORT std::string_view toString(LogLevel level) noexcept;

} // namespace qgnet
