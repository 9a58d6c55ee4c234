#include "ml/engine/device.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

using namespace pixmark;

TEST_CASE("The engine reports the linked LibTorch and a usable device", "[ml]")
{
    const ml::EngineInfo info = ml::engineInfo();
    CHECK_FALSE(info.torchVersion.empty());
    CHECK(info.cpuThreads >= 1);
    CHECK(ml::selectDevice(ml::DevicePreference::CpuOnly) == "cpu");
    const std::string best = ml::selectDevice(ml::DevicePreference::Best);
    CHECK(best == (info.cudaAvailable ? "cuda:0" : "cpu"));

    // The chosen device really computes.
    const torch::Device device(best);
    const auto a = torch::arange(6, torch::TensorOptions().dtype(torch::kFloat32).device(device)).reshape({2, 3});
    const auto sum = a.matmul(a.t()).sum().item<float>();
    CHECK(sum == Approx(5.0f + 14.0f + 14.0f + 50.0f));
}
