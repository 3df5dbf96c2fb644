// SPDX-License-Identifier: Apache-2.0
// The one place that decides which I/O backend the loops run on, and makes it.
#include <cstdlib>
#include <string>
#include <string_view>

#include "backend/backend.h"
#include "engine_config.h"

namespace qgnet::detail {

void chooseBackend(EngineConfig& config)
{
    Options& options = config.options;
    // QGNET_BACKEND switches a whole program or test suite without touching its code.
    if (const char* env = std::getenv("QGNET_BACKEND"); env && *env) {
        const std::string_view name(env);
        if (name == "io_uring")
            options.backend = Backend::IoUring;
        else if (name == "epoll")
            options.backend = Backend::Epoll;
        else
            config.log(LogLevel::Warn,
                "QGNET_BACKEND=" + std::string(name) + " is neither epoll nor io_uring; ignored");
    }
    if (options.backend != Backend::IoUring)
        return;
    if (const std::string why = uringUnavailableReason(); !why.empty()) {
        config.log(LogLevel::Warn, "io_uring backend unavailable (" + why + "); running on epoll");
        options.backend = Backend::Epoll;
    }
}

std::unique_ptr<IoBackend> makeBackend(EventLoop& loop, const EngineConfig& config)
{
    switch (config.options.backend) {
    case Backend::IoUring: return makeUringBackend(loop, config);
    case Backend::Epoll: break;
    }
    return makeEpollBackend(loop, config);
}

} // namespace qgnet::detail
