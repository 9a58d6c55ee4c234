// The student's training set of self-training, from fixed predictions and thresholds.
#include "ml/engine/errors.h"
#include "ml/engine/self_training.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

using namespace pixmark;

namespace {

/// Class 0 prelabels need 0.9, class 1 prelabels 0.6.
ml::Calibration twoThresholds()
{
    ml::Calibration calibration;
    calibration.classes = {ml::ThresholdChoice{.threshold = 0.9f, .reached = true, .perClass = true},
                           ml::ThresholdChoice{.threshold = 0.6f, .reached = true, .perClass = true}};
    calibration.global = calibration.classes[0];
    return calibration;
}

std::vector<std::int64_t> asVector(const torch::Tensor& t)
{
    return {t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel()};
}

} // namespace

TEST_CASE("A student trains on the labels, then on the teacher's accepted prelabels", "[ml][self-training]")
{
    const std::vector<std::int64_t> labeled{7, 3, 9};
    const auto labels = torch::tensor(std::vector<std::int64_t>{1, 0, 1}, torch::kInt64);
    const std::vector<std::int64_t> unlabeled{100, 101, 102, 103, 104, 105};
    const auto teacher = torch::tensor({{0.95f, 0.05f},  // class 0, sure enough
                                        {0.85f, 0.15f},  // class 0, under 0.9
                                        {0.30f, 0.70f},  // class 1, sure enough
                                        {0.45f, 0.55f},  // class 1, under 0.6
                                        {0.05f, 0.95f},  // class 1
                                        {0.99f, 0.01f}}); // class 0

    const auto all = ml::studentTrainingSet(labeled, labels, unlabeled, teacher, twoThresholds());
    CHECK(all.records == std::vector<std::int64_t>{7, 3, 9, 100, 102, 104, 105});
    CHECK(asVector(all.targets) == std::vector<std::int64_t>{1, 0, 1, 0, 1, 1, 0});
    CHECK(all.pseudoLabeled == 4);

    // A cap takes the first accepted ones in the order given.
    const auto two = ml::studentTrainingSet(labeled, labels, unlabeled, teacher, twoThresholds(), 2);
    CHECK(two.records == std::vector<std::int64_t>{7, 3, 9, 100, 102});
    CHECK(two.pseudoLabeled == 2);

    // Nothing unlabeled: the labels alone.
    const auto none = ml::studentTrainingSet(labeled, labels, {}, torch::zeros({0, 2}), twoThresholds());
    CHECK(none.records == labeled);
    CHECK(none.pseudoLabeled == 0);
}

TEST_CASE("Self-training refuses multi-label targets, mismatched predictions and labeled records", "[ml][self-training]")
{
    const std::vector<std::int64_t> labeled{1, 2};
    const auto labels = torch::tensor(std::vector<std::int64_t>{0, 1}, torch::kInt64);
    const auto teacher = torch::tensor({{0.95f, 0.05f}, {0.1f, 0.9f}});

    CHECK_THROWS_WITH(ml::studentTrainingSet(labeled, torch::ones({2, 2}), {5, 6}, teacher, twoThresholds()),
                      Catch::Contains("multi-label projects are not self-trained"));
    CHECK_THROWS_AS(ml::studentTrainingSet(labeled, labels, {5, 6, 7}, teacher, twoThresholds()), ml::InvalidInputError);
    CHECK_THROWS_WITH(ml::studentTrainingSet(labeled, labels, {5, 2}, teacher, twoThresholds()),
                      Catch::Contains("record 2 is both labeled and unlabeled"));
}
