// SPDX-License-Identifier: Apache-2.0
// The Qt bridge's health figures (BridgeHealth): what waits for a Qt thread that runs no events is
// counted as queued items, bytes and lag; once it drains, the batch, its latency and the delivered
// items show; the figures reach LocalStatsFeed, and RemoteStatsFeed through an InspectorEndpoint,
// and BridgeHealthModel; the wire form reads an older endpoint's answer as zeros.

#include <cmath>
#include <limits>

#include <QCborMap>
#include <QTemporaryDir>
#include <QTest>

#include <qgnet/engine.h>
#include <qgnet/qt/bridge_health_model.h>
#include <qgnet/qt/inspector_endpoint.h>
#include <qgnet/qt/qt_server.h>
#include <qgnet/qt/remote_stats_feed.h>
#include <qgnet/qt/snapshot_codec.h>
#include <qgnet/qt/stats_feed.h>

#include "qgnet_test_main.h"
#include "qgnet_test_qt.h"

using namespace qgnet_test;
using namespace std::chrono_literals;

namespace {

const QString Token = QStringLiteral("s3cret-token-of-24-bytes");

// bytesInOf is what the engine has read from all its connections (a blocking snapshot: this thread
// is not one of the engine's loops).
std::uint64_t bytesInOf(qgnet::Engine& engine)
{
    std::uint64_t sum = 0;
    for (const qgnet::ConnectionStats& c : engine.snapshot().connections)
        sum += c.bytesIn;
    return sum;
}

} // namespace

class TestQtBridgeHealth : public QObject {
    Q_OBJECT
    LeakBaseline baseline_;

private Q_SLOTS:
    void init() { baseline_ = captureBaseline(); }
    void cleanup() { QGNET_VERIFY_NO_QT_LEAKS(baseline_); }
    void waitingItemsShowAsQueueAndLag();
    void feedsAndModelCarryTheHealth();
    void wireFormReadsOlderAndLyingPeers();
};

void TestQtBridgeHealth::waitingItemsShowAsQueueAndLag()
{
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setLoops(2);
    server.setDeliverData(true);
    QVERIFY(server.start());
    const qgnet::BridgeHealth idle = server.bridgeHealth();
    QCOMPARE(idle.queuedItems, 0u);
    QCOMPARE(idle.lagNs, 0);

    // A client connects and sends 1000 bytes while this thread runs no events: the open and the
    // data wait in the bridge, the engine has read every byte.
    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    QVERIFY2(sendAll(fd.get(), std::string(1000, 'x'), deadlineIn(10s), err), err.c_str());
    QVERIFY(waitFor([&] { return bytesInOf(*server.engine()) == 1000; }, 10s));
    const qgnet::BridgeHealth waiting = server.bridgeHealth();
    QVERIFY2(waiting.queuedItems >= 2, qPrintable(QString::number(waiting.queuedItems))); // opened + data
    QCOMPARE(waiting.queuedBytes, 1000u);
    QVERIFY(waiting.lagNs > 0);
    QCOMPARE(waiting.itemsDelivered, idle.itemsDelivered);

    // Events run: everything is delivered, nothing waits, and the batch that carried the open waited
    // at least as long as the lag seen above.
    QTRY_VERIFY(server.bridgeHealth().queuedItems == 0);
    const qgnet::BridgeHealth drained = server.bridgeHealth();
    QCOMPARE(drained.queuedBytes, 0u);
    QCOMPARE(drained.lagNs, 0);
    QVERIFY(drained.batches > idle.batches);
    QVERIFY(drained.itemsDelivered >= idle.itemsDelivered + waiting.queuedItems);
    QVERIFY(drained.maxBatch >= 2);
    QVERIFY(drained.averageBatch > 0);
    QVERIFY(drained.maxDrainLatencyNs >= waiting.lagNs);
    QVERIFY(drained.lastDrainLatencyNs > 0);
    QVERIFY(drained.averageDrainLatencyNs > 0);
    QCOMPARE(drained.droppedDatagrams, 0u);
    fd = Fd();
    server.stop();
}

