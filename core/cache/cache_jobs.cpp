#include "core/cache/cache_jobs.h"

#include "core/project/project.h"

#include <algorithm>

namespace pixmark::cache {

std::vector<ImageJob> readableImages(Project& project)
{
    std::vector<ImageJob> jobs;
    constexpr std::int64_t kPage = 50'000;
    for (ItemStatus status : {ItemStatus::Unlabeled, ItemStatus::Labeled, ItemStatus::Skipped})
        for (std::int64_t offset = 0;; offset += kPage) {
            const auto items = project.items(status, kPage, offset);
            for (const Item& item : items)
                jobs.push_back({item.id, project.absolutePath(item.relativePath)});
            if (static_cast<std::int64_t>(items.size()) < kPage)
                break;
        }
    std::sort(jobs.begin(), jobs.end(), [](const ImageJob& a, const ImageJob& b) { return a.itemId < b.itemId; });
    return jobs;
}

} // namespace pixmark::cache
