// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <system_error>

namespace qgnet::detail {

class EventLoop;

/// TaskNode is one queued unit of work. fn(true) runs it on the loop; fn(false) cancels it (the loop
/// stopped first): a task must then release what it holds and fail its callback, so that every
/// callback runs exactly once either way.
struct TaskNode {
    explicit TaskNode(std::function<void(bool run)> f) : fn(std::move(f)) {}
    std::atomic<TaskNode*> next{nullptr};
    std::function<void(bool run)> fn;
    std::size_t bytes = 0; // the data it carries, counted against the queue's byte bound
};

/// Mailbox carries tasks from any thread to one loop: a lock-free multi-producer, single-consumer
/// intrusive queue (Vyukov's: a push is one atomic exchange and one store), bounded by a capacity, with
/// coalesced wake-ups through an eventfd that it owns: only the producer that flips the "signalled" flag
/// writes the eventfd, so a burst of posts costs one write; the loop clears the flag before it drains.
///
/// Besides the task count, it bounds the bytes of data the queued tasks carry (Options::taskQueueBytes:
/// the copies of ConnHandle::asyncWrite), so a producer faster than the loop meets an error instead of
/// growing the heap: a post reserves its bytes with one relaxed fetch_add and the loop gives them back
/// once the task has run.
///
/// It is shared (std::shared_ptr) by its loop and by every ConnHandle of the loop's connections, so a
/// handle outliving the engine still finds a valid object: pushes then fail with "closed", and a task
/// that slipped in after the loop's final drain is cancelled by the destructor.
class Mailbox {
public:
    enum class Push { Queued, Full, TooManyBytes, Closed };

    Mailbox(EventLoop* loop, std::size_t capacity, std::size_t byteCapacity);
    ~Mailbox();
    Mailbox(const Mailbox&) = delete;
    Mailbox& operator=(const Mailbox&) = delete;

    /// loop is the owning loop; only dereference it inside a running task (on that loop's thread).
    EventLoop* loop() const noexcept { return loop_; }
    /// eventFd is what the loop's backend watches for wake-ups.
    int eventFd() const noexcept { return eventFd_; }

    /// post queues fn, which carries bytes of data; thread-safe. Returns Full, TooManyBytes (the
    /// queued tasks would carry more than byteCapacity) or Closed: fn is then destroyed, never called.
    Push post(std::function<void(bool run)> fn, std::size_t bytes = 0);
    /// wakeup writes the eventfd; thread-safe.
    void wakeup() noexcept;
    /// drain runs every queued task (loop thread). The eventfd counter must have been read first.
    void drain();
    /// close refuses further posts and cancels what is queued (loop thread, at exit).
    void close();

    std::size_t pending() const noexcept { return pending_.load(std::memory_order_relaxed); }
    /// pendingBytes is the data the queued tasks carry; byteCapacity its bound.
    std::size_t pendingBytes() const noexcept { return pendingBytes_.load(std::memory_order_relaxed); }
    std::size_t byteCapacity() const noexcept { return byteCapacity_; }

private:
    TaskNode* pop() noexcept;
    void link(TaskNode* node) noexcept;
    void release(TaskNode* node) noexcept;

    EventLoop* loop_;
    const std::size_t capacity_;
    const std::size_t byteCapacity_;
    int eventFd_ = -1;
    std::atomic<bool> closed_{false};
    std::atomic<bool> signalled_{false};
    std::atomic<std::size_t> pending_{0};
    std::atomic<std::size_t> pendingBytes_{0};
    alignas(64) std::atomic<TaskNode*> head_; // producers exchange here
    alignas(64) TaskNode* tail_;              // the consumer pops here
    TaskNode stub_{nullptr};
};

/// pushError turns a post's outcome into the error the public API reports: none, Errc::QueueFull,
/// Errc::QueueBytesExceeded or Errc::EngineStopped.
std::error_code pushError(Mailbox::Push pushed) noexcept;

} // namespace qgnet::detail
