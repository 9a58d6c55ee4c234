#pragma once
// SQL fragments shared by the workflow queries (queue, review, dashboard, Data filters).
// Every fragment expects the items table aliased as i, the label epoch bound as ?1 and
// "review required" (0 or 1) bound as ?2. The id lists are not correlated with i, so
// SQLite builds each once per statement as an in-memory index: a filter over a million
// items then costs one lookup per item instead of a subquery per item.

#include "core/model/item_filter.h"

#include <string>

namespace pixmark::store::sql {

/// Id of item i's current submission: its latest non-rejected one in the epoch.
inline constexpr const char* kCurrentSubmissionOfItem =
    "(SELECT max(l.id) FROM submissions l WHERE l.item_id = i.id AND l.epoch = ?1 AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))";

/// Items on some labeler's screen (open checkouts).
inline constexpr const char* kInProgressIds =
    "(SELECT ti.item_id FROM task_items ti JOIN tasks t ON t.id = ti.task_id "
    "WHERE ti.status = 'pending' AND t.status = 'in-progress')";

/// Items with a rejected submission in the epoch.
inline constexpr const char* kRejectedIds =
    "(SELECT r.item_id FROM submissions r WHERE r.epoch = ?1 AND r.review_state = 'rejected')";

/// Items with consensus votes in the epoch that are not rejected: labeled by some.
inline constexpr const char* kVotedIds =
    "(SELECT v.item_id FROM submissions v WHERE v.epoch = ?1 AND v.role = 'vote' AND v.skipped = 0 "
    "AND v.review_state != 'rejected')";

/// Items whose labelers did not agree at the maximum number of labelers: a lead decides.
inline constexpr const char* kDisputedIds =
    "(SELECT d.item_id FROM consensus_results d WHERE d.epoch = ?1 AND d.state = 'disputed')";

/// Items with suggestions (model output or imported).
inline constexpr const char* kPrelabeledIds = "(SELECT p.item_id FROM predictions p)";

/// True when item i's current label waits for review (only when review is required).
inline const std::string kAwaitsReview = std::string("(?2 AND (SELECT c.review_state FROM submissions c WHERE c.id = ") +
                                         kCurrentSubmissionOfItem + ") = 'pending')";

/// A condition that holds exactly for the items of the category.
inline std::string categoryCondition(ItemCategory category)
{
    const std::string unlabeled = "i.status = 'unlabeled'";
    const std::string held = std::string("i.id IN ") + kInProgressIds;
    const std::string rejected = std::string("i.id IN ") + kRejectedIds;
    const std::string voted = std::string("i.id IN ") + kVotedIds;
    const std::string disputed = std::string("i.id IN ") + kDisputedIds;
    const std::string waiting = "(" + unlabeled + " AND NOT " + held + " AND NOT " + disputed + ")";
    switch (category) {
    case ItemCategory::Queued:
        return "(" + waiting + " AND NOT " + voted + " AND NOT " + rejected + ")";
    case ItemCategory::InProgress:
        return "(" + unlabeled + " AND " + held + ")";
    case ItemCategory::Labeled:
        return "(" + waiting + " AND " + voted + ")";
    case ItemCategory::Rejected:
        return "(" + waiting + " AND NOT " + voted + " AND " + rejected + ")";
    case ItemCategory::Done:
        return "(i.status = 'labeled' AND NOT " + kAwaitsReview + ")";
    case ItemCategory::NeedsReview:
        return "((i.status = 'labeled' AND " + kAwaitsReview + ") OR (" + unlabeled + " AND NOT " + held + " AND " +
               disputed + "))";
    case ItemCategory::Skipped:
        return "(i.status = 'skipped')";
    case ItemCategory::Missing:
        return "(i.status = 'missing')";
    case ItemCategory::Unreadable:
        return "(i.status = 'unreadable')";
    }
    return "0";
}

/// The ItemCategory id of item i (see core/model/item_filter.h), in the same precedence
/// as categoryCondition.
inline std::string categoryOfItem()
{
    return std::string("CASE i.status WHEN 'missing' THEN 'missing' WHEN 'unreadable' THEN 'unreadable' "
                       "WHEN 'skipped' THEN 'skipped' WHEN 'labeled' THEN CASE WHEN ") +
           kAwaitsReview + " THEN 'needs-review' ELSE 'done' END ELSE CASE WHEN i.id IN " + kInProgressIds +
           " THEN 'in-progress' WHEN i.id IN " + kDisputedIds + " THEN 'needs-review' WHEN i.id IN " + kVotedIds +
           " THEN 'labeled' WHEN i.id IN " + kRejectedIds + " THEN 'rejected' ELSE 'queued' END END";
}

} // namespace pixmark::store::sql
