#include "ml/engine/segmenter.h"

#include "ml/engine/errors.h"
#include "ml/engine/resnet_options.h"
#include "ml/engine/script_backbone.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

#include <cmath>

namespace pixmark::ml {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

// Named, not anonymous: Impl below holds these modules, and a batched (unity) build
// compiles this file as an include, where GCC warns of anonymous types in a class.
namespace segmenter_modules {

nn::Sequential doubleConv(int in, int out)
{
    return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)), nn::BatchNorm2d(out),
                          nn::ReLU(), nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)),
                          nn::BatchNorm2d(out), nn::ReLU());
}

class UNetImpl : public nn::Module {
public:
    UNetImpl(int inChannels, const std::vector<int>& widths, int classes)
    {
        down = register_module("down", nn::ModuleList());
        up = register_module("up", nn::ModuleList());
        int in = inChannels;
        for (const int w : widths) {
            down->push_back(doubleConv(in, w));
            in = w;
        }
        for (std::size_t i = widths.size() - 1; i-- > 0;)
            up->push_back(doubleConv(widths[i + 1] + widths[i], widths[i]));
        out = register_module("out", nn::Conv2d(nn::Conv2dOptions(widths.front(), classes, 1)));
    }

    torch::Tensor forward(torch::Tensor x)
    {
        std::vector<torch::Tensor> skips;
        for (std::size_t i = 0; i < down->size(); ++i) {
            if (i > 0)
                x = F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
            x = down->ptr<nn::SequentialImpl>(i)->forward(x);
            skips.push_back(x);
        }
        for (std::size_t i = 0; i < up->size(); ++i) {
            const auto& skip = skips[skips.size() - 2 - i];
            x = F::interpolate(x, F::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{skip.size(2), skip.size(3)})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
            x = up->ptr<nn::SequentialImpl>(i)->forward(torch::cat({x, skip}, 1));
        }
        return out->forward(x);
    }

    nn::ModuleList down{nullptr}, up{nullptr};
    nn::Conv2d out{nullptr};
};
TORCH_MODULE(UNet);

} // namespace segmenter_modules

using segmenter_modules::UNet;

struct Segmenter::Impl {
    SegmenterSpec spec;
    UNet net{nullptr};
    torch::Tensor mean, std;
    c10::Device device{c10::kCPU};
};

Segmenter::Segmenter(SegmenterSpec spec) : mImpl(std::make_unique<Impl>())
{
    if (spec.classes < 2)
        throw InvalidInputError("A segmenter needs at least two classes (background and one more); got " +
                                std::to_string(spec.classes) + ".");
    if (spec.widths.empty() || spec.widths.size() > 6)
        throw InvalidInputError("A U-Net needs between one and six levels.");
    for (const int w : spec.widths) {
        if (w < 1)
            throw InvalidInputError("A U-Net level needs at least one channel.");
    }
    if (spec.inChannels != 1 && spec.inChannels != 3)
        throw InvalidInputError("The segmenter takes 1- or 3-channel images, not " + std::to_string(spec.inChannels) + ".");
    auto& d = *mImpl;
    d.net = UNet(spec.inChannels, spec.widths, spec.classes);
    const int c = spec.inChannels;
    d.mean = torch::tensor(normalizationOrDefault(spec.mean, c, 0.5f, {}, false)).view({1, c, 1, 1});
    d.std = torch::tensor(normalizationOrDefault(spec.std, c, 0.25f, {}, false)).view({1, c, 1, 1});
    d.spec = std::move(spec);
}

Segmenter::~Segmenter() = default;

const SegmenterSpec& Segmenter::spec() const
{
    return mImpl->spec;
}

std::string Segmenter::describe() const
{
    const auto& s = mImpl->spec;
    return "segmenter unet " + std::to_string(s.classes) + " classes c" + std::to_string(s.inChannels) + " w" +
           commaSeparated(s.widths);
}

at::Tensor Segmenter::forward(const at::Tensor& images)
{
    auto& d = *mImpl;
    const auto multiple = std::int64_t{1} << (d.spec.widths.size() - 1);
    if (images.dim() != 4 || images.size(1) != d.spec.inChannels)
        throw InvalidInputError("The segmenter takes [batch, " + std::to_string(d.spec.inChannels) +
                                ", side, side] images; the training cache has a different number of channels.");
    if (images.size(2) % multiple != 0 || images.size(3) % multiple != 0)
        throw InvalidInputError("A U-Net of " + std::to_string(d.spec.widths.size()) + " levels needs image sides that " +
                                "divide by " + std::to_string(multiple) + "; rebuild the training cache at such a side.");
    return d.net->forward((images - d.mean) / d.std);
}

