// SPDX-License-Identifier: Apache-2.0
#include "recording_bar.h"

#include <algorithm>

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedLayout>

#include "qgnet/qt/recording_feed.h"
#include "qgnet/qt/stats_recorder.h"
#include "units.h"

namespace qgnet::inspector {

namespace {

QString seconds(double ms) { return RecordingBar::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1); }

const QString FileFilter = QStringLiteral("*.qgnetrec");

} // namespace

RecordingBar::RecordingBar(QWidget* parent)
    : QWidget(parent)
    , recorder_(new StatsRecorder(this))
    , openAction_(new QAction(tr("Open recording…"), this))
    , saveAction_(new QAction(tr("Save recording…"), this))
    , pages_(new QStackedLayout)
    , window_(new QSpinBox)
    , recorded_(new QLabel)
    , play_(new QPushButton)
    , slider_(new QSlider(Qt::Horizontal))
    , time_(new QLabel)
{
    setObjectName(QStringLiteral("recordingBar"));
    openAction_->setObjectName(QStringLiteral("openRecordingAction"));
    openAction_->setShortcut(QKeySequence::Open);
    openAction_->setToolTip(tr("Replay a recording saved earlier, without any engine"));
    saveAction_->setObjectName(QStringLiteral("saveRecordingAction"));
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setToolTip(tr("Save the recorded seconds to a file"));
    connect(openAction_, &QAction::triggered, this, &RecordingBar::promptOpen);
    connect(saveAction_, &QAction::triggered, this, &RecordingBar::promptSave);

    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(8, 2, 8, 2);
    outer->addLayout(pages_);

    auto* live = new QWidget(this);
    auto* liveRow = new QHBoxLayout(live);
    liveRow->setContentsMargins(0, 0, 0, 0);
    window_->setObjectName(QStringLiteral("recordingWindow"));
    window_->setRange(1, 3600);
    window_->setValue(recorder_->window());
    window_->setSuffix(tr(" s"));
    window_->setToolTip(tr("How many seconds of snapshots are kept for saving"));
    recorded_->setObjectName(QStringLiteral("recordingStatus"));
    auto* save = new QPushButton(tr("Save recording…"), live);
    save->setObjectName(QStringLiteral("saveRecordingButton"));
    connect(save, &QPushButton::clicked, saveAction_, &QAction::trigger);
    liveRow->addWidget(new QLabel(tr("Recording the last"), live));
    liveRow->addWidget(window_);
    liveRow->addWidget(recorded_, 1);
    liveRow->addWidget(save);
    pages_->addWidget(live);

    auto* player = new QWidget(this);
    auto* playerRow = new QHBoxLayout(player);
    playerRow->setContentsMargins(0, 0, 0, 0);
    play_->setObjectName(QStringLiteral("recordingPlay"));
    play_->setCheckable(true);
    slider_->setObjectName(QStringLiteral("recordingSlider"));
    slider_->setToolTip(tr("Drag to see the engine at any moment of the recording"));
    time_->setObjectName(QStringLiteral("recordingTime"));
    playerRow->addWidget(play_);
    playerRow->addWidget(slider_, 1);
    playerRow->addWidget(time_);
    pages_->addWidget(player);

    connect(window_, &QSpinBox::valueChanged, recorder_, &StatsRecorder::setWindow);
    connect(recorder_, &StatsRecorder::contentChanged, this, &RecordingBar::updateRecorder);
    connect(play_, &QPushButton::toggled, this, [this](bool on) {
        if (player_)
            player_->setPlaying(on);
    });
    connect(slider_, &QSlider::valueChanged, this, [this](int value) {
        if (player_)
            player_->seek(value);
    });
    updateRecorder();
    updatePlayer();
}

RecordingBar::~RecordingBar() = default;

void RecordingBar::follow(StatsFeed* feed, const QString& source)
{
    if (player_)
        disconnect(player_, nullptr, this, nullptr);
    player_ = qobject_cast<RecordingFeed*>(feed);
    // A replay is not recorded again: saving it would only copy the file.
    recorder_->setFeed(player_ ? nullptr : feed);
    recorder_->setSource(source);
    saveAction_->setEnabled(!player_);
    pages_->setCurrentIndex(player_ ? 1 : 0);
    if (player_) {
        connect(player_, &RecordingFeed::loaded, this, &RecordingBar::updatePlayer);
        connect(player_, &RecordingFeed::positionChanged, this, &RecordingBar::updatePlayer);
        connect(player_, &RecordingFeed::playingChanged, this, &RecordingBar::updatePlayer);
    }
    updatePlayer();
}

QString RecordingBar::statusText() const { return player_ ? time_->text() : recorded_->text(); }

void RecordingBar::updateRecorder()
{
    recorded_->setText(tr("%n snapshot(s) held, %1 over %2", nullptr, recorder_->count())
                           .arg(formatValue(static_cast<double>(recorder_->bytes()), ValueKind::Bytes),
                               seconds(recorder_->duration())));
}

void RecordingBar::updatePlayer()
{
    const int count = player_ ? player_->count() : 0;
    const QSignalBlocker blockSlider(slider_);
    const QSignalBlocker blockPlay(play_);
    slider_->setRange(0, std::max(0, count - 1));
    slider_->setValue(player_ ? std::max(0, player_->position()) : 0);
    slider_->setEnabled(count > 0);
    const bool playing = player_ && player_->isPlaying();
    play_->setChecked(playing);
    play_->setEnabled(count > 0);
    play_->setText(playing ? tr("Pause") : tr("Play"));
    time_->setText(player_ ? tr("%1 of %2, snapshot %3 of %4")
                                 .arg(seconds(player_->time()), seconds(player_->duration()))
                                 .arg(player_->position() + 1)
                                 .arg(count)
                           : QString());
}

void RecordingBar::promptSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save recording"), QStringLiteral("qgnet.qgnetrec"),
        tr("qgnet recordings (%1)").arg(FileFilter));
    if (path.isEmpty())
        return;
    if (recorder_->save(path))
        emit message(tr("Saved %n snapshot(s) to %1", nullptr, recorder_->count()).arg(path), false);
    else
        emit message(recorder_->errorString(), true);
}

void RecordingBar::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open recording"), QString(),
        tr("qgnet recordings (%1)").arg(FileFilter) + QStringLiteral(";;") + tr("All files (*)"));
    if (!path.isEmpty())
        emit openRequested(path);
}

} // namespace qgnet::inspector
