// SPDX-License-Identifier: Apache-2.0
#include "engine_test_case.h"

#include <string>

namespace qgnet_test {

void EngineTestCase::init() { baseline_ = captureBaseline(); }

void EngineTestCase::cleanup()
{
    // Threads and descriptors get a deadline: a joined thread can linger in /proc for a moment, and a
    // peer's close can still be on its way through the kernel. Every leak is reported in one message.
    waitFor([this] { return countThreads() == baseline_.threads && countOpenFds() == baseline_.fds; },
        std::chrono::seconds(10));
    std::string leaks;
    const int threads = countThreads();
    if (threads != baseline_.threads)
        leaks += "threads: " + std::to_string(threads) + " after the test, " + std::to_string(baseline_.threads)
            + " at init() (a loop, worker or client thread still running); ";
    const int fds = countOpenFds();
    if (fds != baseline_.fds)
        leaks += "descriptors: " + std::to_string(fds) + " open after the test, " + std::to_string(baseline_.fds)
            + " at init() (a socket, listener, eventfd or io_uring left open); ";
    // Destroying an engine joins its threads, so nothing it owned may outlive it: no wait for these.
    const std::string live = liveObjectsReport();
    if (!live.empty())
        leaks += "live qgnet objects (an engine not destroyed?): " + live;
    QVERIFY2(leaks.empty(), ("leaked by the test: " + leaks).c_str());
}

} // namespace qgnet_test
