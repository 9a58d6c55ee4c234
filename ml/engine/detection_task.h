#pragma once
// The detector as a training task. Targets are CenterNet's: a Gaussian peak per box centre on
// its class's heatmap (penalty-reduced focal loss), and at the centre cell the sub-cell offset
// and log size (L1). Targets are built per batch in tensor ops, after augmentation has moved the
// boxes with the same affine maps as the pixels. Metric: mean per-image F1 at IoU 0.5.

#include "ml/engine/cache_reader.h"
#include "ml/engine/detection.h"
#include "ml/engine/detector.h"
#include "ml/engine/task.h"

#include <vector>

namespace pixmark::ml {

/// Trains `detector` (not owned; must outlive the task) on the caller's boxes.
class DetectionTask : public Task {
public:
    /// targets[i]: the boxes of sample i (original pixels), whose image is cache record
    /// records[i] (the same records go to Trainer::fit). Throws InvalidInputError for a class
    /// outside the detector's, a negative size, or mismatched counts.
    DetectionTask(Detector& detector, const std::vector<std::vector<BoxTarget>>& targets,
                  const TrainingCacheReader& cache, const std::vector<std::int64_t>& records);

    Detector& detector() { return mDetector; }
    /// Decoding used by the metric (score threshold 0.3 by default).
    DecodeOptions& metricDecode() { return mMetricDecode; }
    /// The padded targets on the CPU: [N, maxBoxes, 5] of (x1, y1, x2, y2, class) in cache
    /// pixels; padding rows have class -1.
    const at::Tensor& targets() const { return mTargets; }

    std::int64_t sampleCount() const override;
    std::int64_t stratum(std::int64_t sample) const override;
    std::vector<at::Tensor> parameters() override;
    std::vector<std::pair<std::string, at::Tensor>> state() override;
    std::string describe() const override;
    void setTraining(bool training) override;
    void to(c10::Device device, bool channelsLast) override;
    at::Tensor forward(const at::Tensor& images) override;
    at::Tensor loss(const at::Tensor& outputs, const at::Tensor& samples) override;
    std::string metricName() const override;
    double metricSum(const at::Tensor& outputs, const at::Tensor& samples) override;
    at::Tensor augment(const Augmenter& augmenter, const at::Tensor& images, const at::Tensor& samples) override;

    /// Moves boxes [B, M, 5] (cache pixels) of images w x h pixels the way Augmenter::apply moved
    /// the pixels with `theta` [B, 2, 3]; boxes left less than half visible, or under 2 px, get
    /// class -1. Public for tests.
    static at::Tensor transformBoxes(const at::Tensor& boxes, const at::Tensor& theta, std::int64_t width,
                                     std::int64_t height);

private:
    at::Tensor boxesOf(const at::Tensor& samples, c10::Device device);

    Detector& mDetector;
    at::Tensor mTargets;
    at::Tensor mDeviceTargets;
    at::Tensor mAugmentedSamples; ///< the batch augment() last moved, and its boxes
    at::Tensor mAugmentedBoxes;
    std::int64_t mSide = 0;       ///< side of the images of the last forward()
    DecodeOptions mMetricDecode{.scoreThreshold = 0.3, .maxDetections = 100, .nmsIouThreshold = 0.6};
};

} // namespace pixmark::ml
