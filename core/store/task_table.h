#pragma once
// SQL for tasks: pages of items handed to one labeler (label tasks), to a lead (review
// tasks) or cut into a work package. An item in an open task is on nobody else's screen.

#include "core/model/queue.h"

#include <optional>
#include <string>
#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

class TaskTable {
public:
    explicit TaskTable(sqlite::Database& db) : mDb(db) {}

    /// Up to count items the labeler may label next, in shuffle order: unlabeled, in no
    /// open task, not disputed, and not already voted on by this labeler in the epoch. With
    /// consensus the walk resumes after the labeler's last page, then wraps around.
    std::vector<ItemId> nextLabelItems(LabelerId labeler, int count, int epoch, bool consensus = false);
    /// ML assist's pages (without consensus): up to count such items that a model prelabeled,
    /// else the items of one cluster nearest its centre first (the cluster of the first such
    /// item in shuffle order), else nothing. source says which.
    std::vector<ItemId> nextAssistedItems(LabelerId labeler, int count, int epoch, PageSource& source);
    /// Up to count items waiting for a lead's review, in shuffle order, in no open task.
    std::vector<ItemId> nextReviewItems(int count, int epoch, bool reviewRequired);
    /// Opens a task holding the items (in this order) for the labeler.
    TaskId open(TaskKind kind, LabelerId labeler, int pageSize, const std::vector<ItemId>& items, std::int64_t now,
                const std::optional<std::string>& packageUuid = std::nullopt,
                PageSource source = PageSource::Queue);
    /// Marks the item done (or skipped) in every open task that holds it, records the
    /// task's activity and closes tasks that have nothing pending left.
    void finish(ItemId item, bool skipped, std::int64_t now);
    /// Gives held items back to the queue.
    void release(LabelerId labeler, const std::vector<ItemId>& items);
    /// Closes every open task of the labeler (all labelers when nullopt) that is not a
    /// work package's, giving back what they held.
    void releaseAll(std::optional<LabelerId> labeler, std::int64_t now);
    /// Cancels open tasks (not packages') idle since before cutoff; returns the items
    /// they gave back.
    std::int64_t returnAbandoned(std::int64_t cutoff, std::int64_t now);
    /// Closes the open tasks of a work package, giving back what was not labeled.
    std::int64_t closePackage(const std::string& packageUuid, std::int64_t now);
    /// Open tasks of a work package, with their labeler and pending item count.
    std::vector<TaskSummary> openTasks();
    /// Items that were never in any task.
    std::int64_t countNeverServed();

private:
    /// Clears items.held where no open task holds the item any more.
    void refreshHeld();
    sqlite::Database& mDb;
};

} // namespace pixmark::store
