// SPDX-License-Identifier: Apache-2.0
// A loop's server UDP sockets: one per UDP address and loop, each a Connection of kind Datagram that
// never opens or closes towards the handler (gnet's rule); every datagram reaches onTraffic with its
// sender as remoteAddr(). A client's connected UDP socket is a conversation, served like a stream.
#include <algorithm>

#include "connection.h"
#include "engine_core.h"
#include "event_loop.h"

namespace qgnet::detail {

void EventLoop::addDatagramSocket(int fd, Network network, const SocketAddress& local)
{
    auto* conn = new Connection(*this, fd, network, local, SocketAddress(), IoHandle::Kind::Datagram);
    placeInTable(*conn); // so that ConnHandles of a UDP socket work too
    datagramSockets_.push_back(conn);
}

// A server's UDP socket has no onOpen/onClose (as in gnet): it carries datagrams, not a conversation.
void EventLoop::closeDatagramSocket(Connection& conn)
{
    if (conn.state() == Connection::State::Closed)
        return;
    backend_->removeConnection(conn);
    conn.setState(Connection::State::Closed);
    std::erase(datagramSockets_, &conn);     // closed early (ConnHandle::close): stop must not close it again
    engine_->closeListenerFd(conn.socketFd); // under the lock Engine::dup() takes
    freeSlot(conn);
}

void EventLoop::handleDatagram(Connection& conn, Bytes data, const SocketAddress& from, bool truncated)
{
    assertInLoopThread();
    if (truncated) {
        // Never deliver a cut datagram as if it were whole: count it and drop it.
        truncated_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (conn.isConnectedDatagram()) { // a client's UDP connection: a conversation like a stream's
        handleReceived(conn, data);
        return;
    }
    LoopCounters::add(counters_.bytesIn, data.size());
    LoopCounters::add(counters_.reads, 1);
    conn.countReceived(data.size());
    conn.beginDatagram(data, from);
    const Action action = invokeHandler("onTraffic on a UDP socket", "", Action::None, [&] {
        StallWatch::Scope timed(stallWatch_, StallCallback::OnTraffic, conn.id());
        return handler().onTraffic(conn);
    });
    conn.endCallback();
    scratch_.reset();
    if (action == Action::Shutdown)
        engine_->requestStop();
    // Action::Close on a server's UDP socket closes nothing: there is no connection to close.
}

} // namespace qgnet::detail
