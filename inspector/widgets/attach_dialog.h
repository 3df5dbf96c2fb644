// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QLineEdit;

namespace qgnet::inspector {

/// AttachDialog asks for the address and token of a running process's InspectorEndpoint.
class AttachDialog : public QDialog {
    Q_OBJECT
public:
    explicit AttachDialog(QWidget* parent = nullptr);
    QString address() const;
    QString token() const;
    void setAddress(const QString& address);

private:
    QLineEdit* address_;
    QLineEdit* token_;
};

} // namespace qgnet::inspector
