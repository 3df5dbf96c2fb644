// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace qgnet::detail {

/// WorkerPool runs blocking user work off the loops (gnet's goroutine pool): a fixed number of
/// threads and a bounded FIFO. A full queue is reported to the caller (Errc::QueueFull), never grown.
/// stop() lets the threads finish what is queued, then joins them.
class WorkerPool {
public:
    WorkerPool(int threads, std::size_t capacity);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// submit queues task; thread-safe. Errc::QueueFull or Errc::EngineStopped (after stop()).
    std::error_code submit(std::function<void()> task);
    /// stop refuses new tasks, runs the queued ones, and joins the threads. Not from a worker.
    void stop();

private:
    void work();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;
    const std::size_t capacity_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace qgnet::detail
