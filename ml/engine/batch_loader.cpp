#include "ml/engine/batch_loader.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstring>

namespace pixmark::ml {

at::Tensor loadBatch(const TrainingCacheReader& cache, const std::vector<std::int64_t>& records, c10::Device device,
                     bool channelsLast)
{
    const auto n = static_cast<std::int64_t>(records.size());
    const std::int64_t s = cache.side();
    const std::int64_t c = cache.channels();
    // Pinned host memory lets the copy to a GPU overlap with the previous step.
    auto options = torch::TensorOptions().dtype(torch::kUInt8);
    if (device.is_cuda())
        options = options.pinned_memory(true);
    auto host = torch::empty({n, s, s, c}, options);
    auto* dst = host.data_ptr<std::uint8_t>();
    const std::size_t bytes = cache.recordBytes();
    at::parallel_for(0, n, 16, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            std::memcpy(dst + static_cast<std::size_t>(i) * bytes,
                        cache.pixels(static_cast<std::size_t>(records[static_cast<std::size_t>(i)])), bytes);
    });
    // Uint8 crosses the bus (4x less than float); the device does the conversion. The NHWC
    // source permuted to NCHW is channels-last already, so contiguous() decides the layout.
    auto batch = host.to(device, /*non_blocking=*/true).permute({0, 3, 1, 2}).to(torch::kFloat32).div_(255.0);
    return batch.contiguous(channelsLast ? c10::MemoryFormat::ChannelsLast : c10::MemoryFormat::Contiguous);
}

} // namespace pixmark::ml
