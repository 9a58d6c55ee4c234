#pragma once
// Boxes between the project and the detector: targets in original image pixels (x, y, w, h,
// as the project stores them) mapped into the letterboxed training cache, and detections over
// cache records mapped back, with progress and cancel.

#include "ml/engine/cache_reader.h"
#include "ml/engine/detector.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace pixmark::ml {

/// A labeled box in original image pixels: top-left corner, size, class index.
struct BoxTarget {
    float x = 0, y = 0, width = 0, height = 0;
    int classIndex = 0;
};

/// A predicted box in original image pixels.
struct Detection {
    float x = 0, y = 0, width = 0, height = 0;
    int classIndex = 0;
    float score = 0;
};

/// Corners (x1, y1, x2, y2) of `box` in the cache image that `placement` describes.
std::array<float, 4> toCacheCorners(const BoxTarget& box, const CacheRecord& placement);
/// A box given by corners in the cache image, back in original pixels (clipped to the image).
Detection fromCacheCorners(float x1, float y1, float x2, float y2, const CacheRecord& placement);

struct DetectOptions {
    int batchSize = 64;
    DecodeOptions decode;
    bool mixedPrecision = true; ///< bfloat16 autocast, CUDA only
    bool channelsLast = true;   ///< CUDA only; the detector should have been moved the same way
};

/// Runs `detector` in eval mode on its device over cache records; one list per record, in
/// order, best first. Stops after the current batch when `cancel` returns true (later records
/// then get empty lists). Throws InvalidInputError for records outside the cache.
std::vector<std::vector<Detection>> detect(Detector& detector, const TrainingCacheReader& cache,
                                           const std::vector<std::int64_t>& records, const DetectOptions& options = {},
                                           const std::function<void(std::int64_t, std::int64_t)>& progress = {},
                                           const std::function<bool()>& cancel = {});

} // namespace pixmark::ml
