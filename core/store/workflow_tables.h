#pragma once
// SQL for the labeling workflow: checkouts (which items are on whose screen), review
// decisions, item history, the Data tab's filters and the dashboard's numbers.

#include "core/model/dashboard.h"
#include "core/model/item_filter.h"
#include "core/model/review.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Checkouts, kept as "label" tasks: one in-progress task per labeler holds the items on
/// that labeler's screen. Holds a reference to the caller's Database.
class CheckoutTable {
public:
    explicit CheckoutTable(sqlite::Database& db) : mDb(db) {}
    /// Up to count queued items (unlabeled, held by nobody), in shuffle order, now held by labeler.
    std::vector<ItemId> checkOut(LabelerId labeler, int count, std::int64_t now);
    /// Marks the item's open checkouts done (or skipped).
    void finish(ItemId item, bool skipped);
    /// Gives held items back to the queue.
    void release(LabelerId labeler, const std::vector<ItemId>& items);
    /// Closes every open checkout of the labeler (all labelers when nullopt).
    void releaseAll(std::optional<LabelerId> labeler, std::int64_t now);

private:
    std::int64_t openTask(LabelerId labeler, std::int64_t now);
    sqlite::Database& mDb;
};

/// Review decisions and history of submissions.
class ReviewTable {
public:
    explicit ReviewTable(sqlite::Database& db) : mDb(db) {}
    /// Rejects every non-rejected submission of the item in the epoch; returns how many.
    int rejectItem(ItemId item, int epoch, LabelerId reviewer, const std::string& reason, std::int64_t now);
    /// Accepts the item's current submission when it is a label (not a skip); false otherwise.
    bool approveItem(ItemId item, int epoch, LabelerId reviewer, std::int64_t now);
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
