#include "ml/engine/script_backbone.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

namespace pixmark::ml {

std::string firstLineOf(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}

torch::jit::Module loadBackboneScript(const std::filesystem::path& path)
{
    const std::string hint = " Save the backbone from Python with torch.jit.script(model) or torch.jit.trace(model, "
                             "example) and torch.jit.save(), or leave the backbone file empty to train from scratch.";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw ModelFileError("The backbone file " + path.string() + " does not exist or is not a file." + hint);
    try {
        return torch::jit::load(path.string(), torch::kCPU);
    } catch (const std::exception& e) {
        throw ModelFileError("The backbone file " + path.string() + " is not a TorchScript model this LibTorch can read (" +
                             firstLineOf(e.what()) + ")." + hint);
    }
}

at::Tensor probeBackboneScript(torch::jit::Module& module, const std::filesystem::path& path, int channels, int side)
{
    torch::NoGradGuard noGrad;
    module.eval();
    c10::IValue value;
    try {
        value = module.forward({torch::zeros({2, channels, side, side})});
    } catch (const std::exception& e) {
        throw ModelFileError("The backbone file " + path.string() + " does not accept a batch of " +
                             std::to_string(channels) + "-channel images (" + firstLineOf(e.what()) +
                             "). Use a backbone made for images of that many channels.");
    }
    if (!value.isTensor())
        throw ModelFileError("The backbone file " + path.string() +
                             " returns something other than a tensor; it must return image features.");
    return value.toTensor();
}

std::vector<float> normalizationOrDefault(const std::vector<float>& values, int channels, float scratch,
                                          const std::vector<float>& imagenet, bool isScript)
{
    if (!values.empty()) {
        if (static_cast<int>(values.size()) == channels)
            return values;
        if (values.size() == 1)
            return std::vector<float>(static_cast<std::size_t>(channels), values.front());
        throw InvalidInputError("Normalization needs one value per channel (" + std::to_string(channels) + ").");
    }
    if (isScript && channels == 3)
        return imagenet;
    return std::vector<float>(static_cast<std::size_t>(channels), scratch);
}

} // namespace pixmark::ml
