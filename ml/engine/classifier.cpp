#include "ml/engine/classifier.h"

#include "ml/engine/errors.h"
#include "ml/engine/resnet.h"
#include "ml/engine/script_backbone.h"
#include "ml/engine/torch_compat.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <optional>

namespace pixmark::ml {

struct Classifier::Impl {
    ClassifierSpec spec;
    ResNet resnet{nullptr};
    std::optional<torch::jit::Module> script;
    torch::nn::Linear linear{nullptr};
    torch::Tensor mean;
    torch::Tensor std;
    int featureDim = 0;
    c10::Device device{c10::kCPU};

    torch::Tensor features(const torch::Tensor& x)
    {
        if (resnet)
            return resnet->forward(x);
        auto y = script->forward({x}).toTensor();
        return y.dim() == 4 ? y.mean({2, 3}) : y;
    }
};

namespace {

int probeFeatures(torch::jit::Module& module, const std::filesystem::path& path, int channels)
{
    const auto out = probeBackboneScript(module, path, channels, 64);
    if ((out.dim() != 2 && out.dim() != 4) || out.size(0) != 2)
        throw ModelFileError("The backbone file " + path.string() + " returns a tensor of " + std::to_string(out.dim()) +
                             " dimensions; a backbone must return [batch, features] or [batch, features, h, w].");
    return static_cast<int>(out.size(1));
}

} // namespace

Classifier::Classifier(ClassifierSpec spec) : mImpl(std::make_unique<Impl>())
{
    if (spec.classes < 1 || (spec.mode == LabelMode::MultiClass && spec.classes < 2))
        throw InvalidInputError("A classifier needs at least two classes (or one for multi-label); got " +
                                std::to_string(spec.classes) + ".");
    auto& d = *mImpl;
    const int channels = spec.backbone.inChannels;
    const bool isScript = !spec.torchScriptBackbone.empty();
    if (isScript) {
        d.script = loadBackboneScript(spec.torchScriptBackbone);
        d.featureDim = probeFeatures(*d.script, spec.torchScriptBackbone, channels);
    } else {
        d.resnet = ResNet(spec.backbone);
        d.featureDim = d.resnet->featureDim();
    }
    d.linear = torch::nn::Linear(d.featureDim, spec.classes);
    const auto mean = normalizationOrDefault(spec.mean, channels, 0.5f, {0.485f, 0.456f, 0.406f}, isScript);
    const auto stdev = normalizationOrDefault(spec.std, channels, 0.25f, {0.229f, 0.224f, 0.225f}, isScript);
    d.mean = torch::tensor(mean).view({1, channels, 1, 1});
    d.std = torch::tensor(stdev).view({1, channels, 1, 1});
    d.spec = std::move(spec);
}

Classifier::~Classifier() = default;

const ClassifierSpec& Classifier::spec() const
{
    return mImpl->spec;
}

int Classifier::inputChannels() const
{
    return mImpl->spec.backbone.inChannels;
}

int Classifier::featureDim() const
{
    return mImpl->featureDim;
}

std::string Classifier::describe() const
{
    const auto& s = mImpl->spec;
    std::string backbone = mImpl->resnet ? s.backbone.describe()
                                         : "torchscript c" + std::to_string(s.backbone.inChannels) + " f" +
                                               std::to_string(mImpl->featureDim);
    return std::string("classifier ") + (s.mode == LabelMode::MultiClass ? "multi-class " : "multi-label ") +
           std::to_string(s.classes) + " on " + backbone;
}

at::Tensor Classifier::embed(const at::Tensor& images)
{
    auto& d = *mImpl;
    if (images.dim() != 4 || images.size(1) != inputChannels())
        throw InvalidInputError("The classifier takes [batch, " + std::to_string(inputChannels()) +
                                ", side, side] images; the training cache has a different number of channels.");
    return d.features((images - d.mean) / d.std);
}

at::Tensor Classifier::head(const at::Tensor& embeddings)
{
    return mImpl->linear->forward(embeddings);
}

at::Tensor Classifier::logits(const at::Tensor& images)
{
    return head(embed(images));
}

at::Tensor Classifier::probabilities(const at::Tensor& logits) const
{
    const auto x = logits.to(torch::kFloat32);
    return mImpl->spec.mode == LabelMode::MultiClass ? torch::softmax(x, 1) : torch::sigmoid(x);
}

std::vector<at::Tensor> Classifier::parameters()
{
    auto& d = *mImpl;
    std::vector<at::Tensor> params;
    if (d.resnet) {
        params = d.resnet->parameters();
    } else {
        for (const auto& p : d.script->parameters())
            params.push_back(p);
    }
    for (const auto& p : d.linear->parameters())
        params.push_back(p);
    return params;
}

std::vector<std::pair<std::string, at::Tensor>> Classifier::state()
{
    auto& d = *mImpl;
    std::vector<std::pair<std::string, at::Tensor>> out;
    if (d.resnet) {
        for (const auto& item : d.resnet->named_parameters())
            out.emplace_back("backbone." + item.key(), item.value());
        for (const auto& item : d.resnet->named_buffers())
            out.emplace_back("backbone." + item.key(), item.value());
    } else {
        for (const auto& item : d.script->named_parameters())
            out.emplace_back("backbone." + item.name, item.value);
        for (const auto& item : d.script->named_buffers())
            out.emplace_back("backbone." + item.name, item.value);
    }
    for (const auto& item : d.linear->named_parameters())
        out.emplace_back("head." + item.key(), item.value());
    return out;
}

void Classifier::setTraining(bool training)
{
    auto& d = *mImpl;
    if (d.resnet)
        d.resnet->train(training);
    else
        d.script->train(training);
    d.linear->train(training);
}

void Classifier::to(c10::Device device, bool channelsLast)
{
    auto& d = *mImpl;
    if (d.resnet)
        d.resnet->to(device);
    else
        d.script->to(device);
    d.linear->to(device);
    d.mean = d.mean.to(device);
    d.std = d.std.to(device);
    d.device = device;
    if (channelsLast)
        compat::toChannelsLast(parameters());
}

c10::Device Classifier::device() const
{
    return mImpl->device;
}

} // namespace pixmark::ml
