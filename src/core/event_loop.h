// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include "backend.h"
#include "buffer_pool.h"
#include "qgnet/address.h"
#include "qgnet/event_handler.h"
#include "task_queue.h"
#include "timer_queue.h"

namespace qgnet::detail {

class Connection;
class EngineCore;
class Listener;
struct EngineConfig;

/// EventLoop is one reactor: a thread (started by the engine) running its backend's poll, its
/// connections, listeners, task queue and timers, and the per-loop read buffer, buffer pool and
/// scratch arena that its connections share. Index -1 is the acceptor of the main-reactor topology.
///
/// Threads: post(), requestStop(), wakeup() and connectionCount() are thread-safe; everything else runs
/// on the loop's own thread (assertInLoopThread() guards the entry points that users can reach).
class EventLoop {
public:
    EventLoop(EngineCore& engine, int index, const EngineConfig& config);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    int index() const noexcept { return index_; }
    EngineCore& engine() const noexcept { return *engine_; }
    const EngineConfig& config() const noexcept { return *config_; }
    EventHandler& handler() const noexcept;
    IoBackend& backend() noexcept { return *backend_; }
    BufferPool& pool() noexcept { return pool_; }
    TimerQueue& timers() noexcept { return timers_; }

    // ---- thread-safe ----
    /// post queues a task for the loop thread; false when the loop has stopped (the task is dropped).
    bool post(Task task);
    /// requestStop asks the loop to close its listeners and connections and exit run().
    void requestStop();
    /// connectionCount is the number of connections assigned to this loop and not yet closed.
    std::atomic<int>& connectionCount() noexcept { return connectionCount_; }
    bool isLoopThread() const noexcept { return std::this_thread::get_id() == threadId_.load(std::memory_order_relaxed); }

    // ---- set-up, before run() ----
    void addListener(std::unique_ptr<Listener> listener);

    // ---- loop thread ----
    /// run is the thread body: it returns after a stop request has closed everything.
    void run();
    /// adopt registers an accepted socket (already counted in connectionCount) and calls onOpen.
    void adopt(int fd, Network network, const SocketAddress& peer);
    /// readBuffer is the loop's shared read buffer (readBufferCap bytes).
    MutableBytes readBuffer() noexcept { return {readBuffer_.get(), readBufferSize_}; }
    /// scratch returns n bytes that stay valid until the current callback returns.
    std::byte* scratch(std::size_t n);
    /// closeConnection runs the close sequence (flush, deregister, onClose, close(fd), free later).
    void closeConnection(Connection& conn, std::error_code reason);
    /// queueReadAgain puts an edge-triggered connection whose read budget ran out on the read-again list.
    void queueReadAgain(Connection& conn);

    // ---- backend entry points (see backend.h) ----
    void handleAcceptReady(Listener& listener);
    void handleReceived(Connection& conn, Bytes data);
    void handlePeerClosed(Connection& conn);
    void handleError(Connection& conn, std::error_code error);
    void handleWritable(Connection& conn);
    void handleSent(Connection& conn, std::size_t bytes);
    void handleWakeup();

private:
    void afterCallback(Connection& conn, Action action);
    void beginStop();
    void serviceReadAgain();
    void startTicker();
    void tick();
    void freeClosed();
    void resetScratch() noexcept;
    std::chrono::milliseconds pollTimeout();

    EngineCore* engine_;
    const EngineConfig* config_;
    int index_;
    std::atomic<std::thread::id> threadId_{};
    std::atomic<int> connectionCount_{0};
    bool stopping_ = false;
    bool exit_ = false;

    BufferPool pool_;
    std::unique_ptr<std::byte[]> readBuffer_;
    std::size_t readBufferSize_;
    // Scratch arena: one reusable block sized to the largest request seen, plus overflow blocks
    // that live until the end of the callback (a callback that peeks several straddling views).
    std::unique_ptr<std::byte[]> scratch_;
    std::size_t scratchSize_ = 0;
    std::size_t scratchUsed_ = 0;
    std::vector<std::unique_ptr<std::byte[]>> scratchOverflow_;

    std::unique_ptr<IoBackend> backend_;
    TaskQueue tasks_;
    std::vector<Task> runningTasks_;
    TimerQueue timers_;
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::vector<Connection*> connections_;
    std::vector<Connection*> closed_;
    std::vector<Connection*> readAgain_;
    std::vector<Connection*> readAgainNow_;
};

} // namespace qgnet::detail
