#pragma once
// The semantic segmenter: a small U-Net (an encoder of double 3x3 convolutions with batch norm,
// halving the resolution per level, and a decoder that upsamples and concatenates the skip
// connections) giving per-pixel class scores at the input's resolution. Instance masks are
// derived from detections: within each box, the pixels the segmenter gives the box's class.

#include "ml/engine/cache_reader.h"
#include "ml/engine/detector.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pixmark::ml {

/// What to build.
struct SegmenterSpec {
    int classes = 2;    ///< class 0 is usually the background
    int inChannels = 3; ///< must match the training cache
    /// Channels per level, finest first; the input side must be divisible by 2^(levels - 1).
    std::vector<int> widths{16, 32, 64, 128};
    /// Per-channel normalization of [0, 1] inputs; empty means 0.5 / 0.25.
    std::vector<float> mean;
    std::vector<float> std;
};

/// Pixels whose class is unknown (outside the letterboxed image, unlabeled) in target masks.
inline constexpr std::uint8_t kIgnorePixel = 255;

/// The model. Owns its modules; not copyable. Inputs are float [B, C, S, S] in [0, 1].
class Segmenter {
public:
    /// Builds the model on the CPU. Throws InvalidInputError for an impossible spec.
    explicit Segmenter(SegmenterSpec spec);
    ~Segmenter();
    Segmenter(const Segmenter&) = delete;
    Segmenter& operator=(const Segmenter&) = delete;

    const SegmenterSpec& spec() const;
    /// Architecture in words, e.g. "segmenter unet 3 classes c3 w16,32,64".
    std::string describe() const;

    /// Per-pixel class logits [B, classes, S, S]. Throws InvalidInputError when the side does
    /// not divide by 2^(levels - 1) or the channels differ.
    at::Tensor forward(const at::Tensor& images);
    /// Class index per pixel [B, S, S] (int64) from logits.
    static at::Tensor labels(const at::Tensor& logits);

    std::vector<at::Tensor> parameters();
    std::vector<std::pair<std::string, at::Tensor>> state();
    void setTraining(bool training);
    void to(c10::Device device, bool channelsLast);
    c10::Device device() const;

private:
    struct Impl;
    std::unique_ptr<Impl> mImpl;
};

/// A class-index mask in original image pixels (`width` x `height`, row-major) letterboxed into
/// the cache image of `placement` (nearest pixel); pixels outside the image are kIgnorePixel.
/// Returns uint8 [side, side]. Throws InvalidInputError when the size does not match the record.
at::Tensor maskToCache(const std::vector<std::uint8_t>& mask, int width, int height, const CacheRecord& placement,
                       int side);

/// Instance masks for one image: for detection k (boxes in the mask's pixels), the pixels inside
/// its box whose label is classes[k] + classOffset (1 when segmenter class 0 is the background
/// and detector class 0 is its class 1). A pixel claimed by several boxes goes to the first (best)
/// one. labels: int64 [S, S]; returns bool [K, S, S] on the labels' device.
at::Tensor instanceMasks(const at::Tensor& labels, const ImageDetections& detections, std::int64_t classOffset = 1);

} // namespace pixmark::ml
