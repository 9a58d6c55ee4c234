#include "ml/engine/detector.h"

#include "ml/engine/backbone.h"
#include "ml/engine/box_ops.h"
#include "ml/engine/errors.h"
#include "ml/engine/script_backbone.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

#include <cmath>

namespace pixmark::ml {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

// Named, not anonymous: Impl below holds these modules, and a batched (unity) build
// compiles this file as an include, where GCC warns of anonymous types in a class.
namespace detector_modules {

/// Everything after the backbone: lateral 1x1 convolutions, the fused map's 3x3 convolution,
/// and the heatmap and box heads.
class NeckAndHeadsImpl : public nn::Module {
public:
    NeckAndHeadsImpl(const std::vector<int>& inputChannels, int width, int classes)
    {
        laterals = register_module("laterals", nn::ModuleList());
        for (const int in : inputChannels)
            laterals->push_back(nn::Conv2d(nn::Conv2dOptions(in, width, 1)));
        smooth = register_module("smooth", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1).bias(false)),
                                                          nn::BatchNorm2d(width), nn::ReLU()));
        heat = register_module("heat", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1)), nn::ReLU(),
                                                      nn::Conv2d(nn::Conv2dOptions(width, classes, 1))));
        box = register_module("box", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1)), nn::ReLU(),
                                                    nn::Conv2d(nn::Conv2dOptions(width, 4, 1))));
        // Heatmap prior 0.1 (bias -2.19), as in CenterNet: the focal loss starts small and stable.
        torch::NoGradGuard noGrad;
        heat->ptr<nn::Conv2dImpl>(2)->bias.fill_(-std::log((1 - 0.1) / 0.1));
        box->ptr<nn::Conv2dImpl>(2)->weight.mul_(0.1);
        box->ptr<nn::Conv2dImpl>(2)->bias.zero_();
    }

    /// maps: finest first, one per lateral.
    torch::Tensor forward(const std::vector<torch::Tensor>& maps)
    {
        const auto n = maps.size();
        auto p = laterals[n - 1]->as<nn::Conv2d>()->forward(maps[n - 1]);
        for (std::size_t i = n - 1; i-- > 0;) {
            const auto& m = maps[i];
            p = F::interpolate(p, F::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{m.size(2), m.size(3)})
                                      .mode(torch::kNearest)) +
                laterals[i]->as<nn::Conv2d>()->forward(m);
        }
        p = smooth->forward(p);
        return torch::cat({heat->forward(p), box->forward(p)}, 1);
    }

    nn::ModuleList laterals{nullptr};
    nn::Sequential smooth{nullptr}, heat{nullptr}, box{nullptr};
};
TORCH_MODULE(NeckAndHeads);

} // namespace detector_modules

using detector_modules::NeckAndHeads;

struct Detector::Impl {
    explicit Impl(const DetectorSpec& s) : backbone(s.backbone, s.torchScriptBackbone, s.mean, s.std) {}

    DetectorSpec spec;
    Backbone backbone;
    std::size_t firstStage = 0; ///< finest ResNet stage fused into the output grid
    NeckAndHeads heads{nullptr};
    c10::Device device{c10::kCPU};
};

Detector::Detector(DetectorSpec spec)
{
    if (spec.classes < 1)
        throw InvalidInputError("A detector needs at least one class; got " + std::to_string(spec.classes) + ".");
    if (spec.neckChannels < 4 || spec.outputStride < 1)
        throw InvalidInputError("A detector needs a neck of at least 4 channels and an output stride of at least 1.");
    mImpl = std::make_unique<Impl>(spec);
    auto& d = *mImpl;
    std::vector<int> inputs;
    if (d.backbone.isScript()) {
        const auto out = probeBackboneScript(d.backbone.script(), spec.torchScriptBackbone, spec.backbone.inChannels, 64);
        if (out.dim() != 4 || out.size(0) != 2)
            throw ModelFileError("The backbone file " + spec.torchScriptBackbone.string() +
                                 " does not return a feature map; a detector backbone must return [batch, features, "
                                 "h, w] (drop its pooling and classifier layers before saving it).");
        inputs.push_back(static_cast<int>(out.size(1)));
    } else {
        const auto stages = spec.backbone.widths.size();
        d.firstStage = stages - 1;
        for (std::size_t s = 0; s < stages; ++s) {
            if (d.backbone.resnet()->stride(s) >= spec.outputStride) {
                d.firstStage = s;
                break;
            }
        }
        for (std::size_t s = d.firstStage; s < stages; ++s)
            inputs.push_back(spec.backbone.widths[s]);
    }
    d.heads = NeckAndHeads(inputs, spec.neckChannels, spec.classes);
    d.spec = std::move(spec);
}

Detector::~Detector() = default;

const DetectorSpec& Detector::spec() const
{
    return mImpl->spec;
}

