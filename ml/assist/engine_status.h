#pragma once
// What ML assist can do on this machine, in words for people and in fields for the
// dashboard. Keeps LibTorch types out of everything above ml/.

#include <string>

namespace pixmark::assist {

/// Summary of the training/inference engine available to this build.
struct EngineStatus {
    std::string torchVersion;
    std::string device; ///< "cuda:0" or "cpu"
    bool gpu = false;
    /// One line such as "LibTorch 1.13.1 on cpu (2 threads)".
    std::string summary() const;
};

EngineStatus engineStatus();

} // namespace pixmark::assist
