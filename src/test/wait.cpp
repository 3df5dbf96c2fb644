// SPDX-License-Identifier: Apache-2.0
#include "qgnet/test/wait.h"

#include <QDeadlineTimer>

namespace qgnet::test {

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    for (;;) {
        if (condition())
            return true;
        if (deadline.hasExpired())
            return condition();
        // One millisecond of the event loop: posted events and queued signals (what the condition
        // may wait for) and deferred deletes, which a bare processEvents() leaves alone.
        QTest::qWait(1);
    }
}

} // namespace qgnet::test
