// Project: labelers and roles, review, history, Data filters, dashboard.
#include "core/project/naming_rules.h"
#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"
#include "core/util/text.h"

#include <algorithm>

namespace pixmark {

namespace {
std::string checkedLabelerName(const std::string& name)
{
    const std::string clean = trimmed(name);
    if (clean.empty())
        throw ValidationError("Enter the name you label under; it is recorded with every submission.");
    if (clean.size() > 80)
        throw ValidationError("A labeler name has at most 80 characters.");
    for (const char* reserved : {kImportLabelerName, kConsensusLabelerName})
        if (clean == reserved)
            throw ValidationError("\"" + clean + "\" is the name Pixmark records " +
                                  (clean == kImportLabelerName ? "imported labels" : "consensus results") +
                                  " under; choose another name.");
    return clean;
}
} // namespace

LabelerId Project::ensureLabeler(const std::string& name)
{
    mImpl->requireWritable();
    const std::string clean = checkedLabelerName(name);
    if (auto package = mImpl->packageInfo(); package && clean != package->labeler.name)
        throw PermissionError("This work package is for " + package->labeler.name +
                              "; open it as them, or ask the lead for a package of your own.");
    return mImpl->labelers.ensure(clean, std::string(toId(LabelerRole::Labeler)), nowMs());
}

LabelerId Project::useLabeler(const std::string& name)
{
    mImpl->currentLabeler = ensureLabeler(name);
    return *mImpl->currentLabeler;
}

Labeler Project::labeler(LabelerId id)
{
    auto found = mImpl->labelers.find(id);
    if (!found)
        throw NotFoundError("There is no labeler with id " + std::to_string(id) + " in this project.");
    return *found;
}

LabelerRole Project::currentRole()
{
    return parseLabelerRole(labeler(currentLabeler()).role).value_or(LabelerRole::Labeler);
}

void Project::requireLead(const std::string& action)
{
    const Labeler acting = labeler(currentLabeler());
    if (parseLabelerRole(acting.role) == LabelerRole::Lead)
        return;
    if (mImpl->packageInfo())
        throw PermissionError("Only a project lead can " + action + "; this work package is for labeling only " +
                              "(the lead changes the parent project).");
    throw PermissionError("Only a project lead can " + action + "; you are working as " + acting.name +
                          ", a labeler. Ask a lead to do it or to make you a lead.");
}

void Project::setLabelerRole(LabelerId id, LabelerRole role)
{
    mImpl->requireWritable();
    requireLead("change roles");
    const Labeler target = labeler(id);
    if (target.name == kImportLabelerName || target.name == kConsensusLabelerName)
        throw ValidationError("\"" + target.name + "\" is not a person; it has no role to change.");
    sqlite::Transaction transaction(mImpl->db);
    if (role == LabelerRole::Labeler && target.role == toId(LabelerRole::Lead)) {
        const auto all = mImpl->labelers.list();
        const auto leads = std::count_if(all.begin(), all.end(),
                                         [](const Labeler& l) { return l.role == toId(LabelerRole::Lead); });
        if (leads <= 1)
            throw ConflictError(target.name + " is the project's only lead; make someone else a lead first.");
    }
    mImpl->labelers.setRole(id, std::string(toId(role)));
    const auto now = nowMs();
    mImpl->logEdit("labeler-role-changed", Json{{"labeler", target.name}, {"role", toId(role)}}, now,
                   currentLabeler());
    transaction.commit();
}

int Project::rejectItems(const std::vector<ItemId>& ids, const std::string& reason)
{
    mImpl->requireWritable();
    requireLead("reject labels");
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
        mImpl->consensus.clear(id, epoch);
        mImpl->tasks.finish(id, false, now);
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
    requireLead("approve labels");
    const auto now = nowMs();
    const LabelerId reviewer = currentLabeler();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = mImpl->project.read().labelEpoch;
    std::vector<ItemId> approved;
    for (ItemId id : ids) {
        item(id); // NotFoundError for an unknown id
        if (mImpl->reviews.approveItem(id, epoch, reviewer, now)) {
            approved.push_back(id);
            mImpl->tasks.finish(id, false, now);
        }
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
