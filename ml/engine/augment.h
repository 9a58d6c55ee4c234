#pragma once
// Training augmentations that run on the device on whole batches: horizontal flip, random
// crop and scale, rotation and shear (one affine resample), color jitter and random erasing.
// No per-image CPU work.

#include <ATen/core/Tensor.h>

namespace pixmark::ml {

/// How strong each augmentation is; zero or false switches it off.
struct AugmentOptions {
    bool horizontalFlip = true;
    double minCropArea = 0.6;   ///< random crop keeps this fraction of the area or more, then rescales
    double maxAspectChange = 1.25; ///< crop aspect ratio within [1/x, x]
    double brightness = 0.2;    ///< factor in [1-x, 1+x]
    double contrast = 0.2;
    double saturation = 0.2;    ///< only for 3-channel images
    double maxRotationDegrees = 0; ///< rotation by an angle within [-x, x]
    double maxShear = 0;           ///< horizontal shear factor within [-x, x]
    /// Random erasing: this share of the images gets one rectangle (2-25 % of the area, aspect
    /// within [1/3, 3]) filled with uniform noise, so that no single part of an object decides
    /// the class. Off by default: it can hide a small object whole, which suits whole-image
    /// classes but not boxes or masks.
    double erasing = 0;

    /// A strong view of the same images for consistency training (see consistency.h): larger
    /// crops, rotation, shear, twice the lighting changes and erasing on every image, so that
    /// agreeing with the weak view takes knowing the object, not its pixels.
    AugmentOptions strong() const;
};

/// A batch after augmentation, with the per-image affine maps so that tasks with geometry
/// (boxes, masks) can move their targets the same way.
struct AugmentedBatch {
    at::Tensor images; ///< [B, C, H, W] in [0, 1], same layout as the input
    at::Tensor theta;  ///< [B, 2, 3]: output normalized coords -> input normalized coords (affine_grid)
};

/// Applies the augmentations with fresh random draws from LibTorch's generator.
class Augmenter {
public:
    explicit Augmenter(AugmentOptions options = {}) : mOptions(options) {}
    const AugmentOptions& options() const { return mOptions; }

    /// images: float [B, C, H, W] in [0, 1] on any device.
    AugmentedBatch apply(const at::Tensor& images) const;

private:
    AugmentOptions mOptions;
};

} // namespace pixmark::ml
