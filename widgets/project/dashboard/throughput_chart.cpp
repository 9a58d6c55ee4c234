#include "widgets/project/dashboard/throughput_chart.h"

#include <QDateTime>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
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
    // Each bucket is drawn as a step (flat from its start to its end), so a count reads as
    // "this many in that hour" rather than as a point in time.
    auto* upper = new QLineSeries;
    mTotal = 0;
    std::int64_t largest = 0;
    for (const auto& bucket : buckets) {
        const auto value = static_cast<qreal>(bucket.submissions);
        upper->append(static_cast<qreal>(bucket.start), value);
        upper->append(static_cast<qreal>(bucket.start + bucketMs), value);
        mTotal += bucket.submissions;
        largest = std::max(largest, bucket.submissions);
    }
    auto* area = new QAreaSeries(upper);
    const QColor color(0x2f, 0x6f, 0xde);
    area->setPen(QPen(color, 1.5));
    QColor fill = color;
    fill.setAlpha(110);
    area->setBrush(fill);
    chart()->addSeries(area);

    auto* axisX = new QDateTimeAxis;
    axisX->setFormat(daily ? QStringLiteral("MMM d")
                           : (bucketMs > hourMs ? QStringLiteral("MMM d HH:mm") : QStringLiteral("HH:mm")));
    axisX->setTickCount(daily || bucketMs > hourMs ? 6 : 7);
    if (!buckets.empty())
        axisX->setRange(QDateTime::fromMSecsSinceEpoch(buckets.front().start),
                        QDateTime::fromMSecsSinceEpoch(buckets.back().start + bucketMs));
    chart()->addAxis(axisX, Qt::AlignBottom);
    area->attachAxis(axisX);
    auto* axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%d"));
    const std::int64_t top = std::max<std::int64_t>(largest, 4);
    axisY->setRange(0, static_cast<qreal>(top));
    axisY->applyNiceNumbers();
    // applyNiceNumbers can pick fractional steps for small counts; counts are whole numbers.
    if (top <= 8)
        axisY->setTickCount(static_cast<int>(axisY->max()) + 1);
    chart()->addAxis(axisY, Qt::AlignLeft);
    area->attachAxis(axisY);

    const QString per =
        daily ? tr("per day") : (bucketMs == hourMs ? tr("per hour") : tr("per %1 hours").arg(bucketMs / hourMs));
    chart()->setTitle(tr("Throughput: %L1 submissions, %2").arg(mTotal).arg(per));
}

} // namespace pixmark
