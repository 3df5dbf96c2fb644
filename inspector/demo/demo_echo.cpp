// SPDX-License-Identifier: Apache-2.0
#include "demo_echo.h"

#include <algorithm>

#include "qgnet/conn.h"

namespace qgnet::inspector {

namespace {
constexpr std::size_t kSlowStep = 2 * 1024;
constexpr std::size_t kSlowBacklog = 192 * 1024;
} // namespace

Action demoEcho(Conn& conn)
{
    const std::size_t available = conn.peek().size();
    std::size_t take = available;
    if (conn.id() % 4 == 0)
        take = std::max(std::min(available, kSlowStep), available > kSlowBacklog ? available - kSlowBacklog : 0);
    conn.write(conn.next(take));
    return Action::None;
}

} // namespace qgnet::inspector
