#pragma once
// How the Data tab names and colors item categories (grid stripes, filter menu, item view).

#include "core/model/item_filter.h"

#include <QColor>
#include <QString>

namespace pixmark {

/// Translated name of a category ("Needs review").
QString categoryName(ItemCategory category);
/// The stripe color of a category in the grid.
QColor categoryColor(ItemCategory category);

} // namespace pixmark