int Detector::inputChannels() const
{
    return mImpl->spec.backbone.inChannels;
}

std::string Detector::describe() const
{
    const auto& s = mImpl->spec;
    const std::string backbone = !mImpl->backbone.isScript() ? s.backbone.describe() + " stride>=" + std::to_string(s.outputStride)
                                               : "torchscript c" + std::to_string(s.backbone.inChannels);
    return "detector centernet " + std::to_string(s.classes) + " classes neck " + std::to_string(s.neckChannels) +
           " on " + backbone;
}

at::Tensor Detector::forward(const at::Tensor& images)
{
    auto& d = *mImpl;
    if (images.dim() != 4 || images.size(1) != inputChannels())
        throw InvalidInputError("The detector takes [batch, " + std::to_string(inputChannels()) +
                                ", side, side] images; the training cache has a different number of channels.");
    const auto x = d.backbone.normalize(images);
    std::vector<torch::Tensor> maps;
    if (!d.backbone.isScript()) {
        auto all = d.backbone.resnet()->featureMaps(x);
        maps.assign(all.begin() + static_cast<std::ptrdiff_t>(d.firstStage), all.end());
    } else {
        maps.push_back(d.backbone.script().forward({x}).toTensor());
    }
    return d.heads->forward(maps);
}

std::vector<ImageDetections> Detector::decode(const at::Tensor& outputs, int side, const DecodeOptions& options)
{
    torch::NoGradGuard noGrad;
    const auto classes = static_cast<std::int64_t>(mImpl->spec.classes);
    if (outputs.dim() != 4 || outputs.size(1) != classes + 4)
        throw InvalidInputError("Detector outputs must be [batch, classes + 4, h, w].");
    const auto out = outputs.to(torch::kFloat32);
    const auto b = out.size(0), h = out.size(2), w = out.size(3);
    const double stride = static_cast<double>(side) / static_cast<double>(h);
    const auto heat = torch::sigmoid(out.slice(1, 0, classes));
    const auto peaks = heat * heat.eq(F::max_pool2d(heat, F::MaxPool2dFuncOptions(3).stride(1).padding(1)));
    const auto k = std::min<std::int64_t>(std::max(options.maxDetections, 1), classes * h * w);
    const auto [scores, index] = peaks.reshape({b, -1}).topk(k, 1);
    const auto cls = index.div(h * w, "floor");
    const auto cell = index.remainder(h * w);
    const auto reg = out.slice(1, classes, classes + 4).reshape({b, 4, h * w});
    const auto at = reg.gather(2, cell.unsqueeze(1).expand({b, 4, k})); // [b, 4, k]
    const auto cx = (cell.remainder(w).to(torch::kFloat32) + at.select(1, 0)) * stride;
    const auto cy = (cell.div(w, "floor").to(torch::kFloat32) + at.select(1, 1)) * stride;
    // Sizes are clamped before exp: an untrained head must not produce inf boxes.
    const auto bw = torch::exp(at.select(1, 2).clamp(-8, 8)) * stride;
    const auto bh = torch::exp(at.select(1, 3).clamp(-8, 8)) * stride;
    const auto boxes = torch::stack({cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2}, 2).clamp(0, side);

    std::vector<ImageDetections> result;
    for (std::int64_t i = 0; i < b; ++i) {
        const auto keep = scores[i].ge(options.scoreThreshold).nonzero().squeeze(1);
        ImageDetections det{boxes[i].index_select(0, keep), scores[i].index_select(0, keep), cls[i].index_select(0, keep)};
        if (options.nmsIouThreshold < 1 && det.scores.numel() > 1) {
            const auto kept = nonMaximumSuppression(det.boxes, det.scores, det.classes, options.nmsIouThreshold);
            det = {det.boxes.index_select(0, kept), det.scores.index_select(0, kept), det.classes.index_select(0, kept)};
        }
        result.push_back(std::move(det));
    }
    return result;
}

std::vector<at::Tensor> Detector::parameters()
{
    auto& d = *mImpl;
    std::vector<at::Tensor> params;
    d.backbone.appendParameters(params);
    for (const auto& p : d.heads->parameters())
        params.push_back(p);
    return params;
}

std::vector<std::pair<std::string, at::Tensor>> Detector::state()
{
    auto& d = *mImpl;
    NamedTensors out;
    d.backbone.appendState(out);
    appendModuleState(*d.heads, "heads", out);
    return out;
}

void Detector::setTraining(bool training)
{
    mImpl->backbone.setTraining(training);
    mImpl->heads->train(training);
}

void Detector::to(c10::Device device, bool channelsLast)
{
    auto& d = *mImpl;
    d.backbone.to(device);
    d.heads->to(device);
    d.device = device;
    if (channelsLast)
        compat::toChannelsLast(parameters());
}

c10::Device Detector::device() const
{
    return mImpl->device;
}

} // namespace pixmark::ml
