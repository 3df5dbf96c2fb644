// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QGroupBox>

class QLabel;

namespace qgnet {
class ConnectionTlsDetails;
class StatsFeed;
} // namespace qgnet

namespace qgnet::inspector {

/// TlsDetailsPane shows the TLS session of the connection selected in the Connections table
/// (ConnectionTlsDetails): version, cipher, ALPN, SNI, peer certificate subject and expiry. It says
/// so when the selected connection is plain, and asks for a selection when there is none.
class TlsDetailsPane : public QGroupBox {
    Q_OBJECT
public:
    explicit TlsDetailsPane(QWidget* parent = nullptr);
    /// setFeed follows feed (not owned; null: nothing shown).
    void setFeed(StatsFeed* feed);
    /// setConnectionId shows connection id (0: none selected).
    void setConnectionId(quint64 id);
    ConnectionTlsDetails* details() const { return details_; }
    /// valueLabel is the label showing one field ("version", "cipher", "alpn", "serverName",
    /// "peerSubject", "peerExpiry"), or the note ("note") when there is no TLS to show.
    QLabel* valueLabel(const QString& field) const;

private:
    void refresh();

    ConnectionTlsDetails* details_;
    QWidget* fields_;
    QLabel* note_;
};

} // namespace qgnet::inspector
