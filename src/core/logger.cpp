// SPDX-License-Identifier: Apache-2.0
#include "qgnet/logger.h"

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

#include "qgnet/error.h"

namespace qgnet {
namespace {

// One formatted line per call, written with a single fwrite under a mutex so that lines from
// several loop threads never interleave.
class StreamLogger final : public Logger {
public:
    StreamLogger(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
    ~StreamLogger() override
    {
        if (owned_)
            std::fclose(file_);
    }
    StreamLogger(const StreamLogger&) = delete;
    StreamLogger& operator=(const StreamLogger&) = delete;

    void log(LogLevel level, std::string_view message) override
    {
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        tm parts{};
        gmtime_r(&now.tv_sec, &parts);
        char stamp[40];
        const std::size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &parts);
        std::snprintf(stamp + n, sizeof stamp - n, ".%03ldZ", now.tv_nsec / 1000000);

        std::string line;
        line.reserve(message.size() + 48);
        line.append(stamp).append(" qgnet ").append(toString(level)).append(": ").append(message).push_back('\n');
        std::lock_guard lock(mutex_);
        std::fwrite(line.data(), 1, line.size(), file_);
        std::fflush(file_);
    }

private:
    std::mutex mutex_;
    std::FILE* file_;
    bool owned_;
};

} // namespace

std::shared_ptr<Logger> makeStderrLogger() { return std::make_shared<StreamLogger>(stderr, false); }

std::shared_ptr<Logger> makeFileLogger(const std::string& path)
{
    std::FILE* file = std::fopen(path.c_str(), "ae");
    if (!file) {
        const std::error_code ec(errno, std::system_category());
        throw Error(ec, "invalid option logPath: cannot open '" + path + "': " + ec.message());
    }
    return std::make_shared<StreamLogger>(file, true);
}

std::string_view toString(LogLevel level) noexcept
{
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warn";
    case LogLevel::Error: return "error";
    case LogLevel::Off: return "off";
    }
    return "?";
}

} // namespace qgnet
