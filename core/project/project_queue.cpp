// Project: the task queue (pages of items for labelers and reviewers, abandonment,
// skipped items, the queue's counts and settings).
#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/queue/shuffle.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

namespace pixmark {

namespace {
constexpr int kMaxPageSize = 100;
constexpr int kMaxAbandonMinutes = 7 * 24 * 60;

void checkPageSize(int pageSize)
{
    if (pageSize < 1 || pageSize > kMaxPageSize)
        throw ValidationError("A task holds 1 to " + std::to_string(kMaxPageSize) + " items; " +
                              std::to_string(pageSize) + " was asked for.");
}
} // namespace

QueueSettings Project::queueSettings()
{
    const auto stored = Json::parse(setting("queue"), nullptr, false);
    QueueSettings settings;
    settings.seed = defaultQueueSeed(info().uuid);
    if (!stored.is_object())
        return settings;
    if (auto found = stored.find("abandon_after_minutes"); found != stored.end() && found->is_number_integer())
        settings.abandonAfterMinutes = found->get<int>();
    if (auto found = stored.find("seed"); found != stored.end() && found->is_number_unsigned())
        settings.seed = found->get<std::uint64_t>();
    return settings;
}

void Project::setQueueSettings(const QueueSettings& settings)
{
    mImpl->requireWritable();
    requireLead("change the queue settings");
    if (settings.abandonAfterMinutes < 1 || settings.abandonAfterMinutes > kMaxAbandonMinutes)
        throw ValidationError("A task returns its items after 1 minute to 7 days without work (10080 minutes); " +
                              std::to_string(settings.abandonAfterMinutes) + " is outside that.");
    if (settings.seed != queueSettings().seed && mImpl->db.queryInteger("SELECT EXISTS (SELECT 1 FROM items)") != 0)
        throw ConflictError("The queue order is fixed once the project has items; the seed can only be set before "
                            "the first items are added.");
    setSetting("queue", Json{{"abandon_after_minutes", settings.abandonAfterMinutes}, {"seed", settings.seed}}.dump());
}

Task Project::nextTask(LabelerId labelerId, int pageSize)
{
    mImpl->requireWritable();
    checkPageSize(pageSize);
    const Labeler person = labeler(labelerId);
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const ProjectInfo projectInfo = info();
    if (const auto returned = mImpl->tasks.returnAbandoned(now - queueSettings().abandonAfterMinutes * 60'000LL, now))
        mImpl->logEdit("tasks-abandoned", Json{{"items_returned", returned}}, now, std::nullopt);
    Task task;
    task.kind = TaskKind::Label;
    task.labelerId = person.id;
    task.createdAt = now;
    const bool consensus = qualitySettingsOf(*this).consensus;
    // ML assist's pages first: a model's prelabels to review, then a cluster of similar
    // items. With consensus every labeler labels from scratch, in queue order.
    std::vector<ItemId> ids;
    if (!consensus)
        ids = mImpl->tasks.nextAssistedItems(person.id, pageSize, projectInfo.labelEpoch, task.source);
    if (ids.empty())
        ids = mImpl->tasks.nextLabelItems(person.id, pageSize, projectInfo.labelEpoch, consensus);
    if (!ids.empty()) {
        task.id = mImpl->tasks.open(TaskKind::Label, person.id, pageSize, ids, now, std::nullopt, task.source);
        task.items = mImpl->items.findAll(ids);
    }
    transaction.commit();
    return task;
}

Task Project::nextReviewTask(int pageSize)
{
    mImpl->requireWritable();
    checkPageSize(pageSize);
    requireLead("review labels");
    const LabelerId reviewer = currentLabeler();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    Task task;
    task.kind = TaskKind::Review;
    task.labelerId = reviewer;
    task.createdAt = now;
    const auto ids = mImpl->tasks.nextReviewItems(pageSize, info().labelEpoch, qualitySettingsOf(*this).reviewRequired);
    if (!ids.empty()) {
        task.id = mImpl->tasks.open(TaskKind::Review, reviewer, pageSize, ids, now);
        task.items = mImpl->items.findAll(ids);
    }
    transaction.commit();
    return task;
}

std::int64_t Project::returnAbandonedTasks()
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const auto returned = mImpl->tasks.returnAbandoned(now - queueSettings().abandonAfterMinutes * 60'000LL, now);
    if (returned > 0)
        mImpl->logEdit("tasks-abandoned", Json{{"items_returned", returned}}, now, std::nullopt);
    transaction.commit();
    return returned;
}

void Project::releaseItems(LabelerId labeler, const std::vector<ItemId>& items)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->tasks.release(labeler, items);
    transaction.commit();
}

void Project::releaseAllItems(LabelerId labeler)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->tasks.releaseAll(labeler, nowMs());
    transaction.commit();
}

int Project::requeueItems(const std::vector<ItemId>& ids)
{
    mImpl->requireWritable();
    requireLead("put skipped items back in the queue");
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = info().labelEpoch;
    std::vector<ItemId> requeued;
    for (ItemId id : ids) {
        if (item(id).status != ItemStatus::Skipped)
            continue;
        mImpl->reviews.withdrawSkip(id, epoch);
        mImpl->items.setStatus(id, ItemStatus::Unlabeled);
        requeued.push_back(id);
    }
    if (requeued.empty())
        throw ConflictError(ids.size() == 1 ? "This item is not skipped; only skipped items go back to the queue."
                                            : "None of the items is skipped; only skipped items go back to the queue.");
    mImpl->logEdit("items-requeued", Json{{"items", requeued}}, now, currentLabeler());
    transaction.commit();
    return static_cast<int>(requeued.size());
}

QueueCounts Project::queueCounts()
{
    std::optional<sqlite::Transaction> snapshot;
    if (!mImpl->db.isReadOnly())
        snapshot.emplace(mImpl->db);
    QueueCounts counts;
    const DashboardStats stats = mImpl->workflow.dashboard(info().labelEpoch, qualitySettingsOf(*this).reviewRequired,
                                                           60'000, 1, nowMs());
    counts.byState = stats.progress;
    counts.inTask = stats.progress.at(ItemCategory::InProgress);
    counts.queued = stats.progress.at(ItemCategory::Queued) + stats.progress.at(ItemCategory::Rejected) +
                    stats.progress.at(ItemCategory::Labeled);
    counts.neverServed = mImpl->tasks.countNeverServed();
    counts.openTasks = mImpl->tasks.openTasks();
    std::map<LabelerId, std::int64_t> held;
    for (const TaskSummary& task : counts.openTasks)
        held[task.labelerId] += task.pending;
    std::map<LabelerId, std::int64_t> submitted;
    for (const LabelerActivity& activity : stats.labelers)
        submitted[activity.labelerId] = activity.labeled + activity.skipped;
    for (const Labeler& person : mImpl->labelers.list()) {
        if (person.name == kImportLabelerName || person.name == kConsensusLabelerName)
            continue;
        counts.byLabeler.push_back(
            LabelerQueueCounts{person.id, person.name, person.role, held[person.id], submitted[person.id]});
    }
    if (snapshot)
        snapshot->commit();
    return counts;
}

} // namespace pixmark
