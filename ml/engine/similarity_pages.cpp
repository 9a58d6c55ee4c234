#include "ml/engine/similarity_pages.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>

namespace pixmark::ml {

SimilarityPages similarityPages(const at::Tensor& points, int groupSize, const std::function<bool()>& cancel)
{
    if (points.dim() != 2 || points.size(0) < 1)
        throw InvalidInputError("Pages of similar images need points as a non-empty [count, dimensions] tensor.");
    if (groupSize < 1)
        throw InvalidInputError("A page of similar images holds at least one image, not " + std::to_string(groupSize) +
                                ".");
    torch::NoGradGuard noGrad;
    const auto x = points.to(torch::kFloat32).contiguous();
    const auto n = x.size(0);
    const auto norms = x.pow(2).sum(1);
    // Grouped points get an infinite distance, so topk never picks them again.
    auto taken = torch::zeros({n}, torch::TensorOptions().dtype(torch::kBool).device(x.device()));
    std::vector<std::int64_t> groups(static_cast<std::size_t>(n), -1);
    std::vector<float> distances(static_cast<std::size_t>(n), 0.0f);
    SimilarityPages result;
    std::int64_t seed = 0;
    for (std::int64_t left = n; left > 0;) {
        while (groups[static_cast<std::size_t>(seed)] >= 0)
            ++seed;
        if (cancel && result.groupCount % 64 == 0 && cancel()) {
            result.cancelled = true;
            return result;
        }
        const auto size = std::min<std::int64_t>(groupSize, left);
        auto d = (norms - 2 * x.matmul(x[seed]) + norms[seed])
                     .clamp_min(0)
                     .masked_fill(taken, std::numeric_limits<float>::infinity());
        d.index_fill_(0, torch::tensor({seed}, torch::TensorOptions().dtype(torch::kInt64).device(x.device())),
                      -1.0); // the seed comes first even among duplicates of it
        const auto [nearest, members] = d.topk(size, 0, /*largest=*/false, /*sorted=*/true);
        taken.index_fill_(0, members, true);
        const auto memberIds = members.to(torch::kCPU);
        const auto memberDistances = nearest.clamp_min(0).sqrt().to(torch::kCPU);
        for (std::int64_t i = 0; i < size; ++i) {
            const auto member = static_cast<std::size_t>(memberIds[i].item<std::int64_t>());
            groups[member] = result.groupCount;
            distances[member] = memberDistances[i].item<float>();
        }
        ++result.groupCount;
        left -= size;
    }
    result.groups = torch::tensor(groups, torch::kInt64);
    result.distances = torch::tensor(distances, torch::kFloat32);
    return result;
}

at::Tensor thumbnailFeatures(const at::Tensor& images, int side)
{
    if (images.dim() != 4 || side < 1)
        throw InvalidInputError("Thumbnails need images as a [count, channels, height, width] tensor.");
    torch::NoGradGuard noGrad;
    const auto small = torch::adaptive_avg_pool2d(images.to(torch::kFloat32), {side, side});
    return small.reshape({images.size(0), -1}).contiguous();
}

} // namespace pixmark::ml
