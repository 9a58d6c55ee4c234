#include "core/project/project_impl_p.h"
#include "core/geometry/annotation_geometry.h"
#include "core/project/naming_rules.h"
#include "core/project/workflow_settings.h"
#include "core/queue/shuffle.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

namespace pixmark {

std::vector<ItemId> Project::addItems(const std::vector<Item>& newItems)
{
    return addItems(newItems, {}, false);
}

std::vector<ItemId> Project::addItems(const std::vector<Item>& newItems,
                                      const std::vector<std::vector<ClassId>>& tags, bool tagsAreFinal)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    // Each item's place in the queue comes from the queue's seed and its path: fixed
    // when it enters, reproducible, independent of the order files were found in.
    const std::uint64_t seed = queueSettings().seed;
    std::vector<Item> keyed = newItems;
    for (Item& entry : keyed)
        entry.shuffleKey = shuffleKey(seed, entry.relativePath);
    sqlite::Transaction transaction(mImpl->db);
    auto ids = mImpl->items.insert(keyed, now);
    std::vector<ImportedTag> imported;
    for (std::size_t i = 0; i < ids.size() && i < tags.size(); ++i)
        if (ids[i] != 0)
            for (ClassId classId : tags[i])
                imported.push_back({ids[i], classId});
    if (!imported.empty())
        mImpl->applyTags(imported, tagsAreFinal, now);
    transaction.commit();
    return ids;
}

Item Project::item(ItemId id)
{
    auto found = mImpl->items.find(id);
    if (!found)
        throw NotFoundError("There is no item with id " + std::to_string(id) + " in this project.");
    return *found;
}

std::vector<Item> Project::items(std::optional<ItemStatus> status, std::int64_t limit, std::int64_t offset)
{
    return mImpl->items.list(status, limit, offset);
}

std::map<ItemStatus, std::int64_t> Project::itemCounts()
{
    return mImpl->items.countByStatus();
}

SubmissionId Project::submit(const SubmissionRequest& request)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const ProjectInfo projectInfo = info();
    if (projectInfo.state == ProjectState::Paused)
        throw ConflictError("The project is paused; submissions are accepted again when the lead resumes it.");
    const Item target = item(request.itemId);
    const auto submitter = mImpl->labelers.find(request.labelerId);
    if (!submitter)
        throw NotFoundError("There is no labeler with id " + std::to_string(request.labelerId) + ".");
    for (const Annotation& annotation : request.annotations) {
        const LabelClass labelClass = mImpl->requireClass(annotation.classId);
        if (labelClass.archived)
            throw ConflictError("The class \"" + labelClass.name + "\" is archived and takes no new labels.");
    }
    const QualitySettings quality = qualitySettingsOf(*this);
    const auto recorded = mImpl->recordSubmission(request, target, *submitter, projectInfo, quality, now, now);
    if (recorded.vote && !request.skipped)
        mImpl->evaluateConsensus(target.id, projectInfo.taskType, projectInfo.labelEpoch, quality, now);
    transaction.commit();
    return recorded.id;
}

Project::Impl::Recorded Project::Impl::recordSubmission(const SubmissionRequest& request, const Item& target,
                                                        const Labeler& submitter, const ProjectInfo& projectInfo,
                                                        const QualitySettings& quality, std::int64_t submittedAt,
                                                        std::int64_t now)
{
    for (std::size_t k = 0; k < request.annotations.size(); ++k) {
        try {
            validateAnnotationGeometry(request.annotations[k], target.width, target.height);
        } catch (const ValidationError& error) {
            throw ValidationError("Shape " + std::to_string(k + 1) + " of the label on item " +
                                  std::to_string(target.id) + " cannot be stored: " + error.what());
        }
    }
    const int epoch = projectInfo.labelEpoch;
    // With consensus a labeler's answer is one vote among several, except a lead's on an
    // item its labelers disputed: that decides it.
    const auto outcome = consensus.find(target.id, epoch);
    const bool decidesDispute = outcome && outcome->state == store::ConsensusState::Disputed &&
                                submitter.role == toId(LabelerRole::Lead);
    const bool vote = quality.consensus && !decidesDispute;
    const auto id = submissions.insert(request, epoch, submittedAt, vote ? SubmissionRole::Vote : SubmissionRole::Label);
    tasks.finish(target.id, request.skipped, now);
    if (!vote)
        items.setStatus(target.id, request.skipped ? ItemStatus::Skipped : ItemStatus::Labeled);
    return Recorded{id, vote};
}

std::vector<Annotation> Project::currentAnnotations(ItemId itemId)
{
    return mImpl->submissions.currentAnnotations(itemId, info().labelEpoch);
}

std::vector<Suggestion> Project::suggestions(ItemId itemId)
{
    return mImpl->suggestions.forItem(itemId);
}

std::int64_t Project::submissionCount()
{
    return mImpl->submissions.count();
}

std::vector<std::pair<std::string, std::string>> Project::recentEvents(int limit)
{
    return mImpl->events.latest(limit);
}

} // namespace pixmark
