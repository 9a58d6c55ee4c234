// Calibration, k-means and pages of similar images on fixed inputs, where the right answer is known.
#include "ml/engine/calibration.h"
#include "ml/engine/errors.h"
#include "ml/engine/kmeans.h"
#include "ml/engine/similarity_pages.h"

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

TEST_CASE("The Wilson lower bound on a precision matches known values", "[ml][calibration]")
{
    CHECK(ml::wilsonLowerBound(95, 100, 0.8) == Approx(0.928285).epsilon(1e-5));
    CHECK(ml::wilsonLowerBound(30, 30, 0.8) == Approx(0.976934).epsilon(1e-5));
    CHECK(ml::wilsonLowerBound(49, 50, 0.95) == Approx(0.915195).epsilon(1e-5));
    // No confidence asked: the proportion itself; nothing measured: nothing vouched for.
    CHECK(ml::wilsonLowerBound(95, 100, 0) == Approx(0.95));
    CHECK(ml::wilsonLowerBound(0, 0, 0.8) == 0);
    CHECK(ml::wilsonLowerBound(0, 10, 0.8) == Approx(0).margin(1e-12));
    // More evidence for the same proportion vouches for more.
    CHECK(ml::wilsonLowerBound(190, 200, 0.8) > ml::wilsonLowerBound(95, 100, 0.8));
    CHECK_THROWS_AS(ml::wilsonLowerBound(1, 2, 1.0), ml::InvalidInputError);
}

