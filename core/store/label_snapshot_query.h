#pragma once
// SQL for reading every item's current label in one pass, as exports need it.

#include "core/model/labeling.h"

#include <functional>
#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Calls visit for every labeled item (not skipped) in item id order with its current
/// annotations: with reviewRequired, only approved labels unless includeUnreviewed.
/// Reads id, relative path, width, height and format of the item.
void forEachCurrentLabel(sqlite::Database& db, int epoch, bool reviewRequired, bool includeUnreviewed,
                         const std::function<void(const Item&, const std::vector<Annotation>&)>& visit);

} // namespace pixmark::store
