#include "ml/engine/device.h"

#include <torch/cuda.h>
#include <torch/utils.h>
#include <torch/version.h>

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

} // namespace pixmark::ml
