// SPDX-License-Identifier: Apache-2.0
// EngineTestCase: the fixture every engine test derives from. QTest calls init() and cleanup() by name
// through the meta-object, which finds these base-class slots, so a derived test class gets the leak
// check around each test function (and each data row) without writing it.
#pragma once

#include <QObject>

#include "qgnet_test_qt.h"

namespace qgnet_test {

/// EngineTestCase takes a LeakBaseline (open descriptors, threads) in init() and checks in cleanup()
/// that descriptors and threads came back to it and that no qgnet object is alive (every
/// qgnet::liveCounters() count zero), failing with a message that names what was left. Test functions
/// therefore destroy their engines, clients and threads before returning (locals do).
///
/// The slots are protected so that QTest does not run them as test functions; a class that needs its
/// own init() or cleanup() declares it as a private slot and calls EngineTestCase::init() / cleanup().
class EngineTestCase : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// baseline is what init() recorded for the running test function.
    const LeakBaseline& baseline() const noexcept { return baseline_; }

protected slots:
    void init();
    void cleanup();

private:
    LeakBaseline baseline_;
};

} // namespace qgnet_test
