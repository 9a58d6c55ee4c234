#include "ml/engine/torch_compat.h"

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>

// LibTorch 2.4 replaced the CUDA-only autocast switches with per-device ones.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define PIXMARK_AUTOCAST_PER_DEVICE 1
#else
#define PIXMARK_AUTOCAST_PER_DEVICE 0
#endif

namespace pixmark::ml::compat {

namespace {

bool autocastEnabled()
{
#if PIXMARK_AUTOCAST_PER_DEVICE
    return at::autocast::is_autocast_enabled(at::kCUDA);
#else
    return at::autocast::is_enabled();
#endif
}

void setAutocast(bool enabled)
{
#if PIXMARK_AUTOCAST_PER_DEVICE
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, enabled);
#else
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(enabled);
#endif
}

} // namespace

AutocastGuard::AutocastGuard(c10::Device device, bool enabled)
{
    if (!enabled || !device.is_cuda())
        return;
    mActive = true;
    mPrevious = autocastEnabled();
    setAutocast(true);
    at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard()
{
    if (!mActive)
        return;
    // The cast cache must be dropped when the outermost region ends, as Python's autocast does.
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    setAutocast(mPrevious);
}

void toChannelsLast(const std::vector<at::Tensor>& tensors)
{
    torch::NoGradGuard noGrad;
    for (const auto& t : tensors) {
        if (t.dim() == 4)
            t.set_data(t.contiguous(c10::MemoryFormat::ChannelsLast));
    }
}

void synchronize(c10::Device device)
{
    if (device.is_cuda())
        torch::cuda::synchronize(device.index() < 0 ? -1 : device.index());
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

} // namespace pixmark::ml::compat
