// SPDX-License-Identifier: Apache-2.0
#include "remote/socket_acceptor.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace qgnet::qtdetail {

namespace {

// Enough for a burst of inspectors; more wait in the kernel until the next readiness.
constexpr int Backlog = 64;
// Accepts per readiness notification, so one busy listener cannot keep the GUI thread to itself.
constexpr int AcceptsPerWakeup = 64;

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

bool isResourceError(int error) { return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM; }

// unixAddress fills sa for path; false when the path does not fit into sun_path with its NUL.
bool unixAddress(const QByteArray& path, sockaddr_un* sa)
{
    *sa = {};
    sa->sun_family = AF_UNIX;
    if (path.isEmpty() || static_cast<std::size_t>(path.size()) >= sizeof sa->sun_path)
        return false;
    std::memcpy(sa->sun_path, path.constData(), static_cast<std::size_t>(path.size()));
    return true;
}

// probeUnix connects to the socket at sa without blocking: 0 when something answers (or its backlog
// is full, which is an answer too), else the connect error (ECONNREFUSED: nobody listens).
int probeUnix(const sockaddr_un& sa)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return errno;
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa);
    const int error = rc == 0 || errno == EAGAIN ? 0 : errno;
    ::close(fd);
    return error;
}

} // namespace

SocketAcceptor::SocketAcceptor(QObject* parent) : QObject(parent), retry_(new QTimer(this))
{
    retry_->setSingleShot(true);
    connect(retry_, &QTimer::timeout, this, [this] {
        notifier_->setEnabled(true);
        acceptPending();
    });
}

SocketAcceptor::~SocketAcceptor() { close(); }

bool SocketAcceptor::listenTcp(const QHostAddress& host, quint16 port, QString* error)
{
    close();
    sockaddr_storage ss{};
    socklen_t length = 0;
    const bool v6 = host.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6) {
        auto* sa = reinterpret_cast<sockaddr_in6*>(&ss);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::memcpy(&sa->sin6_addr, bytes.c, sizeof bytes.c);
        sa->sin6_scope_id = static_cast<uint32_t>(host.scopeId().toUInt());
        length = sizeof(sockaddr_in6);
    } else {
        auto* sa = reinterpret_cast<sockaddr_in*>(&ss);
        sa->sin_family = AF_INET;
        sa->sin_port = htons(port);
        sa->sin_addr.s_addr = htonl(host.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = errnoText(errno);
        return false;
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); // restart at once over TIME_WAIT
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&ss), length) != 0 || ::listen(fd, Backlog) != 0) {
        *error = errnoText(errno);
        ::close(fd);
        return false;
    }
    ss = {};
    length = sizeof ss;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &length);
    const QHostAddress bound(reinterpret_cast<const sockaddr*>(&ss));
    const quint16 boundPort = ntohs(v6 ? reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port
                                       : reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
    if (!adopt(fd, error))
        return false;
    url_ = QStringLiteral("tcp://%1:%2")
               .arg(v6 ? QStringLiteral("[%1]").arg(bound.toString()) : bound.toString())
               .arg(boundPort);
    return true;
}

