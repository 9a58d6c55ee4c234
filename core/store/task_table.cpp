#include "core/store/task_table.h"

#include "core/store/sqlite/database.h"
#include "core/store/workflow_sql.h"

namespace pixmark::store {

namespace {
std::vector<ItemId> ids(sqlite::Statement& row)
{
    std::vector<ItemId> result;
    while (row.step())
        result.push_back(row.integer(0));
    return result;
}

// Open tasks that are not work packages': what a labeler at this machine holds.
constexpr const char* kLocalOpenTasks = "status = 'in-progress' AND package_uuid IS NULL";
} // namespace

void TaskTable::refreshHeld()
{
    // Only rows marked held are visited (a partial index); the list of items still held
    // is built once.
    mDb.exec(std::string("UPDATE items SET held = 0 WHERE held = 1 AND id NOT IN ") + sql::kInProgressIds);
}

namespace {

// Items a labeler may take (?1 epoch, ?2 labeler): unlabeled, in no open task, not disputed,
// not already voted on by them.
std::string freeItemsSql()
{
    return std::string("SELECT i.id FROM items i WHERE i.status = 'unlabeled' AND i.held = 0 AND i.id NOT IN ") +
           sql::kDisputedIds +
           " AND NOT EXISTS (SELECT 1 FROM submissions m WHERE m.labeler_id = ?2 AND m.item_id = i.id AND m.epoch = "
           "?1 AND m.role = 'vote' AND m.review_state != 'rejected') ";
}

constexpr const char* kModelPrelabeled = "(SELECT p.item_id FROM predictions p WHERE p.origin = 'model')";

} // namespace

std::vector<ItemId> TaskTable::nextAssistedItems(LabelerId labeler, int count, int epoch, PageSource& source)
{
    const std::string free = freeItemsSql();
    // The page's items in the queue's order, shown least sure first: a labeler's eye starts at
    // the first tile, where the prelabels most likely wrong then are.
    auto prelabeled = mDb.prepare("SELECT page.id FROM (" + free + "AND i.id IN " + kModelPrelabeled +
                                  " ORDER BY i.shuffle_key LIMIT ?3) page ORDER BY (SELECT min(p.score) FROM "
                                  "predictions p WHERE p.item_id = page.id AND p.origin = 'model'), page.id");
    prelabeled.bindAll(epoch, labeler, count);
    if (auto found = ids(prelabeled); !found.empty()) {
        source = PageSource::Prelabeled;
        return found;
    }
    const std::string clustered = free + "AND i.id NOT IN " + kModelPrelabeled + " AND i.id IN (SELECT c.item_id FROM "
                                  "item_clusters c WHERE ?4 < 0 OR c.cluster = ?4) ";
    auto first = mDb.prepare("SELECT c.cluster FROM item_clusters c WHERE c.item_id = (" + clustered +
                             "ORDER BY i.shuffle_key LIMIT 1)");
    first.bindAll(epoch, labeler, count, -1);
    if (!first.step())
        return {};
    const std::int64_t cluster = first.integer(0);
    first.reset();
    auto members = mDb.prepare(clustered + "ORDER BY (SELECT c.distance FROM item_clusters c WHERE c.item_id = i.id), "
                                           "i.shuffle_key LIMIT ?3");
    members.bindAll(epoch, labeler, count, cluster);
    source = PageSource::Clustered;
    return ids(members);
}

std::vector<ItemId> TaskTable::nextLabelItems(LabelerId labeler, int count, int epoch, bool consensus)
{
    // Walks the (status, held, shuffle_key) index from the first free item; disputed items
    // are a small id list, and the vote check is one index probe per candidate.
    const std::string free = freeItemsSql();
    std::vector<ItemId> result;
    std::int64_t from = -1;
    if (consensus) {
        // With consensus a labeler's own votes wait at the front of the queue for the other
        // labelers; resuming after the last page served skips them, and a second walk from
        // the start picks up what came back behind.
        auto last = mDb.prepare("SELECT max(i.shuffle_key) FROM task_items ti JOIN items i ON i.id = ti.item_id "
                                "WHERE ti.task_id = (SELECT max(id) FROM tasks WHERE labeler_id = ? AND kind = 'label' "
                                "AND package_uuid IS NULL)");
        last.bind(1, labeler);
        if (last.step() && !last.isNull(0))
            from = last.integer(0);
    }
    auto after = mDb.prepare(free + "AND i.shuffle_key > ?4 ORDER BY i.shuffle_key LIMIT ?3");
    after.bindAll(epoch, labeler, count, from);
    result = ids(after);
    if (from >= 0 && static_cast<int>(result.size()) < count) {
        auto before = mDb.prepare(free + "AND i.shuffle_key <= ?4 ORDER BY i.shuffle_key LIMIT ?3");
        before.bindAll(epoch, labeler, count - static_cast<int>(result.size()), from);
        for (ItemId id : ids(before))
            result.push_back(id);
    }
    return result;
}

std::vector<ItemId> TaskTable::nextReviewItems(int count, int epoch, bool reviewRequired)
{
    auto row = mDb.prepare("SELECT i.id FROM items i WHERE " + sql::categoryCondition(ItemCategory::NeedsReview) +
                           " AND i.id NOT IN " + sql::kInProgressIds + " ORDER BY i.shuffle_key LIMIT ?3");
    row.bindAll(epoch, reviewRequired ? 1 : 0, count);
    return ids(row);
}

TaskId TaskTable::open(TaskKind kind, LabelerId labeler, int pageSize, const std::vector<ItemId>& items,
                       std::int64_t now, const std::optional<std::string>& packageUuid, PageSource source)
{
    mDb.prepare("INSERT INTO tasks (kind, labeler_id, status, package_uuid, created_at, active_at, page_size, source) "
                "VALUES (?, ?, 'in-progress', ?, ?, ?, ?, ?)")
        .bindAll(toId(kind), labeler, packageUuid, now, now, pageSize, toId(source))
        .run();
    const TaskId task = mDb.lastInsertRowId();
    auto hold = mDb.prepare("INSERT INTO task_items (task_id, item_id, position, status) VALUES (?, ?, ?, 'pending')");
    auto mark = mDb.prepare("UPDATE items SET held = 1 WHERE id = ?");
    for (std::size_t k = 0; k < items.size(); ++k) {
        hold.bindAll(task, items[k], static_cast<std::int64_t>(k) + 1).run();
        mark.bindAll(items[k]).run();
    }
    return task;
}

void TaskTable::finish(ItemId item, bool skipped, std::int64_t now)
{
    const std::string openTasksOfItem = "SELECT task_id FROM task_items WHERE item_id = ?1 AND status = 'pending' "
                                        "AND task_id IN (SELECT id FROM tasks WHERE status = 'in-progress')";
    auto touched = mDb.prepare(openTasksOfItem);
    touched.bind(1, item);
    const std::vector<TaskId> tasks = ids(touched);
    if (tasks.empty())
        return;
    mDb.prepare("UPDATE task_items SET status = ?2 WHERE item_id = ?1 AND status = 'pending' "
                "AND task_id IN (SELECT id FROM tasks WHERE status = 'in-progress')")
        .bindAll(item, skipped ? "skipped" : "done")
        .run();
    auto activity = mDb.prepare("UPDATE tasks SET active_at = ?2, status = CASE WHEN EXISTS (SELECT 1 FROM task_items "
                                "WHERE task_id = ?1 AND status = 'pending') THEN status ELSE 'done' END, "
                                "closed_at = CASE WHEN EXISTS (SELECT 1 FROM task_items WHERE task_id = ?1 AND "
                                "status = 'pending') THEN closed_at ELSE ?2 END WHERE id = ?1");
    for (TaskId task : tasks)
        activity.bindAll(task, now).run();
    mDb.prepare("UPDATE items SET held = 0 WHERE id = ?").bindAll(item).run();
}

void TaskTable::release(LabelerId labeler, const std::vector<ItemId>& items)
{
    auto drop = mDb.prepare(std::string("DELETE FROM task_items WHERE item_id = ? AND status = 'pending' AND task_id IN "
                                        "(SELECT id FROM tasks WHERE ") +
                            kLocalOpenTasks + " AND labeler_id = ?)");
    for (ItemId item : items)
        drop.bindAll(item, labeler).run();
    refreshHeld();
}

void TaskTable::releaseAll(std::optional<LabelerId> labeler, std::int64_t now)
{
    const std::string which = kLocalOpenTasks + std::string(labeler ? " AND labeler_id = ?2" : "");
    auto drop = mDb.prepare("DELETE FROM task_items WHERE status = 'pending' AND task_id IN (SELECT id FROM tasks "
                            "WHERE " + which + ")");
    auto close = mDb.prepare("UPDATE tasks SET status = 'done', closed_at = ?1 WHERE " + which);
    if (labeler) {
        drop.bind(2, *labeler);
        close.bind(2, *labeler);
    }
    drop.run();
    close.bind(1, now);
    close.run();
    refreshHeld();
}

std::int64_t TaskTable::returnAbandoned(std::int64_t cutoff, std::int64_t now)
{
    const std::string idle = std::string("SELECT id FROM tasks WHERE ") + kLocalOpenTasks +
                             " AND coalesce(active_at, created_at) < ?1";
    mDb.prepare("DELETE FROM task_items WHERE status = 'pending' AND task_id IN (" + idle + ")").bindAll(cutoff).run();
    const std::int64_t returned = mDb.changes();
    mDb.prepare("UPDATE tasks SET status = 'cancelled', closed_at = ?2 WHERE id IN (" + idle + ")")
        .bindAll(cutoff, now)
        .run();
    if (returned > 0)
        refreshHeld();
    return returned;
}

std::int64_t TaskTable::closePackage(const std::string& packageUuid, std::int64_t now)
{
    const std::string open = "SELECT id FROM tasks WHERE status = 'in-progress' AND package_uuid = ?1";
    mDb.prepare("DELETE FROM task_items WHERE status = 'pending' AND task_id IN (" + open + ")")
        .bindAll(packageUuid)
        .run();
    const std::int64_t returned = mDb.changes();
    mDb.prepare("UPDATE tasks SET status = 'done', closed_at = ?2 WHERE id IN (" + open + ")")
        .bindAll(packageUuid, now)
        .run();
    refreshHeld();
    return returned;
}

std::vector<TaskSummary> TaskTable::openTasks()
{
    auto row = mDb.prepare("SELECT t.id, t.kind, coalesce(t.labeler_id, 0), coalesce(t.package_uuid, ''), "
                           "(SELECT count(*) FROM task_items ti WHERE ti.task_id = t.id AND ti.status = 'pending'), "
                           "coalesce(t.active_at, t.created_at) FROM tasks t WHERE t.status = 'in-progress' ORDER BY t.id");
    std::vector<TaskSummary> tasks;
    while (row.step())
        tasks.push_back(TaskSummary{row.integer(0), row.text(1) == "review" ? TaskKind::Review : TaskKind::Label,
                                    row.integer(2), row.text(3), row.integer(4), row.integer(5)});
    return tasks;
}

std::int64_t TaskTable::countNeverServed()
{
    return mDb.queryInteger("SELECT count(*) FROM items i WHERE i.status = 'unlabeled' AND NOT EXISTS "
                            "(SELECT 1 FROM task_items ti WHERE ti.item_id = i.id)");
}

} // namespace pixmark::store
