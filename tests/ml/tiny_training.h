#pragma once
// Tiny two-class data, models and training options for the engine's tests: noisy stripes that
// a small classifier learns in seconds on the CPU, and a small detector.

#include "ml/engine/cache_reader.h"
#include "ml/engine/classifier.h"
#include "ml/engine/detector.h"
#include "ml/engine/trainer.h"
#include "tests/ml/training_cache_file.h"

#include <torch/torch.h>

#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace pixmark::test {

namespace fs = std::filesystem;

constexpr int kSide = 16;

/// `count` gray images: class 0 has horizontal stripes, class 1 vertical ones, both noisy
/// (a flip or a mild crop keeps the class). Labels alternate.
inline fs::path writeTwoClassCache(const fs::path& folder, int count)
{
    const auto images = folder / "images-16x16x1.bin";
    TrainingCacheWriter writer(images, kSide, 1);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> noise(0, 90);
    std::vector<std::uint8_t> pixels(kSide * kSide);
    for (int i = 0; i < count; ++i) {
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x) {
                const bool bright = ((i % 2 == 0 ? y : x) / 2) % 2 == 0;
                pixels[static_cast<std::size_t>(y * kSide + x)] = static_cast<std::uint8_t>((bright ? 150 : 0) + noise(rng));
            }
        }
        writer.append(1000 + i, pixels.data(), kSide, kSide);
    }
    writer.finish();
    return images;
}

inline ml::ClassifierSpec tinySpec()
{
    ml::ClassifierSpec spec;
    spec.classes = 2;
    spec.backbone.inChannels = 1;
    spec.backbone.widths = {8, 16};
    spec.backbone.blocks = {1, 1};
    spec.backbone.smallImageStem = true;
    return spec;
}

/// A two-class detector small enough to train a few steps on 32 px images in seconds.
inline ml::DetectorSpec tinyDetector()
{
    ml::DetectorSpec spec;
    spec.classes = 2;
    spec.backbone.inChannels = 1;
    spec.backbone.widths = {8, 16, 32};
    spec.backbone.blocks = {1, 1, 1};
    spec.backbone.smallImageStem = true;
    spec.outputStride = 2;
    spec.neckChannels = 16;
    return spec;
}

inline std::vector<std::int64_t> allRecords(const ml::TrainingCacheReader& cache)
{
    std::vector<std::int64_t> records(cache.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        records[i] = static_cast<std::int64_t>(i);
    return records;
}

inline torch::Tensor alternatingLabels(std::int64_t n)
{
    return torch::arange(n, torch::kInt64).remainder(2);
}

inline ml::TrainerOptions quickOptions()
{
    ml::TrainerOptions o;
    o.maxEpochs = 6;
    o.batchSize = 16;
    o.learningRate = 5e-3;
    o.device = "cpu";
    o.patience = 0;
    return o;
}

} // namespace pixmark::test
