// SPDX-License-Identifier: Apache-2.0
// EngineTestCase: the fixture every engine test derives from, which is QGnet::Test's
// (qgnet/test/engine_test_case.h): a leak check around each test function and data row.
#pragma once

#include <qgnet/test/engine_test_case.h>

#include "qgnet_test_qt.h"

namespace qgnet_test {

/// EngineTestCase is qgnet::test::EngineTestCase under the suite's namespace.
using EngineTestCase = qgnet::test::EngineTestCase;

} // namespace qgnet_test
