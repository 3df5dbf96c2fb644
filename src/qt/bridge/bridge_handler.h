// SPDX-License-Identifier: Apache-2.0
#pragma once

// The delivery path from the engine's loops to a Qt thread, shared by QtServer and QtClient.
//
//   loop thread                                   Qt thread (the QtServer's)
//   onOpen/onTraffic/onClose                      QSocketNotifier on the eventfd fires: for each
//     -> LoopQueue::push (mutex, vector)   ---->    queue, swap the vector out and emit one signal
//     -> first push since the last drain:           per item, at most DrainBudget items or
//        write the eventfd (one wake-up)            DrainSlice per queue; wake itself again while
//                                                   items remain
//
// One wake-up carries a whole batch, so the Qt thread's event dispatch (a few hundred thousand
// queued calls a second) never limits the loops. The wake-up is an eventfd watched by a
// QSocketNotifier rather than a queued call: no allocation per batch, and the loops never enter Qt's
// event posting (which sanitizers cannot see into, since the system Qt is not instrumented). A connection lives on one
// loop and each loop has one queue drained in order, so a connection's items arrive in order. Data is lossless: a
// connection whose undelivered bytes pass the delivery limit stops reading (pauseRead) until the
// Qt thread has delivered enough of them (resumeRead through its ConnHandle). Open/close items are
// one per connection, so every queue is bounded by connections x deliveryLimit. Datagrams have no
// connection to pause: each loop's undelivered datagram bytes are bounded by deliveryLimit, and a
// datagram beyond that is dropped and counted (droppedDatagrams), as the kernel would drop it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "bridge/bridge_queue.h"
#include "bridge/eventfd_notifier.h"
#include "qgnet/event_handler.h"
#include "qgnet/qt/bridge_health.h"

namespace qgnet {

class Conn;

namespace qtdetail {

/// BridgeSink receives the items on the Qt thread (QtServer's and QtClient's private parts).
class BridgeSink {
public:
    virtual ~BridgeSink() = default;
    virtual void bridgeOpened(const std::shared_ptr<ConnShared>& conn) = 0;
    virtual void bridgeData(const std::shared_ptr<ConnShared>& conn, const QByteArray& data) = 0;
    virtual void bridgeClosed(const std::shared_ptr<ConnShared>& conn, const QString& reason) = 0;
    virtual void bridgeDialed(const std::shared_ptr<ConnShared>& conn, int request) = 0;
    virtual void bridgeDialFailed(int request, const QString& error) = 0;
    virtual void bridgeTick() = 0;
    /// bridgeShutdown: the engine stopped by itself (Action::Shutdown, a tick): tidy up.
    virtual void bridgeShutdown() = 0;
};

/// BridgeHandler is the engine's EventHandler on the loop side and the drain on the Qt side.
/// Configure it before the engine starts; the settings are read by the loops without locks.
class BridgeHandler : public EventHandler {
public:
    using TrafficHandler = std::function<Action(Conn&)>;

    /// BridgeHandler is made on owner's thread, where the items will be emitted.
    BridgeHandler(QObject* owner, BridgeSink& sink);
    ~BridgeHandler() override;
    BridgeHandler(const BridgeHandler&) = delete;
    BridgeHandler& operator=(const BridgeHandler&) = delete;

    // Settings (set while no engine runs).
    bool deliverData = false;
    std::int64_t deliveryLimit = 1 << 20;
    int tickIntervalMs = 0;
    TrafficHandler trafficHandler;
    /// loopHandler, when set, also gets onOpen, onClose and onWritabilityChanged (after the bridge
    /// saw the open, before it sees the close); trafficHandler then forwards to its onTraffic.
    EventHandler* loopHandler = nullptr;

    // EventHandler (loop threads; onBoot on the starting thread).
    Action onBoot(Engine& engine) override;
    void onShutdown(Engine& engine) override;
    OpenResult onOpen(Conn& conn) override;
    Action onTraffic(Conn& conn) override;
    Action onClose(Conn& conn, std::error_code reason) override;
    TickResult onTick() override;
    void onWritabilityChanged(Conn& conn, bool writable) override;

