// Calibration and k-means on fixed inputs, where the right answer is known.
#include "ml/engine/calibration.h"
#include "ml/engine/errors.h"
#include "ml/engine/kmeans.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

#include <cmath>
#include <set>

using namespace pixmark;

TEST_CASE("Calibration picks the lowest threshold whose precision reaches the target", "[ml][calibration]")
{
    // Sorted by confidence: right, right, right, wrong, right, wrong.
    const std::vector<float> confidence{0.6f, 0.99f, 0.8f, 0.9f, 0.7f, 0.95f};
    const std::vector<bool> correct{false, true, false, true, true, true};

    const auto curve = ml::precisionCoverageCurve(confidence, correct);
    REQUIRE(curve.size() == 6);
    CHECK(curve[3].threshold == 0.8f);
    CHECK(curve[3].precision == Approx(0.75));
    CHECK(curve[3].coverage == Approx(4.0 / 6));

    const auto strict = ml::chooseThreshold(confidence, correct, 0.95);
    CHECK(strict.reached);
    CHECK(strict.threshold == 0.9f);
    CHECK(strict.coverage == Approx(0.5));
    CHECK(strict.precision == Approx(1.0));
    // Precision dips to 0.75 at 0.8 and recovers to 0.8 at 0.7: the lowest qualifying threshold wins.
    const auto loose = ml::chooseThreshold(confidence, correct, 0.8);
    CHECK(loose.threshold == 0.7f);
    CHECK(loose.coverage == Approx(5.0 / 6));

    const auto never = ml::chooseThreshold({0.9f, 0.8f}, {false, true}, 0.95);
    CHECK_FALSE(never.reached);
    CHECK(std::isinf(never.threshold));
}

TEST_CASE("Multi-class calibration sets per-class thresholds where the data allows", "[ml][calibration]")
{
    // Class 0 is predicted 40 times: confident ones right, unsure ones (p = 0.6) half wrong.
    // Class 1 is predicted only 4 times and falls back to the global threshold.
    std::vector<float> rows;
    std::vector<std::int64_t> labels;
    for (int i = 0; i < 40; ++i) {
        const bool confident = i < 30;
        const float p = confident ? 0.9f : 0.6f;
        rows.insert(rows.end(), {p, 1 - p});
        labels.push_back(confident || i % 2 == 0 ? 0 : 1);
    }
    for (int i = 0; i < 4; ++i) {
        rows.insert(rows.end(), {0.2f, 0.8f});
        labels.push_back(1);
    }
    const auto probabilities = torch::tensor(rows).view({44, 2});
    const auto targets = torch::tensor(labels);
    const auto c = ml::calibrate(probabilities, targets, ml::LabelMode::MultiClass, {.targetPrecision = 0.95, .minPerClass = 30});

    REQUIRE(c.classes.size() == 2);
    CHECK(c.classes[0].perClass);
    CHECK(c.classes[0].threshold == 0.9f);
    CHECK(c.classes[0].coverage == Approx(30.0 / 40));
    CHECK_FALSE(c.classes[1].perClass);
    // Globally: 0.9 (30 right) and 0.8 (4 right) reach 1.0; 0.6 adds 5 wrong of 10.
    CHECK(c.global.threshold == 0.8f);
    CHECK(c.classes[1].threshold == 0.8f);
    CHECK(c.coverage == Approx(34.0 / 44));
    CHECK(c.precision == Approx(1.0));

    const auto accepted = ml::acceptedDecisions(c, probabilities, ml::LabelMode::MultiClass);
    CHECK(accepted.sum().item<std::int64_t>() == 34);
    CHECK_THROWS_AS(ml::calibrate(probabilities, targets.narrow(0, 0, 3), ml::LabelMode::MultiClass),
                    ml::InvalidInputError);
}

TEST_CASE("Multi-label calibration decides each class of each image", "[ml][calibration]")
{
    // Class 0 decisions are all right; class 1 is wrong whenever it is unsure.
    const auto p = torch::tensor({0.95f, 0.9f, 0.05f, 0.55f, 0.9f, 0.1f, 0.02f, 0.45f}).view({4, 2});
    const auto y = torch::tensor({1.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 1.0f}).view({4, 2});
    const auto c = ml::calibrate(p, y, ml::LabelMode::MultiLabel, {.targetPrecision = 0.95, .minPerClass = 4});
    CHECK(c.classes[0].threshold == 0.9f);
    CHECK(c.classes[0].coverage == Approx(1.0));
    CHECK(c.classes[1].threshold == 0.9f);
    CHECK(c.classes[1].coverage == Approx(0.5));
    const auto accepted = ml::acceptedDecisions(c, p, ml::LabelMode::MultiLabel);
    CHECK(accepted.sum().item<std::int64_t>() == 6);
}

TEST_CASE("k-means separates well-separated groups of points", "[ml][kmeans]")
{
    torch::manual_seed(3);
    const auto centers = torch::tensor({0.0f, 0.0f, 10.0f, 10.0f, -10.0f, 10.0f, 10.0f, -10.0f}).view({4, 2});
    const auto truth = torch::arange(400, torch::kInt64).remainder(4);
    const auto points = centers.index_select(0, truth) + torch::randn({400, 2});

    const auto result = ml::kmeans(points, 4, {.seed = 5});
    REQUIRE(result.centroids.sizes() == torch::IntArrayRef({4, 2}));
    // Each true group maps to exactly one cluster and no two groups share one.
    std::set<std::int64_t> used;
    for (std::int64_t g = 0; g < 4; ++g) {
        const auto ids = result.assignments.index_select(0, (truth == g).nonzero().flatten());
        CHECK((ids == ids[0]).all().item<bool>());
        used.insert(ids[0].item<std::int64_t>());
    }
    CHECK(used.size() == 4);
    CHECK(result.inertia / 400 < 3.0); // about 2 (unit variance in two dimensions)
    CHECK_THROWS_AS(ml::kmeans(points, 401), ml::InvalidInputError);
    CHECK_THROWS_AS(ml::kmeans(points, 0), ml::InvalidInputError);
}
