// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <QHostAddress>
#include <QObject>
#include <QString>

class QSocketNotifier;
class QTimer;

namespace qgnet::qtdetail {

/// SocketAcceptor owns the listening socket of an InspectorEndpoint (TCP or Unix-domain) and accepts
/// on it from the thread that owns it. It replaces QTcpServer and QLocalServer, which stop for good
/// after an accept error at the descriptor limit (QTcpServer pauses accepting, QLocalServer closes its
/// socket) while still reporting that they listen: here a resource error (EMFILE, ENFILE, ENOBUFS,
/// ENOMEM) stops accepting for a back-off that doubles from FirstRetryMs to MaxRetryMs, is reported
/// through stalledChanged() and stallReason(), and accepting resumes by itself once a retry works.
/// A Unix path is taken over only from a stale socket (a socket file nobody answers on); a live
/// socket or a file that is not a socket is an error and is left alone. The socket file this object
/// made is removed when it closes, if it is still the same file.
class SocketAcceptor : public QObject {
    Q_OBJECT
public:
    /// FirstRetryMs / MaxRetryMs bound the back-off after a resource error.
    static constexpr int FirstRetryMs = 50;
    static constexpr int MaxRetryMs = 2000;

    explicit SocketAcceptor(QObject* parent = nullptr);
    ~SocketAcceptor() override;
    SocketAcceptor(const SocketAcceptor&) = delete;
    SocketAcceptor& operator=(const SocketAcceptor&) = delete;

    /// listenTcp binds host:port (0: the kernel chooses). False with *error on failure.
    bool listenTcp(const QHostAddress& host, quint16 port, QString* error);
    /// listenUnix binds path (a name without '/' goes into QDir::tempPath(), as with QLocalServer),
    /// readable and writable by this user only. False with *error on failure (messages in the
    /// qgnet::InspectorEndpoint translation context: they reach the user through it).
    bool listenUnix(const QString& path, QString* error);
    /// close stops listening (and removes the socket file listenUnix made).
    void close();

    /// url is the bound address: "tcp://127.0.0.1:port" (the port the kernel chose) or "unix:/path".
    QString url() const { return url_; }
    /// isStalled is true while accepting waits out a back-off after a resource error.
    bool isStalled() const { return !stallReason_.isEmpty(); }
    /// stallReason is the error that stopped accepting (strerror text); empty while accepting.
    QString stallReason() const { return stallReason_; }

Q_SIGNALS:
    /// accepted hands over a connected, non-blocking, close-on-exec descriptor: the receiver owns it.
    void accepted(int descriptor);
    /// stalledChanged is emitted when accepting stops after a resource error and when it resumes.
    void stalledChanged();

private:
    bool adopt(int fd, QString* error);
    void acceptPending();
    void setStall(const QString& reason);

    int fd_ = -1;
    QSocketNotifier* notifier_ = nullptr;
    QTimer* retry_ = nullptr;
    int retryMs_ = FirstRetryMs;
    QString stallReason_;
    QString url_;
    QString unixPath_; // the file to remove at close; empty for TCP
    dev_t unixDevice_ = 0;
    ino_t unixInode_ = 0;
};

} // namespace qgnet::qtdetail
