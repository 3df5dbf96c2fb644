// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_server.h"

#include <QHash>
#include <QPointer>

#include "bridge/bridge_handler.h"
#include "qgnet/error.h"
#include "qgnet/qt/logging.h"

namespace qgnet {

namespace qtdetail {

// ServerBridge is QtServer's private part: settings, the engine and its handler, and the Qt-side
// table of open connections (Qt thread only, in the order the bridge delivered them).
class ServerBridge final : public BridgeSink {
public:
    explicit ServerBridge(QtServer* q) : q_(q), handler_(q, *this) {}
    ~ServerBridge() override
    {
        // No signals from a destructor: stop the engine (joins its threads) and drop what is queued.
        engine_.stop();
        engine_ = Engine();
    }

    void bridgeOpened(const std::shared_ptr<ConnShared>& conn) override
    {
        open_.insert(conn->connection.id(), conn);
        QPointer<QtServer> guard(q_);
        emit q_->connectionOpened(conn->connection);
        if (guard)
            emit q_->connectionCountChanged();
    }
    void bridgeData(const std::shared_ptr<ConnShared>& conn, const QByteArray& data) override
    {
        emit q_->dataReceived(conn->connection, data);
    }
    void bridgeClosed(const std::shared_ptr<ConnShared>& conn, const QString& reason) override
    {
        open_.remove(conn->connection.id());
        QPointer<QtServer> guard(q_);
        emit q_->connectionClosed(conn->connection.id(), reason);
        if (guard)
            emit q_->connectionCountChanged();
    }
    void bridgeDialed(const std::shared_ptr<ConnShared>&, int) override {}
    void bridgeDialFailed(int, const QString&) override {}
    void bridgeTick() override { emit q_->ticked(); }
    void bridgeShutdown() override
    {
        // The engine stopped by itself (Action::Shutdown): finish as stop() would. (When stop()
        // itself delivers this, it is already finishing.)
        if (running_ && !stopping_ && engine_.validate())
            q_->stop();
    }

