#pragma once
// Which compute device the engine trains and predicts on, and what the linked LibTorch
// offers. Everything in ml/engine asks here instead of probing CUDA itself.

#include <string>

namespace pixmark::ml {

/// What the user asked for: the best available device, or the CPU even when a GPU exists.
enum class DevicePreference { Best, CpuOnly };

/// Facts about the linked LibTorch and the machine, for logs, run records and `info`.
struct EngineInfo {
    std::string torchVersion;   ///< "1.13.1"
    bool cudaAvailable = false; ///< a CUDA build with at least one usable GPU
    int cudaDeviceCount = 0;
    bool cudnnAvailable = false;
    int cpuThreads = 0;         ///< intra-op threads LibTorch will use
};

EngineInfo engineInfo();

/// The device string ("cuda:0" or "cpu") the engine uses for this preference.
std::string selectDevice(DevicePreference preference);

/// Makes the C library keep freed tensor memory in the process instead of handing large blocks
/// back to the OS after every step and faulting them in again on the next (glibc's default for
/// blocks over its mmap threshold). On the 2-core VM this cut a CPU training step's system time
/// from 45 % to under 15 % of its run time and more than doubled detector training throughput.
/// Process-wide, applied once; the trainer and inference call it; a no-op without glibc.
void keepHostMemory();

} // namespace pixmark::ml
