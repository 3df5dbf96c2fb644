// SPDX-License-Identifier: Apache-2.0
#include "mailbox.h"

#include <cerrno>
#include <cstdint>

#include <sys/eventfd.h>
#include <unistd.h>

#include "qgnet/error.h"
#include "socket_ops.h"
#include "stats/live_counters.h"

namespace qgnet::detail {

Mailbox::Mailbox(EventLoop* loop, std::size_t capacity, std::size_t byteCapacity)
    : loop_(loop)
    , capacity_(capacity)
    , byteCapacity_(byteCapacity)
    , head_(&stub_)
    , tail_(&stub_)
{
    eventFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (eventFd_ < 0) {
        const auto ec = errnoCode();
        throw Error(ec, "eventfd failed: " + ec.message());
    }
}

Mailbox::~Mailbox()
{
    close(); // a post that raced with the loop's final drain is cancelled here, on this thread
    ::close(eventFd_);
}

void Mailbox::link(TaskNode* node) noexcept
{
    node->next.store(nullptr, std::memory_order_relaxed);
    TaskNode* previous = head_.exchange(node, std::memory_order_acq_rel);
    previous->next.store(node, std::memory_order_release);
}

Mailbox::Push Mailbox::post(std::function<void(bool run)> fn, std::size_t bytes)
{
    if (closed_.load(std::memory_order_acquire))
        return Push::Closed;
    if (pending_.fetch_add(1, std::memory_order_relaxed) >= capacity_) {
        pending_.fetch_sub(1, std::memory_order_relaxed);
        return Push::Full;
    }
    // Reserved before linking, so concurrent producers can never pass the bound together; with a
    // compare-exchange, so the count never shows a sum over the bound (an add-then-undo did, briefly).
    if (bytes > 0) {
        std::size_t held = pendingBytes_.load(std::memory_order_relaxed);
        do {
            if (bytes > byteCapacity_ || held > byteCapacity_ - bytes) {
                pending_.fetch_sub(1, std::memory_order_relaxed);
                return Push::TooManyBytes;
            }
        } while (!pendingBytes_.compare_exchange_weak(held, held + bytes, std::memory_order_relaxed));
    }
    countUp(liveCells().pendingTasks);
    auto* node = new TaskNode(std::move(fn));
    node->bytes = bytes;
    link(node);
    // Only after linking: a loop woken by this write is sure to find the node.
    if (!signalled_.exchange(true, std::memory_order_acq_rel))
        wakeup();
    return Push::Queued;
}

void Mailbox::wakeup() noexcept
{
    const std::uint64_t one = 1;
    // EAGAIN: the counter is already non-zero, a wake-up is pending anyway.
    while (::write(eventFd_, &one, sizeof one) < 0 && errno == EINTR) {}
}

TaskNode* Mailbox::pop() noexcept
{
    TaskNode* tail = tail_;
    TaskNode* next = tail->next.load(std::memory_order_acquire);
    if (tail == &stub_) {
        if (!next)
            return nullptr;
        tail_ = next;
        tail = next;
        next = next->next.load(std::memory_order_acquire);
    }
    if (next) {
        tail_ = next;
        return tail;
    }
    if (tail != head_.load(std::memory_order_acquire))
        return nullptr; // a producer is between its exchange and its link; its wake-up follows
    link(&stub_);
    next = tail->next.load(std::memory_order_acquire);
    if (next) {
        tail_ = next;
        return tail;
    }
    return nullptr;
}

// The task's data goes with the node (its closure owns the copy), so its bytes are given back only then.
void Mailbox::release(TaskNode* node) noexcept
{
    const std::size_t bytes = node->bytes;
    delete node;
    if (bytes > 0)
        pendingBytes_.fetch_sub(bytes, std::memory_order_relaxed);
}

void Mailbox::drain()
{
    // Cleared before popping: a post that lands after this point signals again, so it is never missed.
    // An exchange, not a store: a store may pass the load of pending_ below (store-load reordering),
    // and a producer that still saw the flag set would not wake us for a task this drain did not
    // count. The exchange is ordered with the producers' exchange on the same flag, and reading their
    // write makes their pending_ increment visible to the load below.
    signalled_.exchange(false, std::memory_order_acq_rel);
    // Run only what is queued now; tasks posted by these tasks wait for the next wake-up.
    std::size_t budget = pending_.load(std::memory_order_acquire);
    while (budget-- > 0) {
        TaskNode* node = pop();
        if (!node) {
            // A producer is mid-link: make sure the loop comes back for it.
            signalled_.store(true, std::memory_order_release);
            wakeup();
            return;
        }
        pending_.fetch_sub(1, std::memory_order_relaxed);
        countDown(liveCells().pendingTasks);
        node->fn(true);
        release(node);
    }
}

std::error_code pushError(Mailbox::Push pushed) noexcept
{
    switch (pushed) {
    case Mailbox::Push::Queued: return {};
    case Mailbox::Push::Full: return Errc::QueueFull;
    case Mailbox::Push::TooManyBytes: return Errc::QueueBytesExceeded;
    case Mailbox::Push::Closed: return Errc::EngineStopped;
    }
    return Errc::EngineStopped;
}

void Mailbox::close()
{
    closed_.store(true, std::memory_order_release);
    while (TaskNode* node = pop()) {
        pending_.fetch_sub(1, std::memory_order_relaxed);
        countDown(liveCells().pendingTasks);
        node->fn(false);
        release(node);
    }
}

} // namespace qgnet::detail
