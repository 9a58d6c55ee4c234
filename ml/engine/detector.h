#pragma once
// The object detector: single-stage, anchor-free, CenterNet-style. A backbone (a scratch
// ResNet whose stages are fused top-down into one stride-4 map, or a user's TorchScript
// module returning a feature map) feeds two small heads: per-class centre heatmaps and, per
// cell, the centre's sub-cell offset and the box's log width and height. Nothing is downloaded.

#include "ml/engine/resnet_options.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pixmark::ml {

/// What to build.
struct DetectorSpec {
    int classes = 1;
    /// The from-scratch backbone; its inChannels must match the training cache.
    ResNetOptions backbone = ResNetOptions::compact(3);
    /// When set, the backbone is this TorchScript file instead; it must map [B, C, H, W]
    /// images to a [B, F, H/s, W/s] feature map (s, its stride, is read from the shapes).
    std::filesystem::path torchScriptBackbone;
    /// Scratch backbone: the finest stage whose stride is at least this one is the output grid.
    int outputStride = 4;
    /// Width of the fused feature map and of the heads.
    int neckChannels = 64;
    /// Per-channel normalization of [0, 1] inputs; empty: 0.5 / 0.25 for a scratch backbone, the
    /// ImageNet statistics for a 3-channel TorchScript one.
    std::vector<float> mean;
    std::vector<float> std;
};

/// Boxes found in one image, in the input's pixels (corners), best first.
struct ImageDetections {
    at::Tensor boxes;   ///< float [K, 4] (x1, y1, x2, y2)
    at::Tensor scores;  ///< float [K] in (0, 1)
    at::Tensor classes; ///< int64 [K]
};

/// How raw outputs become boxes.
struct DecodeOptions {
    double scoreThreshold = 0.05;
    int maxDetections = 100;       ///< per image, before NMS
    double nmsIouThreshold = 0.6;  ///< class-aware; 1 or more switches NMS off
};

/// The model. Owns its modules; not copyable. Inputs are float [B, C, S, S] in [0, 1].
class Detector {
public:
    /// Builds the model on the CPU. Throws ModelFileError (with what to do) for an unusable
    /// TorchScript file and InvalidInputError for an impossible spec.
    explicit Detector(DetectorSpec spec);
    ~Detector();
    Detector(const Detector&) = delete;
    Detector& operator=(const Detector&) = delete;

    const DetectorSpec& spec() const;
    int inputChannels() const;
    /// Architecture in words, e.g. "detector centernet 3 classes neck 64 on resnet c3 ...".
    std::string describe() const;

    /// Raw outputs [B, classes + 4, H/s, W/s]: heatmap logits, then offset x, offset y (in
    /// cells), log(width / s), log(height / s).
    at::Tensor forward(const at::Tensor& images);
    /// Boxes per image from raw outputs of images of `side` pixels: heatmap peaks (3x3 local
    /// maxima), top maxDetections, score threshold, class-aware NMS. Results on the outputs' device.
    std::vector<ImageDetections> decode(const at::Tensor& outputs, int side, const DecodeOptions& options = {});

    std::vector<at::Tensor> parameters();
    /// Parameters and buffers by name ("backbone.…", "heads.…").
    std::vector<std::pair<std::string, at::Tensor>> state();
    void setTraining(bool training);
    void to(c10::Device device, bool channelsLast);
    c10::Device device() const;

private:
    struct Impl;
    std::unique_ptr<Impl> mImpl;
};

} // namespace pixmark::ml
