// SPDX-License-Identifier: Apache-2.0
#include "qgnet/qt/qt_client.h"

#include <QHash>
#include <QPointer>

#include "bridge/bridge_handler.h"
#include "qgnet/client.h"
#include "qgnet/conn.h"
#include "qgnet/qt/logging.h"

namespace qgnet {

namespace qtdetail {

// ClientBridge is QtClient's private part, the client twin of ServerBridge.
class ClientBridge final : public BridgeSink {
public:
    explicit ClientBridge(QtClient* q) : q_(q), handler_(q, *this) { handler_.deliverData = true; }
    ~ClientBridge() override
    {
        client_.stop();
        client_ = Client();
    }

    void bridgeOpened(const std::shared_ptr<ConnShared>& conn) override { open_.insert(conn->connection.id(), conn); }
    void bridgeData(const std::shared_ptr<ConnShared>& conn, const QByteArray& data) override
    {
        emit q_->dataReceived(conn->connection, data);
    }
    void bridgeClosed(const std::shared_ptr<ConnShared>& conn, const QString& reason) override
    {
        open_.remove(conn->connection.id());
        emit q_->disconnected(conn->connection.id(), reason);
    }
    void bridgeDialed(const std::shared_ptr<ConnShared>& conn, int request) override
    {
        emit q_->connected(request, conn->connection);
    }
    void bridgeDialFailed(int request, const QString& error) override { emit q_->dialFailed(request, error); }
    void bridgeTick() override {}
    void bridgeShutdown() override
    {
        if (running_ && !stopping_ && client_.engine().validate())
            q_->stop();
    }

    QtClient* q_;
    BridgeHandler handler_;
    Options options_;
    bool running_ = false;
    bool stopping_ = false;
    int nextRequest_ = 0;
    QHash<quint64, std::shared_ptr<ConnShared>> open_;
    Client client_; // after handler_: destroyed first
};

} // namespace qtdetail

QtClient::QtClient(QObject* parent) : QObject(parent), d_(std::make_unique<qtdetail::ClientBridge>(this))
{
    static const int registered = qRegisterMetaType<qgnet::QtConnection>();
    Q_UNUSED(registered);
}

QtClient::~QtClient() = default;

int QtClient::loops() const { return d_->options_.numEventLoop; }

void QtClient::setLoops(int loops)
{
    if (loops == d_->options_.numEventLoop)
        return;
    d_->options_.numEventLoop = loops;
    emit loopsChanged();
}

QtServer::IoBackend QtClient::backend() const { return static_cast<QtServer::IoBackend>(d_->options_.backend); }

void QtClient::setBackend(QtServer::IoBackend backend)
{
    if (backend == this->backend())
        return;
    d_->options_.backend = static_cast<Backend>(backend);
    emit backendChanged();
}

bool QtClient::isRunning() const { return d_->running_; }

bool QtClient::start()
{
    if (d_->running_)
        return true;
    if (QString why; !d_->handler_.ensureWake(&why)) {
        emit errorOccurred(tr("Cannot create the bridge's wake-up descriptor: %1").arg(why));
        return false;
    }
    try {
        Options options = d_->options_;
        if (!options.logger && options.logPath.empty())
            options.logger = makeQtLogger(); // the engine's lines go to qgnet.core, not straight to stderr
        d_->client_ = Client::start(d_->handler_, options);
    } catch (const std::exception& e) {
        emit errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    d_->running_ = true;
    emit runningChanged();
    return true;
}

void QtClient::stop()
{
    if (!d_->running_ || d_->stopping_)
        return;
    d_->stopping_ = true;
    d_->client_.stop();
    QPointer<QtClient> guard(this);
    d_->handler_.drainAll();
    if (!guard)
        return;
    d_->stopping_ = false;
    d_->open_.clear();
    d_->client_ = Client();
    d_->running_ = false;
    emit runningChanged();
}

int QtClient::dial(const QString& url, int timeoutMs)
{
    const int request = ++d_->nextRequest_;
    QPointer<QtClient> self(this);
    const auto failLater = [self](int req, const QString& error) {
        // Queued even when the failure is known at once, so the caller has the request number first.
        QMetaObject::invokeMethod(
            self.data(),
            [self, req, error] {
                if (self)
                    emit self->dialFailed(req, error);
            },
            Qt::QueuedConnection);
    };
    if (!d_->running_ && !start()) {
        failLater(request, tr("The client could not start"));
        return request;
    }
    qtdetail::BridgeHandler* handler = &d_->handler_;
    const std::error_code ec = d_->client_.dial(url.toStdString(), std::chrono::milliseconds(std::max(timeoutMs, 1)),
        [handler, request](Conn* conn, std::error_code error) {
            if (conn)
                handler->dialed(*conn, request); // in order after the connection's open
            else
                handler->dialFailed(request, QString::fromStdString(error.message()));
        });
    if (ec)
        failLater(request, QString::fromStdString(ec.message()));
    return request;
}

} // namespace qgnet
