// Project: the labeling workflow (labelers, checkouts, review, history, Data filters,
// dashboard).
#include "core/project/naming_rules.h"
#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <algorithm>

namespace pixmark {

namespace {
std::string trimmed(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}
} // namespace

LabelerId Project::useLabeler(const std::string& name)
{
    mImpl->requireWritable();
    const std::string clean = trimmed(name);
    if (clean.empty())
        throw ValidationError("Enter the name you label under; it is recorded with every submission.");
    if (clean.size() > 80)
        throw ValidationError("A labeler name has at most 80 characters.");
    mImpl->currentLabeler = mImpl->labelers.ensure(clean, "labeler", nowMs());
    return *mImpl->currentLabeler;
}

std::vector<Item> Project::checkOutItems(LabelerId labeler, int count)
{
    mImpl->requireWritable();
    if (count <= 0)
        return {};
    sqlite::Transaction transaction(mImpl->db);
    const auto ids = mImpl->checkouts.checkOut(labeler, count, nowMs());
    std::vector<Item> held;
    held.reserve(ids.size());
    for (ItemId id : ids)
        held.push_back(item(id));
    transaction.commit();
    return held;
}

void Project::releaseItems(LabelerId labeler, const std::vector<ItemId>& items)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->checkouts.release(labeler, items);
    transaction.commit();
}

void Project::releaseAllItems(LabelerId labeler)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->checkouts.releaseAll(labeler, nowMs());
    transaction.commit();
}

int Project::rejectItems(const std::vector<ItemId>& ids, const std::string& reason)
{
    mImpl->requireWritable();
    const std::string why = trimmed(reason);
    if (why.empty())
        throw ValidationError("Say why the label is rejected; the labeler sees the reason.");
    const auto now = nowMs();
    const LabelerId reviewer = currentLabeler();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = mImpl->project.read().labelEpoch;
    std::vector<ItemId> rejected;
    for (ItemId id : ids) {
        const Item target = item(id);
        if (mImpl->reviews.rejectItem(id, epoch, reviewer, why, now) == 0)
            continue;
        rejected.push_back(id);
        if (target.status == ItemStatus::Labeled || target.status == ItemStatus::Skipped)
            mImpl->items.setStatus(id, ItemStatus::Unlabeled);
    }
    if (rejected.empty())
        throw ConflictError(ids.size() == 1 ? "This item has no label to reject."
                                            : "None of the selected items has a label to reject.");
    mImpl->logEdit("items-rejected", Json{{"items", rejected}, {"reason", why}}, now, reviewer);
    transaction.commit();
    return static_cast<int>(rejected.size());
}

int Project::approveItems(const std::vector<ItemId>& ids)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    const LabelerId reviewer = currentLabeler();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = mImpl->project.read().labelEpoch;
    std::vector<ItemId> approved;
    for (ItemId id : ids) {
        item(id); // NotFoundError for an unknown id
        if (mImpl->reviews.approveItem(id, epoch, reviewer, now))
            approved.push_back(id);
    }
    if (!approved.empty())
        mImpl->logEdit("items-approved", Json{{"items", approved}}, now, reviewer);
    transaction.commit();
    return static_cast<int>(approved.size());
}

std::vector<SubmissionRecord> Project::itemHistory(ItemId id)
{
    item(id);
    return mImpl->reviews.history(id, mImpl->project.read().labelEpoch);
}

std::vector<ItemId> Project::findItems(const ItemFilter& filter)
{
    return mImpl->workflow.find(filter, mImpl->project.read().labelEpoch, qualitySettingsOf(*this).reviewRequired);
}

std::vector<ItemOverview> Project::itemOverviews(const std::vector<ItemId>& ids)
{
    return mImpl->workflow.overviews(ids, mImpl->project.read().labelEpoch, qualitySettingsOf(*this).reviewRequired);
}

DashboardStats Project::dashboard(std::int64_t bucketMs, int bucketCount)
{
    // One transaction where we may write (ours is the only writer, so it is a consistent
    // snapshot); a read-only open reads statement by statement.
    std::optional<sqlite::Transaction> snapshot;
    if (!mImpl->db.isReadOnly())
        snapshot.emplace(mImpl->db);
    auto stats = mImpl->workflow.dashboard(mImpl->project.read().labelEpoch, qualitySettingsOf(*this).reviewRequired,
                                           bucketMs, bucketCount, nowMs());
    if (snapshot)
        snapshot->commit();
    return stats;
}

} // namespace pixmark
