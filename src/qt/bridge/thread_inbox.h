// SPDX-License-Identifier: Apache-2.0
#pragma once

// ThreadInbox: how a result computed on an engine loop thread (a snapshot) reaches a QObject's thread
// without the loop ever entering Qt's event posting.
//
//   any thread                                    the owner's thread
//   Poster::post(task)                            QSocketNotifier on the eventfd fires:
//     -> mutex, tasks.push_back(task)    ---->      read the eventfd, swap the tasks out, clear
//     -> first post since the last drain:           `woken`, run them in posting order
//        write the eventfd (one wake-up)
//
// The same wake-up as the bridge's data path (bridge_handler.h), an EventFdNotifier: an eventfd
// watched by a QSocketNotifier, not QMetaObject::invokeMethod(Qt::QueuedConnection), so the posting thread takes
// only our own mutex. ThreadSanitizer sees every synchronisation on the way (the system Qt is not
// instrumented, so a queued call shows up as false races on Qt's post-event list).
//
// Lifetime: the inbox itself belongs to the receiving side; posters hold the shared mailbox (queue
// and eventfd), so a post that comes after the receiver is gone finds a closed mailbox and does
// nothing. Thread affinity: the notifier is a child of the owner, so it follows the owner through
// QObject::moveToThread and the tasks always run on the owner's current thread.

#include <functional>
#include <memory>

#include <QString>

#include "bridge/eventfd_notifier.h"

namespace qgnet::qtdetail {

/// ThreadInbox runs tasks posted from any thread on the thread of its owner QObject, in posting
/// order, one wake-up per batch. Tasks run only while the inbox exists: destroying it (on the
/// owner's thread, at the latest in the owner's destructor) drops whatever is queued and turns
/// every later post into a no-op, so a task may capture the owner by pointer.
class ThreadInbox {
    struct Mailbox;

public:
    using Task = std::function<void()>;

    /// Poster posts into one inbox from any thread; copy it into a callback freely. It keeps the
    /// mailbox, not the owner, alive: after the inbox is gone, post drops the task.
    class Poster {
    public:
        /// post queues task for the owner's thread (any thread). False when the inbox is closed:
        /// then the task is destroyed by the caller's thread, unrun.
        bool post(Task task) const;

    private:
        friend class ThreadInbox;
        explicit Poster(std::shared_ptr<Mailbox> mailbox);
        std::shared_ptr<Mailbox> mailbox_;
    };

    /// ThreadInbox is made on owner's thread; its tasks run there (and wherever owner moves to).
    explicit ThreadInbox(QObject* owner);
    /// ~ThreadInbox closes the mailbox (owner's thread): queued tasks are dropped unrun.
    ~ThreadInbox();
    ThreadInbox(const ThreadInbox&) = delete;
    ThreadInbox& operator=(const ThreadInbox&) = delete;

    /// ensureReady makes the inbox's eventfd if the constructor could not (at the descriptor limit);
    /// false with *error (strerror) while it still cannot, and then every post is dropped. Call it
    /// on the owner's thread before handing out posters that must be heard.
    bool ensureReady(QString* error);

    /// poster is a handle for posting into this inbox (any thread).
    Poster poster() const;

private:
    // drain runs on the owner's thread when the eventfd is readable.
    static void drain(std::shared_ptr<Mailbox> mailbox);

    std::shared_ptr<Mailbox> mailbox_;
    EventFdNotifier wakeUp_; // its QSocketNotifier is a child of the owner
};

} // namespace qgnet::qtdetail
