// SPDX-License-Identifier: Apache-2.0
#include "bridge/thread_inbox.h"

#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include <QThread>

#include <sys/eventfd.h>
#include <unistd.h>

namespace qgnet::qtdetail {

// Mailbox is the part the posters share. The eventfd lives as long as the last poster, so a late
// post never writes a closed (or reused) descriptor.
struct ThreadInbox::Mailbox {
    Mailbox() = default;
    ~Mailbox()
    {
        if (fd >= 0)
            ::close(fd);
    }
    Mailbox(const Mailbox&) = delete;
    Mailbox& operator=(const Mailbox&) = delete;

    // Set once by ThreadInbox::ensureReady on the owner's thread, under the mutex; -1 until then
    // (the descriptor limit), and posts are dropped meanwhile.
    int fd = -1;
    std::mutex mutex;
    std::vector<Task> tasks; // guarded by mutex
    bool woken = false;      // guarded by mutex: the eventfd was written since the last drain
    bool open = true;        // guarded by mutex; written only on the owner's thread, which may read it unlocked
};

ThreadInbox::Poster::Poster(std::shared_ptr<Mailbox> mailbox)
    : mailbox_(std::move(mailbox))
{
}

bool ThreadInbox::Poster::post(Task task) const
{
    bool wake = false;
    {
        std::lock_guard lock(mailbox_->mutex);
        if (!mailbox_->open || mailbox_->fd < 0)
            return false;
        mailbox_->tasks.push_back(std::move(task));
        wake = !std::exchange(mailbox_->woken, true);
    }
    // Outside the lock: the descriptor is ours for as long as we hold the mailbox. Cannot fail short
    // of a counter overflow (2^64 - 2 writes without a read).
    if (wake) {
        [[maybe_unused]] const int rc = ::eventfd_write(mailbox_->fd, 1);
    }
    return true;
}

ThreadInbox::ThreadInbox(QObject* owner)
    : mailbox_(std::make_shared<Mailbox>())
    , owner_(owner)
{
    Q_ASSERT(owner && owner->thread() == QThread::currentThread());
    // At the descriptor limit this fails; the owner asks again (ensureReady) before it needs posters.
    ensureReady(nullptr);
}

bool ThreadInbox::ensureReady(QString* error)
{
    if (mailbox_->fd >= 0)
        return true;
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    {
        std::lock_guard lock(mailbox_->mutex); // post() reads it under the lock
        mailbox_->fd = fd;
    }
    // The notifier's context is itself, so its slot runs on its own thread, which as the owner's
    // child is always the owner's.
    notifier_ = new QSocketNotifier(fd, QSocketNotifier::Read, owner_);
    QObject::connect(notifier_.data(), &QSocketNotifier::activated, notifier_.data(),
        [mailbox = mailbox_] { drain(mailbox); });
    return true;
}

ThreadInbox::~ThreadInbox()
{
    delete notifier_.data(); // no drain after this point (null if Qt deleted it with the owner)
    std::vector<Task> dropped;
    std::lock_guard lock(mailbox_->mutex);
    mailbox_->open = false;
    dropped.swap(mailbox_->tasks); // destroyed after the unlock: a task's captures may be anything
}

ThreadInbox::Poster ThreadInbox::poster() const { return Poster(mailbox_); }

void ThreadInbox::drain(std::shared_ptr<Mailbox> mailbox)
{
    // Read first, then swap and clear `woken` under the lock: a post after the swap writes the
    // eventfd again (it sees woken == false); one before it is in this batch. No wake-up is lost.
    eventfd_t ignored = 0;
    [[maybe_unused]] const int rc = ::eventfd_read(mailbox->fd, &ignored);
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
