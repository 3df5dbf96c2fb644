// SPDX-License-Identifier: Apache-2.0
#include "bridge/eventfd_notifier.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <QObject>
#include <QSocketNotifier>
#include <QThread>

#include <sys/eventfd.h>
#include <unistd.h>

namespace qgnet::qtdetail {

struct EventFdNotifier::Descriptor {
    explicit Descriptor(int descriptor) : fd(descriptor) {}
    ~Descriptor() { ::close(fd); }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;

    const int fd;
};

EventFdNotifier::Waker::Waker(std::shared_ptr<const Descriptor> descriptor) : descriptor_(std::move(descriptor)) {}

namespace {

void wakeDescriptor(int fd) noexcept
{
    // Cannot fail short of a counter overflow (2^64 - 2 wakes without a read).
    [[maybe_unused]] const int rc = ::eventfd_write(fd, 1);
}

} // namespace

void EventFdNotifier::Waker::wake() const noexcept
{
    if (descriptor_)
        wakeDescriptor(descriptor_->fd);
}

EventFdNotifier::EventFdNotifier(QObject* context, Callback onWake) : context_(context), onWake_(std::move(onWake))
{
    Q_ASSERT(context && context->thread() == QThread::currentThread());
}

EventFdNotifier::~EventFdNotifier()
{
    delete notifier_.data(); // no callback after this point (null if Qt deleted it with the context)
}

bool EventFdNotifier::ensureOpen(QString* error)
{
    if (descriptor_)
        return true;
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    descriptor_ = std::make_shared<const Descriptor>(fd);
    notifier_ = new QSocketNotifier(fd, QSocketNotifier::Read, context_);
    // The slot's context is the notifier itself, a child of context_, so the callback runs on
    // context_'s current thread. It holds its own copies of the descriptor and the callback: a
    // callback that destroys this object (through its context) still returns safely.
    QObject::connect(notifier_.data(), &QSocketNotifier::activated, notifier_.data(),
        [descriptor = descriptor_, onWake = onWake_] {
            // Read first: a wake from now on makes the descriptor readable again, so none is lost.
            eventfd_t ignored = 0;
            [[maybe_unused]] const int rc = ::eventfd_read(descriptor->fd, &ignored);
            onWake();
        });
    return true;
}

void EventFdNotifier::wake() const noexcept
{
    if (descriptor_)
        wakeDescriptor(descriptor_->fd);
}

EventFdNotifier::Waker EventFdNotifier::waker() const { return Waker(descriptor_); }

int EventFdNotifier::descriptor() const noexcept { return descriptor_ ? descriptor_->fd : -1; }

} // namespace qgnet::qtdetail
