// SPDX-License-Identifier: Apache-2.0
// AxisScale, the value axis of both inspectors' charts, and movingAverage: round ticks (1-2-5 in the
// display unit), labels that never repeat, ticks that cover the data, over ranges from 0..1 to
// 0..10^12, for bytes, counts and percent, linear and logarithmic.
#include <cmath>

#include <QLocale>
#include <QSet>
#include <QTest>

#include "qgnet/qt/axis_scale.h"
#include "qgnet/qt/moving_average.h"

using qgnet::AxisScale;
using qgnet::AxisUnit;

Q_DECLARE_METATYPE(AxisUnit)

namespace {

/// The number in a label, in its unit ("4 MiB" → 4), the C locale being in force.
double labelNumber(const QString& label) { return label.section(QLatin1Char(' '), 0, 0).toDouble(); }

/// isRoundStep: 1, 2 or 5 times a power of ten.
bool isRoundStep(double step)
{
    const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6;
}

} // namespace

class TestAxisScale : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void linearSweep_data();
    void linearSweep();
    void linearExamples_data();
    void linearExamples();
    void logarithmicSweep_data();
    void logarithmicSweep();
    void logarithmicExamples();
    void positions();
    void movingAverage();
};

void TestAxisScale::linearSweep_data()
{
    QTest::addColumn<AxisUnit>("unit");
    QTest::newRow("bytes") << AxisUnit::Bytes;
    QTest::newRow("count") << AxisUnit::Count;
    QTest::newRow("percent") << AxisUnit::Percent;
}

void TestAxisScale::linearSweep()
{
    // Maximum values from 0 to 10^12 in 1/16 decade steps, plus the edges of the binary units.
    QFETCH(AxisUnit, unit);
    QList<double> maxima{0, 1, 1023, 1024, 1025, 1048575, 1048576, 1e12};
    for (double e = 0; e <= 12; e += 1.0 / 16)
        maxima << std::pow(10.0, e) << 0.9 * std::pow(10.0, e);
    for (double maxValue : maxima) {
        const AxisScale s = AxisScale::linear(maxValue, unit);
        const QString what = QStringLiteral("max %1").arg(maxValue, 0, 'g', 17);
        QVERIFY2(!s.isLogarithmic(), qPrintable(what));
        QCOMPARE(s.bottom(), 0.0);
        // The ticks cover the range: from 0 to the top, which is at or above the largest value.
        QVERIFY2(s.top() >= maxValue, qPrintable(what));
        QVERIFY2(s.ticks().size() >= 2 && s.ticks().size() <= AxisScale::kMaxIntervals + 1, qPrintable(what));
        QCOMPARE(s.ticks().front().value, 0.0);
        QCOMPARE(s.ticks().front().label, QStringLiteral("0"));
        QCOMPARE(s.ticks().back().value, s.top());
        // No two labels alike; the step is round in the labels' unit and the labels say the values.
        QSet<QString> labels;
        for (const qgnet::AxisTick& t : s.ticks())
            labels << t.label;
        QVERIFY2(labels.size() == s.ticks().size(), qPrintable(what));
        const double step = labelNumber(s.ticks()[1].label);
        QVERIFY2(isRoundStep(step), qPrintable(what + QStringLiteral(": step ") + s.ticks()[1].label));
        for (qsizetype i = 1; i < s.ticks().size(); ++i) {
            QVERIFY2(std::fabs(labelNumber(s.ticks()[i].label) - i * step) < 1e-9 * i * step,
                qPrintable(what + QStringLiteral(": ") + s.ticks()[i].label));
            const double unitSize = s.ticks()[i].value / labelNumber(s.ticks()[i].label);
            QVERIFY2(std::fabs(unitSize - s.ticks()[1].value / step) < 1e-6 * unitSize, qPrintable(what));
        }
        // Not too coarse: the data fills more than a third of the height.
        if (maxValue >= (unit == AxisUnit::Bytes ? 1024 : unit == AxisUnit::Percent ? 10 : 1))
            QVERIFY2(maxValue > s.top() / 3, qPrintable(what));
    }
}

