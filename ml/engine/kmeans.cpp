#include "ml/engine/kmeans.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace pixmark::ml {

namespace {

// Rows per distance block: bounds the [chunk, k] matrix on large sets of embeddings.
constexpr std::int64_t kChunk = 16384;

/// Nearest centroid and squared distance for every point.
std::pair<torch::Tensor, torch::Tensor> nearest(const torch::Tensor& x, const torch::Tensor& centroids)
{
    const auto cNorm = centroids.pow(2).sum(1);
    std::vector<torch::Tensor> dists, ids;
    for (std::int64_t begin = 0; begin < x.size(0); begin += kChunk) {
        const auto part = x.narrow(0, begin, std::min(kChunk, x.size(0) - begin));
        const auto d = (part.pow(2).sum(1, true) - 2 * part.matmul(centroids.t()) + cNorm.unsqueeze(0)).clamp_min(0);
        const auto [dist, id] = d.min(1);
        dists.push_back(dist);
        ids.push_back(id);
    }
    return {torch::cat(ids), torch::cat(dists)};
}

} // namespace

KMeansResult kmeans(const at::Tensor& points, int k, const KMeansOptions& options)
{
    if (points.dim() != 2 || points.size(0) < 1)
        throw InvalidInputError("k-means needs points as a non-empty [count, dimensions] tensor.");
    if (k < 1 || k > points.size(0))
        throw InvalidInputError("k-means needs between 1 and " + std::to_string(points.size(0)) +
                                " clusters for these points, not " + std::to_string(k) + ".");
    torch::NoGradGuard noGrad;
    const auto x = points.to(torch::kFloat32).contiguous();
    const auto n = x.size(0);
    auto gen = at::detail::createCPUGenerator(options.seed);

    // Greedy k-means++ (as scikit-learn does): candidates are drawn with probability proportional
    // to their squared distance, and the one that lowers the total most becomes the next seed.
    // Plain k-means++ puts two seeds in one group a few percent of the time.
    const auto trials = 2 + static_cast<std::int64_t>(std::log(static_cast<double>(k)));
    std::vector<torch::Tensor> seeds;
    auto first = torch::randint(n, {1}, gen, torch::TensorOptions().dtype(torch::kInt64)).to(x.device());
    seeds.push_back(x.index_select(0, first));
    auto minDist = nearest(x, seeds.back()).second;
    for (int c = 1; c < k; ++c) {
        auto weights = minDist.to(torch::kCPU, torch::kFloat64);
        if (weights.sum().item<double>() <= 0)
            weights = torch::ones_like(weights); // every point already sits on a seed
        const auto picks = torch::multinomial(weights, trials, true, gen).to(x.device());
        const auto candidates = x.index_select(0, picks);
        torch::Tensor bestDist;
        std::int64_t best = 0;
        double bestTotal = std::numeric_limits<double>::infinity();
        for (std::int64_t t = 0; t < trials; ++t) {
            auto dist = torch::minimum(minDist, nearest(x, candidates.narrow(0, t, 1)).second);
            const double total = dist.sum().item<double>();
            if (total < bestTotal) {
                bestTotal = total;
                best = t;
                bestDist = dist;
            }
        }
        seeds.push_back(candidates.narrow(0, best, 1));
        minDist = bestDist;
    }
    auto centroids = torch::cat(seeds);

    const double scale = std::max(1e-12, x.std(0).mean().item<double>());
    KMeansResult result;
    torch::Tensor assignments, dist;
    for (int it = 1; it <= options.maxIterations; ++it) {
        std::tie(assignments, dist) = nearest(x, centroids);
        auto sums = torch::zeros_like(centroids).index_add_(0, assignments, x);
        auto counts = torch::zeros({k}, x.options()).index_add_(0, assignments, torch::ones({n}, x.options()));
        auto updated = sums / counts.clamp_min(1).unsqueeze(1);
        // An empty cluster takes the point farthest from its centroid, so k clusters survive.
        const auto empty = (counts == 0).nonzero().flatten();
        for (std::int64_t e = 0; e < empty.size(0); ++e) {
            const auto far = dist.argmax();
            updated[empty[e].item<std::int64_t>()] = x[far.item<std::int64_t>()];
            dist[far.item<std::int64_t>()] = 0;
        }
        const double shift = (updated - centroids).norm(2, 1).max().item<double>();
        centroids = updated;
        result.iterations = it;
        if (shift <= options.tolerance * scale)
            break;
    }
    std::tie(assignments, dist) = nearest(x, centroids);
    result.centroids = centroids;
    result.assignments = assignments;
    result.inertia = dist.sum().item<double>();
    return result;
}

} // namespace pixmark::ml
