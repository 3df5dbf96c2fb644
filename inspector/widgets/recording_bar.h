// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedLayout;

namespace qgnet {
class RecordingFeed;
class StatsFeed;
class StatsRecorder;
} // namespace qgnet

namespace qgnet::inspector {

/// RecordingBar is the inspector's recording strip, a row above the tabs. With a live source it
/// records the last N seconds (a StatsRecorder, N in a spin box) and offers to save them; with a
/// recording open (RecordingFeed) it is the player: play/pause, a slider over every snapshot of the
/// recording, and the time shown. It owns the File menu's two actions: "Open recording…" asks for a
/// file and emits openRequested (the window makes the feed), "Save recording…" saves the ring.
class RecordingBar : public QWidget {
    Q_OBJECT
public:
    explicit RecordingBar(QWidget* parent = nullptr);
    ~RecordingBar() override;

    /// follow records feed (a live one) or plays it (a RecordingFeed); source describes it in
    /// saved files. Null: nothing to record or play.
    void follow(StatsFeed* feed, const QString& source);

    StatsRecorder* recorder() const { return recorder_; }
    QAction* openAction() const { return openAction_; }
    QAction* saveAction() const { return saveAction_; }
    QSlider* slider() const { return slider_; }
    QPushButton* playButton() const { return play_; }
    QSpinBox* windowBox() const { return window_; }
    /// statusText is the bar's line: what the ring holds, or where the player is.
    QString statusText() const;

Q_SIGNALS:
    /// openRequested: the user chose a recording file to open.
    void openRequested(const QString& path);
    /// message reports a save (error: it failed) for the window's banner or status bar.
    void message(const QString& text, bool error);

private:
    void promptSave();
    void promptOpen();
    void updateRecorder();
    void updatePlayer();

    StatsRecorder* recorder_;
    QPointer<RecordingFeed> player_;
    QAction* openAction_;
    QAction* saveAction_;
    QStackedLayout* pages_;
    // Live: the window and what the ring holds.
    QSpinBox* window_;
    QLabel* recorded_;
    // Player: play/pause, the slider, the time.
    QPushButton* play_;
    QSlider* slider_;
    QLabel* time_;
};

} // namespace qgnet::inspector
