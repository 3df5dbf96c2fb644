// SPDX-License-Identifier: Apache-2.0
#include "demo_load.h"

#include <algorithm>
#include <cmath>

namespace qgnet::inspector {

namespace {
constexpr int kMaxBlock = 8 * 1024;
}

DemoLoad::DemoLoad(QObject* parent) : QObject(parent), payload_(kMaxBlock, 'q')
{
    client_.setLoops(2);
    ticker_.setInterval(50);
    connect(&ticker_, &QTimer::timeout, this, &DemoLoad::tick);
    connect(&churner_, &QTimer::timeout, this, &DemoLoad::churn);
    connect(&client_, &QtClient::connected, this, [this](int, const QtConnection& c) {
        --pending_;
        if (!running_) {
            c.close();
            return;
        }
        open_.push_back(c);
        emit openConnectionsChanged();
    });
    connect(&client_, &QtClient::dialFailed, this, [this](int, const QString& error) {
        --pending_;
        emit errorOccurred(tr("Load generator: %1").arg(error));
    });
    connect(&client_, &QtClient::dataReceived, this,
        [this](const QtConnection&, const QByteArray& data) { echoed_ += data.size(); });
    connect(&client_, &QtClient::disconnected, this, [this](quint64 id, const QString&) {
        const auto it = std::find_if(open_.begin(), open_.end(), [id](const QtConnection& c) { return c.id() == id; });
        if (it != open_.end()) {
            open_.erase(it);
            emit openConnectionsChanged();
        }
        // Keep the number of connections up while running (churn closes, this redials).
        if (running_ && openConnections() + pending_ < target_)
            dialOne();
    });
}

DemoLoad::~DemoLoad() { stop(); }

bool DemoLoad::start(const QString& url, int connections)
{
    stop();
    if (!client_.start())
        return false;
    url_ = url;
    target_ = std::max(0, connections);
    running_ = true;
    for (int i = 0; i < target_; ++i)
        dialOne();
    ticker_.start();
    return true;
}

void DemoLoad::stop()
{
    if (!running_)
        return;
    running_ = false;
    ticker_.stop();
    churner_.stop();
    client_.stop();
    open_.clear();
    pending_ = 0;
    emit openConnectionsChanged();
}

void DemoLoad::setChurn(int everyMs)
{
    if (everyMs > 0) {
        churner_.start(everyMs);
    } else {
        churner_.stop();
    }
}

void DemoLoad::setTickInterval(int ms) { ticker_.setInterval(std::max(1, ms)); }

void DemoLoad::dialOne()
{
    ++pending_;
    client_.dial(url_, 5000);
}

void DemoLoad::tick()
{
    ++ticks_;
    const double t = static_cast<double>(ticks_) * ticker_.interval() / 1000.0;
    for (std::size_t i = 0; i < open_.size(); ++i) {
        // A slow wave per connection (period 6..20 s, its own phase) plus a little noise.
        const double period = 6.0 + static_cast<double>(i % 8) * 2.0;
        const double wave = 0.5 + 0.5 * std::sin(2.0 * M_PI * t / period + static_cast<double>(i));
        std::uniform_int_distribution<int> noise(0, 512);
        const int size = std::clamp(static_cast<int>(wave * (kMaxBlock - 512)) + noise(random_), 1, kMaxBlock);
        open_[i].write(payload_.left(size));
    }
}

void DemoLoad::churn()
{
    if (open_.empty())
        return;
    std::uniform_int_distribution<std::size_t> pick(0, open_.size() - 1);
    open_[pick(random_)].close(); // disconnected() redials
}

} // namespace qgnet::inspector
