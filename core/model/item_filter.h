#pragma once
// Where an item stands in the workflow, and the filters of the Data tab. Categories
// split the items without overlap, so the dashboard's progress chart adds up.

#include "core/model/labeling.h"

#include <optional>
#include <string>
#include <vector>

namespace pixmark {

/// Workflow category of an item. InProgress wins over the others: an item a labeler has
/// on screen is in progress whatever happened to it before.
enum class ItemCategory {
    Queued,      ///< unlabeled, waiting for a labeler
    InProgress,  ///< in a labeler's task now
    Labeled,     ///< labeled by some labelers, consensus waits for more
    NeedsReview, ///< labeled, review required and not yet approved; or consensus disputed
    Done,        ///< has a final current label (approved, agreed, or review not required)
    Skipped,
    Rejected,    ///< its labels were rejected; back in the queue, history kept
    Missing,     ///< its file is gone
    Unreadable,
};

std::string_view toId(ItemCategory category);
std::optional<ItemCategory> parseItemCategory(std::string_view text);
/// Every category, in the order charts and menus show them.
const std::vector<ItemCategory>& allItemCategories();

/// Filters of the Data tab; unset fields do not filter. All set fields must hold.
struct ItemFilter {
    std::optional<ItemCategory> category;
    std::optional<ClassId> classId;       ///< the item's current label includes this class
    std::optional<LabelerId> labelerId;   ///< the item's current label was made by this labeler
    std::optional<SourceId> sourceId;
    std::optional<bool> prelabeled;       ///< has suggestions (model output or imported)
    std::string pathContains;             ///< case-insensitive part of the path
};

/// What a grid cell shows of an item.
struct ItemOverview {
    ItemId id = 0;
    std::string relativePath;
    ItemCategory category = ItemCategory::Queued;
    int width = 0;
    int height = 0;
    std::vector<ClassId> classes; ///< classes of the current label, in annotation order
    bool prelabeled = false;
};

} // namespace pixmark
