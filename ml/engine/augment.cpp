#include "ml/engine/augment.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pixmark::ml {

namespace F = torch::nn::functional;

namespace {

torch::Tensor uniform(std::int64_t n, double lo, double hi, const torch::TensorOptions& options)
{
    return torch::rand({n}, options) * (hi - lo) + lo;
}

// One rectangle per chosen image, all drawn at once: a mask from comparing each pixel's
// coordinates with its image's rectangle.
torch::Tensor erase(const torch::Tensor& images, double share)
{
    const auto n = images.size(0);
    const auto h = images.size(2);
    const auto w = images.size(3);
    const auto opts = images.options();
    auto area = uniform(n, 0.02, 0.25, opts);
    auto aspect = torch::exp(uniform(n, -std::log(3.0), std::log(3.0), opts));
    auto rh = torch::sqrt(area * aspect).clamp_max(1.0);
    auto rw = torch::sqrt(area / aspect).clamp_max(1.0);
    auto y0 = torch::rand({n}, opts) * (1 - rh);
    auto x0 = torch::rand({n}, opts) * (1 - rw);
    auto chosen = torch::rand({n}, opts) < share;
    auto ys = (torch::arange(h, opts) + 0.5) / static_cast<double>(h);
    auto xs = (torch::arange(w, opts) + 0.5) / static_cast<double>(w);
    const auto column = [](const torch::Tensor& t) { return t.view({-1, 1, 1, 1}); };
    auto inRows = (ys.view({1, 1, h, 1}) >= column(y0)) & (ys.view({1, 1, h, 1}) < column(y0 + rh));
    auto inColumns = (xs.view({1, 1, 1, w}) >= column(x0)) & (xs.view({1, 1, 1, w}) < column(x0 + rw));
    auto mask = inRows & inColumns & column(chosen);
    return torch::where(mask, torch::rand_like(images), images);
}

} // namespace

AugmentOptions AugmentOptions::strong() const
{
    AugmentOptions o = *this;
    o.minCropArea = std::min(minCropArea, 0.6);
    o.maxAspectChange = std::max(maxAspectChange, 1.25);
    o.brightness = std::max(2 * brightness, 0.3);
    o.contrast = std::max(2 * contrast, 0.3);
    o.saturation = saturation > 0 ? std::max(2 * saturation, 0.3) : 0;
    o.maxRotationDegrees = std::max(maxRotationDegrees, 20.0);
    o.maxShear = std::max(maxShear, 0.2);
    o.erasing = 1;
    return o;
}

AugmentedBatch Augmenter::apply(const at::Tensor& images) const
{
    torch::NoGradGuard noGrad;
    const auto n = images.size(0);
    const auto opts = images.options().dtype(torch::kFloat32);
    const auto format = images.suggest_memory_format();

    // Crop of relative area a and aspect r: half-extents sx = sqrt(a*r), sy = sqrt(a/r) in
    // normalized coordinates, centred anywhere it fits; a flip negates the x scale.
    const double logAspect = std::log(std::max(1.0, mOptions.maxAspectChange));
    auto area = uniform(n, std::clamp(mOptions.minCropArea, 0.05, 1.0), 1.0, opts);
    auto aspect = torch::exp(uniform(n, -logAspect, logAspect, opts));
    auto sx = torch::sqrt(area * aspect).clamp_max(1.0);
    auto sy = torch::sqrt(area / aspect).clamp_max(1.0);
    auto tx = (torch::rand({n}, opts) * 2 - 1) * (1 - sx);
    auto ty = (torch::rand({n}, opts) * 2 - 1) * (1 - sy);
    auto flipSign = torch::ones({n}, opts);
    if (mOptions.horizontalFlip)
        flipSign = torch::where(torch::rand({n}, opts) < 0.5, -flipSign, flipSign);
    auto zero = torch::zeros({n}, opts);
    auto theta = torch::stack({torch::stack({sx * flipSign, zero, tx}, 1), torch::stack({zero, sy, ty}, 1)}, 1);
    if (mOptions.maxRotationDegrees > 0 || mOptions.maxShear > 0) {
        // Rotation and shear act on the output grid before the crop's scale and shift:
        // theta = [crop] * [rotation * shear], with the shift kept.
        const double maxAngle = mOptions.maxRotationDegrees * std::numbers::pi / 180;
        auto angle = uniform(n, -maxAngle, maxAngle, opts);
        auto shear = uniform(n, -mOptions.maxShear, mOptions.maxShear, opts);
        auto c = torch::cos(angle);
        auto s = torch::sin(angle);
        auto warp = torch::stack({torch::stack({c, c * shear - s}, 1), torch::stack({s, s * shear + c}, 1)}, 1);
        auto linear = torch::matmul(theta.narrow(2, 0, 2), warp);
        theta = torch::cat({linear, theta.narrow(2, 2, 1)}, 2);
    }

    auto grid = F::affine_grid(theta, images.sizes(), /*align_corners=*/false);
    auto out = F::grid_sample(images.to(torch::kFloat32), grid,
                              F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));

    const auto perImage = [&](double strength) { return uniform(n, 1 - strength, 1 + strength, opts).view({n, 1, 1, 1}); };
    if (mOptions.brightness > 0)
        out = out * perImage(mOptions.brightness);
    if (mOptions.contrast > 0) {
        auto mean = out.mean({1, 2, 3}, /*keepdim=*/true);
        out = (out - mean) * perImage(mOptions.contrast) + mean;
    }
    if (mOptions.saturation > 0 && out.size(1) == 3) {
        auto gray = (out.select(1, 0) * 0.299 + out.select(1, 1) * 0.587 + out.select(1, 2) * 0.114).unsqueeze(1);
        out = (out - gray) * perImage(mOptions.saturation) + gray;
    }
    out = out.clamp_(0, 1);
    if (mOptions.erasing > 0)
        out = erase(out, mOptions.erasing);
    out = out.to(images.scalar_type()).contiguous(format);
    return {out, theta};
}

} // namespace pixmark::ml
