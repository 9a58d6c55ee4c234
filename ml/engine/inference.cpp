#include "ml/engine/inference.h"

#include "ml/engine/batch_loader.h"
#include "ml/engine/device.h"
#include "ml/engine/errors.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

namespace pixmark::ml {

Predictions predict(Classifier& classifier, const TrainingCacheReader& cache, const std::vector<std::int64_t>& records,
                    const InferenceOptions& options, const InferenceProgressCallback& progress,
                    const std::function<bool()>& cancel)
{
    for (const auto r : records) {
        if (r < 0 || static_cast<std::size_t>(r) >= cache.size())
            throw InvalidInputError("Cache record " + std::to_string(r) +
                                    " is not in the training cache; update the cache and try again.");
    }
    if (options.batchSize < 1)
        throw InvalidInputError("Inference needs a batch size of at least 1.");
    keepHostMemory();
    const auto device = classifier.device();
    const bool channelsLast = device.is_cuda() && options.channelsLast;
    classifier.setTraining(false);
    torch::InferenceMode inference;
    std::vector<torch::Tensor> probabilities, embeddings;
    Predictions out;
    const auto total = static_cast<std::int64_t>(records.size());
    const auto batch = static_cast<std::size_t>(options.batchSize);
    for (std::size_t begin = 0; begin < records.size(); begin += batch) {
        if (cancel && cancel()) {
            out.cancelled = true;
            break;
        }
        const std::size_t end = std::min(begin + batch, records.size());
        const std::vector<std::int64_t> part(records.begin() + static_cast<std::ptrdiff_t>(begin),
                                             records.begin() + static_cast<std::ptrdiff_t>(end));
        const auto images = loadBatch(cache, part, device, channelsLast);
        torch::Tensor features, logits;
        {
            compat::AutocastGuard autocast(device, options.mixedPrecision);
            features = classifier.embed(images);
            if (options.probabilities)
                logits = classifier.head(features);
        }
        torch::Tensor probs;
        if (options.probabilities)
            probs = classifier.probabilities(logits);
        if (options.flipAverage) {
            torch::Tensor mirroredFeatures, mirroredLogits;
            {
                compat::AutocastGuard autocast(device, options.mixedPrecision);
                mirroredFeatures = classifier.embed(images.flip({3}));
                if (options.probabilities)
                    mirroredLogits = classifier.head(mirroredFeatures);
            }
            // Probabilities are averaged, not logits: each view stays a calibrated distribution.
            if (options.probabilities)
                probs = (probs + classifier.probabilities(mirroredLogits)) / 2;
            features = (features.to(torch::kFloat32) + mirroredFeatures.to(torch::kFloat32)) / 2;
        }
        if (options.probabilities)
            probabilities.push_back(probs.to(torch::kCPU));
        if (options.embeddings)
            embeddings.push_back(features.to(torch::kCPU, torch::kFloat32));
        if (progress)
            progress(static_cast<std::int64_t>(end), total);
    }
    const auto classes = classifier.spec().classes;
    const auto empty = [](std::int64_t cols) { return torch::zeros({0, cols}); };
    if (options.probabilities)
        out.probabilities = probabilities.empty() ? empty(classes) : torch::cat(probabilities);
    if (options.embeddings)
        out.embeddings = embeddings.empty() ? empty(classifier.featureDim()) : torch::cat(embeddings);
    return out;
}

} // namespace pixmark::ml