bool SocketAcceptor::listenUnix(const QString& name, QString* error)
{
    close();
    const QString path = name.startsWith(QLatin1Char('/')) ? name : QDir::cleanPath(QDir::tempPath()) + u'/' + name;
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un sa{};
    if (!unixAddress(native, &sa)) {
        *error = QCoreApplication::translate("qgnet::InspectorEndpoint",
            "the socket path is %1 bytes long; at most %2 fit")
                     .arg(native.size())
                     .arg(sizeof sa.sun_path - 1);
        return false;
    }
    // Whatever is at the path stays, unless it is a socket nobody answers on (left by a crashed process).
    struct stat st {};
    if (::lstat(native.constData(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            *error = QCoreApplication::translate("qgnet::InspectorEndpoint",
                "%1 exists and is not a socket (left as it is)")
                         .arg(path);
            return false;
        }
        const int probe = probeUnix(sa);
        if (probe == 0) {
            *error = QCoreApplication::translate("qgnet::InspectorEndpoint", "another process is serving there");
            return false;
        }
        if (probe != ECONNREFUSED) {
            *error = errnoText(probe);
            return false;
        }
        ::unlink(native.constData()); // stale
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = errnoText(errno);
        return false;
    }
    // The statistics are the owner's business: on Linux the file bind() makes takes the socket's
    // mode, so there is no moment in which others may connect.
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
        *error = errno == EADDRINUSE
            ? QCoreApplication::translate("qgnet::InspectorEndpoint", "another process is serving there")
            : errnoText(errno);
        ::close(fd);
        return false;
    }
    if (::lstat(native.constData(), &st) != 0 || ::listen(fd, Backlog) != 0 || !adopt(fd, error)) {
        if (error->isEmpty())
            *error = errnoText(errno);
        ::unlink(native.constData());
        ::close(fd);
        return false;
    }
    unixPath_ = path;
    unixDevice_ = st.st_dev;
    unixInode_ = st.st_ino;
    url_ = QStringLiteral("unix:") + path;
    return true;
}

bool SocketAcceptor::adopt(int fd, QString* error)
{
    // QSocketNotifier needs no descriptor of its own on Linux (the event dispatcher polls fd).
    notifier_ = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    if (!notifier_->isValid()) {
        *error = QCoreApplication::translate("qgnet::InspectorEndpoint", "cannot watch the listening socket");
        delete notifier_;
        notifier_ = nullptr;
        ::close(fd);
        return false;
    }
    fd_ = fd;
    connect(notifier_, &QSocketNotifier::activated, this, &SocketAcceptor::acceptPending);
    return true;
}

void SocketAcceptor::close()
{
    retry_->stop();
    delete notifier_;
    notifier_ = nullptr;
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    if (!unixPath_.isEmpty()) {
        // Only our own file: another endpoint may have taken the path over after it went stale.
        const QByteArray native = QFile::encodeName(unixPath_);
        struct stat st {};
        if (::lstat(native.constData(), &st) == 0 && st.st_dev == unixDevice_ && st.st_ino == unixInode_)
            ::unlink(native.constData());
    }
    unixPath_.clear();
    url_.clear();
    retryMs_ = FirstRetryMs;
    if (isStalled()) {
        stallReason_.clear();
        emit stalledChanged();
    }
}

void SocketAcceptor::acceptPending()
{
    for (int i = 0; i < AcceptsPerWakeup && fd_ >= 0; ++i) {
        const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) {
            retryMs_ = FirstRetryMs;
            setStall(QString());
            emit accepted(fd); // may close this acceptor: the loop checks fd_ again
            continue;
        }
        const int error = errno;
        if (error == EINTR || error == ECONNABORTED || error == EPROTO || error == EPERM)
            continue; // that peer is gone, or a firewall said no: the next one may be fine
        if (error == EAGAIN || error == EWOULDBLOCK) {
            setStall(QString()); // nobody waits: whatever failed before is over for now
            return;
        }
        if (isResourceError(error)) {
            // Level-triggered readiness would call again at once: wait instead, longer each time.
            notifier_->setEnabled(false);
            retry_->start(retryMs_);
            retryMs_ = std::min(retryMs_ * 2, MaxRetryMs);
            setStall(errnoText(error));
            return;
        }
        setStall(errnoText(error)); // not expected on a listening socket: report it and try again later
        notifier_->setEnabled(false);
        retry_->start(MaxRetryMs);
        return;
    }
}

void SocketAcceptor::setStall(const QString& reason)
{
    if (reason == stallReason_)
        return;
    stallReason_ = reason;
    emit stalledChanged();
}

} // namespace qgnet::qtdetail
