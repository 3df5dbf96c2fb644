// SPDX-License-Identifier: Apache-2.0
#pragma once

// The per-message system calls, issued without glibc's wrappers. In a multi-threaded process every
// glibc wrapper of a cancellation point (read, send, sendmsg, epoll_wait) brackets the call with
// pthread async-cancel enable/disable; callgrind counted about 60 instructions per echoed message
// for that alone, more than the raw epoll loop spends on the whole message in user space. qgnet's
// loop threads are never cancelled, so the plain syscall is equivalent. Errors come back as usual:
// -1 and errno.

#include <cstddef>

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace qgnet::detail::sys {

inline ssize_t read(int fd, void* buffer, std::size_t size) noexcept { return ::syscall(SYS_read, fd, buffer, size); }

inline ssize_t send(int fd, const void* data, std::size_t size, int flags) noexcept
{
    return ::syscall(SYS_sendto, fd, data, size, flags, nullptr, 0);
}

inline ssize_t sendmsg(int fd, const msghdr* message, int flags) noexcept
{
    return ::syscall(SYS_sendmsg, fd, message, flags);
}

inline ssize_t sendto(int fd, const void* data, std::size_t size, int flags, const sockaddr* to,
    socklen_t toSize) noexcept
{
    return ::syscall(SYS_sendto, fd, data, size, flags, to, toSize);
}

inline int recvmmsg(int fd, mmsghdr* messages, unsigned count, int flags) noexcept
{
    return static_cast<int>(::syscall(SYS_recvmmsg, fd, messages, count, flags, nullptr));
}

inline int epollWait(int epfd, epoll_event* events, int maxEvents, int timeoutMs) noexcept
{
    return static_cast<int>(::syscall(SYS_epoll_wait, epfd, events, maxEvents, timeoutMs));
}

} // namespace qgnet::detail::sys
