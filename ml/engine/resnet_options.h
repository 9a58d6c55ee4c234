#pragma once
// The shape of a ResNet backbone, kept apart from the module so that headers describing models
// need no LibTorch.

#include <string>
#include <vector>

namespace pixmark::ml {

/// Shape of the network: one stage per width, `blocks[i]` residual blocks in stage i; every
/// stage after the first halves the resolution.
struct ResNetOptions {
    int inChannels = 3;
    std::vector<int> widths{64, 128, 256, 512};
    std::vector<int> blocks{2, 2, 2, 2};
    /// A 3x3 stride-1 stem without max pooling, for small images (below ~96 px); otherwise the
    /// ImageNet stem (7x7 stride 2, then 3x3 max pool).
    bool smallImageStem = false;

    /// ResNet-18 for `channels`-channel images.
    static ResNetOptions resnet18(int channels = 3);
    /// A small network for thumbnails such as 28-64 px images.
    static ResNetOptions compact(int channels);
    /// A text form for checkpoints and logs, e.g. "resnet c3 w64,128 b2,2 stem=imagenet".
    std::string describe() const;
};

/// "64,128,256": widths and block counts in the models' describe() texts.
std::string commaSeparated(const std::vector<int>& values);

} // namespace pixmark::ml
