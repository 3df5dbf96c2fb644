// SPDX-License-Identifier: Apache-2.0
#include "qgnet/http/deferred_response.h"

namespace qgnet::http {

DeferredResponse::DeferredResponse(ConnHandle handle) : handle_(std::move(handle)) {}

bool DeferredResponse::send(int status, std::string_view contentType, std::string_view body, const Headers& headers)
{
    std::unique_lock lock(mutex_);
    if (closed_ || complete_ || headSet_)
        return false;
    headSet_ = complete_ = true;
    queued_.status = status;
    queued_.contentType.assign(contentType);
    queued_.headers = headers;
    queued_.body.assign(body);
    queued_.complete = true;
    pendingBytes_ += body.size();
    return queue(lock);
}

bool DeferredResponse::beginChunked(int status, std::string_view contentType, const Headers& headers)
{
    std::unique_lock lock(mutex_);
    if (closed_ || complete_ || headSet_)
        return false;
    headSet_ = true;
    queued_.chunked = true;
    queued_.status = status;
    queued_.contentType.assign(contentType);
    queued_.headers = headers;
    return queue(lock);
}

bool DeferredResponse::writeChunk(std::string_view data)
{
    std::unique_lock lock(mutex_);
    if (closed_ || complete_ || !headSet_ || !queued_.chunked)
        return false;
    if (data.empty())
        return true; // an empty chunk would end the body
    queued_.chunks.emplace_back(data);
    pendingBytes_ += data.size();
    return queue(lock);
}

bool DeferredResponse::endChunked()
{
    std::unique_lock lock(mutex_);
    if (closed_ || complete_ || !headSet_ || !queued_.chunked)
        return false;
    complete_ = queued_.complete = true;
    return queue(lock);
}

bool DeferredResponse::isOpen() const
{
    std::lock_guard lock(mutex_);
    return !closed_ && !complete_;
}

std::size_t DeferredResponse::pending() const
{
    std::lock_guard lock(mutex_);
    return pendingBytes_;
}

bool DeferredResponse::queue(std::unique_lock<std::mutex>& lock)
{
    if (woken_)
        return true; // the loop has not taken the previous pieces yet: it takes these with them
    woken_ = true;
    lock.unlock();
    // The wake reaches onTraffic, which takes; on a closed connection it does nothing (and
    // connectionClosed has run or will run on the loop). A full loop queue or a stopped engine
    // loses the wake: say so (false), and let a later call try again.
    if (handle_.wake()) {
        std::lock_guard again(mutex_);
        woken_ = false;
        return false;
    }
    return true;
}

DeferredResponse::Taken DeferredResponse::take()
{
    std::lock_guard lock(mutex_);
    Taken out = std::move(queued_);
    out.headNew = headSet_ && !headTaken_;
    headTaken_ = headSet_;
    queued_ = Taken{};
    queued_.chunked = out.chunked;
    queued_.status = out.status;
    pendingBytes_ = 0;
    woken_ = false;
    return out;
}

void DeferredResponse::connectionClosed()
{
    std::lock_guard lock(mutex_);
    closed_ = true;
    queued_ = Taken{};
    pendingBytes_ = 0;
}

} // namespace qgnet::http
