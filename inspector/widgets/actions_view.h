// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
#include <QMessageBox>
class QPushButton;
class QSpinBox;

namespace qgnet {
class StatsFeed;
}

namespace qgnet::inspector {

/// ActionsView is the inspector's Actions tab: the safe actions a source may allow (close one
/// connection, pause or resume accepting, change the balancing policy or the output water marks),
/// each asked for through a confirmation dialog (a QMessageBox named "confirmAction", open while it
/// waits) and answered in a result line. While the feed's source does not allow actions the controls
/// are disabled and a line says how to allow them.
class ActionsView : public QWidget {
    Q_OBJECT
public:
    explicit ActionsView(QWidget* parent = nullptr);

    /// setFeed follows feed (not owned; null: none).
    void setFeed(StatsFeed* feed);
    /// setConnectionId fills in the connection to close (the Connections tab's selection).
    void setConnectionId(quint64 id);
    /// confirmation is the dialog waiting for an answer, or null.
    QMessageBox* confirmation() const { return confirmation_; }
    QLabel* resultLabel() const { return result_; }

private:
    void updateEnabled();
    // confirm asks question; on Yes runs send, which returns the feed's request number.
    void confirm(const QString& question, std::function<int()> send);

    QPointer<StatsFeed> feed_;
    QMetaObject::Connection availableConnection_;
    QMetaObject::Connection finishedConnection_;
    int pending_ = 0; // the request whose answer the result line waits for
    QLabel* state_;
    QLineEdit* connectionEdit_;
    QPushButton* closeButton_;
    QPushButton* pauseButton_;
    QPushButton* resumeButton_;
    QComboBox* policyBox_;
    QPushButton* policyButton_;
    QSpinBox* highBox_;
    QSpinBox* lowBox_;
    QPushButton* marksButton_;
    QLabel* result_;
    QPointer<QMessageBox> confirmation_;
};

} // namespace qgnet::inspector
