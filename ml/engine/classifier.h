#pragma once
// The image classifier: a backbone (a ResNet trained from scratch, or a TorchScript module the
// user supplies) with a linear head. Softmax for multi-class, sigmoid for multi-label. Nothing
// is ever downloaded.

#include "ml/engine/resnet_options.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pixmark::ml {

/// One class per image, or any number of classes per image.
enum class LabelMode { MultiClass, MultiLabel };

/// What to build.
struct ClassifierSpec {
    int classes = 2;
    LabelMode mode = LabelMode::MultiClass;
    /// The from-scratch backbone; its inChannels must match the training cache.
    ResNetOptions backbone;
    /// When set, the backbone is this TorchScript file instead (it must map [B, C, H, W]
    /// images to [B, F] features or [B, F, h, w] feature maps, which are average-pooled).
    std::filesystem::path torchScriptBackbone;
    /// Per-channel normalization applied to [0, 1] inputs; empty means 0.5 / 0.25 for a
    /// scratch backbone and the ImageNet statistics for a TorchScript one.
    std::vector<float> mean;
    std::vector<float> std;
};

/// The model. Owns its modules; not copyable. Inputs are float [B, C, S, S] in [0, 1].
class Classifier {
public:
    /// Builds the model on the CPU. Throws ModelFileError (with what to do) when the
    /// TorchScript file is missing, unreadable or does not produce features, and
    /// InvalidInputError for an impossible spec.
    explicit Classifier(ClassifierSpec spec);
    ~Classifier();
    Classifier(const Classifier&) = delete;
    Classifier& operator=(const Classifier&) = delete;

    const ClassifierSpec& spec() const;
    int inputChannels() const;
    /// Length of the embedding (penultimate layer) vectors.
    int featureDim() const;
    /// Architecture in words, e.g. "classifier multi-class 10 on resnet c1 w32,64 b1,1 stem=small".
    std::string describe() const;

    /// Penultimate-layer embeddings [B, featureDim()].
    at::Tensor embed(const at::Tensor& images);
    /// Class scores [B, classes] before softmax/sigmoid.
    at::Tensor head(const at::Tensor& embeddings);
    /// head(embed(images)).
    at::Tensor logits(const at::Tensor& images);
    /// Softmax (multi-class) or sigmoid (multi-label) of logits, in float32.
    at::Tensor probabilities(const at::Tensor& logits) const;

    std::vector<at::Tensor> parameters();
    /// Parameters and buffers by name ("backbone.…", "head.…").
    std::vector<std::pair<std::string, at::Tensor>> state();
    void setTraining(bool training);
    void to(c10::Device device, bool channelsLast);
    c10::Device device() const;

private:
    struct Impl;
    std::unique_ptr<Impl> mImpl;
};

} // namespace pixmark::ml
