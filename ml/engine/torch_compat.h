#pragma once
// The one place that knows which LibTorch version is linked: Debian's CPU 1.13 here and CUDA
// LibTorch 2.x on the GPU machine. Everything else in ml/engine calls these instead of the
// version-specific APIs.

#include <c10/core/Device.h>
#include <c10/core/MemoryFormat.h>

#include <vector>

namespace at {
class Tensor;
}

namespace pixmark::ml::compat {

/// Turns CUDA autocast (bfloat16 mixed precision) on for its lifetime when `enabled` and the
/// device is CUDA; does nothing on the CPU. Restores the previous state on destruction.
class AutocastGuard {
public:
    AutocastGuard(c10::Device device, bool enabled);
    ~AutocastGuard();
    AutocastGuard(const AutocastGuard&) = delete;
    AutocastGuard& operator=(const AutocastGuard&) = delete;

private:
    bool mActive = false;
    bool mPrevious = false;
};

/// Moves 4-d tensors (convolution weights) to channels-last in place, keeping them leaves.
void toChannelsLast(const std::vector<at::Tensor>& tensors);

/// Waits for queued work on the device (a no-op on the CPU), for honest timings.
void synchronize(c10::Device device);

/// True when the linked LibTorch was built with CUDA and sees a GPU.
bool cudaAvailable();

} // namespace pixmark::ml::compat
