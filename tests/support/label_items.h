#pragma once
// Labels items of a test project as a labeler would: one submission per item, by the
// project's current labeler.

#include "core/project/project.h"

#include <functional>
#include <vector>

namespace pixmark::test {

inline void submitAsLabeler(Project& project, ItemId item, std::vector<Annotation> annotations)
{
    SubmissionRequest request;
    request.itemId = item;
    request.labelerId = project.currentLabeler();
    request.annotations = std::move(annotations);
    project.submit(request);
}

/// Submits labelOf(item) for each of the first `count` unlabeled items, in queue order.
inline void labelFirstItems(Project& project, int count,
                            const std::function<std::vector<Annotation>(const Item&)>& labelOf)
{
    for (const Item& item : project.items(ItemStatus::Unlabeled, count))
        submitAsLabeler(project, item.id, labelOf(item));
}

} // namespace pixmark::test
