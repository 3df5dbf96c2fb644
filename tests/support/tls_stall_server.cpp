// SPDX-License-Identifier: Apache-2.0
#include "tls_stall_server.h"

#include <QSslConfiguration>

#include <chrono>
#include <cstring>

#include <qgnet/conn.h>
#include <qgnet/tls.h>

#include "tls_test_pki.h"

using namespace std::chrono_literals;

TlsStallServer::TlsStallServer(QObject* parent) : QObject(parent)
{
    const qgnet_test::TestPki pki = qgnet_test::makeTestPki();
    caCert_ = QByteArray::fromStdString(pki.caCert);
    server_.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server_.setLoops(1);
    qgnet::Options options = server_.options();
    options.stallThreshold = 10ms;
    options.tls = std::make_shared<const qgnet::TlsContext>(
        qgnet::TlsContext::serverFromPem(pki.serverCert, pki.serverKey, {.alpn = {"qgnet-test/1"}}));
    server_.setOptions(options);
    server_.setTrafficHandler([](qgnet::Conn& c) {
        const qgnet::Bytes b = c.next();
        if (b.size() >= 5 && std::memcmp(b.data(), "stall", 5) == 0) {
            // Busy, not asleep: the loop thread is on the CPU in onTraffic (what a stall is).
            const auto until = std::chrono::steady_clock::now() + 60ms;
            while (std::chrono::steady_clock::now() < until) {}
        }
        c.write(b);
        return qgnet::Action::None;
    });
    connect(&socket_, &QSslSocket::encrypted, this, &TlsStallServer::clientChanged);
    connect(&socket_, &QSslSocket::disconnected, this, &TlsStallServer::clientChanged);
    connect(&socket_, &QSslSocket::readyRead, this, [this] {
        received_ += socket_.readAll();
        emit clientChanged();
    });
}

TlsStallServer::~TlsStallServer() { stop(); }

bool TlsStallServer::start()
{
    if (server_.start())
        return true;
    qWarning("TlsStallServer: %s", qPrintable(server_.errorString()));
    return false;
}

void TlsStallServer::connectClient()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromData(caCert_));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setAllowedNextProtocols({QByteArrayLiteral("qgnet-test/1")});
    socket_.setSslConfiguration(config);
    const quint16 port = server_.boundUrls().value(0).section(QLatin1Char(':'), -1).toUShort();
    socket_.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
}

void TlsStallServer::send(const QString& text) { socket_.write(text.toUtf8()); }

void TlsStallServer::stop()
{
    socket_.abort();
    server_.stop();
}
