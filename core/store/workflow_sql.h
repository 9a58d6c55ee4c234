#pragma once
// SQL fragments shared by the workflow queries (queue, review, dashboard, Data filters).
// Every fragment expects the items table aliased as i, the label epoch bound as ?1 and
// "review required" (0 or 1) bound as ?2.

namespace pixmark::store::sql {

/// Id of item i's current submission: its latest non-rejected one in the epoch.
inline constexpr const char* kCurrentSubmissionOfItem =
    "(SELECT max(l.id) FROM submissions l WHERE l.item_id = i.id AND l.epoch = ?1 AND l.review_state != 'rejected')";

/// True while item i is on some labeler's screen (an open checkout).
inline constexpr const char* kItemInProgress =
    "EXISTS (SELECT 1 FROM task_items ti JOIN tasks t ON t.id = ti.task_id "
    "WHERE ti.item_id = i.id AND ti.status = 'pending' AND t.status = 'in-progress')";

/// True when some submission of item i in the epoch was rejected.
inline constexpr const char* kItemWasRejected =
    "EXISTS (SELECT 1 FROM submissions r WHERE r.item_id = i.id AND r.epoch = ?1 AND r.review_state = 'rejected')";

inline constexpr const char* kItemPrelabeled = "EXISTS (SELECT 1 FROM predictions p WHERE p.item_id = i.id)";

/// The ItemCategory id of item i (see core/model/item_filter.h).
inline constexpr const char* kItemCategory = R"SQL(
    CASE i.status
      WHEN 'missing' THEN 'missing'
      WHEN 'unreadable' THEN 'unreadable'
      WHEN 'skipped' THEN 'skipped'
      WHEN 'labeled' THEN
        CASE WHEN ?2 AND (SELECT c.review_state FROM submissions c WHERE c.id =
                 (SELECT max(l.id) FROM submissions l WHERE l.item_id = i.id AND l.epoch = ?1
                  AND l.review_state != 'rejected')) = 'pending'
             THEN 'needs-review' ELSE 'labeled' END
      ELSE
        CASE WHEN EXISTS (SELECT 1 FROM task_items ti JOIN tasks t ON t.id = ti.task_id
                          WHERE ti.item_id = i.id AND ti.status = 'pending' AND t.status = 'in-progress')
               THEN 'in-progress'
             WHEN EXISTS (SELECT 1 FROM submissions r WHERE r.item_id = i.id AND r.epoch = ?1
                          AND r.review_state = 'rejected')
               THEN 'rejected'
             ELSE 'queued' END
    END)SQL";

} // namespace pixmark::store::sql
