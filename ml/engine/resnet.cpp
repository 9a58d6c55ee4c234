#include "ml/engine/resnet.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

namespace pixmark::ml {

namespace nn = torch::nn;

namespace {

nn::Conv2d conv(int in, int out, int kernel, int stride)
{
    return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

} // namespace

std::string commaSeparated(const std::vector<int>& values)
{
    std::string s;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            s += ',';
        s += std::to_string(values[i]);
    }
    return s;
}

ResNetOptions ResNetOptions::resnet18(int channels)
{
    ResNetOptions o;
    o.inChannels = channels;
    return o;
}

ResNetOptions ResNetOptions::compact(int channels)
{
    ResNetOptions o;
    o.inChannels = channels;
    o.widths = {32, 64, 128};
    o.blocks = {1, 1, 1};
    o.smallImageStem = true;
    return o;
}

std::string ResNetOptions::describe() const
{
    return "resnet c" + std::to_string(inChannels) + " w" + commaSeparated(widths) + " b" + commaSeparated(blocks) +
           (smallImageStem ? " stem=small" : " stem=imagenet");
}

BasicBlockImpl::BasicBlockImpl(int inChannels, int outChannels, int stride)
{
    mConv1 = register_module("conv1", conv(inChannels, outChannels, 3, stride));
    mNorm1 = register_module("bn1", nn::BatchNorm2d(outChannels));
    mConv2 = register_module("conv2", conv(outChannels, outChannels, 3, 1));
    mNorm2 = register_module("bn2", nn::BatchNorm2d(outChannels));
    // Zero-initialized last norm: each block starts as the identity, which trains faster from scratch.
    nn::init::zeros_(mNorm2->weight);
    if (stride != 1 || inChannels != outChannels)
        mShortcut = register_module(
            "shortcut", nn::Sequential(conv(inChannels, outChannels, 1, stride), nn::BatchNorm2d(outChannels)));
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x)
{
    auto y = torch::relu(mNorm1(mConv1(x)));
    y = mNorm2(mConv2(y));
    return torch::relu(y + (mShortcut ? mShortcut->forward(x) : x));
}

ResNetImpl::ResNetImpl(const ResNetOptions& options) : mOptions(options)
{
    if (options.widths.empty() || options.widths.size() != options.blocks.size())
        throw InvalidInputError("A ResNet needs as many block counts as stage widths (got " +
                                std::to_string(options.widths.size()) + " widths and " +
                                std::to_string(options.blocks.size()) + " block counts).");
    if (options.inChannels != 1 && options.inChannels != 3)
        throw InvalidInputError("A ResNet takes 1- or 3-channel images, not " + std::to_string(options.inChannels) + ".");
    const int stemWidth = options.widths.front();
    if (options.smallImageStem) {
        mStem = nn::Sequential(conv(options.inChannels, stemWidth, 3, 1), nn::BatchNorm2d(stemWidth), nn::ReLU());
    } else {
        mStem = nn::Sequential(conv(options.inChannels, stemWidth, 7, 2), nn::BatchNorm2d(stemWidth), nn::ReLU(),
                               nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)));
    }
    register_module("stem", mStem);
    mStages = nn::Sequential();
    int in = stemWidth;
    for (std::size_t s = 0; s < options.widths.size(); ++s) {
        for (int b = 0; b < options.blocks[s]; ++b) {
            const int stride = (s > 0 && b == 0) ? 2 : 1;
            mStages->push_back(BasicBlock(in, options.widths[s], stride));
            in = options.widths[s];
        }
        mStageEnds.push_back(mStages->size());
    }
    register_module("stages", mStages);
    mFeatureDim = in;
    for (auto& module : modules(/*include_self=*/false)) {
        if (auto* c = module->as<nn::Conv2d>())
            nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
}

torch::Tensor ResNetImpl::forward(const torch::Tensor& x)
{
    auto y = mStages->forward(mStem->forward(x));
    return y.mean({2, 3});
}

std::vector<torch::Tensor> ResNetImpl::featureMaps(const torch::Tensor& x)
{
    std::vector<torch::Tensor> maps;
    auto y = mStem->forward(x);
    std::size_t block = 0;
    for (const auto end : mStageEnds) {
        for (; block < end; ++block)
            y = mStages->ptr<BasicBlockImpl>(block)->forward(y);
        maps.push_back(y);
    }
    return maps;
}

int ResNetImpl::stride(std::size_t stage) const
{
    return (mOptions.smallImageStem ? 1 : 4) << stage;
}

} // namespace pixmark::ml
