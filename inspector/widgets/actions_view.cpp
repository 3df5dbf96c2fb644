// SPDX-License-Identifier: Apache-2.0
#include "actions_view.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include "qgnet/qt/stats_feed.h"

namespace qgnet::inspector {

namespace {

QPushButton* button(const QString& text, const QString& name, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

QSpinBox* kibBox(const QString& name, int value, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(1, 64 * 1024); // KiB, up to the default maxOutputBuffered
    box->setValue(value);
    box->setSuffix(ActionsView::tr(" KiB"));
    return box;
}

} // namespace

ActionsView::ActionsView(QWidget* parent)
    : QWidget(parent)
    , state_(new QLabel(this))
    , connectionEdit_(new QLineEdit(this))
    , closeButton_(button(tr("Close connection…"), QStringLiteral("closeConnectionButton"), this))
    , pauseButton_(button(tr("Pause accepting…"), QStringLiteral("pauseAcceptingButton"), this))
    , resumeButton_(button(tr("Resume accepting…"), QStringLiteral("resumeAcceptingButton"), this))
    , policyBox_(new QComboBox(this))
    , policyButton_(button(tr("Apply policy…"), QStringLiteral("applyPolicyButton"), this))
    , highBox_(kibBox(QStringLiteral("highWaterBox"), 64, this))
    , lowBox_(kibBox(QStringLiteral("lowWaterBox"), 32, this))
    , marksButton_(button(tr("Apply water marks…"), QStringLiteral("applyWaterMarksButton"), this))
    , result_(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    state_->setObjectName(QStringLiteral("actionsState"));
    state_->setWordWrap(true);
    layout->addWidget(state_);

    auto* connectionGroup = new QGroupBox(tr("Connection"), this);
    auto* connectionRow = new QHBoxLayout(connectionGroup);
    connectionEdit_->setObjectName(QStringLiteral("connectionIdEdit"));
    connectionEdit_->setPlaceholderText(tr("Connection id (select one in the Connections tab)"));
    connectionEdit_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,20}")), this));
    connectionRow->addWidget(connectionEdit_, 1);
    connectionRow->addWidget(closeButton_);
    layout->addWidget(connectionGroup);

    auto* listenerGroup = new QGroupBox(tr("Listeners"), this);
    auto* listenerRow = new QHBoxLayout(listenerGroup);
    listenerRow->addWidget(new QLabel(tr("New connections wait in the kernel's backlog while accepting is paused."),
                               listenerGroup),
        1);
    listenerRow->addWidget(pauseButton_);
    listenerRow->addWidget(resumeButton_);
    layout->addWidget(listenerGroup);

    auto* policyGroup = new QGroupBox(tr("Load balancing"), this);
    auto* policyRow = new QHBoxLayout(policyGroup);
    policyBox_->setObjectName(QStringLiteral("policyBox"));
    policyBox_->addItem(tr("Round robin"), QStringLiteral("round-robin"));
    policyBox_->addItem(tr("Least connections"), QStringLiteral("least-connections"));
    policyBox_->addItem(tr("Source address hash"), QStringLiteral("source-addr-hash"));
    policyRow->addWidget(policyBox_, 1);
    policyRow->addWidget(policyButton_);
    layout->addWidget(policyGroup);

    auto* marksGroup = new QGroupBox(tr("Output water marks"), this);
    auto* marksRow = new QHBoxLayout(marksGroup);
    marksRow->addWidget(new QLabel(tr("High:"), marksGroup));
    marksRow->addWidget(highBox_);
    marksRow->addWidget(new QLabel(tr("Low:"), marksGroup));
    marksRow->addWidget(lowBox_);
    marksRow->addStretch(1);
    marksRow->addWidget(marksButton_);
    layout->addWidget(marksGroup);

    result_->setObjectName(QStringLiteral("actionResult"));
    result_->setWordWrap(true);
    layout->addWidget(result_);
    layout->addStretch(1);

    connect(closeButton_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const quint64 id = connectionEdit_->text().toULongLong(&ok);
        if (!ok) {
            result_->setText(tr("Enter the id of the connection to close."));
            return;
        }
        confirm(tr("Close connection %1 now? Its peer sees the connection end.").arg(id),
            [this, id] { return feed_->closeConnection(id); });
    });
    connect(pauseButton_, &QPushButton::clicked, this, [this] {
        confirm(tr("Pause accepting on every listener? New clients wait until accepting resumes."),
            [this] { return feed_->pauseAccepting(); });
    });
    connect(resumeButton_, &QPushButton::clicked, this,
        [this] { confirm(tr("Resume accepting on every listener?"), [this] { return feed_->resumeAccepting(); }); });
    connect(policyButton_, &QPushButton::clicked, this, [this] {
        const QString policy = policyBox_->currentData().toString();
        confirm(tr("Change the load balancing policy to %1? It applies to new connections.")
                    .arg(policyBox_->currentText()),
            [this, policy] { return feed_->setBalancing(policy); });
    });
    connect(marksButton_, &QPushButton::clicked, this, [this] {
        const qint64 high = qint64(highBox_->value()) * 1024;
        const qint64 low = qint64(lowBox_->value()) * 1024;
        confirm(tr("Set the output water marks to %1 KiB (high) and %2 KiB (low) for every connection?")
                    .arg(highBox_->value())
                    .arg(lowBox_->value()),
            [this, high, low] { return feed_->setWaterMarks(high, low); });
    });
    updateEnabled();
}

void ActionsView::setFeed(StatsFeed* feed)
{
    disconnect(availableConnection_);
    disconnect(finishedConnection_);
    feed_ = feed;
    pending_ = 0;
    result_->clear();
    if (feed) {
        availableConnection_ = connect(feed, &StatsFeed::actionsAvailableChanged, this, &ActionsView::updateEnabled);
        finishedConnection_ = connect(feed, &StatsFeed::actionFinished, this,
            [this](int request, bool ok, const QString& message) {
                if (request != pending_)
                    return;
                pending_ = 0;
                result_->setText(ok ? tr("Done.") : tr("Refused: %1").arg(message));
                result_->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #b03a2e; }"));
            });
    }
    updateEnabled();
}

void ActionsView::setConnectionId(quint64 id) { connectionEdit_->setText(QString::number(id)); }

void ActionsView::updateEnabled()
{
    const bool on = feed_ && feed_->actionsAvailable();
    for (QWidget* w : std::initializer_list<QWidget*>{connectionEdit_, closeButton_, pauseButton_, resumeButton_,
             policyBox_, policyButton_, highBox_, lowBox_, marksButton_})
        w->setEnabled(on);
    state_->setText(on ? tr("Actions change the engine at once. Each asks for a confirmation first.")
                       : tr("Actions are off: the engine's side must allow them (qgnet-demo --allow-actions, "
                            "InspectorEndpoint::setActionsAllowed)."));
}

void ActionsView::confirm(const QString& question, std::function<int()> send)
{
    if (!feed_ || confirmation_)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Confirm action"), question,
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmAction"));
    box->setDefaultButton(QMessageBox::Cancel); // Enter alone never changes the engine
    box->setAttribute(Qt::WA_DeleteOnClose);
    confirmation_ = box;
    connect(box, &QMessageBox::finished, this, [this, send = std::move(send)](int answer) {
        if (answer != QMessageBox::Yes || !feed_) {
            result_->setText(tr("Cancelled."));
            result_->setStyleSheet({});
            return;
        }
        result_->setText(tr("Sent…"));
        result_->setStyleSheet({});
        pending_ = send();
    });
    box->open();
}

} // namespace qgnet::inspector
