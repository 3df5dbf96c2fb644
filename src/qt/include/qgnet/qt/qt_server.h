// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <functional>
#include <memory>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include "qgnet/engine.h"
#include "qgnet/options.h"
#include "qgnet/qt/bridge_health.h"
#include "qgnet/qt/qt_connection.h"

namespace qgnet {

class Conn;

namespace qtdetail {
class ServerBridge;
}

/// QtServer runs a qgnet engine from a Qt application and reports it through signals. Its loops run
/// on their own threads as always; what crosses to the QtServer's thread (normally the GUI thread)
/// travels in batches: each loop pushes events into its own queue and one wake-up per batch (an
/// eventfd the Qt thread watches) drains them, so the Qt thread never caps or stalls the loops (one
/// queued signal per event tops out at a few hundred thousand events a second; a batch costs one).
/// Events of one connection arrive in order: connectionOpened, then dataReceived in byte order,
/// then connectionClosed. See "The Qt bridge" in docs/architecture.md.
///
/// Threads: every property, slot and signal belongs to the thread the QtServer lives in. The optional
/// trafficHandler runs on the loop threads. QtConnection::write/close may be called from any thread.
///
/// Data delivery is opt-in (deliverData): without it received bytes stay on the loop thread (handed
/// to trafficHandler, or discarded), which is the fast path. With it, each received chunk reaches
/// dataReceived as a QByteArray; a connection whose undelivered data passes deliveryLimit stops
/// reading until the Qt thread has caught up (backpressure, nothing lost).
class QGNET_QT_EXPORT QtServer : public QObject {
    Q_OBJECT
    Q_PROPERTY(QStringList listenAddresses READ listenAddresses WRITE setListenAddresses NOTIFY listenAddressesChanged)
    Q_PROPERTY(int loops READ loops WRITE setLoops NOTIFY loopsChanged)
    Q_PROPERTY(Balancing balancing READ balancing WRITE setBalancing NOTIFY balancingChanged)
    Q_PROPERTY(IoBackend backend READ backend WRITE setBackend NOTIFY backendChanged)
    Q_PROPERTY(bool reusePort READ reusePort WRITE setReusePort NOTIFY reusePortChanged)
    Q_PROPERTY(bool deliverData READ deliverData WRITE setDeliverData NOTIFY deliverDataChanged)
    Q_PROPERTY(qint64 deliveryLimit READ deliveryLimit WRITE setDeliveryLimit NOTIFY deliveryLimitChanged)
    Q_PROPERTY(int tickInterval READ tickInterval WRITE setTickInterval NOTIFY tickIntervalChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(int connectionCount READ connectionCount NOTIFY connectionCountChanged)
    Q_PROPERTY(QStringList boundUrls READ boundUrls NOTIFY runningChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorOccurred)
public:
    /// Balancing mirrors qgnet::LoadBalancing.
    enum Balancing { RoundRobin, LeastConnections, SourceAddrHash };
    Q_ENUM(Balancing)
    /// IoBackend mirrors qgnet::Backend.
    enum IoBackend { Epoll, IoUring };
    Q_ENUM(IoBackend)

    /// TrafficHandler runs on a loop thread for every readable connection (gnet's OnTraffic), before
    /// and independently of data delivery. It may read, write and return an Action like any handler.
    using TrafficHandler = std::function<Action(Conn&)>;

    explicit QtServer(QObject* parent = nullptr);
    ~QtServer() override; ///< Stops the engine (no drain) and joins its threads.

    /// listenAddresses are the URLs to listen on ("tcp://127.0.0.1:0", "udp://:9000", "unix:///run/s").
    QStringList listenAddresses() const;
    void setListenAddresses(const QStringList& urls);
    /// loops is Options::numEventLoop (0: one loop). The engine options apply at the next start().
    int loops() const;
    void setLoops(int loops);
    /// balancing is Options::lb.
    Balancing balancing() const;
    void setBalancing(Balancing balancing);
    /// backend is Options::backend.
    IoBackend backend() const;
    void setBackend(IoBackend backend);
    /// reusePort is Options::reusePort.
    bool reusePort() const;
    void setReusePort(bool on);
    /// deliverData turns on dataReceived (see the class comment); changes only while stopped.
    bool deliverData() const;
    void setDeliverData(bool on);
    /// deliveryLimit is the most undelivered bytes one connection may have in flight to the Qt thread
    /// before it stops reading (default 1 MiB); for UDP, the most datagram bytes one loop may have
    /// in flight before it drops datagrams (droppedDatagrams).
    qint64 deliveryLimit() const;
    void setDeliveryLimit(qint64 bytes);
    /// tickInterval in milliseconds emits ticked() from the engine's ticker; 0 (default) disables it.
    int tickInterval() const;
    void setTickInterval(int ms);

    /// options are the engine options that start() uses; the properties above write into them, and
    /// C++ code can set every other field here. Changes apply at the next start().
    Options options() const;
    void setOptions(const Options& options);
    /// setTrafficHandler installs the loop-thread handler (see TrafficHandler); before start().
    void setTrafficHandler(TrafficHandler handler);
    /// setLoopHandler installs a whole loop-thread EventHandler instead (onOpen, onTraffic, onClose,
    /// onWritabilityChanged; the bridge keeps onBoot, onShutdown and onTick), for a protocol that keeps
    /// per-connection state, such as http::Server under QtHttpServer. It must outlive the engine;
    /// null removes it. Before start().
    void setLoopHandler(EventHandler* handler);

    /// isRunning: between a successful start() and stop() (or the engine stopping by itself).
    bool isRunning() const;
    /// connectionCount is the number of connections the Qt thread has seen opened and not closed.
    int connectionCount() const;
    /// droppedDatagrams counts UDP datagrams dropped because deliveryLimit bytes of datagrams were
    /// already waiting for this thread on their loop (with deliverData; a datagram cannot be paused
    /// for like a connection). Readable from any thread.
    quint64 droppedDatagrams() const;
    /// bridgeHealth says whether this thread keeps up with the engine's loops (see BridgeHealth):
    /// what waits for it now, batch sizes, drain latency and lag. This object's thread only.
    BridgeHealth bridgeHealth() const;
    /// boundUrls are the listening addresses with the ports the kernel chose.
    QStringList boundUrls() const;
    /// errorString describes the last start() failure.
    QString errorString() const;
    /// engine is the running engine (for snapshots, execute, ...); null while not running.
    Engine* engine();

public Q_SLOTS:
    /// start starts the engine; on failure (a bad address, or no descriptor left for the bridge's
    /// wake-up eventfd) it emits errorOccurred and returns false, and may be called again.
    bool start();
    /// stop stops the engine, letting connections flush for up to drainMs, and emits stopped().
    void stop(int drainMs = 0);
    /// write / closeConnection act on a connection by id; false when it is not (or no longer) open.
    bool write(quint64 connectionId, const QByteArray& data);
    bool closeConnection(quint64 connectionId);

Q_SIGNALS:
    /// started / stopped follow start() and stop() (stopped comes after every connectionClosed).
    void started();
    void stopped();
    void runningChanged();
    /// connectionOpened: a peer connected (TCP, Unix; UDP has no connections).
    void connectionOpened(const qgnet::QtConnection& connection);
    /// connectionClosed: reason is empty for a clean close by the peer, else the engine's reason.
    void connectionClosed(quint64 connectionId, const QString& reason);
    /// dataReceived: received bytes, in order per connection (only with deliverData).
    void dataReceived(const qgnet::QtConnection& connection, const QByteArray& data);
    void connectionCountChanged();
    /// errorOccurred: start() failed (bad address, bind failure, invalid option).
    void errorOccurred(const QString& message);
    /// ticked: every tickInterval ms while running (coalesced if the Qt thread lags).
    void ticked();
    void listenAddressesChanged();
    void loopsChanged();
    void balancingChanged();
    void backendChanged();
    void reusePortChanged();
    void deliverDataChanged();
    void deliveryLimitChanged();
    void tickIntervalChanged();

private:
    std::unique_ptr<qtdetail::ServerBridge> d_;
};

} // namespace qgnet
