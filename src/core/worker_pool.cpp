// SPDX-License-Identifier: Apache-2.0
#include "worker_pool.h"

#include <string>

#include <pthread.h>

#include "qgnet/error.h"
#include "stats/live_counters.h"

namespace qgnet::detail {

WorkerPool::WorkerPool(int threads, std::size_t capacity) : capacity_(capacity)
{
    for (int i = 0; i < threads; ++i)
        threads_.emplace_back([this, i] {
            pthread_setname_np(pthread_self(), ("qgnet-worker-" + std::to_string(i)).substr(0, 15).c_str());
            work();
        });
}

WorkerPool::~WorkerPool() { stop(); }

std::error_code WorkerPool::submit(std::function<void()> task)
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return Errc::EngineStopped;
        if (queue_.size() >= capacity_)
            return Errc::QueueFull;
        queue_.push_back(std::move(task));
        countUp(liveCells().workerTasks);
    }
    ready_.notify_one();
    return {};
}

void WorkerPool::work()
{
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping and drained
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        task();
        countDown(liveCells().workerTasks);
    }
}

void WorkerPool::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
}

} // namespace qgnet::detail
