#include "widgets/project/dashboard/throughput_chart.h"

#include <QDateTime>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace pixmark {

ThroughputChart::ThroughputChart(QWidget* parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("throughputChart"));
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->hide();
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(220);
}

void ThroughputChart::setThroughput(const std::vector<ThroughputBucket>& buckets, std::int64_t bucketMs)
{
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes())
        chart()->removeAxis(axis);

    constexpr std::int64_t hourMs = 3600 * 1000;
    const bool daily = bucketMs >= 24 * hourMs;
    auto* set = new QBarSet(tr("Submissions"));
    set->setColor(QColor(0x2f, 0x6f, 0xde));
    set->setBorderColor(QColor(0x2f, 0x6f, 0xde));
    QStringList labels;
    mTotal = 0;
    std::int64_t largest = 0;
    // Only some labels are written, so that 30 buckets stay readable.
    const int labelEvery = std::max<int>(1, static_cast<int>(buckets.size()) / 8);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const auto& bucket = buckets[i];
        set->append(static_cast<qreal>(bucket.submissions));
        mTotal += bucket.submissions;
        largest = std::max(largest, bucket.submissions);
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(bucket.start);
        QString label = start.toString(daily ? QStringLiteral("MMM d") : (bucketMs >= 6 * hourMs ? QStringLiteral("MMM d HH:mm") : QStringLiteral("HH:mm")));
        // Category labels must be unique; a zero-width space per bucket keeps the hidden ones apart.
        if (static_cast<int>(i) % labelEvery != 0 && i + 1 != buckets.size())
            label = QString(static_cast<qsizetype>(i + 1), QChar(0x200B));
        labels.append(label);
    }
    auto* series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.85);
    chart()->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->append(labels);
    chart()->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto* axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setRange(0, static_cast<qreal>(std::max<std::int64_t>(largest, 4)));
    axisY->applyNiceNumbers();
    chart()->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);

    const QString per = daily ? tr("per day") : (bucketMs == hourMs ? tr("per hour") : tr("per %1 hours").arg(bucketMs / hourMs));
    chart()->setTitle(tr("Throughput: %L1 submissions, %2").arg(mTotal).arg(per));
}

} // namespace pixmark
