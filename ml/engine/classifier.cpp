#include "ml/engine/classifier.h"

#include "ml/engine/backbone.h"
#include "ml/engine/errors.h"
#include "ml/engine/script_backbone.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

namespace pixmark::ml {

struct Classifier::Impl {
    explicit Impl(const ClassifierSpec& s) : backbone(s.backbone, s.torchScriptBackbone, s.mean, s.std) {}

    ClassifierSpec spec;
    Backbone backbone;
    torch::nn::Linear linear{nullptr};
    int featureDim = 0;
    c10::Device device{c10::kCPU};

    torch::Tensor features(const torch::Tensor& x)
    {
        if (!backbone.isScript())
            return backbone.resnet()->forward(x);
        auto y = backbone.script().forward({x}).toTensor();
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

Classifier::Classifier(ClassifierSpec spec)
{
    if (spec.classes < 1 || (spec.mode == LabelMode::MultiClass && spec.classes < 2))
        throw InvalidInputError("A classifier needs at least two classes (or one for multi-label); got " +
                                std::to_string(spec.classes) + ".");
    mImpl = std::make_unique<Impl>(spec);
    auto& d = *mImpl;
    d.featureDim = d.backbone.isScript()
                       ? probeFeatures(d.backbone.script(), spec.torchScriptBackbone, spec.backbone.inChannels)
                       : d.backbone.resnet()->featureDim();
    d.linear = torch::nn::Linear(d.featureDim, spec.classes);
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
    std::string backbone = !mImpl->backbone.isScript() ? s.backbone.describe()
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
    return d.features(d.backbone.normalize(images));
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
    d.backbone.appendParameters(params);
    for (const auto& p : d.linear->parameters())
        params.push_back(p);
    return params;
}

std::vector<std::pair<std::string, at::Tensor>> Classifier::state()
{
    auto& d = *mImpl;
    NamedTensors out;
    d.backbone.appendState(out);
    appendModuleState(*d.linear, "head", out);
    return out;
}

void Classifier::setTraining(bool training)
{
    mImpl->backbone.setTraining(training);
    mImpl->linear->train(training);
}

void Classifier::to(c10::Device device, bool channelsLast)
{
    auto& d = *mImpl;
    d.backbone.to(device);
    d.linear->to(device);
    d.device = device;
    if (channelsLast)
        compat::toChannelsLast(parameters());
}

c10::Device Classifier::device() const
{
    return mImpl->device;
}

} // namespace pixmark::ml
