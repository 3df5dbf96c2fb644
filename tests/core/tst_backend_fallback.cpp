// SPDX-License-Identifier: Apache-2.0
// Backend choice and fallback: Options::backend picks the loops' backend, Engine::backend() says what
// runs, and when io_uring cannot be set up (simulated here with QGNET_SIMULATE_IO_URING_FAILURE, as an
// ENOSYS/EPERM kernel would refuse it) the engine logs exactly one line and echoes on epoll.
#include <QTest>

#include <mutex>

#include "engine_test_case.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "test_handlers.h"
#include "test_server.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

/// CollectingLogger keeps the warning lines.
class CollectingLogger : public qgnet::Logger {
public:
    void log(qgnet::LogLevel level, std::string_view message) override
    {
        if (level < qgnet::LogLevel::Warn)
            return;
        std::lock_guard lock(mutex_);
        lines_.emplace_back(message);
    }
    std::vector<std::string> lines() const
    {
        std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

/// ScopedEnv sets (or, with a null value, unsets) an environment variable and restores it.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value)
        : name_(name)
        , had_(qEnvironmentVariableIsSet(name))
        , old_(qgetenv(name))
    {
        if (value)
            qputenv(name, value);
        else
            qunsetenv(name);
    }
    ~ScopedEnv()
    {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

bool echoes(const qgnet::Engine& engine, std::string& err)
{
    Fd fd = connectTo(engine.listenAddresses().at(0), deadlineIn(10s), err);
    Rng rng(7);
    const std::vector<std::byte> data = randomBytes(rng, 64 * 1024);
    return fd.valid() && echoRoundTrip(fd.get(), data, deadlineIn(10s), err);
}

} // namespace

class TestBackendFallback : public EngineTestCase {
    Q_OBJECT

private slots:
    void chosenByOption_data();
    void chosenByOption();
    void fallsBackToEpoll();
};

void TestBackendFallback::chosenByOption_data()
{
    QTest::addColumn<int>("backend");
    QTest::newRow("epoll") << static_cast<int>(qgnet::Backend::Epoll);
    QTest::newRow("io_uring") << static_cast<int>(qgnet::Backend::IoUring);
}

void TestBackendFallback::chosenByOption()
{
    QFETCH(int, backend);
    const ScopedEnv noOverride("QGNET_BACKEND", nullptr); // the option alone decides here
    auto logger = std::make_shared<CollectingLogger>();
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.backend = static_cast<qgnet::Backend>(backend);
    o.logger = logger;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QCOMPARE(static_cast<int>(engine.backend()), backend);
    QGNET_VERIFY_ERR(echoes(engine, err), err);
    engine.stop();
    QCOMPARE(static_cast<int>(logger->lines().size()), 0);
}

void TestBackendFallback::fallsBackToEpoll()
{
    const ScopedEnv noOverride("QGNET_BACKEND", nullptr);
    const ScopedEnv simulate("QGNET_SIMULATE_IO_URING_FAILURE", "1");
    auto logger = std::make_shared<CollectingLogger>();
    EchoHandler h;
    qgnet::Options o;
    o.numEventLoop = 2;
    o.backend = qgnet::Backend::IoUring;
    o.logger = logger;
    TestServer server;
    QVERIFY2(server.start(h, "tcp", o), server.error());
    qgnet::Engine& engine = server.engine();
    std::string err;
    QCOMPARE(static_cast<int>(engine.backend()), static_cast<int>(qgnet::Backend::Epoll));
    QGNET_VERIFY_ERR(echoes(engine, err), err);
    engine.stop();
    const auto lines = logger->lines();
    QCOMPARE(static_cast<int>(lines.size()), 1);
    QVERIFY2(lines[0].find("io_uring") != std::string::npos && lines[0].find("epoll") != std::string::npos,
        lines[0].c_str());
}

QGNET_TEST_MAIN(TestBackendFallback)
#include "tst_backend_fallback.moc"
