#pragma once
// Running a trained classifier over cache records in batches: class probabilities for
// prelabels and penultimate-layer embeddings for clustering, with progress and cancel.

#include "ml/engine/cache_reader.h"
#include "ml/engine/classifier.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace pixmark::ml {

struct InferenceOptions {
    int batchSize = 256;
    bool probabilities = true;
    bool embeddings = false;
    bool mixedPrecision = true; ///< bfloat16 autocast, CUDA only
    bool channelsLast = true;   ///< CUDA only; the classifier should have been moved the same way
    /// Test-time augmentation: average the probabilities (and embeddings) of each image and its
    /// mirror image. Twice the compute; use it when the classes are mirror-symmetric (the trainer's
    /// flip augmentation assumes so too). Calibrate with the same setting as prediction.
    bool flipAverage = false;
};

/// Per-record outputs, in the order the records were given, on the CPU as float32.
struct Predictions {
    at::Tensor probabilities; ///< [N, classes] (undefined when not asked for)
    at::Tensor embeddings;    ///< [N, featureDim] (undefined when not asked for)
    bool cancelled = false;   ///< stopped early; the tensors hold the finished rows only
};

/// (done, total) images; called after every batch.
using InferenceProgressCallback = std::function<void(std::int64_t, std::int64_t)>;

/// Runs `classifier` in eval mode on its current device over the given cache records.
/// Throws InvalidInputError for records outside the cache.
Predictions predict(Classifier& classifier, const TrainingCacheReader& cache, const std::vector<std::int64_t>& records,
                    const InferenceOptions& options = {}, const InferenceProgressCallback& progress = {},
                    const std::function<bool()>& cancel = {});

} // namespace pixmark::ml
