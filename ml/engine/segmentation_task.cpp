#include "ml/engine/segmentation_task.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

namespace pixmark::ml {

namespace F = torch::nn::functional;

SegmentationTask::SegmentationTask(Segmenter& segmenter, const at::Tensor& masks) : mSegmenter(segmenter)
{
    if (masks.dim() != 3 || masks.size(1) != masks.size(2) || masks.is_floating_point())
        throw InvalidInputError("Segmentation targets are one square class-index mask per image, [N, side, side].");
    mMasks = masks.to(torch::kCPU, torch::kUInt8).contiguous();
    const auto known = mMasks.ne(kIgnorePixel);
    if (known.any().item<bool>() && mMasks.masked_select(known).max().item<int>() >= segmenter.spec().classes)
        throw InvalidInputError("A mask holds a class outside the segmenter's " +
                                std::to_string(segmenter.spec().classes) + " classes.");
    mDeviceMasks = mMasks;
}

std::int64_t SegmentationTask::sampleCount() const
{
    return mMasks.size(0);
}

std::vector<at::Tensor> SegmentationTask::parameters()
{
    return mSegmenter.parameters();
}

std::vector<std::pair<std::string, at::Tensor>> SegmentationTask::state()
{
    return mSegmenter.state();
}

std::string SegmentationTask::describe() const
{
    return mSegmenter.describe();
}

void SegmentationTask::setTraining(bool training)
{
    mSegmenter.setTraining(training);
}

void SegmentationTask::to(c10::Device device, bool channelsLast)
{
    mSegmenter.to(device, channelsLast);
    mDeviceMasks = mMasks.to(device);
}

at::Tensor SegmentationTask::forward(const at::Tensor& images)
{
    return mSegmenter.forward(images);
}

at::Tensor SegmentationTask::masksOf(const at::Tensor& samples, c10::Device device) const
{
    if (mAugmentedSamples.defined() && mAugmentedSamples.sizes() == samples.sizes() &&
        torch::equal(mAugmentedSamples, samples.to(mAugmentedSamples.device())))
        return mAugmentedMasks.to(device);
    return mDeviceMasks.index_select(0, samples.to(mDeviceMasks.device())).to(device, torch::kInt64);
}

at::Tensor SegmentationTask::augment(const Augmenter& augmenter, const at::Tensor& images, const at::Tensor& samples)
{
    auto batch = augmenter.apply(images);
    torch::NoGradGuard noGrad;
    // Classes shifted by one so that the zero padding outside the picture reads as "ignore".
    const auto masks = masksOf(samples, images.device());
    const auto shifted = torch::where(masks.eq(kIgnorePixel), torch::zeros_like(masks), masks + 1)
                             .to(torch::kFloat32)
                             .unsqueeze(1);
    const auto grid = F::affine_grid(batch.theta, shifted.sizes(), /*align_corners=*/false);
    const auto moved = F::grid_sample(shifted, grid,
                                      F::GridSampleFuncOptions().mode(torch::kNearest).padding_mode(torch::kZeros).align_corners(false))
                           .squeeze(1)
                           .round()
                           .to(torch::kInt64);
    mAugmentedMasks = torch::where(moved.eq(0), torch::full_like(moved, kIgnorePixel), moved - 1);
    mAugmentedSamples = samples.clone();
    return batch.images;
}

at::Tensor SegmentationTask::loss(const at::Tensor& outputs, const at::Tensor& samples)
{
    const auto logits = outputs.to(torch::kFloat32);
    const auto targets = masksOf(samples, logits.device());
    if (!targets.ne(kIgnorePixel).any().item<bool>())
        return logits.sum() * 0; // nothing labeled in this batch: no gradient, not NaN
    return F::cross_entropy(logits, targets, F::CrossEntropyFuncOptions().ignore_index(kIgnorePixel));
}

std::string SegmentationTask::metricName() const
{
    return "pixel accuracy";
}

double SegmentationTask::metricSum(const at::Tensor& outputs, const at::Tensor& samples)
{
    torch::NoGradGuard noGrad;
    const auto targets = masksOf(samples, outputs.device());
    const auto known = targets.ne(kIgnorePixel).to(torch::kFloat32);
    const auto right = (Segmenter::labels(outputs).eq(targets).to(torch::kFloat32) * known).sum({1, 2});
    const auto counted = known.sum({1, 2});
    // An image with no labeled pixel counts as right: there is nothing to get wrong.
    return torch::where(counted > 0, right / counted.clamp_min(1), torch::ones_like(counted)).sum().item<double>();
}

} // namespace pixmark::ml
