// SPDX-License-Identifier: Apache-2.0
#include "qgnet/client.h"

#include <future>
#include <utility>

#include "engine_core.h"
#include "qgnet/conn.h"
#include "qgnet/error.h"

namespace qgnet {

Client Client::start(EventHandler& handler, const Options& options)
{
    auto core = detail::EngineCore::createClient(handler, options);
    core->start();
    return Client(Engine(core.release(), true));
}

std::error_code Client::dial(std::string_view url, std::chrono::milliseconds timeout, DialCallback callback,
    std::any context) const
{
    if (!engine_.core_)
        return Errc::EngineStopped;
    return engine_.core_->dial(url, timeout, std::move(callback), std::move(context));
}

ConnHandle Client::dialAndWait(std::string_view url, std::chrono::milliseconds timeout, std::error_code& ec,
    std::any context) const
{
    if (engine_.core_ && engine_.core_->isLoopThread()) {
        ec = Errc::WrongThread;
        return {};
    }
    auto outcome = std::make_shared<std::promise<std::pair<ConnHandle, std::error_code>>>();
    auto future = outcome->get_future();
    ec = dial(
        url, timeout,
        [outcome](Conn* conn, std::error_code result) {
            outcome->set_value({conn && !result ? conn->handle() : ConnHandle(), result});
        },
        std::move(context));
    if (ec)
        return {};
    auto [handle, result] = future.get();
    ec = result;
    return handle;
}

std::error_code Client::enroll(int fd, DialCallback callback, std::any context) const
{
    if (!engine_.core_)
        return Errc::EngineStopped;
    return engine_.core_->enroll(fd, std::move(callback), std::move(context));
}

} // namespace qgnet
