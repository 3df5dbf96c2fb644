// SPDX-License-Identifier: Apache-2.0
// QGNET_TEST_MAIN: the main() of every core test. Each test runs twice under ctest, once per backend
// (core.<name> on epoll, core.<name>.io_uring with QGNET_BACKEND=io_uring, which every engine and
// client of the process then uses). A run that asked for io_uring must really get it: if the engine
// fell back to epoll, the test fails here instead of passing on the wrong backend.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <QCoreApplication>
#include <QTest>
#include <QThreadPool>

#include <qgnet/qgnet.h>

namespace qgnet_test {

/// requestedBackend is the backend QGNET_BACKEND asks for (epoll when unset).
inline qgnet::Backend requestedBackend()
{
    const char* env = std::getenv("QGNET_BACKEND");
    return env && std::string_view(env) == "io_uring" ? qgnet::Backend::IoUring : qgnet::Backend::Epoll;
}

/// requestedBackendRuns starts a probe engine and checks that it runs on requestedBackend(); on a
/// mismatch it prints why and returns false.
inline bool requestedBackendRuns()
{
    struct Idle : qgnet::EventHandler {};
    Idle handler;
    try {
        qgnet::Engine probe = qgnet::Engine::start(handler, "tcp://127.0.0.1:0", qgnet::Options{});
        const qgnet::Backend runs = probe.backend();
        probe.stop();
        if (runs == requestedBackend())
            return true;
        std::fprintf(stderr, "FAIL: QGNET_BACKEND asks for %s but the engine runs on %s\n",
            std::string(qgnet::toString(requestedBackend())).c_str(), std::string(qgnet::toString(runs)).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAIL: the backend probe engine did not start: %s\n", e.what());
    }
    return false;
}

} // namespace qgnet_test

/// QGNET_TEST_MAIN is QTEST_GUILESS_MAIN preceded by the backend check above (the core and qt tests).
#define QGNET_TEST_MAIN(TestObject)                                                                                    \
    int main(int argc, char* argv[])                                                                                   \
    {                                                                                                                  \
        QCoreApplication app(argc, argv);                                                                              \
        if (!::qgnet_test::requestedBackendRuns())                                                                     \
            return 1;                                                                                                  \
        TestObject tc;                                                                                                 \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&tc, argc, argv);                                                                          \
    }

/// QGNET_GUI_TEST_MAIN is QTEST_MAIN (a QApplication for a test linked with Qt Widgets, else a
/// QGuiApplication) preceded by the same backend check: the gui tests run on both backends too.
/// Painting hands work to Qt's global thread pool, whose idle threads would linger for 30 s: here
/// they end as soon as they are idle, so that each test function's thread baseline can hold.
#define QGNET_GUI_TEST_MAIN(TestObject)                                                                                \
    QTEST_MAIN_WRAPPER(TestObject, QTEST_MAIN_SETUP() if (!::qgnet_test::requestedBackendRuns()) return 1;             \
                       QThreadPool::globalInstance()->setExpiryTimeout(0);)
