#include "ml/assist/engine_status.h"

#include "ml/engine/device.h"

namespace pixmark::assist {

EngineStatus engineStatus()
{
    const ml::EngineInfo info = ml::engineInfo();
    EngineStatus status;
    status.torchVersion = info.torchVersion;
    status.device = ml::selectDevice(ml::DevicePreference::Best);
    status.gpu = info.cudaAvailable;
    return status;
}

std::string EngineStatus::summary() const
{
    std::string text = "LibTorch " + torchVersion + " on " + device;
    if (!gpu)
        text += " (no GPU found; training runs on the CPU)";
    return text;
}

} // namespace pixmark::assist
