// SPDX-License-Identifier: Apache-2.0
#include "qgnet/test/test_server.h"

#include <exception>

#include <QTemporaryDir>
#include <QTest>

#include <qgnet/error.h>

namespace qgnet::test {

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    if (stopOnDestroy_)
        stop();
}

bool TestServer::start(EventHandler& handler, std::string_view network, const Options& options)
{
    const std::string address = urlFor(network);
    if (address.empty())
        return false;
    try {
        engine_ = Engine::start(handler, address, options);
    } catch (const std::exception& e) {
        err_ = "Engine::start(" + address + ") threw: " + e.what();
        return false;
    }
    stopOnDestroy_ = true;
    return true;
}

bool TestServer::start(EventHandler& handler, std::span<const std::string> addresses, const Options& options)
{
    try {
        engine_ = Engine::start(handler, addresses, options);
    } catch (const std::exception& e) {
        err_ = std::string("Engine::start(...) threw: ") + e.what();
        return false;
    }
    stopOnDestroy_ = true;
    return true;
}

bool TestServer::stop(std::chrono::milliseconds drainTimeout)
{
    stopOnDestroy_ = false;
    engine_.stop(drainTimeout);
    const int left = engine_.countConnections(); // -1: the test emptied the handle (engine destroyed)
    const bool stopped = engine_.validate() == Errc::EngineStopped;
    if (left <= 0 && stopped)
        return true;
    const std::string msg = "TestServer: after stop() the engine " + std::string(stopped ? "" : "still validates and ")
        + "counts " + std::to_string(left) + " connections";
    QTest::qFail(msg.c_str(), __FILE__, __LINE__);
    return false;
}

SocketAddress TestServer::address() const { return engine_.listenAddresses().at(0); }

std::uint16_t TestServer::port() const { return address().port(); }

std::string TestServer::url() const { return engine_.listenUrls().at(0); }

std::string TestServer::urlFor(std::string_view network)
{
    if (network.find("://") != std::string_view::npos)
        return std::string(network);
    if (network == "tcp")
        return "tcp://127.0.0.1:0";
    if (network == "tcp6")
        return "tcp6://[::1]:0";
    if (network == "udp")
        return "udp://127.0.0.1:0";
    if (network == "udp6")
        return "udp6://[::1]:0";
    if (network == "unix") {
        dir_ = std::make_unique<QTemporaryDir>();
        if (!dir_->isValid()) {
            err_ = "TestServer: no temporary directory for the unix socket";
            return {};
        }
        return "unix://" + dir_->filePath(QStringLiteral("s.sock")).toStdString();
    }
    err_ = "TestServer: unknown network '" + std::string(network) + "'";
    return {};
}

} // namespace qgnet::test
