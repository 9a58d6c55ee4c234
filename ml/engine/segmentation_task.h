#pragma once
// The segmenter as a training task: per-pixel cross-entropy against class-index masks, with
// kIgnorePixel pixels left out; augmentation resamples the masks with the images' affine maps
// (nearest pixel; what falls outside the picture is ignored). Metric: pixel accuracy.

#include "ml/engine/segmenter.h"
#include "ml/engine/task.h"

namespace pixmark::ml {

/// Trains `segmenter` (not owned; must outlive the task) on the caller's masks.
class SegmentationTask : public Task {
public:
    /// masks: uint8 [N, S, S] of class indices in cache pixels (see maskToCache), kIgnorePixel
    /// where unknown; sample i is the i-th image the trainer is given. Throws InvalidInputError
    /// for another shape or a class outside the segmenter's.
    SegmentationTask(Segmenter& segmenter, const at::Tensor& masks);

    std::int64_t sampleCount() const override;
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

private:
    at::Tensor masksOf(const at::Tensor& samples, c10::Device device) const;

    Segmenter& mSegmenter;
    at::Tensor mMasks;       ///< uint8 [N, S, S] on the CPU
    at::Tensor mDeviceMasks; ///< a copy on the training device
    at::Tensor mAugmentedSamples;
    at::Tensor mAugmentedMasks; ///< int64 [B, S, S] for the batch augment() last moved
};

} // namespace pixmark::ml
