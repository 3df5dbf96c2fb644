// SPDX-License-Identifier: Apache-2.0
// Built against an installed QGnet::Core: an echo engine and a Client that dials it and checks the echo.
#include <chrono>
#include <cstdio>
#include <future>
#include <string>

#include <qgnet/qgnet.h>

namespace {

class Echo : public qgnet::EventHandler {
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        (void)c.write(c.next());
        return qgnet::Action::None;
    }
};

class Collect : public qgnet::EventHandler {
public:
    std::string received;
    std::promise<void> done;
    qgnet::Action onTraffic(qgnet::Conn& c) override
    {
        const qgnet::Bytes data = c.next();
        received.append(reinterpret_cast<const char*>(data.data()), data.size());
        if (received.size() >= 5)
            done.set_value();
        return qgnet::Action::None;
    }
};

} // namespace

int main()
{
    using namespace std::chrono_literals;
    Echo echo;
    qgnet::Engine engine = qgnet::Engine::start(echo, "tcp://127.0.0.1:0");
    Collect collect;
    auto finished = collect.done.get_future();
    qgnet::Client client = qgnet::Client::start(collect);
    std::error_code ec;
    const qgnet::ConnHandle handle = client.dialAndWait(engine.listenUrls().at(0), 5s, ec);
    if (ec || handle.asyncWrite(std::string_view("hello"))) {
        std::fprintf(stderr, "core-consumer: dial or write failed: %s\n", ec.message().c_str());
        return 1;
    }
    if (finished.wait_for(10s) != std::future_status::ready || collect.received != "hello") {
        std::fprintf(stderr, "core-consumer: no echo\n");
        return 1;
    }
    client.stop();
    engine.stop();
    std::printf("core-consumer: echo ok\n");
    return 0;
}
