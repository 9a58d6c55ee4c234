#include "widgets/project/dashboard/count_bar_chart.h"

#include <QFontMetrics>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace pixmark {

CountBarChart::CountBarChart(const QString& title, const QString& emptyText, QWidget* parent)
    : QChartView(parent), mTitle(title), mEmptyText(emptyText)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(title);
    chart()->legend()->hide();
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(200);
}

void CountBarChart::setEntries(const QList<Entry>& entries)
{
    mEntries = entries;
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes())
        chart()->removeAxis(axis);
    chart()->setTitle(entries.isEmpty() ? tr("%1 \u2014 %2").arg(mTitle, mEmptyText) : mTitle);
    if (entries.isEmpty())
        return;

    // One set per entry with its value in its own row only: the way to give each bar its
    // own color, since a bar set has one color.
    auto* series = new QHorizontalStackedBarSeries;
    QStringList names;
    std::int64_t largest = 0;
    const int rows = static_cast<int>(entries.size());
    // Bar charts draw the first category at the bottom; reversing keeps the given order top-down.
    for (int row = rows - 1; row >= 0; --row) {
        const Entry& entry = entries[row];
        names.append(tr("%1 (%L2)").arg(entry.name).arg(entry.count));
        auto* set = new QBarSet(entry.name);
        set->setColor(entry.color);
        set->setBorderColor(entry.color);
        for (int i = rows - 1; i >= 0; --i)
            set->append(i == row ? static_cast<qreal>(entry.count) : 0.0);
        series->append(set);
        largest = std::max(largest, entry.count);
    }
    series->setBarWidth(0.7);
    chart()->addSeries(series);
    auto* categories = new QBarCategoryAxis;
    categories->append(names);
    // Qt Charts elides a category label that is taller than its row: give every class a
    // readable row (the dashboard scrolls when there are many) and a compact font.
    QFont font = categories->labelsFont();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    categories->setLabelsFont(font);
    categories->setTruncateLabels(false);
    setMinimumHeight(std::max(200, 90 + rows * (QFontMetrics(font).height() + 6)));
    chart()->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto* values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%d"));
    values->setRange(0, static_cast<qreal>(std::max<std::int64_t>(largest, 1)));
    // Counts are whole numbers: small ranges get one tick per unit, not fractional steps.
    if (largest <= 8)
        values->setTickCount(static_cast<int>(std::max<std::int64_t>(largest, 1)) + 1);
    else
        values->applyNiceNumbers();
    chart()->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

std::int64_t CountBarChart::count(const QString& name) const
{
    for (const Entry& entry : mEntries)
        if (entry.name == name)
            return entry.count;
    return -1;
}

} // namespace pixmark
