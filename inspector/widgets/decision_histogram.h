// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

namespace qgnet {
class DecisionModel;
}

namespace qgnet::inspector {

/// DecisionHistogram shows how many connections the balancer gave each loop (every decision seen
/// since the source was attached): one bar per loop in its colour, with its count and share, and
/// the decisions the engine dropped before the inspector could read them.
class DecisionHistogram : public QWidget {
    Q_OBJECT
public:
    explicit DecisionHistogram(QWidget* parent = nullptr);
    void setModel(DecisionModel* model);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointer<DecisionModel> model_;
};

} // namespace qgnet::inspector
