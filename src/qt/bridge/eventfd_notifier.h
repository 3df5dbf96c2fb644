// SPDX-License-Identifier: Apache-2.0
#pragma once

// EventFdNotifier: the one wake-up used wherever another thread (or a signal handler) must make a
// Qt thread run something: the bridge's delivery path (bridge_handler.h), the snapshot inboxes
// (thread_inbox.h) and the applications' SIGINT/SIGTERM handling (src/app/quit_on_signal.h).
//
//   any thread                             the context object's thread
//   wake(): eventfd_write(fd, 1)  ---->    QSocketNotifier fires: read the counter (now 0), then
//                                          run onWake; a wake during onWake fires it again
//
// An eventfd rather than QMetaObject::invokeMethod(Qt::QueuedConnection): any number of wakes
// coalesce into one readable descriptor, nothing is allocated per wake, and the waking thread never
// enters Qt's event posting (whose locks ThreadSanitizer cannot see in the uninstrumented system Qt).
//
// The descriptor is made by ensureOpen, which fails at the descriptor limit: the owner reports that
// as an error (start() returns false) rather than aborting, and asks again later.

#include <functional>
#include <memory>

#include <QPointer>
#include <QString>

class QObject;
class QSocketNotifier;

namespace qgnet::qtdetail {

/// EventFdNotifier runs a callback on one QObject's thread each time some thread woke it.
/// Not thread-safe itself, except wake() and Waker: construct, open and destroy it on the context's
/// thread.
class EventFdNotifier {
    struct Descriptor;

public:
    using Callback = std::function<void()>;

    /// Waker wakes one notifier from any thread. It keeps the descriptor open, not the notifier, so
    /// a wake after the notifier is gone writes a counter nobody reads, never a reused descriptor.
    class Waker {
    public:
        Waker() = default; ///< wakes nothing
        /// wake makes the notifier run its callback once more (any thread; no-op when empty).
        void wake() const noexcept;
        explicit operator bool() const noexcept { return descriptor_ != nullptr; }

    private:
        friend class EventFdNotifier;
        explicit Waker(std::shared_ptr<const Descriptor> descriptor);
        std::shared_ptr<const Descriptor> descriptor_;
    };

    /// EventFdNotifier will run onWake on context's thread. Its QSocketNotifier is a child of
    /// context, so it follows context through moveToThread. Call ensureOpen before relying on it.
    EventFdNotifier(QObject* context, Callback onWake);
    /// ~EventFdNotifier stops the notifications (context's thread); the descriptor closes when the
    /// last Waker lets go of it.
    ~EventFdNotifier();
    EventFdNotifier(const EventFdNotifier&) = delete;
    EventFdNotifier& operator=(const EventFdNotifier&) = delete;

    /// ensureOpen makes the eventfd and its notifier unless done already (context's thread); false
    /// with *error (strerror, e.g. "Too many open files") while it cannot. Never aborts.
    bool ensureOpen(QString* error);
    bool isOpen() const noexcept { return descriptor_ != nullptr; }

    /// wake: as Waker::wake (any thread, once the notifier is open; no-op before).
    void wake() const noexcept;
    /// waker is a handle for waking this notifier from any thread; empty while not open.
    Waker waker() const;
    /// descriptor is the eventfd, for a signal handler, which may only write(2) it (8 bytes, a
    /// non-zero count); -1 while not open. It stays valid while this notifier or a Waker lives.
    int descriptor() const noexcept;

private:
    QObject* context_;
    Callback onWake_;
    std::shared_ptr<const Descriptor> descriptor_;
    QPointer<QSocketNotifier> notifier_; // a child of context_ (Qt deletes it if context_ goes first)
};

} // namespace qgnet::qtdetail
