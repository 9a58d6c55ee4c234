#pragma once
// SQL for the labeling workflow: review decisions, item history, the Data tab's filters
// and the dashboard's numbers.

#include "core/model/dashboard.h"
#include "core/model/item_filter.h"
#include "core/model/review.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Review decisions and history of submissions.
class ReviewTable {
public:
    explicit ReviewTable(sqlite::Database& db) : mDb(db) {}
    /// Rejects every non-rejected submission of the item in the epoch; returns how many.
    int rejectItem(ItemId item, int epoch, LabelerId reviewer, const std::string& reason, std::int64_t now);
    /// Accepts the item's current submission when it is a label (not a skip); false otherwise.
    bool approveItem(ItemId item, int epoch, LabelerId reviewer, std::int64_t now);
    /// Marks the item's live skips in the epoch withdrawn (its item goes back to the
    /// queue); returns how many.
    int withdrawSkip(ItemId item, int epoch);
    /// Every submission of the item, oldest first, with annotations.
    std::vector<SubmissionRecord> history(ItemId item, int epoch);

private:
    sqlite::Database& mDb;
};

/// Read-only queries over items by workflow category.
class WorkflowQueries {
public:
    WorkflowQueries(sqlite::Database& db) : mDb(db) {}
    std::vector<ItemId> find(const ItemFilter& filter, int epoch, bool reviewRequired);
    std::vector<ItemOverview> overviews(const std::vector<ItemId>& ids, int epoch, bool reviewRequired);
    /// Everything on the dashboard except the settings-derived fields.
    DashboardStats dashboard(int epoch, bool reviewRequired, std::int64_t bucketMs, int bucketCount,
                             std::int64_t now);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