    /// dialed is a successful dial's callback (loop thread, after onOpen): the sink gets
    /// bridgeDialed in order after bridgeOpened.
    void dialed(Conn& conn, int request);
    /// dialFailed reports a failed dial (any thread): bridgeDialFailed follows on the Qt thread.
    void dialFailed(int request, const QString& error);

    /// drainAll emits everything still queued, without budget (Qt thread, after the engine stopped).
    void drainAll();

    /// ensureWake makes the wake-up eventfd if the constructor could not (at the descriptor limit);
    /// false with *error (strerror) while it still cannot. Call before starting an engine (Qt thread).
    bool ensureWake(QString* error);

    /// droppedDatagrams counts datagrams dropped because their loop had deliveryLimit bytes of
    /// datagrams waiting for the Qt thread already (any thread).
    std::uint64_t droppedDatagrams() const noexcept { return droppedDatagrams_.load(std::memory_order_relaxed); }

    /// Statistics of the delivery path (Qt thread).
    std::uint64_t batches() const noexcept { return batches_; }
    std::uint64_t itemsDelivered() const noexcept { return items_; }
    /// health is the delivery path's BridgeHealth now (Qt thread): the figures of the batches
    /// drained so far, and what waits in the queues (their locks are taken briefly).
    BridgeHealth health();

private:
    enum class Drained { Done, More, OwnerGone };
    void push(LoopQueue& queue, BridgeItem&& item);
    void wake();
    // onWake runs on the Qt thread when the eventfd is readable: one pass over every queue.
    void onWake();
    // drain emits up to a budget of queue's items (everything when unbounded).
    Drained drain(LoopQueue& queue, bool unbounded);
    void resume(const std::shared_ptr<ConnShared>& conn);
    void retryResumes();
    std::shared_ptr<ConnShared> find(const Conn& conn) const;
    std::shared_ptr<ConnShared> makeShared(Conn& conn) const;
    // tookBatch records a batch just taken from a queue for BridgeHealth (Qt thread).
    void tookBatch(const LoopQueue& queue);

    QObject* owner_;
    BridgeSink& sink_;
    // Woken by the first push after a drain. It and the timer are children of owner_, so that they
    // follow it to another thread (moveToThread): a notifier or timer left behind would fire on the
    // old thread, or refuse to start at all.
    EventFdNotifier wakeUp_;
    QPointer<QTimer> resumeRetry_; // Qt thread: while some resumeRead met a full loop queue
    std::vector<std::shared_ptr<ConnShared>> resumesToRetry_;
    // Per loop: its queue and its open connections (the map only on that loop's thread); plus one
    // queue for what belongs to no loop (ticks, the engine's shutdown, failed dials).
    std::vector<std::unique_ptr<LoopQueue>> queues_;
    LoopQueue control_;
    std::vector<std::unordered_map<std::uint64_t, std::shared_ptr<ConnShared>>> open_;
    std::vector<std::shared_ptr<std::atomic<std::int64_t>>> datagramBytes_; // per loop, see ConnShared
    std::atomic<std::uint64_t> droppedDatagrams_{0};
    std::atomic<bool> tickPosted_{false};
    std::uint64_t batches_ = 0;
    std::uint64_t items_ = 0;
    // BridgeHealth's per-batch figures, kept on the Qt thread at drain (the loops pay nothing).
    struct BatchFigures {
        std::uint64_t taken = 0; // batches taken from the queues
        std::uint64_t items = 0; // items in them
        std::uint64_t last = 0;
        std::uint64_t max = 0;
        std::int64_t lastLatencyNs = 0;
        std::int64_t maxLatencyNs = 0;
        long double latencySumNs = 0; // no overflow over a process's life
    } figures_;
};

} // namespace qtdetail
} // namespace qgnet
