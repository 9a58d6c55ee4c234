#include "ml/engine/device.h"

#include "ml/engine/errors.h"
#include "ml/engine/torch_compat.h"
#include "ml/engine/torch_device.h"

#include <torch/cuda.h>
#include <torch/utils.h>
#include <torch/version.h>

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pixmark::ml {

EngineInfo engineInfo()
{
    EngineInfo info;
    info.torchVersion = TORCH_VERSION;
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDeviceCount = static_cast<int>(torch::cuda::device_count());
    info.cudnnAvailable = torch::cuda::cudnn_is_available();
    info.cpuThreads = torch::get_num_threads();
    return info;
}

std::string selectDevice(DevicePreference preference)
{
    if (preference == DevicePreference::Best && torch::cuda::is_available())
        return "cuda:0";
    return "cpu";
}

void keepHostMemory()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        // Blocks up to 32 MB (glibc's largest allowed threshold) come from the heap, and the heap
        // is only trimmed beyond 1 GB of free space, with 256 MB of slack per growth.
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
        mallopt(M_TOP_PAD, 256 * 1024 * 1024);
    });
#endif
}

c10::Device resolveDevice(const std::string& requested)
{
    const std::string name = requested.empty() ? selectDevice(DevicePreference::Best) : requested;
    try {
        c10::Device device(name);
        if (device.is_cuda() && !compat::cudaAvailable())
            throw InvalidInputError("The device " + name + " was requested but this build or machine has no usable "
                                    "CUDA GPU. Choose the CPU or leave the device on automatic.");
        return device;
    } catch (const c10::Error&) {
        throw InvalidInputError("Unknown device \"" + name + "\"; use cpu, cuda or cuda:N.");
    }
}

} // namespace pixmark::ml
