#pragma once
// k-means clustering of embeddings in tensor ops, on whatever device the points are on:
// k-means++ seeding, then Lloyd iterations with chunked distance matrices.

#include <ATen/core/Tensor.h>

namespace pixmark::ml {

struct KMeansOptions {
    int maxIterations = 100;
    double tolerance = 1e-4; ///< stop when no centroid moves more than this (relative to the data's scale)
    unsigned seed = 1;
};

struct KMeansResult {
    at::Tensor centroids;   ///< [k, D] float32
    at::Tensor assignments; ///< [N] int64, the nearest centroid of each point
    double inertia = 0;     ///< sum of squared distances to the assigned centroids
    int iterations = 0;
};

/// Clusters points [N, D] into k groups (1 <= k <= N). Throws InvalidInputError otherwise.
KMeansResult kmeans(const at::Tensor& points, int k, const KMeansOptions& options = {});

} // namespace pixmark::ml
