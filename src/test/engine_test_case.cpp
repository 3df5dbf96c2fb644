// SPDX-License-Identifier: Apache-2.0
#include "qgnet/test/engine_test_case.h"

#include <string>

#include <QTest>

namespace qgnet::test {

void EngineTestCase::init() { baseline_ = LeakBaseline::capture(); }

void EngineTestCase::cleanup()
{
    const std::string leaks = baseline_.leaks();
    QVERIFY2(leaks.empty(), ("leaked by the test: " + leaks).c_str());
}

} // namespace qgnet::test
