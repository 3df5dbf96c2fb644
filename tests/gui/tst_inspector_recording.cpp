// SPDX-License-Identifier: Apache-2.0
// Recordings in the Widgets inspector, driven as a user would: the window records the demo engine,
// saves the last seconds, a second window opens the file with no engine, and the slider and the play
// button move every view through the recorded time. With QGNET_SCREENSHOT_DIR set it also leaves
// the replay's picture and the recording there (the documentation's screenshots).
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "demo_engine.h"
#include "inspector_panel.h"
#include "inspector_window.h"
#include "qgnet/qt/connection_model.h"
#include "qgnet/qt/event_model.h"
#include "qgnet/qt/loop_model.h"
#include "qgnet/qt/recording_feed.h"
#include "qgnet/qt/stats_recorder.h"
#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"
#include "recording_bar.h"

using qgnet::inspector::InspectorWindow;
using qgnet::inspector::RecordingBar;

namespace {

constexpr int kTimeout = 20000;

// eventsUpTo is how many event rows models fed snapshots 0..position hold (capacity aside).
int eventsUpTo(const qgnet::Recording& r, int position)
{
    std::size_t n = 0;
    for (int i = 0; i <= position; ++i)
        n += r.snapshots[static_cast<std::size_t>(i)].snapshot->events.size();
    return static_cast<int>(n);
}

} // namespace

class TestInspectorRecording : public QObject {
    Q_OBJECT
    qgnet_test::LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = qgnet_test::captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void recordSaveOpenAndScrub();
    void damagedFileKeepsTheSource();
};

void TestInspectorRecording::recordSaveOpenAndScrub()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.qgnetrec"));
    {
        InspectorWindow live;
        live.show();
        RecordingBar* bar = live.recordingBar();
        QCOMPARE(bar->windowBox()->value(), 60);
        bar->windowBox()->setValue(30); // the spin box sets the recorder's window
        QCOMPARE(bar->recorder()->window(), 30);
        QVERIFY(live.startDemoEngine(3, 10, 150));
        QVERIFY(bar->saveAction()->isEnabled());
        // A few seconds of churn: connections come and go, the event log fills.
        // For the documentation's picture, long enough to fill the charts (10 s).
        const int snapshots = qEnvironmentVariableIsEmpty("QGNET_SCREENSHOT_DIR") ? 30 : 100;
        QTRY_VERIFY_WITH_TIMEOUT(bar->recorder()->count() >= snapshots, kTimeout * 2);
        QTRY_VERIFY_WITH_TIMEOUT(live.panel()->eventModel()->rowCount() >= 10, kTimeout);
        bar->recorder()->setRecording(false);
        QVERIFY2(bar->statusText().contains(QStringLiteral("%1 snapshot").arg(bar->recorder()->count())),
            qPrintable(bar->statusText()));
        QVERIFY2(bar->recorder()->save(path), qPrintable(bar->recorder()->errorString()));
    }

    InspectorWindow replay;
    replay.show();
    QVERIFY2(replay.openRecording(path), qPrintable(replay.errorText()));
    QVERIFY2(replay.sourceText().contains(QStringLiteral("demo.qgnetrec")), qPrintable(replay.sourceText()));
    QVERIFY(replay.demoEngine() == nullptr);
    auto* player = qobject_cast<qgnet::RecordingFeed*>(replay.feed());
    QVERIFY(player);
    const qgnet::Recording& recording = player->recording();
    const int count = player->count();
    QVERIFY(count >= 30);
    RecordingBar* bar = replay.recordingBar();
    QVERIFY(!bar->saveAction()->isEnabled()); // a replay is not recorded again
    QSlider* slider = bar->slider();
    QCOMPARE(slider->maximum(), count - 1);
    QCOMPARE(slider->value(), count - 1);
    auto rowsAt = [&](int position) {
        return static_cast<int>(recording.snapshots[static_cast<std::size_t>(position)].snapshot->connections.size());
    };
    QCOMPARE(replay.panel()->connectionModel()->rowCount(), rowsAt(count - 1));

    // The slider moves every view: the first snapshot, then the middle, then the end.
    slider->setValue(0);
    QCOMPARE(player->position(), 0);
    QCOMPARE(replay.panel()->connectionModel()->rowCount(), rowsAt(0));
    QCOMPARE(replay.panel()->eventModel()->rowCount(),
        std::min(eventsUpTo(recording, 0), replay.panel()->eventModel()->capacity()));
    QCOMPARE(replay.panel()->loopModel()->rowCount(), 3);
    QVERIFY2(bar->statusText().contains(QStringLiteral("snapshot 1 of %1").arg(count)), qPrintable(bar->statusText()));
    const int middle = count / 2;
    slider->setValue(middle);
    QCOMPARE(player->position(), middle);
    QCOMPARE(replay.panel()->connectionModel()->rowCount(), rowsAt(middle));
    QCOMPARE(replay.panel()->eventModel()->rowCount(),
        std::min(eventsUpTo(recording, middle), replay.panel()->eventModel()->capacity()));
    if (const QString shots = qEnvironmentVariable("QGNET_SCREENSHOT_DIR"); !shots.isEmpty()) {
        replay.panel()->tabs()->setCurrentIndex(qgnet::inspector::InspectorPanel::ChartsTab);
        QTest::qWait(50); // painted once (a picture, not a synchronisation)
        QVERIFY(replay.grab().save(shots + QStringLiteral("/qgnet-inspector-widgets-recording.png")));
        QFile::remove(shots + QStringLiteral("/demo.qgnetrec"));
        QVERIFY(QFile::copy(path, shots + QStringLiteral("/demo.qgnetrec")));
    }

    // Play runs to the end on the recording's times and stops there.
    QTest::mouseClick(bar->playButton(), Qt::LeftButton);
    QVERIFY(player->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!player->isPlaying(), kTimeout);
    QCOMPARE(player->position(), count - 1);
    QCOMPARE(slider->value(), count - 1);
    QCOMPARE(replay.panel()->connectionModel()->rowCount(), rowsAt(count - 1));
    // The toolbar's Pause stops a replay.
    QTest::mouseClick(bar->playButton(), Qt::LeftButton); // from the end: starts over
    QVERIFY(player->isPlaying());
    QCOMPARE(player->position(), 0);
    replay.pauseAction()->trigger();
    QVERIFY(!player->isPlaying());
    QCOMPARE(bar->playButton()->text(), QStringLiteral("Play"));
}

// A file that is not a recording: the banner says why, and the source shown stays.
void TestInspectorRecording::damagedFileKeepsTheSource()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("garbage.qgnetrec"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("qgnetrec\0\0\0\1 and then not a frame at all", 40);
    file.close();
    InspectorWindow window;
    window.show();
    const QString before = window.sourceText();
    QVERIFY(!window.openRecording(path));
    QVERIFY2(window.errorText().contains(QStringLiteral("garbage.qgnetrec")), qPrintable(window.errorText()));
    QCOMPARE(window.sourceText(), before);
    QVERIFY(window.feed() == nullptr);
}

QGNET_GUI_TEST_MAIN(TestInspectorRecording)
#include "tst_inspector_recording.moc"
