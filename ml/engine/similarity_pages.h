#pragma once
// Pages of similar images: points (embeddings, or thumbnails before there is a model) are cut
// into groups of one page each, greedily: the first ungrouped point in the given order takes
// its nearest ungrouped neighbours. Unlike k-means clusters, every group but the last fills a
// page, so a labeler who tags a page at once (Ctrl+A and a class) meets one mostly uniform
// page after another (docs/benchmarks.md, ML assist).

#include <ATen/core/Tensor.h>

#include <functional>

namespace pixmark::ml {

struct SimilarityPages {
    at::Tensor groups;    ///< [N] int64: the page group of each point, 0.. in the order they were formed
    at::Tensor distances; ///< [N] float32: distance to the point that seeded its group (0 for the seed)
    int groupCount = 0;
    bool cancelled = false; ///< stopped early: groups and distances are undefined
};

/// Groups points [N, D] into pages of groupSize (>= 1). Throws InvalidInputError for an
/// empty or non-2-D tensor. cancel is asked now and then.
SimilarityPages similarityPages(const at::Tensor& points, int groupSize, const std::function<bool()>& cancel = {});

/// Features that compare images by their look alone, for pages of similar images before a
/// model exists: each image [N, C, S, S] in [0, 1] averaged down to side × side, flattened.
at::Tensor thumbnailFeatures(const at::Tensor& images, int side = 16);

} // namespace pixmark::ml
