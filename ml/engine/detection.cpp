#include "ml/engine/detection.h"

#include "ml/engine/batch_loader.h"
#include "ml/engine/device.h"
#include "ml/engine/errors.h"
#include "ml/engine/torch_compat.h"

#include <torch/torch.h>

#include <algorithm>

namespace pixmark::ml {

std::array<float, 4> toCacheCorners(const BoxTarget& box, const CacheRecord& placement)
{
    const float s = placement.scale;
    const auto px = static_cast<float>(placement.padX), py = static_cast<float>(placement.padY);
    return {box.x * s + px, box.y * s + py, (box.x + box.width) * s + px, (box.y + box.height) * s + py};
}

Detection fromCacheCorners(float x1, float y1, float x2, float y2, const CacheRecord& placement)
{
    const float s = placement.scale > 0 ? placement.scale : 1.0f;
    const auto px = static_cast<float>(placement.padX), py = static_cast<float>(placement.padY);
    const auto w = static_cast<float>(placement.originalWidth), h = static_cast<float>(placement.originalHeight);
    auto clampX = [&](float v) { return w > 0 ? std::clamp(v, 0.0f, w) : v; };
    auto clampY = [&](float v) { return h > 0 ? std::clamp(v, 0.0f, h) : v; };
    const float ox1 = clampX((x1 - px) / s), oy1 = clampY((y1 - py) / s);
    const float ox2 = clampX((x2 - px) / s), oy2 = clampY((y2 - py) / s);
    Detection d;
    d.x = ox1;
    d.y = oy1;
    d.width = ox2 - ox1;
    d.height = oy2 - oy1;
    return d;
}

std::vector<std::vector<Detection>> detect(Detector& detector, const TrainingCacheReader& cache,
                                           const std::vector<std::int64_t>& records, const DetectOptions& options,
                                           const std::function<void(std::int64_t, std::int64_t)>& progress,
                                           const std::function<bool()>& cancel)
{
    for (const auto r : records) {
        if (r < 0 || static_cast<std::size_t>(r) >= cache.size())
            throw InvalidInputError("Cache record " + std::to_string(r) +
                                    " is not in the training cache; update the cache and try again.");
    }
    keepHostMemory();
    const auto device = detector.device();
    const bool channelsLast = device.is_cuda() && options.channelsLast;
    const std::size_t batch = static_cast<std::size_t>(std::max(1, options.batchSize));
    std::vector<std::vector<Detection>> result(records.size());
    detector.setTraining(false);
    torch::NoGradGuard noGrad;
    for (std::size_t begin = 0; begin < records.size(); begin += batch) {
        if (cancel && cancel())
            break;
        const std::size_t end = std::min(begin + batch, records.size());
        const std::vector<std::int64_t> part(records.begin() + static_cast<std::ptrdiff_t>(begin),
                                             records.begin() + static_cast<std::ptrdiff_t>(end));
        const auto images = loadBatch(cache, part, device, channelsLast);
        torch::Tensor outputs;
        {
            compat::AutocastGuard autocast(device, options.mixedPrecision);
            outputs = detector.forward(images);
        }
        const auto found = detector.decode(outputs, cache.side(), options.decode);
        for (std::size_t i = 0; i < found.size(); ++i) {
            const auto placement = cache.record(static_cast<std::size_t>(part[i]));
            const auto boxes = found[i].boxes.to(torch::kCPU).contiguous();
            const auto scores = found[i].scores.to(torch::kCPU).contiguous();
            const auto classes = found[i].classes.to(torch::kCPU).contiguous();
            auto& out = result[begin + i];
            for (std::int64_t k = 0; k < boxes.size(0); ++k) {
                const auto* b = boxes.data_ptr<float>() + 4 * k;
                auto d = fromCacheCorners(b[0], b[1], b[2], b[3], placement);
                d.classIndex = static_cast<int>(classes.data_ptr<std::int64_t>()[k]);
                d.score = scores.data_ptr<float>()[k];
                out.push_back(d);
            }
        }
        if (progress)
            progress(static_cast<std::int64_t>(end), static_cast<std::int64_t>(records.size()));
    }
    return result;
}

} // namespace pixmark::ml