at::Tensor Segmenter::labels(const at::Tensor& logits)
{
    return logits.argmax(1);
}

std::vector<at::Tensor> Segmenter::parameters()
{
    return mImpl->net->parameters();
}

std::vector<std::pair<std::string, at::Tensor>> Segmenter::state()
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& item : mImpl->net->named_parameters())
        out.emplace_back("unet." + item.key(), item.value());
    for (const auto& item : mImpl->net->named_buffers())
        out.emplace_back("unet." + item.key(), item.value());
    return out;
}

void Segmenter::setTraining(bool training)
{
    mImpl->net->train(training);
}

void Segmenter::to(c10::Device device, bool channelsLast)
{
    auto& d = *mImpl;
    d.net->to(device);
    d.mean = d.mean.to(device);
    d.std = d.std.to(device);
    d.device = device;
    if (channelsLast)
        compat::toChannelsLast(parameters());
}

c10::Device Segmenter::device() const
{
    return mImpl->device;
}

at::Tensor maskToCache(const std::vector<std::uint8_t>& mask, int width, int height, const CacheRecord& placement,
                       int side)
{
    if (width <= 0 || height <= 0 || mask.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw InvalidInputError("A mask of " + std::to_string(mask.size()) + " pixels is not " + std::to_string(width) +
                                " x " + std::to_string(height) + ".");
    if (placement.originalWidth != 0 && (static_cast<int>(placement.originalWidth) != width ||
                                         static_cast<int>(placement.originalHeight) != height))
        throw InvalidInputError("A mask of " + std::to_string(width) + " x " + std::to_string(height) +
                                " pixels does not match its image (" + std::to_string(placement.originalWidth) + " x " +
                                std::to_string(placement.originalHeight) + "); redraw it on the image as it is now.");
    auto out = torch::full({side, side}, static_cast<std::int64_t>(kIgnorePixel), torch::kUInt8);
    auto* dst = out.data_ptr<std::uint8_t>();
    const double s = placement.scale > 0 ? placement.scale : 1.0;
    for (int y = 0; y < side; ++y) {
        // The original pixel whose area holds this cache pixel's centre.
        const auto oy = static_cast<int>(std::floor((y + 0.5 - placement.padY) / s));
        if (oy < 0 || oy >= height)
            continue;
        for (int x = 0; x < side; ++x) {
            const auto ox = static_cast<int>(std::floor((x + 0.5 - placement.padX) / s));
            if (ox >= 0 && ox < width)
                dst[y * side + x] = mask[static_cast<std::size_t>(oy) * static_cast<std::size_t>(width) +
                                         static_cast<std::size_t>(ox)];
        }
    }
    return out;
}

at::Tensor instanceMasks(const at::Tensor& labels, const ImageDetections& detections, std::int64_t classOffset)
{
    torch::NoGradGuard noGrad;
    if (labels.dim() != 2)
        throw InvalidInputError("Instance masks need one label map [height, width] per image.");
    const auto device = labels.device();
    const auto h = labels.size(0), w = labels.size(1);
    const auto boxes = detections.boxes.to(device, torch::kFloat32);
    const auto k = boxes.size(0);
    if (k == 0)
        return torch::zeros({0, h, w}, labels.options().dtype(torch::kBool));
    // Pixel centres inside each box.
    const auto xs = torch::arange(w, boxes.options()).add_(0.5).view({1, 1, w});
    const auto ys = torch::arange(h, boxes.options()).add_(0.5).view({1, h, 1});
    auto inBox = (xs >= boxes.select(1, 0).view({k, 1, 1})) & (xs < boxes.select(1, 2).view({k, 1, 1})) &
                 (ys >= boxes.select(1, 1).view({k, 1, 1})) & (ys < boxes.select(1, 3).view({k, 1, 1}));
    const auto wanted = (detections.classes.to(device) + classOffset).view({k, 1, 1});
    const auto masks = inBox & labels.unsqueeze(0).eq(wanted);
    // Earlier (better) boxes keep contested pixels.
    const auto claimedBefore = masks.to(torch::kInt32).cumsum(0) - masks.to(torch::kInt32);
    return masks & claimedBefore.eq(0);
}

} // namespace pixmark::ml
