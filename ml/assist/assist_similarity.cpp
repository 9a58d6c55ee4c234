// Pages of similar images: after a training from the model's embeddings (assist_steps.cpp),
// before any from the images' thumbnails.
#include "ml/assist/assist_pipeline.h"

#include "core/errors.h"
#include "core/labeling/tag_page.h"
#include "ml/assist/assist_steps_p.h"
#include "ml/engine/batch_loader.h"
#include "ml/engine/kmeans.h"
#include "ml/engine/similarity_pages.h"

#include <torch/torch.h>

#include <algorithm>

namespace pixmark::assist {

namespace detail {

std::optional<int> storeSimilarGroups(Project& project, Step& step, const std::vector<ItemId>& items,
                                      const at::Tensor& features, const AssistOptions& options,
                                      const CancelToken& cancel)
{
    const auto n = static_cast<std::int64_t>(items.size());
    Json outcome = Json::object();
    if (n == 0) {
        recorded(step, [&] {
            project.storeClusters(step.id(), {}); // the groups of an earlier run are stale
            return 0;
        });
        outcome["clusters"] = 0;
        step.finish(RunStatus::Succeeded, outcome);
        return 0;
    }
    std::vector<ItemCluster> rows;
    int groups = 0;
    if (options.clusters > 0) {
        const int k = static_cast<int>(std::min<std::int64_t>(options.clusters, n));
        const auto clustered = recorded(step, [&] { return ml::kmeans(features, k, {.seed = options.seed}); });
        const at::Tensor distances =
            (features - clustered.centroids.index_select(0, clustered.assignments)).norm(2, 1).contiguous();
        for (std::int64_t i = 0; i < n; ++i)
            rows.push_back(ItemCluster{items[static_cast<std::size_t>(i)],
                                       static_cast<int>(clustered.assignments[i].item<std::int64_t>()),
                                       distances[i].item<double>()});
        groups = k;
        outcome["inertia"] = clustered.inertia;
        outcome["iterations"] = clustered.iterations;
    } else {
        const int pageSize = TagPage::layouts().back();
        const auto pages = recorded(
            step, [&] { return ml::similarityPages(features, pageSize, [&] { return cancel.isCancelled(); }); });
        if (pages.cancelled) {
            step.finish(RunStatus::Cancelled, Json::object());
            return std::nullopt;
        }
        for (std::int64_t i = 0; i < n; ++i)
            rows.push_back(ItemCluster{items[static_cast<std::size_t>(i)],
                                       static_cast<int>(pages.groups[i].item<std::int64_t>()),
                                       pages.distances[i].item<double>()});
        groups = pages.groupCount;
        outcome["page_size"] = pageSize;
        outcome["items"] = n;
    }
    recorded(step, [&] {
        project.storeClusters(step.id(), rows);
        return 0;
    });
    outcome["clusters"] = groups;
    step.finish(RunStatus::Succeeded, outcome);
    return groups;
}

} // namespace detail

using namespace detail;

namespace {

/// Thumbnail features (ml::thumbnailFeatures) of cache records, loaded in batches; an
/// undefined tensor when cancelled.
at::Tensor thumbnailsOf(const ml::TrainingCacheReader& cacheReader, const std::vector<std::int64_t>& records,
                        const Reporter& report, const CancelToken& cancel)
{
    constexpr std::int64_t kBatch = 1024;
    const auto n = static_cast<std::int64_t>(records.size());
    std::vector<at::Tensor> parts;
    for (std::int64_t begin = 0; begin < n; begin += kBatch) {
        if (cancel.isCancelled())
            return {};
        const std::vector<std::int64_t> batch(records.begin() + begin, records.begin() + std::min(n, begin + kBatch));
        parts.push_back(ml::thumbnailFeatures(ml::loadBatch(cacheReader, batch, torch::kCPU)));
        report(std::min(n, begin + kBatch), n, "thumbnails");
    }
    return parts.empty() ? torch::zeros({0, 1}) : torch::cat(parts);
}

} // namespace

AssistReport groupBySimilarity(Project& project, const AssistOptions& options, const ProgressCallback& progress,
                               const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    if (!isClassification(info.taskType))
        throw ValidationError("Pages of similar images are for classification projects, which are labeled a grid "
                              "page at a time.");
    const Reporter report{progress};
    AssistReport result;
    const auto cached = refreshCache(project, cache::trainingCacheSpecOf(project), result, report, cancel);
    if (!cached)
        return result;
    auto [items, records] = unlabeledInCache(project, *cached);
    if (static_cast<std::int64_t>(items.size()) > kMaxThumbnailGrouped) {
        items.resize(static_cast<std::size_t>(kMaxThumbnailGrouped));
        records.resize(static_cast<std::size_t>(kMaxThumbnailGrouped));
    }
    const auto n = static_cast<std::int64_t>(items.size());
    Step step(project, RunKind::Featurization, result.cacheRun, Json{{"items", n}, {"features", "thumbnails"}});
    result.featurizationRun = step.id();
    result.predicted = n;
    const at::Tensor features = recorded(step, [&] { return thumbnailsOf(*cached, records, report, cancel); });
    if (!features.defined()) {
        step.finish(RunStatus::Cancelled, Json::object());
        result.cancelled = true;
        return result;
    }
    const auto groups = storeSimilarGroups(project, step, items, features, options, cancel);
    if (!groups) {
        result.cancelled = true;
        return result;
    }
    result.clusters = *groups;
    report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
