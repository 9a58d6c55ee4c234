#pragma once
// Review of submitted work and an item's full history, for the Data tab's item view.

#include "core/model/labeling.h"

#include <optional>
#include <string>
#include <vector>

namespace pixmark {

enum class ReviewState { Pending, Accepted, Rejected };

std::string_view toId(ReviewState state);
std::optional<ReviewState> parseReviewState(std::string_view text);

/// One submission as history shows it: who, when, what, and what review made of it.
struct SubmissionRecord {
    SubmissionId id = 0;
    ItemId itemId = 0;
    LabelerId labelerId = 0;
    std::string labelerName;
    Timestamp submittedAt = 0;
    std::int64_t durationMs = 0;
    SubmissionOrigin origin = SubmissionOrigin::Manual;
    bool skipped = false;
    int epoch = 0;
    ReviewState reviewState = ReviewState::Pending;
    std::string reviewNote;           ///< why it was rejected; empty otherwise
    std::string reviewerName;         ///< empty until reviewed
    std::optional<Timestamp> reviewedAt;
    bool current = false;             ///< this submission is the item's current label
    SubmissionRole role = SubmissionRole::Label;
    std::optional<bool> agreesWithConsensus; ///< a vote compared with a consensus result
    std::vector<Annotation> annotations;
};

} // namespace pixmark