TEST_CASE("Calibration with a confidence asks the precision's lower bound to reach the target", "[ml][calibration]")
{
    // 50 decisions at 0.9 with one wrong (0.98, bound 0.955 at 80 %), then 10 at 0.7 with one
    // wrong: 58 / 60 = 0.967 measured, but the bound is only 0.941.
    std::vector<float> confidence(50, 0.9f);
    std::vector<bool> correct(50, true);
    correct[0] = false;
    confidence.insert(confidence.end(), 10, 0.7f);
    correct.insert(correct.end(), 10, true);
    correct[50] = false;

    const auto measured = ml::chooseThreshold(confidence, correct, 0.95);
    CHECK(measured.threshold == 0.7f);
    CHECK(measured.precisionLowerBound == Approx(58.0 / 60));

    const auto vouched = ml::chooseThreshold(confidence, correct, 0.95, 0.8);
    CHECK(vouched.reached);
    CHECK(vouched.threshold == 0.9f);
    CHECK(vouched.precision == Approx(0.98));
    CHECK(vouched.precisionLowerBound == Approx(0.955442).epsilon(1e-5));
    CHECK(vouched.coverage == Approx(50.0 / 60));

    // At 95 % confidence even the 50 decisions at 0.9 do not vouch for 0.95.
    CHECK_FALSE(ml::chooseThreshold(confidence, correct, 0.95, 0.95).reached);

    // calibrate() applies it, and the default asks for kDefaultCalibrationConfidence.
    std::vector<float> rows;
    std::vector<std::int64_t> labels;
    for (std::size_t i = 0; i < confidence.size(); ++i) {
        rows.insert(rows.end(), {confidence[i], 1 - confidence[i]});
        labels.push_back(correct[i] ? 0 : 1);
    }
    const auto probabilities = torch::tensor(rows).view({60, 2});
    const auto c = ml::calibrate(probabilities, torch::tensor(labels), ml::LabelMode::MultiClass,
                                 {.targetPrecision = 0.95, .minPerClass = 30, .confidence = 0.8});
    CHECK(c.confidence == 0.8);
    CHECK(c.classes[0].perClass);
    CHECK(c.classes[0].threshold == 0.9f);
    CHECK(c.coverage == Approx(50.0 / 60));
    const auto byDefault = ml::calibrate(probabilities, torch::tensor(labels), ml::LabelMode::MultiClass);
    CHECK(byDefault.confidence == ml::kDefaultCalibrationConfidence);
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
    const auto c = ml::calibrate(probabilities, targets, ml::LabelMode::MultiClass, {.targetPrecision = 0.95, .minPerClass = 30, .confidence = 0});

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

TEST_CASE("Classes without their own threshold share one chosen on their own decisions", "[ml][calibration]")
{
    // Target 0.9. Class 0: 10 decisions at 0.95, one wrong (its own threshold 0.95).
    // Class 1: 40 right at 0.9 and 20 at 0.7 with 6 wrong (its own threshold 0.7, precision 0.9).
    // Class 2: only 5 decisions, at 0.9, 2 of them wrong. Over every decision, 0.9 reaches
    // 52 / 55 thanks to class 1, but class 2 at 0.9 is 3 of 5 right: with it, the prelabels
    // would be 66 / 75 = 0.88 right. Chosen on class 2's own decisions, 0.9 is never reached.
    std::vector<float> rows;
    std::vector<std::int64_t> labels;
    const auto add = [&](int predicted, float p, bool right) {
        std::vector<float> row(3, (1 - p) / 2);
        row[static_cast<std::size_t>(predicted)] = p;
        rows.insert(rows.end(), row.begin(), row.end());
        labels.push_back(right ? predicted : (predicted + 1) % 3);
    };
    for (int i = 0; i < 10; ++i)
        add(0, 0.95f, i != 0);
    for (int i = 0; i < 40; ++i)
        add(1, 0.9f, true);
    for (int i = 0; i < 20; ++i)
        add(1, 0.7f, i >= 6);
    for (int i = 0; i < 5; ++i)
        add(2, 0.9f, i >= 2);
    const auto probabilities = torch::tensor(rows).view({75, 3});
    const auto c = ml::calibrate(probabilities, torch::tensor(labels), ml::LabelMode::MultiClass,
                                 {.targetPrecision = 0.9, .minPerClass = 10, .confidence = 0});
    CHECK(c.classes[0].threshold == 0.95f);
    CHECK(c.classes[1].threshold == 0.7f);
    CHECK_FALSE(c.classes[2].perClass);
    CHECK_FALSE(c.classes[2].reached);
    CHECK(c.precision >= 0.9);
    CHECK(c.coverage == Approx(70.0 / 75));
    CHECK(ml::acceptedDecisions(c, probabilities, ml::LabelMode::MultiClass).sum().item<std::int64_t>() == 70);
}

TEST_CASE("Multi-label calibration decides each class of each image", "[ml][calibration]")
{
    // Class 0 decisions are all right; class 1 is wrong whenever it is unsure.
    const auto p = torch::tensor({0.95f, 0.9f, 0.05f, 0.55f, 0.9f, 0.1f, 0.02f, 0.45f}).view({4, 2});
    const auto y = torch::tensor({1.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 1.0f}).view({4, 2});
    const auto c = ml::calibrate(p, y, ml::LabelMode::MultiLabel, {.targetPrecision = 0.95, .minPerClass = 4, .confidence = 0});
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

TEST_CASE("Pages of similar images: full pages, each of one group of points", "[ml][similarity]")
{
    torch::manual_seed(4);
    // Four tight groups of 9 points far apart, interleaved in the order given.
    const auto centers = torch::tensor({0.0f, 0.0f, 50.0f, 0.0f, 0.0f, 50.0f, 50.0f, 50.0f}).view({4, 2});
    const auto truth = torch::arange(36, torch::kInt64).remainder(4);
    const auto points = centers.index_select(0, truth) + torch::randn({36, 2});

    const auto pages = ml::similarityPages(points, 9);
    REQUIRE(pages.groupCount == 4);
    REQUIRE(pages.groups.size(0) == 36);
    CHECK(pages.groups[0].item<std::int64_t>() == 0); // the first point seeds the first page
    CHECK(pages.distances[0].item<float>() == 0.0f);
    for (std::int64_t g = 0; g < 4; ++g) {
        const auto members = (pages.groups == g).nonzero().flatten();
        CHECK(members.size(0) == 9);
        const auto groupTruth = truth.index_select(0, members);
        CHECK((groupTruth == groupTruth[0]).all().item<bool>());
    }
    CHECK(pages.distances.max().item<float>() < 10.0f);

    // A count that is no multiple of the page: the last page takes the rest.
    const auto ragged = ml::similarityPages(points.narrow(0, 0, 30), 9);
    CHECK(ragged.groupCount == 4);
    CHECK((ragged.groups == 3).sum().item<std::int64_t>() == 3);
    // Duplicates of a point: every point still lands on exactly one page.
    const auto same = ml::similarityPages(torch::zeros({20, 3}), 9);
    CHECK(same.groupCount == 3);
    CHECK(std::get<0>(torch::_unique(same.groups)).size(0) == 3);
    CHECK(ml::similarityPages(points, 9, [] { return true; }).cancelled);
    CHECK_THROWS_AS(ml::similarityPages(torch::zeros({0, 2}), 9), ml::InvalidInputError);
    CHECK_THROWS_AS(ml::similarityPages(points, 0), ml::InvalidInputError);
}

TEST_CASE("Thumbnail features tell images apart by their look", "[ml][similarity]")
{
    auto images = torch::zeros({3, 1, 28, 28});
    images[1].fill_(1.0f);
    images[2].narrow(1, 0, 14).fill_(1.0f); // top half bright (rows of [C, H, W])
    const auto features = ml::thumbnailFeatures(images, 4);
    REQUIRE(features.sizes() == torch::IntArrayRef({3, 16}));
    CHECK(features[0].sum().item<float>() == 0.0f);
    CHECK(features[1].sum().item<float>() == Approx(16.0f));
    CHECK(features[2].narrow(0, 0, 8).sum().item<float>() == Approx(8.0f));
    CHECK(features[2].narrow(0, 8, 8).sum().item<float>() == Approx(0.0f));
    CHECK_THROWS_AS(ml::thumbnailFeatures(torch::zeros({3, 28, 28})), ml::InvalidInputError);
}