void TestAxisScale::linearExamples_data()
{
    QTest::addColumn<AxisUnit>("unit");
    QTest::addColumn<double>("maxValue");
    QTest::addColumn<QStringList>("labels");
    // The axis read 4.77, 3.58, 2.38, 1.19 MiB/s.
    QTest::newRow("4.77 MiB") << AxisUnit::Bytes << 4.77 * 1048576
                              << QStringList{"0", "1 MiB", "2 MiB", "3 MiB", "4 MiB", "5 MiB"};
    QTest::newRow("idle bytes") << AxisUnit::Bytes << 0.0
                                << QStringList{"0", "0.2 KiB", "0.4 KiB", "0.6 KiB", "0.8 KiB", "1.0 KiB"};
    QTest::newRow("3000 B") << AxisUnit::Bytes << 3000.0 << QStringList{"0", "1 KiB", "2 KiB", "3 KiB"};
    QTest::newRow("1.5 GiB") << AxisUnit::Bytes << 1.5 * 1073741824
                             << QStringList{"0", "0.5 GiB", "1.0 GiB", "1.5 GiB"};
    QTest::newRow("10^12 B") << AxisUnit::Bytes << 1e12 // 931 GiB
                             << QStringList{"0", "200 GiB", "400 GiB", "600 GiB", "800 GiB", "1000 GiB"};
    // Busy: never "0 % 0 % 1 % 1 %"; an idle loop on a 0..10 % axis.
    QTest::newRow("busy idle") << AxisUnit::Percent << 0.7 << QStringList{"0", "2 %", "4 %", "6 %", "8 %", "10 %"};
    QTest::newRow("busy 37") << AxisUnit::Percent << 37.0 << QStringList{"0", "10 %", "20 %", "30 %", "40 %"};
    QTest::newRow("busy full") << AxisUnit::Percent << 100.0
                               << QStringList{"0", "20 %", "40 %", "60 %", "80 %", "100 %"};
    QTest::newRow("count 0..1") << AxisUnit::Count << 1.0 << QStringList{"0", "0.2", "0.4", "0.6", "0.8", "1.0"};
    QTest::newRow("count 7") << AxisUnit::Count << 7.0 << QStringList{"0", "2", "4", "6", "8"};
    QTest::newRow("count 2500") << AxisUnit::Count << 2500.0 << QStringList{"0", "500", "1000", "1500", "2000", "2500"};
    QTest::newRow("count 45k") << AxisUnit::Count << 45000.0
                               << QStringList{"0", "10 k", "20 k", "30 k", "40 k", "50 k"};
    QTest::newRow("count 10^12") << AxisUnit::Count << 1e12
                                 << QStringList{"0", "0.2 T", "0.4 T", "0.6 T", "0.8 T", "1.0 T"};
}

void TestAxisScale::linearExamples()
{
    QFETCH(AxisUnit, unit);
    QFETCH(double, maxValue);
    QFETCH(QStringList, labels);
    QStringList got;
    const AxisScale scale = AxisScale::linear(maxValue, unit);
    for (const qgnet::AxisTick& t : scale.ticks())
        got << t.label;
    QCOMPARE(got, labels);
}

void TestAxisScale::logarithmicSweep_data() { linearSweep_data(); }

