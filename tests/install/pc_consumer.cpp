// SPDX-License-Identifier: Apache-2.0
// Built with nothing but `pkg-config --cflags --libs qgnet`: starts an engine and reads its address.
#include <cstdio>
#include <string>

#include <qgnet/qgnet.h>

namespace {
class Idle : public qgnet::EventHandler {};
} // namespace

int main()
{
    Idle idle;
    qgnet::Engine engine = qgnet::Engine::start(idle, "tcp://127.0.0.1:0", {.backend = qgnet::Backend::IoUring});
    std::printf("pc-consumer: listening on %s (%s)\n", engine.listenUrls().at(0).c_str(),
        std::string(qgnet::toString(engine.backend())).c_str());
    engine.stop();
    return 0;
}
