// SPDX-License-Identifier: Apache-2.0
#include "remote/frame_reader.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QCoreApplication>
#include <QtEndian>

namespace qgnet::qtdetail {

QByteArray encodeFrame(const QCborMap& map)
{
    const QByteArray body = QCborValue(map).toCbor();
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian<quint32>(static_cast<quint32>(body.size()), frame.data());
    return frame + body;
}

namespace {

// skipCounted walks one CBOR item (a container with everything in it), taking one from *budget per
// item; false when the budget or the nesting depth runs out, or the bytes are malformed.
bool skipCounted(QCborStreamReader& reader, qsizetype* budget, int depth)
{
    if (--*budget < 0 || depth > MaxFrameDepth)
        return false;
    if (!reader.isContainer())
        return reader.next();
    if (!reader.enterContainer())
        return false;
    while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
        if (!skipCounted(reader, budget, depth + 1))
            return false;
    }
    return reader.lastError() == QCborError::NoError && reader.leaveContainer();
}

} // namespace

std::optional<QCborMap> FrameReader::next()
{
    if (failed() || buffer_.size() < 4)
        return std::nullopt;
    const quint32 length = qFromBigEndian<quint32>(buffer_.constData());
    if (length == 0 || static_cast<qint64>(length) > maxFrame_) {
        error_ = QCoreApplication::translate("qgnet", "frame length %1 is out of range (1..%2)")
                     .arg(length)
                     .arg(maxFrame_);
        buffer_.clear();
        return std::nullopt;
    }
    if (buffer_.size() - 4 < static_cast<qsizetype>(length))
        return std::nullopt;
    if (maxItems_ > 0) {
        QCborStreamReader reader(reinterpret_cast<const quint8*>(buffer_.constData()) + 4,
            static_cast<qsizetype>(length));
        qsizetype budget = maxItems_;
        if (!skipCounted(reader, &budget, 0) && (budget < 0 || reader.lastError() == QCborError::NoError)) {
            error_ = QCoreApplication::translate("qgnet",
                "frame holds more than %1 CBOR items or is nested deeper than %2")
                         .arg(maxItems_)
                         .arg(MaxFrameDepth);
            buffer_.clear();
            return std::nullopt;
        }
        // Malformed bytes fall through: fromCbor says what is wrong with them.
    }
    QCborParserError parseError;
    const QCborValue value = QCborValue::fromCbor(buffer_.mid(4, length), &parseError);
    buffer_.remove(0, 4 + static_cast<qsizetype>(length));
    if (parseError.error != QCborError::NoError || !value.isMap()) {
        error_ = parseError.error != QCborError::NoError
            ? QCoreApplication::translate("qgnet", "frame is not valid CBOR: %1").arg(parseError.errorString())
            : QCoreApplication::translate("qgnet", "frame is not a CBOR map");
        buffer_.clear();
        return std::nullopt;
    }
    return value.toMap();
}

} // namespace qgnet::qtdetail
