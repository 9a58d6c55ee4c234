#pragma once
// Turns cache records into a batch tensor on the compute device. This is the only place that
// copies pixels out of the memory-mapped cache; conversion to float happens on the device.

#include "ml/engine/cache_reader.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <vector>

namespace pixmark::ml {

/// Gathers the given records (indices into `cache`) into a float batch [B, C, S, S] with
/// values in [0, 1] on `device`; channels-last memory when `channelsLast`.
at::Tensor loadBatch(const TrainingCacheReader& cache, const std::vector<std::int64_t>& records, c10::Device device,
                     bool channelsLast = false);

} // namespace pixmark::ml
