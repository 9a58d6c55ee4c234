#include "ml/engine/backbone.h"

#include "ml/engine/script_backbone.h"

#include <torch/torch.h>

namespace pixmark::ml {

namespace {

const std::vector<float> kImageNetMean{0.485f, 0.456f, 0.406f};
const std::vector<float> kImageNetStd{0.229f, 0.224f, 0.225f};

} // namespace

Backbone::Backbone(const ResNetOptions& scratch, const std::filesystem::path& torchScript,
                   const std::vector<float>& mean, const std::vector<float>& std)
{
    const int channels = scratch.inChannels;
    const bool isScript = !torchScript.empty();
    if (isScript)
        mScript = loadBackboneScript(torchScript);
    else
        mResNet = ResNet(scratch);
    mMean = torch::tensor(normalizationOrDefault(mean, channels, 0.5f, kImageNetMean, isScript)).view({1, channels, 1, 1});
    mStd = torch::tensor(normalizationOrDefault(std, channels, 0.25f, kImageNetStd, isScript)).view({1, channels, 1, 1});
}

at::Tensor Backbone::normalize(const at::Tensor& images) const
{
    return (images - mMean) / mStd;
}

void Backbone::appendParameters(std::vector<at::Tensor>& out)
{
    if (mResNet) {
        for (const auto& p : mResNet->parameters())
            out.push_back(p);
        return;
    }
    for (const auto& p : mScript->parameters())
        out.push_back(p);
}

void Backbone::appendState(NamedTensors& out)
{
    if (mResNet) {
        appendModuleState(*mResNet, "backbone", out);
        return;
    }
    for (const auto& item : mScript->named_parameters())
        out.emplace_back("backbone." + item.name, item.value);
    for (const auto& item : mScript->named_buffers())
        out.emplace_back("backbone." + item.name, item.value);
}

void Backbone::setTraining(bool training)
{
    if (mResNet)
        mResNet->train(training);
    else
        mScript->train(training);
}

void Backbone::to(c10::Device device)
{
    if (mResNet)
        mResNet->to(device);
    else
        mScript->to(device);
    mMean = mMean.to(device);
    mStd = mStd.to(device);
}

void appendModuleState(const torch::nn::Module& module, const std::string& prefix, NamedTensors& out)
{
    for (const auto& item : module.named_parameters())
        out.emplace_back(prefix + "." + item.key(), item.value());
    for (const auto& item : module.named_buffers())
        out.emplace_back(prefix + "." + item.key(), item.value());
}

} // namespace pixmark::ml