void TestQtBridgeHealth::feedsAndModelCarryTheHealth()
{
    QTemporaryDir dir;
    qgnet::QtServer server;
    server.setListenAddresses({QStringLiteral("tcp://127.0.0.1:0")});
    server.setDeliverData(true);
    QVERIFY(server.start());
    qgnet::InspectorEndpoint endpoint;
    endpoint.setServer(&server);
    QVERIFY2(endpoint.listen(QStringLiteral("unix:") + dir.filePath(QStringLiteral("e.sock")), Token),
        qPrintable(endpoint.errorString()));
    qgnet::LocalStatsFeed local;
    local.setInterval(20);
    local.setServer(&server);
    qgnet::RemoteStatsFeed remote;
    remote.setInterval(20);
    qgnet::BridgeHealthModel localModel;
    qgnet::BridgeHealthModel remoteModel;
    localModel.setFeed(&local);
    remoteModel.setFeed(&remote);
    QCOMPARE(remoteModel.rowCount(), 0); // no rows before a snapshot
    remote.attach(endpoint.address(), Token);

    std::string err;
    Fd fd = connectUrl(server.boundUrls().value(0).toStdString(), deadlineIn(10s), err);
    QVERIFY2(fd, err.c_str());
    QVERIFY2(sendAll(fd.get(), std::string(300, 'y'), deadlineIn(10s), err), err.c_str());
    QTRY_VERIFY(server.bridgeHealth().itemsDelivered >= 2);

    for (qgnet::StatsFeed* feed : std::initializer_list<qgnet::StatsFeed*>{&local, &remote})
        QTRY_VERIFY(feed->bridgeHealth().itemsDelivered >= 2 && feed->bridgeHealth().batches >= 1);
    const qgnet::BridgeHealth seen = remote.bridgeHealth();
    QVERIFY(seen.maxBatch >= 1);
    QVERIFY(seen.maxDrainLatencyNs > 0);

    for (qgnet::BridgeHealthModel* model : {&localModel, &remoteModel}) {
        QTRY_COMPARE(model->rowCount(), int(qgnet::BridgeHealthModel::RowCount));
        const int row = model->rowOf(QStringLiteral("itemsDelivered"));
        QCOMPARE(row, int(qgnet::BridgeHealthModel::ItemsDelivered));
        QTRY_VERIFY(
            model->index(row, qgnet::BridgeHealthModel::Value).data(qgnet::SnapshotModel::SortRole).toULongLong() >= 2);
        QCOMPARE(model->index(row, qgnet::BridgeHealthModel::Measure).data(qgnet::SnapshotModel::SortRole).toString(),
            QStringLiteral("itemsDelivered"));
        QVERIFY(!model->index(model->rowOf(QStringLiteral("lagNs")), qgnet::BridgeHealthModel::Value)
                     .data()
                     .toString()
                     .isEmpty());
        QVERIFY(!model->summary().isEmpty());
    }
    QCOMPARE(localModel.rowOf(QStringLiteral("noSuchMeasure")), -1);
    localModel.clear();
    QCOMPARE(localModel.rowCount(), 0);
    QCOMPARE(localModel.lagNs(), 0);

    remote.detach();
    fd = Fd();
    endpoint.close();
    server.stop();
}

void TestQtBridgeHealth::wireFormReadsOlderAndLyingPeers()
{
    qgnet::BridgeHealth h;
    h.queuedItems = 3;
    h.queuedBytes = 4096;
    h.droppedDatagrams = 7;
    h.batches = 11;
    h.itemsDelivered = 99;
    h.lastBatch = 5;
    h.maxBatch = 40;
    h.averageBatch = 9.0;
    h.lastDrainLatencyNs = 1200;
    h.maxDrainLatencyNs = 900000;
    h.averageDrainLatencyNs = 5000;
    h.lagNs = 250;
    QCborMap bridge;
    bridge.insert(QStringLiteral("droppedDatagrams"), 7); // written by the endpoint itself
    qgnet::bridgeHealthToCbor(h, bridge);
    const qgnet::BridgeHealth back = qgnet::bridgeHealthFromCbor(
        QCborValue::fromCbor(bridge.toCborValue().toCbor()).toMap());
    QCOMPARE(back.queuedItems, h.queuedItems);
    QCOMPARE(back.queuedBytes, h.queuedBytes);
    QCOMPARE(back.droppedDatagrams, h.droppedDatagrams);
    QCOMPARE(back.batches, h.batches);
    QCOMPARE(back.itemsDelivered, h.itemsDelivered);
    QCOMPARE(back.lastBatch, h.lastBatch);
    QCOMPARE(back.maxBatch, h.maxBatch);
    QCOMPARE(back.averageBatch, h.averageBatch);
    QCOMPARE(back.lastDrainLatencyNs, h.lastDrainLatencyNs);
    QCOMPARE(back.maxDrainLatencyNs, h.maxDrainLatencyNs);
    QCOMPARE(back.averageDrainLatencyNs, h.averageDrainLatencyNs);
    QCOMPARE(back.lagNs, h.lagNs);

    // An older endpoint's bridge map has only droppedDatagrams: the rest reads as zero.
    QCborMap old;
    old.insert(QStringLiteral("droppedDatagrams"), 2);
    const qgnet::BridgeHealth fromOld = qgnet::bridgeHealthFromCbor(old);
    QCOMPARE(fromOld.droppedDatagrams, 2u);
    QCOMPARE(fromOld.batches, 0u);
    QCOMPARE(fromOld.lagNs, 0);
    QCOMPARE(fromOld.averageBatch, 0.0);

    // A lying one: negative, text, NaN and a double past 2^63 all read as zero, never as garbage.
    QCborMap lying;
    lying.insert(QStringLiteral("queuedItems"), -5);
    lying.insert(QStringLiteral("queuedBytes"), QStringLiteral("lots"));
    lying.insert(QStringLiteral("averageBatch"), std::numeric_limits<double>::quiet_NaN());
    lying.insert(QStringLiteral("lagNs"), 1e30);
    lying.insert(QStringLiteral("maxDrainLatencyNs"), -1);
    const qgnet::BridgeHealth fromLiar = qgnet::bridgeHealthFromCbor(lying);
    QCOMPARE(fromLiar.queuedItems, 0u);
    QCOMPARE(fromLiar.queuedBytes, 0u);
    QCOMPARE(fromLiar.averageBatch, 0.0);
    QCOMPARE(fromLiar.lagNs, 0);
    QCOMPARE(fromLiar.maxDrainLatencyNs, 0);
}

QGNET_TEST_MAIN(TestQtBridgeHealth)
#include "tst_qt_bridge_health.moc"
