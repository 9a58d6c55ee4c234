#pragma once
// The LibTorch device for a user's choice ("", "cpu", "cuda", "cuda:1"), for the parts of
// ml/engine and ml/assist that place models and batches. Kept out of device.h, which
// callers without LibTorch types include.

#include <c10/core/Device.h>

#include <string>

namespace pixmark::ml {

/// Empty picks the best device (CUDA when present). Throws InvalidInputError for an unknown
/// name or a CUDA device this build or machine cannot use, saying what to choose instead.
c10::Device resolveDevice(const std::string& requested);

} // namespace pixmark::ml
