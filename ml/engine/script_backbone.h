#pragma once
// What the classifier, detector and segmenter share about their inputs: loading a user's
// TorchScript backbone with actionable errors, and the default input normalization.

#include <torch/script.h>

#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::ml {

/// Loads a TorchScript module on the CPU. Throws ModelFileError saying how to make one when the
/// file is missing or not TorchScript.
torch::jit::Module loadBackboneScript(const std::filesystem::path& path);

/// Runs `module` in eval mode on a zero batch [2, channels, side, side] and returns its tensor
/// output. Throws ModelFileError when it rejects such images or returns something else.
at::Tensor probeBackboneScript(torch::jit::Module& module, const std::filesystem::path& path, int channels, int side);

/// The per-channel normalization to use: `values` when given (one per channel, or one for all),
/// else the ImageNet statistics for a 3-channel TorchScript backbone, else `scratch` per channel.
/// Throws InvalidInputError for a wrong number of values.
std::vector<float> normalizationOrDefault(const std::vector<float>& values, int channels, float scratch,
                                          const std::vector<float>& imagenet, bool isScript);

/// First line of an exception text, for messages that quote LibTorch.
std::string firstLineOf(const std::string& text);

} // namespace pixmark::ml
