#include "widgets/project/dashboard/progress_chart.h"

#include "widgets/common/item_category_style.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QHorizontalPercentBarSeries>
#include <QtCharts/QLegend>
#include <QtCharts/QValueAxis>

namespace pixmark {

ProgressChart::ProgressChart(QWidget* parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("progressChart"));
    setRenderHint(QPainter::Antialiasing);
    chart()->setTitle(tr("Progress"));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(170);
}

void ProgressChart::setProgress(const std::map<ItemCategory, std::int64_t>& progress, std::int64_t totalItems)
{
    chart()->removeAllSeries();
    for (auto* axis : chart()->axes())
        chart()->removeAxis(axis);
    mShown.clear();
    mLegend.clear();

    auto* series = new QHorizontalPercentBarSeries;
    for (const ItemCategory category : progressOrder()) {
        const auto found = progress.find(category);
        const std::int64_t count = found == progress.end() ? 0 : found->second;
        const bool optional = category == ItemCategory::Missing || category == ItemCategory::Unreadable;
        if (optional && count == 0)
            continue;
        const double percent =
            totalItems > 0 ? 100.0 * static_cast<double>(count) / static_cast<double>(totalItems) : 0;
        const QString text = tr("%1: %L2 (%3 %)")
                                 .arg(categoryName(category))
                                 .arg(count)
                                 .arg(percent, 0, 'f', percent < 10 && percent > 0 ? 1 : 0);
        auto* set = new QBarSet(text);
        set->setColor(categoryColor(category));
        set->setBorderColor(categoryColor(category));
        set->append(static_cast<qreal>(count));
        series->append(set);
        mShown[category] = count;
        mLegend[category] = text;
    }
    series->setBarWidth(0.9);
    chart()->addSeries(series);
    auto* categories = new QBarCategoryAxis;
    categories->append(tr("%Ln item(s)", nullptr, static_cast<int>(totalItems)));
    chart()->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto* values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%d %%"));
    chart()->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

std::int64_t ProgressChart::count(ItemCategory category) const
{
    const auto found = mShown.find(category);
    return found == mShown.end() ? 0 : found->second;
}

QString ProgressChart::legendText(ItemCategory category) const
{
    const auto found = mLegend.find(category);
    return found == mLegend.end() ? QString() : found->second;
}

} // namespace pixmark
