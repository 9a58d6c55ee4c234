#pragma once
// Detection quality the way PASCAL VOC (2010 and later) and COCO score it at one IoU
// threshold: per class, detections of all images sorted by score are matched greedily to
// unmatched ground truth; AP is the area under the precision/recall curve after precision is
// made monotone (every-point interpolation). mAP is the mean over classes that have ground truth.

#include <cstdint>
#include <vector>

namespace pixmark::ml {

/// An axis-aligned box in pixels as corners, with a class and (for detections) a score.
struct ScoredBox {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    int classIndex = 0;
    float score = 1; ///< ignored for ground truth
};

/// One image's ground truth and detections.
struct DetectionSample {
    std::vector<ScoredBox> truth;
    std::vector<ScoredBox> detections;
};

/// AP per class and their mean.
struct AveragePrecisionResult {
    std::vector<double> perClass;         ///< AP of class k; negative when the class has no ground truth
    std::vector<std::int64_t> truthCount; ///< ground-truth boxes per class
    double meanAp = 0;                    ///< mean over classes with ground truth (0 when none has any)
};

/// IoU of two boxes (0 for empty ones).
double boxIou(const ScoredBox& a, const ScoredBox& b);

/// Scores `samples` for `classes` classes at IoU >= `iouThreshold` (0.5 for mAP@0.5). A
/// detection matches the unmatched ground-truth box of its class it overlaps most; a second
/// detection of an already matched box is a false positive. Classes outside [0, classes) are
/// ignored.
AveragePrecisionResult averagePrecision(const std::vector<DetectionSample>& samples, int classes,
                                        double iouThreshold = 0.5);

} // namespace pixmark::ml
