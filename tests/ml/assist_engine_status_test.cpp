#include "ml/assist/engine_status.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("ML assist describes the engine for people", "[ml]")
{
    const auto status = assist::engineStatus();
    CHECK_THAT(status.summary(), Catch::StartsWith("LibTorch " + status.torchVersion + " on "));
    CHECK(status.gpu == (status.device != "cpu"));
}
