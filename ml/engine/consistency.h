#pragma once
// Consistency training on unlabeled images (FixMatch, Sohn et al. 2020): in every step a batch
// of unlabeled images is seen twice, lightly and heavily augmented. Where the model is sure of
// the light (weak) view, that answer becomes the target of the heavy (strong) view. The
// targets follow the model as it learns, unlike a teacher's prelabels, which are fixed.

#include "ml/engine/augment.h"

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace pixmark::ml {

/// Unlabeled images the trainer learns from; off while `records` is empty.
struct ConsistencyOptions {
    /// Cache records of unlabeled images. None may be held out: the held-out images calibrate.
    std::vector<std::int64_t> records;
    /// Unlabeled images per labeled image in a step.
    int ratio = 7;
    /// The weak view's confidence from which its answer is a target.
    double threshold = 0.95;
    /// Weight of the unlabeled loss beside the labeled one.
    double weight = 1.0;
    /// The strong view's augmentations; when not set, the trainer's own made strong
    /// (AugmentOptions::strong()). The weak view is the trainer's own without erasing.
    std::optional<AugmentOptions> strong;
};

/// Hands out unlabeled records in a seeded random order, reshuffled after every pass, so that
/// every image is seen once per pass however the passes and the steps line up.
class UnlabeledCycle {
public:
    UnlabeledCycle(std::vector<std::int64_t> records, unsigned seed);
    /// The next `count` records (wrapping into a new pass; repeats only if count exceeds the pool).
    std::vector<std::int64_t> next(std::size_t count);

private:
    std::vector<std::int64_t> mRecords;
    std::size_t mPosition = 0;
    std::mt19937 mRng;
};

} // namespace pixmark::ml
