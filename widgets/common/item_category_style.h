#pragma once
// How workflow categories are named and colored, so the dashboard's charts and the Data
// tab's grid, filters and item view agree.

#include "core/model/item_filter.h"

#include <QColor>
#include <QString>

#include <vector>

namespace pixmark {

/// The category as people read it ("In progress", "Needs review").
QString categoryName(ItemCategory category);
/// A fixed color per category: green for done, amber for waiting on someone, grey for idle.
QColor categoryColor(ItemCategory category);
/// The order the progress chart shows categories in: finished work first.
const std::vector<ItemCategory>& progressOrder();

} // namespace pixmark
