// SPDX-License-Identifier: Apache-2.0
#include "bridge/bridge_handler.h"

#include <chrono>

#include <QElapsedTimer>
#include <QHostAddress>

#include "qgnet/conn.h"
#include "qgnet/engine.h"
#include "qgnet/error.h"
#include "stats_text.h"

namespace qgnet::qtdetail {

namespace {

// A drain emits at most this many items or runs at most this long before it re-posts itself, so
// that a flood of data never keeps the Qt thread from painting or handling input.
constexpr std::size_t DrainBudget = 4096;
constexpr qint64 DrainSliceNs = 5'000'000;

} // namespace

// ---- BridgeHandler: loop side -----------------------------------------------------------------

BridgeHandler::BridgeHandler(QObject* owner, BridgeSink& sink)
    : owner_(owner)
    , sink_(sink)
    , wakeUp_(owner, [this] { onWake(); })
{
    // At the descriptor limit this fails: then start() reports it (ensureWake), the object lives on.
    ensureWake(nullptr);
    resumeRetry_ = new QTimer(owner_);
    resumeRetry_->setSingleShot(true);
    resumeRetry_->setInterval(1);
    QObject::connect(resumeRetry_.data(), &QTimer::timeout, owner_, [this] { retryResumes(); });
}

BridgeHandler::~BridgeHandler()
{
    // The owner's destructor runs first and deletes its children only after this: go first.
    delete resumeRetry_.data();
}

bool BridgeHandler::ensureWake(QString* error) { return wakeUp_.ensureOpen(error); }

Action BridgeHandler::onBoot(Engine& engine)
{
    // Before any loop runs: size the per-loop parts. The previous engine's queues were drained
    // when it stopped.
    const int loops = std::max(engine.loopCount(), 1);
    queues_.clear();
    open_.clear();
    datagramBytes_.clear();
    for (int i = 0; i < loops; ++i) {
        queues_.push_back(std::make_unique<LoopQueue>());
        datagramBytes_.push_back(std::make_shared<std::atomic<std::int64_t>>(0));
    }
    open_.resize(static_cast<std::size_t>(loops));
    tickPosted_.store(false);
    return Action::None;
}

void BridgeHandler::onShutdown(Engine&) { push(control_, BridgeItem{BridgeItem::Kind::Shutdown, {}, {}, {}, 0}); }

std::shared_ptr<ConnShared> BridgeHandler::makeShared(Conn& conn) const
{
    auto shared = std::make_shared<ConnShared>();
    const SocketAddress& remote = conn.remoteAddr();
    QHostAddress peerAddress;
    if (remote.family() == AF_INET || remote.family() == AF_INET6)
        peerAddress = QHostAddress(remote.data());
    shared->stream = isStream(conn.network());
    shared->connection = QtConnection(conn.handle(), conn.loopIndex(), protocolKey(conn.network()), peerAddress,
        remote.port(), addressText(remote), addressText(conn.localAddr()));
    return shared;
}

std::shared_ptr<ConnShared> BridgeHandler::find(const Conn& conn) const
{
    const auto& map = open_[static_cast<std::size_t>(conn.loopIndex())];
    const auto it = map.find(conn.id());
    return it == map.end() ? nullptr : it->second;
}

OpenResult BridgeHandler::onOpen(Conn& conn)
{
    auto shared = makeShared(conn);
    open_[static_cast<std::size_t>(conn.loopIndex())].emplace(conn.id(), shared);
    push(*queues_[static_cast<std::size_t>(conn.loopIndex())],
        BridgeItem{BridgeItem::Kind::Opened, std::move(shared), {}, {}, 0});
    return loopHandler ? loopHandler->onOpen(conn) : OpenResult{};
}

void BridgeHandler::onWritabilityChanged(Conn& conn, bool writable)
{
    if (loopHandler)
        loopHandler->onWritabilityChanged(conn, writable);
}

Action BridgeHandler::onTraffic(Conn& conn)
{
    if (!deliverData) {
        Action action = Action::None;
        if (trafficHandler)
            action = trafficHandler(conn);
        else
            conn.discard(conn.inboundBuffered());
        return action;
    }
    std::shared_ptr<ConnShared> shared = find(conn);
    if (!shared) // a datagram: UDP has no onOpen, so it travels without an open/close pair
        shared = makeShared(conn);

    // Deliver what arrived; a traffic handler still sees the same bytes afterwards. The bytes it
    // leaves unconsumed were delivered already, so only what lies beyond them is new next time.
    const Bytes bytes = trafficHandler ? conn.peek() : conn.next();
    const std::size_t skip = trafficHandler ? std::min(shared->seen, bytes.size()) : 0;
    bool admitted = true;
    if (!shared->stream && bytes.size() > skip) {
        // A datagram cannot be paused for: past deliveryLimit bytes of datagrams waiting on this
        // loop it is dropped (and counted), so a flood cannot grow the queue while the Qt thread is busy.
        const auto& waiting = datagramBytes_[static_cast<std::size_t>(conn.loopIndex())];
        const auto size = static_cast<std::int64_t>(bytes.size() - skip);
        if (waiting->load(std::memory_order_relaxed) + size > deliveryLimit) {
            droppedDatagrams_.fetch_add(1, std::memory_order_relaxed);
            admitted = false;
        } else {
            waiting->fetch_add(size);
            shared->datagramBytes = waiting;
        }
    }
    if (admitted && bytes.size() > skip) {
        const Bytes fresh = bytes.subspan(skip);
        QByteArray data(reinterpret_cast<const char*>(fresh.data()), static_cast<qsizetype>(fresh.size()));
        const auto size = static_cast<std::int64_t>(fresh.size());
        const std::int64_t pending = shared->undelivered.fetch_add(size) + size;
        push(*queues_[static_cast<std::size_t>(conn.loopIndex())],
            BridgeItem{BridgeItem::Kind::Data, shared, std::move(data), {}, 0});
        if (pending > deliveryLimit && shared->stream && !shared->paused.load()) {
            conn.pauseRead();
            shared->paused.store(true);
            // The Qt thread may have caught up between the add and the store: then it saw
            // paused == false and did not resume, so resume here.
            if (shared->undelivered.load() <= deliveryLimit / 2 && shared->paused.exchange(false))
                conn.resumeRead();
        }
    }
    if (!trafficHandler)
        return Action::None;
    // The handler consumes at will; whatever it leaves has been delivered already.
    const Action action = trafficHandler(conn);
    shared->seen = conn.inboundBuffered();
    return action;
}

Action BridgeHandler::onClose(Conn& conn, std::error_code reason)
{
    if (loopHandler)
        loopHandler->onClose(conn, reason);
    auto& map = open_[static_cast<std::size_t>(conn.loopIndex())];
    const auto it = map.find(conn.id());
    if (it == map.end())
        return Action::None;
    std::shared_ptr<ConnShared> shared = std::move(it->second);
    map.erase(it);
    const bool clean = !reason || reason == make_error_code(Errc::PeerClosed);
    QString text = clean ? QString() : QString::fromStdString(reason.message());
    if (reason && text.isEmpty())
        text = QString::fromStdString(reason.message());
    push(*queues_[static_cast<std::size_t>(conn.loopIndex())],
        BridgeItem{BridgeItem::Kind::Closed, std::move(shared), {}, std::move(text), 0});
    return Action::None;
}

TickResult BridgeHandler::onTick()
{
    if (tickIntervalMs <= 0)
        return {};
    if (!tickPosted_.exchange(true)) // a Qt thread that lags gets one tick, not a backlog
        push(control_, BridgeItem{BridgeItem::Kind::Tick, {}, {}, {}, 0});
    return TickResult{std::chrono::milliseconds(tickIntervalMs), Action::None};
}

void BridgeHandler::dialed(Conn& conn, int request)
{
    std::shared_ptr<ConnShared> shared = find(conn);
    if (!shared)
        return;
    push(*queues_[static_cast<std::size_t>(conn.loopIndex())],
        BridgeItem{BridgeItem::Kind::Dialed, std::move(shared), {}, {}, request});
}

void BridgeHandler::dialFailed(int request, const QString& error)
{
    push(control_, BridgeItem{BridgeItem::Kind::DialFailed, {}, {}, error, request});
}

void BridgeHandler::push(LoopQueue& queue, BridgeItem&& item)
{
    if (queue.push(std::move(item)))
        wake();
}

void BridgeHandler::wake() { wakeUp_.wake(); }

// ---- BridgeHandler: Qt side -------------------------------------------------------------------

// A connection paused for backpressure is resumed through its loop's task queue. A full queue
// (Errc::QueueFull) must not leave it paused for good, with nothing left to deliver that would try
// again: retry shortly, until the loop has room.
void BridgeHandler::resume(const std::shared_ptr<ConnShared>& conn)
{
    if (conn->connection.handle().resumeRead() != Errc::QueueFull)
        return; // resumed, or closed meanwhile
    resumesToRetry_.push_back(conn);
    if (resumeRetry_ && !resumeRetry_->isActive())
        resumeRetry_->start();
}

void BridgeHandler::retryResumes()
{
    std::vector<std::shared_ptr<ConnShared>> pending;
    pending.swap(resumesToRetry_);
    for (const auto& conn : pending)
        resume(conn);
}

void BridgeHandler::onWake()
{
    QPointer<QObject> owner(owner_); // the notifier has read the counter: a push from now on wakes again
    bool more = false;
    for (std::size_t i = 0; i <= queues_.size(); ++i) {
        LoopQueue& queue = i < queues_.size() ? *queues_[i] : control_;
        const Drained result = drain(queue, false);
        if (result == Drained::OwnerGone || !owner)
            return; // a slot deleted the QtServer/QtClient: touch nothing of it any more
        more = more || result == Drained::More;
    }
    if (more)
        wake(); // budget spent: let the event loop serve others, then carry on
}

BridgeHandler::Drained BridgeHandler::drain(LoopQueue& queue, bool unbounded)
{
    if (queue.position >= queue.batch.size()) {
        queue.batch.clear();
        queue.position = 0;
        queue.takeBatch(queue.batch);
        if (queue.batch.empty())
            return queue.finishDrain() ? Drained::More : Drained::Done;
        tookBatch(queue);
    }
    ++batches_;
    QElapsedTimer clock;
    clock.start();
    QPointer<QObject> owner(owner_);
    std::size_t emitted = 0;
    while (queue.position < queue.batch.size()) {
        if (!unbounded && emitted >= DrainBudget)
            break;
        if (!unbounded && (emitted & 63) == 63 && clock.nsecsElapsed() > DrainSliceNs)
            break;
        BridgeItem item = std::move(queue.batch[queue.position++]);
        ++emitted;
        ++items_;
        switch (item.kind) {
        case BridgeItem::Kind::Opened: sink_.bridgeOpened(item.conn); break;
        case BridgeItem::Kind::Data: {
            ConnShared& c = *item.conn;
            const auto size = static_cast<std::int64_t>(item.data.size());
            const std::int64_t left = c.undelivered.fetch_sub(size) - size;
            queue.batchBytesLeft -= std::min<std::uint64_t>(queue.batchBytesLeft, static_cast<std::uint64_t>(size));
            if (c.datagramBytes)
                c.datagramBytes->fetch_sub(size);
            if (left <= deliveryLimit / 2 && c.paused.exchange(false))
                resume(item.conn);
            sink_.bridgeData(item.conn, item.data);
            break;
        }
        case BridgeItem::Kind::Closed: sink_.bridgeClosed(item.conn, item.reason); break;
        case BridgeItem::Kind::Dialed: sink_.bridgeDialed(item.conn, item.request); break;
        case BridgeItem::Kind::DialFailed: sink_.bridgeDialFailed(item.request, item.reason); break;
        case BridgeItem::Kind::Tick:
            tickPosted_.store(false);
            sink_.bridgeTick();
            break;
        case BridgeItem::Kind::Shutdown: sink_.bridgeShutdown(); break;
        }
        if (!owner)
            return Drained::OwnerGone;
    }
    if (queue.position < queue.batch.size())
        return Drained::More; // `scheduled` stays true: the next pass continues here
    queue.batch.clear();
    queue.position = 0;
    return queue.finishDrain() ? Drained::More : Drained::Done;
}

void BridgeHandler::tookBatch(const LoopQueue& queue)
{
    // The oldest item of the batch is delivered now: its wait is the batch's drain latency.
    const std::int64_t latency = std::max<std::int64_t>(0, monotonicNs() - queue.batchQueuedNs);
    BatchFigures& f = figures_;
    ++f.taken;
    f.last = queue.batch.size();
    f.items += f.last;
    f.max = std::max(f.max, f.last);
    f.lastLatencyNs = latency;
    f.maxLatencyNs = std::max(f.maxLatencyNs, latency);
    f.latencySumNs += static_cast<long double>(latency);
}

BridgeHealth BridgeHandler::health()
{
    BridgeHealth h;
    const BatchFigures& f = figures_;
    h.droppedDatagrams = droppedDatagrams();
    h.batches = f.taken;
    h.itemsDelivered = items_;
    h.lastBatch = f.last;
    h.maxBatch = f.max;
    h.averageBatch = f.taken ? static_cast<double>(f.items) / static_cast<double>(f.taken) : 0.0;
    h.lastDrainLatencyNs = f.lastLatencyNs;
    h.maxDrainLatencyNs = f.maxLatencyNs;
    h.averageDrainLatencyNs = f.taken ? static_cast<std::int64_t>(f.latencySumNs / f.taken) : 0;
    std::int64_t oldest = 0;
    const auto older = [&oldest](std::int64_t t) {
        if (t > 0 && (oldest == 0 || t < oldest))
            oldest = t;
    };
    for (std::size_t i = 0; i <= queues_.size(); ++i) {
        LoopQueue& queue = i < queues_.size() ? *queues_[i] : control_;
        if (queue.position < queue.batch.size()) { // a batch cut short by the budget: its rest waits
            h.queuedItems += queue.batch.size() - queue.position;
            h.queuedBytes += queue.batchBytesLeft;
            older(queue.batchQueuedNs);
        }
        const LoopQueue::Waiting waiting = queue.waiting();
        h.queuedItems += waiting.items;
        h.queuedBytes += waiting.bytes;
        older(waiting.oldestNs);
    }
    h.lagNs = oldest ? std::max<std::int64_t>(0, monotonicNs() - oldest) : 0;
    return h;
}

void BridgeHandler::drainAll()
{
    for (std::size_t i = 0; i <= queues_.size(); ++i) {
        LoopQueue& queue = i < queues_.size() ? *queues_[i] : control_;
        Drained result = Drained::More;
        while (result == Drained::More)
            result = drain(queue, true);
        if (result == Drained::OwnerGone)
            return;
    }
}

} // namespace qgnet::qtdetail
