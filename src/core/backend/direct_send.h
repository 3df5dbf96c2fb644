// SPDX-License-Identifier: Apache-2.0
#pragma once

// The synchronous, non-blocking socket writes. The epoll backend writes all output this way; the
// io_uring backend uses them for datagrams (never buffered) and for the last write before a close
// that does not wait for its output. Signals are off (MSG_NOSIGNAL): a reset peer gives EPIPE.
// Inline, because epoll calls them once per message.

#include <cerrno>
#include <span>

#include <sys/socket.h>
#include <sys/uio.h>

#include "backend/backend.h"
#include "backend/syscalls.h"

namespace qgnet::detail {

namespace direct {

// Retries EINTR; EAGAIN is "nothing taken" for streams and an error for datagrams.
template <typename Call>
IoResult retrying(Call call, bool eagainIsError) noexcept
{
    for (;;) {
        const ssize_t n = call();
        if (n >= 0)
            return {static_cast<std::size_t>(n), 0};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN && !eagainIsError)
            return {};
        return {0, errno};
    }
}

} // namespace direct

/// sendNow writes what the socket fd takes of data: EAGAIN gives 0 bytes, not an error.
inline IoResult sendNow(int fd, Bytes data) noexcept
{
    return direct::retrying([&] { return sys::send(fd, data.data(), data.size(), MSG_NOSIGNAL); }, false);
}

/// sendvNow writes what the socket fd takes of parts, in order: EAGAIN gives 0 bytes. sendmsg rather
/// than writev, because only the socket calls take MSG_NOSIGNAL.
inline IoResult sendvNow(int fd, std::span<const iovec> parts) noexcept
{
    msghdr msg{};
    msg.msg_iov = const_cast<iovec*>(parts.data());
    msg.msg_iovlen = parts.size();
    return direct::retrying([&] { return sys::sendmsg(fd, &msg, MSG_NOSIGNAL); }, false);
}

/// sendDatagramNow sends one datagram to `to` (or, when `to` is empty, to the connected peer).
/// EAGAIN is an error here: a datagram that cannot go now is dropped, and said so.
inline IoResult sendDatagramNow(int fd, const SocketAddress& to, Bytes data) noexcept
{
    return direct::retrying(
        [&] {
            return to.isEmpty() ? sys::send(fd, data.data(), data.size(), MSG_NOSIGNAL)
                                : sys::sendto(fd, data.data(), data.size(), MSG_NOSIGNAL, to.data(), to.size());
        },
        true);
}

} // namespace qgnet::detail