void TestAxisScale::logarithmicSweep()
{
    QFETCH(AxisUnit, unit);
    QList<double> maxima{0, 0.5, 1, 1023, 1024, 1e12};
    for (double e = -1; e <= 12; e += 1.0 / 8)
        maxima << std::pow(10.0, e);
    for (double maxValue : maxima) {
        const AxisScale s = AxisScale::logarithmic(maxValue, unit);
        const QString what = QStringLiteral("max %1").arg(maxValue, 0, 'g', 17);
        QVERIFY(s.isLogarithmic());
        QVERIFY2(s.bottom() > 0 && s.top() > s.bottom(), qPrintable(what));
        QVERIFY2(s.top() >= maxValue * (1 - 1e-12), qPrintable(what));
        QVERIFY2(s.ticks().size() >= 2 && s.ticks().size() <= AxisScale::kMaxIntervals + 1, qPrintable(what));
        QCOMPARE(s.ticks().back().value, s.top());
        QSet<QString> labels;
        for (qsizetype i = 0; i < s.ticks().size(); ++i) {
            labels << s.ticks()[i].label;
            if (i > 0)
                QVERIFY(s.ticks()[i].value > s.ticks()[i - 1].value);
            // A round number of its unit: 1, 10 or 100 (or 0.1, 0.01 below 1).
            const double n = labelNumber(s.ticks()[i].label);
            QVERIFY2(std::fabs(std::log10(n) - std::round(std::log10(n))) < 1e-9,
                qPrintable(what + QStringLiteral(": ") + s.ticks()[i].label));
        }
        QVERIFY2(labels.size() == s.ticks().size(), qPrintable(what));
    }
}

void TestAxisScale::logarithmicExamples()
{
    const auto labels = [](const AxisScale& s) {
        QStringList out;
        for (const qgnet::AxisTick& t : s.ticks())
            out << t.label;
        return out;
    };
    QCOMPARE(labels(AxisScale::logarithmic(4.77 * 1048576, AxisUnit::Bytes)),
        (QStringList{"100 B", "1 KiB", "10 KiB", "100 KiB", "1 MiB", "10 MiB"}));
    QCOMPARE(labels(AxisScale::logarithmic(37, AxisUnit::Percent)),
        (QStringList{"0.01 %", "0.1 %", "1 %", "10 %", "100 %"}));
    QCOMPARE(labels(AxisScale::logarithmic(45000, AxisUnit::Count)), (QStringList{"0.1", "10", "1000", "100 k"}));
}

void TestAxisScale::positions()
{
    const AxisScale lin = AxisScale::linear(4.77 * 1048576, AxisUnit::Bytes); // 0..5 MiB
    QCOMPARE(lin.position(0), 0.0);
    QCOMPARE(lin.position(5 * 1048576), 1.0);
    QCOMPARE(lin.position(1048576), 0.2);
    QCOMPARE(lin.position(-1), 0.0);
    QCOMPARE(lin.position(1e30), 1.0);
    QCOMPARE(lin.position(std::nan("")), 0.0);
    const AxisScale log = AxisScale::logarithmic(37, AxisUnit::Percent); // 0.01..100
    QCOMPARE(log.position(100), 1.0);
    QCOMPARE(log.position(0.01), 0.0);
    QCOMPARE(log.position(0), 0.0); // zero sits on the bottom line
    QVERIFY(std::fabs(log.position(1) - 0.5) < 1e-12);
    // A scale rebuilt from its range maps the same (the QML side passes ranges back).
    const AxisScale again(log.bottom(), log.top(), true);
    QCOMPARE(again.position(1), log.position(1));
    QVERIFY(again.ticks().isEmpty());
    // Degenerate ranges are made usable.
    QCOMPARE(AxisScale(0, 0, false).top(), 1.0);
    QCOMPARE(AxisScale(0, 5, true).bottom(), 1.0);
}

void TestAxisScale::movingAverage()
{
    using qgnet::movingAverage;
    const QList<double> v{10, 20, 30, 40, 50, 60};
    QCOMPARE(movingAverage(v, 1), v);
    QCOMPARE(movingAverage(v, 0), v);
    QCOMPARE(movingAverage(v, 3), (QList<double>{10, 15, 20, 30, 40, 50}));
    QCOMPARE(movingAverage(v, 5), (QList<double>{10, 15, 20, 25, 30, 40}));
    QCOMPARE(movingAverage(v, 100), (QList<double>{10, 15, 20, 25, 30, 35}));
    QCOMPARE(movingAverage({}, 5), QList<double>());
}

QTEST_GUILESS_MAIN(TestAxisScale)
#include "tst_axis_scale.moc"
