#pragma once
// What a classifier or a detector stands on: a ResNet trained from scratch or a user's
// TorchScript module, with the input normalization that goes with it. One place for what the
// two models do alike with it: normalize, collect parameters and named state, switch modes,
// move to a device.

#include "ml/engine/resnet.h"

#include <torch/script.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pixmark::ml {

/// Named parameters and buffers, as checkpoints store them.
using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

class Backbone {
public:
    /// A ResNet of `scratch` when `torchScript` is empty, else that TorchScript file (loaded
    /// on the CPU, not yet probed). Normalization: `mean` and `std` per channel, or the
    /// defaults of normalizationOrDefault. Throws ModelFileError for an unreadable file and
    /// InvalidInputError for a wrong number of normalization values.
    Backbone(const ResNetOptions& scratch, const std::filesystem::path& torchScript, const std::vector<float>& mean,
             const std::vector<float>& std);

    bool isScript() const { return mScript.has_value(); }
    /// The scratch network; null when isScript().
    ResNet& resnet() { return mResNet; }
    /// The user's module; only when isScript().
    torch::jit::Module& script() { return *mScript; }

    /// (images - mean) / std, per channel.
    at::Tensor normalize(const at::Tensor& images) const;
    void appendParameters(std::vector<at::Tensor>& out);
    /// Parameters and buffers as "backbone.<name>".
    void appendState(NamedTensors& out);
    void setTraining(bool training);
    void to(c10::Device device);

private:
    ResNet mResNet{nullptr};
    std::optional<torch::jit::Module> mScript;
    at::Tensor mMean;
    at::Tensor mStd;
};

/// Appends a module's parameters and buffers as "<prefix>.<name>".
void appendModuleState(const torch::nn::Module& module, const std::string& prefix, NamedTensors& out);

} // namespace pixmark::ml
