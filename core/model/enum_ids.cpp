#include "core/model/data_source.h"
#include "core/model/item_filter.h"
#include "core/model/labeling.h"
#include "core/model/project_info.h"
#include "core/model/queue.h"
#include "core/model/review.h"
#include "core/model/run.h"

#include <array>
#include <utility>

namespace pixmark {

namespace {
// One table per enum; each lookup is a linear scan over a handful of entries.
template <class Enum, std::size_t N>
std::string_view idOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value)
{
    for (const auto& [entry, id] : table)
        if (entry == value)
            return id;
    return {};
}

template <class Enum, std::size_t N>
std::optional<Enum> parseId(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view text)
{
    for (const auto& [entry, id] : table)
        if (id == text)
            return entry;
    return std::nullopt;
}

constexpr std::array<std::pair<ItemStatus, std::string_view>, 5> kItemStatus{{
    {ItemStatus::Unlabeled, "unlabeled"},
    {ItemStatus::Labeled, "labeled"},
    {ItemStatus::Skipped, "skipped"},
    {ItemStatus::Missing, "missing"},
    {ItemStatus::Unreadable, "unreadable"},
}};
constexpr std::array<std::pair<AnnotationKind, std::string_view>, 4> kAnnotationKind{{
    {AnnotationKind::Tag, "tag"},
    {AnnotationKind::Box, "box"},
    {AnnotationKind::Polygon, "polygon"},
    {AnnotationKind::Mask, "mask"},
}};
constexpr std::array<std::pair<SubmissionOrigin, std::string_view>, 4> kOrigin{{
    {SubmissionOrigin::Manual, "manual"},
    {SubmissionOrigin::PrelabelAccepted, "prelabel-accepted"},
    {SubmissionOrigin::PrelabelEdited, "prelabel-edited"},
    {SubmissionOrigin::Imported, "imported"},
}};
constexpr std::array<std::pair<ShapeOrigin, std::string_view>, 3> kShapeOrigin{{
    {ShapeOrigin::Drawn, "drawn"},
    {ShapeOrigin::PrelabelAccepted, "prelabel-accepted"},
    {ShapeOrigin::PrelabelEdited, "prelabel-edited"},
}};
constexpr std::array<std::pair<SubmissionRole, std::string_view>, 4> kSubmissionRole{{
    {SubmissionRole::Label, "label"},
    {SubmissionRole::Vote, "vote"},
    {SubmissionRole::Consensus, "consensus"},
    {SubmissionRole::Withdrawn, "withdrawn"},
}};
constexpr std::array<std::pair<LabelerRole, std::string_view>, 2> kLabelerRole{{
    {LabelerRole::Lead, "lead"},
    {LabelerRole::Labeler, "labeler"},
}};
constexpr std::array<std::pair<ProjectState, std::string_view>, 2> kState{{
    {ProjectState::Running, "running"},
    {ProjectState::Paused, "paused"},
}};
constexpr std::array<std::pair<SourceKind, std::string_view>, 4> kSourceKind{{
    {SourceKind::Files, "files"},
    {SourceKind::Folder, "folder"},
    {SourceKind::Glob, "glob"},
    {SourceKind::Manifest, "manifest"},
}};
constexpr std::array<std::pair<ReviewState, std::string_view>, 3> kReviewState{{
    {ReviewState::Pending, "pending"},
    {ReviewState::Accepted, "accepted"},
    {ReviewState::Rejected, "rejected"},
}};
constexpr std::array<std::pair<ItemCategory, std::string_view>, 9> kItemCategory{{
    {ItemCategory::Queued, "queued"},
    {ItemCategory::InProgress, "in-progress"},
    {ItemCategory::Labeled, "labeled"},
    {ItemCategory::NeedsReview, "needs-review"},
    {ItemCategory::Done, "done"},
    {ItemCategory::Skipped, "skipped"},
    {ItemCategory::Rejected, "rejected"},
    {ItemCategory::Missing, "missing"},
    {ItemCategory::Unreadable, "unreadable"},
}};
} // namespace

std::string_view toId(SourceKind kind) { return idOf(kSourceKind, kind); }
std::optional<SourceKind> parseSourceKind(std::string_view text) { return parseId(kSourceKind, text); }
std::string_view toId(ItemStatus status) { return idOf(kItemStatus, status); }
std::optional<ItemStatus> parseItemStatus(std::string_view text) { return parseId(kItemStatus, text); }
std::string_view toId(AnnotationKind kind) { return idOf(kAnnotationKind, kind); }
std::optional<AnnotationKind> parseAnnotationKind(std::string_view text) { return parseId(kAnnotationKind, text); }
std::string_view toId(SubmissionOrigin origin) { return idOf(kOrigin, origin); }
std::optional<SubmissionOrigin> parseSubmissionOrigin(std::string_view text) { return parseId(kOrigin, text); }
std::string_view toId(ShapeOrigin origin) { return idOf(kShapeOrigin, origin); }
std::optional<ShapeOrigin> parseShapeOrigin(std::string_view text) { return parseId(kShapeOrigin, text); }
std::string_view toId(SubmissionRole role) { return idOf(kSubmissionRole, role); }
std::optional<SubmissionRole> parseSubmissionRole(std::string_view text) { return parseId(kSubmissionRole, text); }
std::string_view toId(LabelerRole role) { return idOf(kLabelerRole, role); }
std::optional<LabelerRole> parseLabelerRole(std::string_view text) { return parseId(kLabelerRole, text); }
std::string_view toId(TaskKind kind) { return kind == TaskKind::Review ? "review" : "label"; }

std::string_view toId(PageSource source)
{
    switch (source) {
    case PageSource::Prelabeled:
        return "prelabeled";
    case PageSource::Clustered:
        return "clustered";
    case PageSource::Queue:
        break;
    }
    return "queue";
}
std::string_view toId(ProjectState state) { return idOf(kState, state); }
std::string_view toId(ReviewState state) { return idOf(kReviewState, state); }
std::optional<ReviewState> parseReviewState(std::string_view text) { return parseId(kReviewState, text); }
std::string_view toId(ItemCategory category) { return idOf(kItemCategory, category); }
std::optional<ItemCategory> parseItemCategory(std::string_view text) { return parseId(kItemCategory, text); }

const std::vector<ItemCategory>& allItemCategories()
{
    static const std::vector<ItemCategory> all = [] {
        std::vector<ItemCategory> categories;
        for (const auto& [category, id] : kItemCategory)
            categories.push_back(category);
        return categories;
    }();
    return all;
}


namespace {
constexpr std::array<std::pair<RunKind, std::string_view>, 5> kRunKind{{
    {RunKind::Cache, "cache"},
    {RunKind::Training, "training"},
    {RunKind::Validation, "validation"},
    {RunKind::Inference, "inference"},
    {RunKind::Featurization, "featurization"},
}};
constexpr std::array<std::pair<RunStatus, std::string_view>, 5> kRunStatus{{
    {RunStatus::Running, "running"},
    {RunStatus::Succeeded, "succeeded"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Interrupted, "interrupted"},
}};
} // namespace

std::string_view toId(RunKind kind)
{
    return idOf(kRunKind, kind);
}

std::optional<RunKind> parseRunKind(std::string_view text)
{
    return parseId(kRunKind, text);
}

std::string_view toId(RunStatus status)
{
    return idOf(kRunStatus, status);
}

std::optional<RunStatus> parseRunStatus(std::string_view text)
{
    return parseId(kRunStatus, text);
}

} // namespace pixmark
