// SPDX-License-Identifier: Apache-2.0
#include "qgnet/test/leak_check.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>

#include <dirent.h>

#include <qgnet/live_counters.h>

#include "qgnet/test/wait.h"

namespace qgnet::test {

int countOpenFds()
{
    DIR* d = ::opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    while (const dirent* e = ::readdir(d)) {
        if (e->d_name[0] != '.')
            ++n;
    }
    ::closedir(d);
    return n - 1; // the directory stream's own descriptor
}

int countThreads()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Threads:", 0) == 0)
            return std::atoi(line.c_str() + 8);
    }
    return -1;
}

std::string liveObjectsReport()
{
    const LiveCounters c = liveCounters();
    std::string out;
    const auto add = [&out](const char* name, std::int64_t v) {
        if (v != 0)
            out += (out.empty() ? "" : " ") + std::string(name) + "=" + std::to_string(v);
    };
    add("engines", c.engines);
    add("connections", c.connections);
    add("bufferBlocks", c.bufferBlocks);
    add("bufferBytes", c.bufferBytes);
    add("pendingTasks", c.pendingTasks);
    add("timers", c.timers);
    add("workerTasks", c.workerTasks);
    return out;
}

LeakBaseline LeakBaseline::capture() { return {countOpenFds(), countThreads()}; }

std::string LeakBaseline::leaks(std::chrono::milliseconds timeout) const
{
    waitFor([this] { return countThreads() == threads && countOpenFds() == fds; }, timeout);
    std::string leaks;
    const int nowThreads = countThreads();
    if (nowThreads != threads)
        leaks += "threads: " + std::to_string(nowThreads) + " now, " + std::to_string(threads)
            + " at the baseline (a loop, worker or client thread still running); ";
    const int nowFds = countOpenFds();
    if (nowFds != fds)
        leaks += "descriptors: " + std::to_string(nowFds) + " open now, " + std::to_string(fds)
            + " at the baseline (a socket, listener, eventfd or io_uring left open); ";
    const std::string live = liveObjectsReport();
    if (!live.empty())
        leaks += "live qgnet objects (an engine not destroyed?): " + live;
    return leaks;
}

} // namespace qgnet::test
