// SPDX-License-Identifier: Apache-2.0
#include "bridge/thread_inbox.h"

#include <mutex>
#include <utility>
#include <vector>

#include <QThread>

namespace qgnet::qtdetail {

// Mailbox is the part the posters share. Its waker keeps the eventfd open as long as the last
// poster, so a late post never writes a closed (or reused) descriptor.
struct ThreadInbox::Mailbox {
    // Set once by ThreadInbox::ensureReady on the owner's thread, under the mutex; empty until then
    // (the descriptor limit), and posts are dropped meanwhile.
    EventFdNotifier::Waker waker;
    std::mutex mutex;
    std::vector<Task> tasks; // guarded by mutex
    bool woken = false;      // guarded by mutex: the eventfd was written since the last drain
    bool open = true;        // guarded by mutex; written only on the owner's thread, which may read it unlocked
};

ThreadInbox::Poster::Poster(std::shared_ptr<Mailbox> mailbox) : mailbox_(std::move(mailbox)) {}

bool ThreadInbox::Poster::post(Task task) const
{
    bool wake = false;
    {
        std::lock_guard lock(mailbox_->mutex);
        if (!mailbox_->open || !mailbox_->waker)
            return false;
        mailbox_->tasks.push_back(std::move(task));
        wake = !std::exchange(mailbox_->woken, true);
    }
    // Outside the lock: the waker is set once and the descriptor is ours for as long as we hold
    // the mailbox.
    if (wake)
        mailbox_->waker.wake();
    return true;
}

ThreadInbox::ThreadInbox(QObject* owner)
    : mailbox_(std::make_shared<Mailbox>())
    , wakeUp_(owner, [mailbox = mailbox_] { drain(mailbox); })
{
    Q_ASSERT(owner && owner->thread() == QThread::currentThread());
    // At the descriptor limit this fails; the owner asks again (ensureReady) before it needs posters.
    ensureReady(nullptr);
}

bool ThreadInbox::ensureReady(QString* error)
{
    if (wakeUp_.isOpen())
        return true;
    if (!wakeUp_.ensureOpen(error))
        return false;
    std::lock_guard lock(mailbox_->mutex); // post() reads it under the lock
    mailbox_->waker = wakeUp_.waker();
    return true;
}

ThreadInbox::~ThreadInbox()
{
    // wakeUp_ goes after this body: no drain runs in between (this is the owner's thread).
    std::vector<Task> dropped;
    std::lock_guard lock(mailbox_->mutex);
    mailbox_->open = false;
    dropped.swap(mailbox_->tasks); // destroyed after the unlock: a task's captures may be anything
}

ThreadInbox::Poster ThreadInbox::poster() const { return Poster(mailbox_); }

void ThreadInbox::drain(std::shared_ptr<Mailbox> mailbox)
{
    // The notifier has read the eventfd; now swap and clear `woken` under the lock: a post after
    // the swap writes the eventfd again (it sees woken == false); one before it is in this batch.
    // No wake-up is lost.
    std::vector<Task> batch;
    {
        std::lock_guard lock(mailbox->mutex);
        batch.swap(mailbox->tasks);
        mailbox->woken = false;
    }
    // A task may destroy the owner, and with it the inbox: the rest of the batch is then dropped.
    // `mailbox` is this call's own reference, so it outlives the inbox if need be.
    for (Task& task : batch) {
        if (!mailbox->open)
            return;
        task();
    }
}

} // namespace qgnet::qtdetail
