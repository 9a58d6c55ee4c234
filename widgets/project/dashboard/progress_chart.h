#pragma once
// The dashboard's progress chart: one stacked horizontal bar of every item by workflow
// category, with counts and percentages in the legend.

#include "core/model/item_filter.h"

#include <QtCharts/QChartView>

#include <cstdint>
#include <map>

namespace pixmark {

/// Percent bar (the bar always fills the width); absolute counts are in the legend.
class ProgressChart : public QChartView {
    Q_OBJECT
public:
    /// Empty until setProgress().
    explicit ProgressChart(QWidget* parent = nullptr);

    /// Shows these counts. Missing and Unreadable appear only when non-zero.
    void setProgress(const std::map<ItemCategory, std::int64_t>& progress, std::int64_t totalItems);
    /// The count shown for a category (0 when not shown).
    std::int64_t count(ItemCategory category) const;
    /// The legend entry shown for a category ("Labeled: 12 (40 %)"), empty when not shown.
    QString legendText(ItemCategory category) const;

private:
    std::map<ItemCategory, std::int64_t> mShown;
    std::map<ItemCategory, QString> mLegend;
};

} // namespace pixmark
