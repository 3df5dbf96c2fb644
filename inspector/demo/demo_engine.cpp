// SPDX-License-Identifier: Apache-2.0
#include "demo_engine.h"

#include "demo_echo.h"

namespace qgnet::inspector {

DemoEngine::DemoEngine(QObject* parent) : QObject(parent)
{
    server_.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server_.setBalancing(QtServer::LeastConnections);
    server_.setTrafficHandler(&demoEcho);
}

DemoEngine::~DemoEngine() { stop(); }

bool DemoEngine::start(int loops, int connections, int churnMs)
{
    server_.setLoops(loops);
    if (!server_.start()) {
        error_ = server_.errorString();
        return false;
    }
    const QStringList urls = server_.boundUrls();
    if (urls.isEmpty() || !load_.start(urls.first(), connections)) {
        error_ = tr("The load generator could not start");
        server_.stop();
        return false;
    }
    load_.setChurn(churnMs);
    return true;
}

void DemoEngine::stop()
{
    load_.stop();
    server_.stop();
}

} // namespace qgnet::inspector
