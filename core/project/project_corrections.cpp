#include "core/project/project_impl_p.h"
#include "core/project/workflow_settings.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <algorithm>

namespace pixmark {

namespace {
// The checks reopenSubmitted and submitCorrection share; returns the current submission.
SubmissionRecord reopenable(Project& project, LabelerId labelerId, ItemId itemId)
{
    const Labeler who = project.labeler(labelerId);
    const std::vector<SubmissionRecord> history = project.itemHistory(itemId);
    if (qualitySettingsOf(project).consensus)
        throw ConflictError("With consensus labeling each answer is one vote and is final once handed in; "
                            "a lead can reject the item to have it labeled again.");
    // The current label, or the skip that stands in its place (history marks labels only).
    const int epoch = project.info().labelEpoch;
    const auto current = std::find_if(history.rbegin(), history.rend(), [epoch](const SubmissionRecord& r) {
        return r.epoch == epoch && r.reviewState != ReviewState::Rejected &&
               (r.role == SubmissionRole::Label || r.role == SubmissionRole::Consensus);
    });
    if (current == history.rend())
        throw ConflictError("Item " + std::to_string(itemId) + " has no label now (it was rejected or put back in "
                            "the queue); it comes back through the queue.");
    if (current->labelerId != labelerId && parseLabelerRole(who.role) != LabelerRole::Lead)
        throw PermissionError("The label of item " + std::to_string(itemId) + " is " + current->labelerName +
                              "'s now; only a project lead can change another labeler's label.");
    if (current->reviewState == ReviewState::Accepted)
        throw ConflictError("A lead approved the label of item " + std::to_string(itemId) +
                            "; ask a lead to reject it to change it.");
    return *current;
}
} // namespace

SubmissionRecord Project::reopenSubmitted(LabelerId labeler, ItemId item)
{
    return reopenable(*this, labeler, item);
}

SubmissionId Project::submitCorrection(const SubmissionRequest& request)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    const SubmissionRecord corrected = reopenable(*this, request.labelerId, request.itemId);
    const SubmissionId id = submit(request);
    mImpl->logEdit("label-corrected", Json{{"item", request.itemId}, {"corrects", corrected.id}, {"submission", id}},
                   nowMs(), request.labelerId);
    transaction.commit();
    return id;
}

} // namespace pixmark
