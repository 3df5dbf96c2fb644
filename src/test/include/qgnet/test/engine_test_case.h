// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "qgnet/export.h"

#include <QObject>

#include "qgnet/test/leak_check.h"

namespace qgnet::test {

/// EngineTestCase is a base for QTest classes that run qgnet engines: it takes a LeakBaseline in
/// init() and checks in cleanup() that descriptors and threads came back to it and that no qgnet
/// object is alive, failing the test function (each data row too) with what was left. QTest calls
/// init() and cleanup() by name through the meta-object, which finds these base-class slots, so a
/// derived class gets the check without writing it:
///
///     class TestEcho : public qgnet::test::EngineTestCase {
///         Q_OBJECT
///     private slots:
///         void echo(); // its engines destroyed before it returns (locals are)
///     };
///
/// The slots are protected so that QTest does not run them as test functions; a class that needs
/// its own init() or cleanup() declares it as a private slot and calls these.
class QGNET_TEST_EXPORT EngineTestCase : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// baseline is what init() recorded for the running test function.
    const LeakBaseline& baseline() const noexcept { return baseline_; }

protected slots:
    /// init records the baseline.
    void init();
    /// cleanup fails the test function if it leaked (LeakBaseline::leaks).
    void cleanup();

private:
    LeakBaseline baseline_;
};

} // namespace qgnet::test
