// SPDX-License-Identifier: Apache-2.0
#include "tls_details_pane.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "qgnet/qt/connection_tls_details.h"

namespace qgnet::inspector {

TlsDetailsPane::TlsDetailsPane(QWidget* parent)
    : QGroupBox(tr("TLS of the selected connection"), parent)
    , details_(new ConnectionTlsDetails(this))
    , fields_(new QWidget(this))
    , note_(new QLabel(this))
{
    setObjectName(QStringLiteral("tlsDetailsPane"));
    note_->setObjectName(QStringLiteral("note"));
    auto* form = new QFormLayout(fields_);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const std::pair<const char*, QString> rows[] = {{"version", tr("Protocol:")}, {"cipher", tr("Cipher:")},
        {"alpn", tr("ALPN:")}, {"serverName", tr("SNI:")}, {"peerSubject", tr("Peer certificate:")},
        {"peerExpiry", tr("Expires:")}};
    for (const auto& [name, label] : rows) {
        auto* value = new QLabel(fields_);
        value->setObjectName(QLatin1String(name));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        form->addRow(label, value);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(note_);
    layout->addWidget(fields_);
    connect(details_, &ConnectionTlsDetails::changed, this, &TlsDetailsPane::refresh);
    refresh();
}

void TlsDetailsPane::setFeed(StatsFeed* feed) { details_->setFeed(feed); }

void TlsDetailsPane::setConnectionId(quint64 id) { details_->setConnectionId(id); }

QLabel* TlsDetailsPane::valueLabel(const QString& field) const
{
    return field == QLatin1String("note") ? note_ : fields_->findChild<QLabel*>(field);
}

void TlsDetailsPane::refresh()
{
    const auto orDash = [](const QString& s) { return s.isEmpty() ? QStringLiteral("—") : s; };
    const bool tls = details_->isTls();
    fields_->setVisible(tls);
    note_->setVisible(!tls);
    if (!details_->found())
        note_->setText(details_->connectionId() == 0 ? tr("Select a connection to see its TLS session.")
                                                     : tr("The selected connection is gone."));
    else if (!tls)
        note_->setText(tr("The selected connection is not encrypted (no TLS)."));
    valueLabel(QStringLiteral("version"))->setText(orDash(details_->version()));
    valueLabel(QStringLiteral("cipher"))->setText(orDash(details_->cipher()));
    valueLabel(QStringLiteral("alpn"))->setText(orDash(details_->alpn()));
    valueLabel(QStringLiteral("serverName"))->setText(orDash(details_->serverName()));
    valueLabel(QStringLiteral("peerSubject"))->setText(orDash(details_->peerSubject()));
    valueLabel(QStringLiteral("peerExpiry"))->setText(orDash(details_->peerExpiryText()));
}

} // namespace qgnet::inspector
