#pragma once
// A ResNet-style backbone (basic residual blocks, batch norm, global average pooling) that
// maps images to feature vectors. The classifier puts its head on top; the features are the
// embeddings used for clustering.

#include "ml/engine/resnet_options.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace pixmark::ml {

/// One residual block: two 3x3 convolutions with batch norm, and a 1x1 projection when the
/// shape changes.
class BasicBlockImpl : public torch::nn::Module {
public:
    BasicBlockImpl(int inChannels, int outChannels, int stride);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv2d mConv1{nullptr}, mConv2{nullptr};
    torch::nn::BatchNorm2d mNorm1{nullptr}, mNorm2{nullptr};
    torch::nn::Sequential mShortcut{nullptr};
};
TORCH_MODULE(BasicBlock);

/// The backbone: images [B, C, H, W] -> features [B, featureDim()].
class ResNetImpl : public torch::nn::Module {
public:
    explicit ResNetImpl(const ResNetOptions& options);
    torch::Tensor forward(const torch::Tensor& x);
    /// The output of every stage, finest first: [B, widths[i], H / stride(i), W / stride(i)].
    /// Detectors and segmenters build on these instead of the pooled features.
    std::vector<torch::Tensor> featureMaps(const torch::Tensor& x);
    /// Downsampling of stage i's output relative to the input (1 or 4 for the stem, then x2 per stage).
    int stride(std::size_t stage) const;
    int featureDim() const { return mFeatureDim; }
    const ResNetOptions& options() const { return mOptions; }

private:
    ResNetOptions mOptions;
    torch::nn::Sequential mStem{nullptr};
    torch::nn::Sequential mStages{nullptr};
    std::vector<std::size_t> mStageEnds; ///< index in mStages after each stage's last block
    int mFeatureDim = 0;
};
TORCH_MODULE(ResNet);

} // namespace pixmark::ml