    QtServer* q_;
    BridgeHandler handler_;
    Options options_;
    QStringList listen_;
    QStringList bound_;
    QString error_;
    bool running_ = false;
    bool stopping_ = false;
    QHash<quint64, std::shared_ptr<ConnShared>> open_;
    Engine engine_; // after handler_: destroyed first, so the handler outlives it
};

} // namespace qtdetail

QtServer::QtServer(QObject* parent) : QObject(parent), d_(std::make_unique<qtdetail::ServerBridge>(this))
{
    static const int registered = qRegisterMetaType<qgnet::QtConnection>();
    Q_UNUSED(registered);
}

QtServer::~QtServer() = default;

QStringList QtServer::listenAddresses() const { return d_->listen_; }

void QtServer::setListenAddresses(const QStringList& urls)
{
    if (urls == d_->listen_)
        return;
    d_->listen_ = urls;
    emit listenAddressesChanged();
}

int QtServer::loops() const { return d_->options_.numEventLoop; }

void QtServer::setLoops(int loops)
{
    if (loops == d_->options_.numEventLoop)
        return;
    d_->options_.numEventLoop = loops;
    emit loopsChanged();
}

QtServer::Balancing QtServer::balancing() const { return static_cast<Balancing>(d_->options_.lb); }

void QtServer::setBalancing(Balancing balancing)
{
    if (balancing == this->balancing())
        return;
    d_->options_.lb = static_cast<LoadBalancing>(balancing);
    emit balancingChanged();
}

QtServer::IoBackend QtServer::backend() const { return static_cast<IoBackend>(d_->options_.backend); }

void QtServer::setBackend(IoBackend backend)
{
    if (backend == this->backend())
        return;
    d_->options_.backend = static_cast<Backend>(backend);
    emit backendChanged();
}

bool QtServer::reusePort() const { return d_->options_.reusePort; }

void QtServer::setReusePort(bool on)
{
    if (on == d_->options_.reusePort)
        return;
    d_->options_.reusePort = on;
    emit reusePortChanged();
}

bool QtServer::deliverData() const { return d_->handler_.deliverData; }

void QtServer::setDeliverData(bool on)
{
    if (on == d_->handler_.deliverData)
        return;
    if (d_->running_) {
        qCWarning(lcQt, "QtServer: deliverData changes only while stopped");
        return;
    }
    d_->handler_.deliverData = on;
    emit deliverDataChanged();
}

qint64 QtServer::deliveryLimit() const { return d_->handler_.deliveryLimit; }

void QtServer::setDeliveryLimit(qint64 bytes)
{
    bytes = std::max<qint64>(bytes, 1);
    if (bytes == d_->handler_.deliveryLimit)
        return;
    if (d_->running_) {
        qCWarning(lcQt, "QtServer: deliveryLimit changes only while stopped");
        return;
    }
    d_->handler_.deliveryLimit = bytes;
    emit deliveryLimitChanged();
}

int QtServer::tickInterval() const { return d_->handler_.tickIntervalMs; }

void QtServer::setTickInterval(int ms)
{
    ms = std::max(ms, 0);
    if (ms == d_->handler_.tickIntervalMs)
        return;
    if (d_->running_) {
        qCWarning(lcQt, "QtServer: tickInterval changes only while stopped");
        return;
    }
    d_->handler_.tickIntervalMs = ms;
    emit tickIntervalChanged();
}

Options QtServer::options() const { return d_->options_; }

void QtServer::setOptions(const Options& options)
{
    const Options before = d_->options_;
    d_->options_ = options;
    if (before.numEventLoop != options.numEventLoop)
        emit loopsChanged();
    if (before.lb != options.lb)
        emit balancingChanged();
    if (before.backend != options.backend)
        emit backendChanged();
    if (before.reusePort != options.reusePort)
        emit reusePortChanged();
}

void QtServer::setTrafficHandler(TrafficHandler handler)
{
    if (d_->running_) {
        qCWarning(lcQt, "QtServer: the traffic handler changes only while stopped");
        return;
    }
    d_->handler_.trafficHandler = std::move(handler);
}

void QtServer::setLoopHandler(EventHandler* handler)
{
    if (d_->running_) {
        qCWarning(lcQt, "QtServer: the loop handler changes only while stopped");
        return;
    }
    d_->handler_.loopHandler = handler;
    if (handler)
        d_->handler_.trafficHandler = [handler](Conn& conn) { return handler->onTraffic(conn); };
    else
        d_->handler_.trafficHandler = nullptr;
}

bool QtServer::isRunning() const { return d_->running_; }

int QtServer::connectionCount() const { return static_cast<int>(d_->open_.size()); }

quint64 QtServer::droppedDatagrams() const { return d_->handler_.droppedDatagrams(); }

BridgeHealth QtServer::bridgeHealth() const { return d_->handler_.health(); }

QStringList QtServer::boundUrls() const { return d_->bound_; }

QString QtServer::errorString() const { return d_->error_; }

Engine* QtServer::engine() { return d_->running_ ? &d_->engine_ : nullptr; }

bool QtServer::start()
{
    if (d_->running_)
        return true;
    const auto failWith = [this](const QString& message) {
        d_->error_ = message;
        emit errorOccurred(message);
        return false;
    };
    if (d_->listen_.isEmpty())
        return failWith(tr("No listen address set"));
    if (QString why; !d_->handler_.ensureWake(&why))
        return failWith(tr("Cannot create the bridge's wake-up descriptor: %1").arg(why));
    std::vector<std::string> addresses;
    for (const QString& url : d_->listen_)
        addresses.push_back(url.toStdString());
    Options options = d_->options_;
    if (!options.logger && options.logPath.empty())
        options.logger = makeQtLogger(); // the engine's lines go to qgnet.core, not straight to stderr
    if (d_->handler_.tickIntervalMs > 0)
        options.ticker = true;
    try {
        d_->engine_ = Engine::start(d_->handler_, addresses, options);
    } catch (const std::exception& e) {
        return failWith(QString::fromStdString(e.what()));
    }
    d_->bound_.clear();
    for (const std::string& url : d_->engine_.listenUrls())
        d_->bound_ << QString::fromStdString(url);
    d_->error_.clear();
    d_->running_ = true;
    QPointer<QtServer> guard(this);
    emit runningChanged();
    if (guard)
        emit started();
    return true;
}

void QtServer::stop(int drainMs)
{
    if (!d_->running_ || d_->stopping_)
        return;
    d_->stopping_ = true;
    d_->engine_.stop(std::chrono::milliseconds(std::max(drainMs, 0)));
    // The loops are joined: deliver what they left (the close of every connection), in order.
    QPointer<QtServer> guard(this);
    d_->handler_.drainAll();
    if (!guard)
        return;
    d_->stopping_ = false;
    d_->open_.clear(); // normally empty now: every open was followed by its close
    d_->engine_ = Engine();
    d_->running_ = false;
    emit runningChanged();
    if (guard)
        emit stopped();
}

bool QtServer::write(quint64 connectionId, const QByteArray& data)
{
    const auto it = d_->open_.constFind(connectionId);
    return it != d_->open_.constEnd() && (*it)->connection.write(data);
}

bool QtServer::closeConnection(quint64 connectionId)
{
    const auto it = d_->open_.constFind(connectionId);
    return it != d_->open_.constEnd() && (*it)->connection.close();
}

} // namespace qgnet
