// Box IoU, NMS, AP, box augmentation, and the detector on tiny models that train in seconds.
#include "ml/engine/average_precision.h"
#include "ml/engine/box_ops.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/detection.h"
#include "ml/engine/detection_task.h"
#include "ml/engine/detector.h"
#include "ml/engine/errors.h"
#include "ml/engine/trainer.h"
#include "tests/ml/tiny_training.h"

#include <catch2/catch.hpp>
#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <random>
#include <unistd.h>

using namespace pixmark;
using test::scratchFolder;
namespace fs = std::filesystem;

namespace {

torch::Tensor boxes(std::vector<std::vector<float>> rows)
{
    std::vector<torch::Tensor> t;
    for (auto& r : rows)
        t.push_back(torch::tensor(r));
    return torch::stack(t);
}

std::vector<std::int64_t> indices(const torch::Tensor& t)
{
    const auto c = t.contiguous();
    return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}

constexpr int kSceneSide = 32;

/// `count` gray 32 px images, each with one or two bright squares (class 0) or crosses (class 1)
/// of 6-12 px on a noisy dark background; the boxes go to `targets`.
fs::path writeSceneCache(const fs::path& folder, int count, std::vector<std::vector<ml::BoxTarget>>& targets)
{
    const auto path = folder / "images-32x32x1.bin";
    test::TrainingCacheWriter writer(path, kSceneSide, 1);
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> noise(0, 40), size(6, 12), objects(1, 2), cls(0, 1);
    std::vector<std::uint8_t> pixels(kSceneSide * kSceneSide);
    targets.clear();
    for (int i = 0; i < count; ++i) {
        for (auto& p : pixels)
            p = static_cast<std::uint8_t>(noise(rng));
        std::vector<ml::BoxTarget> boxesOfImage;
        const int n = objects(rng);
        for (int k = 0; k < n; ++k) {
            const int s = size(rng);
            // Two objects sit in different halves so they never overlap.
            const int half = n == 1 ? 0 : k;
            std::uniform_int_distribution<int> px(n == 1 ? 0 : half * kSceneSide / 2,
                                                  (n == 1 ? kSceneSide : (half + 1) * kSceneSide / 2) - s);
            std::uniform_int_distribution<int> py(0, kSceneSide - s);
            const int x0 = px(rng), y0 = py(rng), c = cls(rng);
            for (int y = y0; y < y0 + s; ++y) {
                for (int x = x0; x < x0 + s; ++x) {
                    const bool cross = std::abs(2 * (x - x0) - (s - 1)) <= 2 || std::abs(2 * (y - y0) - (s - 1)) <= 2;
                    if (c == 0 || cross)
                        pixels[static_cast<std::size_t>(y * kSceneSide + x)] = 220;
                }
            }
            boxesOfImage.push_back({static_cast<float>(x0), static_cast<float>(y0), static_cast<float>(s),
                                    static_cast<float>(s), c});
        }
        targets.push_back(boxesOfImage);
        writer.append(500 + i, pixels.data(), kSceneSide, kSceneSide);
    }
    writer.finish();
    return path;
}

std::vector<std::int64_t> firstRecords(std::size_t n)
{
    std::vector<std::int64_t> r(n);
    for (std::size_t i = 0; i < n; ++i)
        r[i] = static_cast<std::int64_t>(i);
    return r;
}

ml::TrainerOptions quickOptions()
{
    ml::TrainerOptions o = test::quickOptions();
    // One thread: these models are too small to gain from two, and on a shared machine the
    // threads' barriers cost more than the maths.
    o.cpuThreads = 1;
    o.augmentOptions.brightness = 0.1;
    o.augmentOptions.contrast = 0.1;
    return o;
}

} // namespace

TEST_CASE("Box IoU in tensor ops matches hand-computed overlaps", "[ml][boxes]")
{
    const auto a = boxes({{0, 0, 10, 10}, {0, 0, 0, 5}});
    const auto b = boxes({{5, 5, 15, 15}, {0, 0, 10, 10}, {20, 20, 30, 30}, {0, 0, 5, 10}});
    const auto iou = ml::boxIou(a, b);
    REQUIRE(iou.sizes() == torch::IntArrayRef{2, 4});
    CHECK(iou[0][0].item<float>() == Approx(25.0 / 175.0));
    CHECK(iou[0][1].item<float>() == Approx(1.0));
    CHECK(iou[0][2].item<float>() == 0.0f);
    CHECK(iou[0][3].item<float>() == Approx(0.5));
    // A zero-width box overlaps nothing and gives 0, not NaN.
    CHECK(iou[1].eq(0).all().item<bool>());
    CHECK_THROWS_AS(ml::boxIou(torch::zeros({3, 3}), b), ml::InvalidInputError);
}

TEST_CASE("Class-aware NMS keeps exactly the greedy result", "[ml][boxes]")
{
    // Given out of score order. A (0.9) suppresses B (0.8, IoU 0.82); B would suppress C (IoU
    // 0.82) but is itself gone, so C (IoU 0.67 with A) stays, as greedy NMS does and "fast NMS"
    // does not. D is A's twin of another class; E is far away; F is a twin of E.
    const auto b = boxes({{2, 0, 12, 10},     // 0: C
                          {0, 0, 10, 10},     // 1: A
                          {50, 50, 60, 60},   // 2: E
                          {1, 0, 11, 10},     // 3: B
                          {0, 0, 10, 10},     // 4: D
                          {50, 50, 60, 60.5}}); // 5: F
    const auto scores = torch::tensor({0.7f, 0.9f, 0.3f, 0.8f, 0.5f, 0.2f});
    const auto classes = torch::tensor(std::vector<std::int64_t>{0, 0, 0, 0, 1, 0});

    CHECK(indices(ml::nonMaximumSuppression(b, scores, classes, 0.7)) == std::vector<std::int64_t>{1, 0, 4, 2});
    // Without classes, D goes too (it is A).
    CHECK(indices(ml::nonMaximumSuppression(b, scores, torch::Tensor(), 0.7)) == std::vector<std::int64_t>{1, 0, 2});
    // A looser threshold lets B stay as well; a strict one keeps only the non-overlapping.
    CHECK(indices(ml::nonMaximumSuppression(b, scores, classes, 0.9)) == std::vector<std::int64_t>{1, 3, 0, 4, 2});
    CHECK(indices(ml::nonMaximumSuppression(b, scores, classes, 0.5)) == std::vector<std::int64_t>{1, 4, 2});
    CHECK(ml::nonMaximumSuppression(torch::zeros({0, 4}), torch::zeros({0}), torch::Tensor(), 0.5).numel() == 0);
    CHECK_THROWS_AS(ml::nonMaximumSuppression(b, torch::zeros({2}), classes, 0.5), ml::InvalidInputError);
}

TEST_CASE("AP follows the VOC/COCO every-point definition on a hand-worked case", "[ml][ap]")
{
    using B = ml::ScoredBox;
    std::vector<ml::DetectionSample> samples(2);
    // Class 0: three truths; detections TP (0.9), FP (0.8), TP (0.7), duplicate FP (0.6).
    samples[0].truth = {{0, 0, 10, 10, 0}, {20, 20, 30, 30, 0}, {40, 0, 50, 10, 1}};
    samples[1].truth = {{0, 0, 10, 10, 0}};
    samples[0].detections = {{0, 0, 10, 11, 0, 0.9f}, {60, 60, 70, 70, 0, 0.8f}, {1, 0, 10, 10, 0, 0.6f},
                             // Class 1 found perfectly; a class-2 detection has no truth at all.
                             {40, 0, 50, 10, 1, 0.5f}, {0, 0, 10, 10, 2, 0.99f}};
    samples[1].detections = {{0, 1, 10, 10, 0, 0.7f}};
    const auto r = ml::averagePrecision(samples, 3, 0.5);
    // Precision after each detection of class 0: 1, 1/2, 2/3, 1/2 at recall 1/3, 1/3, 2/3, 2/3;
    // the envelope is 1, 2/3, 2/3, 1/2, so AP = 1/3 * 1 + 1/3 * 2/3 = 5/9.
    CHECK(r.perClass[0] == Approx(5.0 / 9.0));
    CHECK(r.perClass[1] == Approx(1.0));
    CHECK(r.perClass[2] < 0);
    CHECK(r.truthCount == std::vector<std::int64_t>{3, 1, 0});
    CHECK(r.meanAp == Approx((5.0 / 9.0 + 1.0) / 2));

    // A detection overlapping its truth at IoU 0.45 is wrong at 0.5 and right at 0.4.
    std::vector<ml::DetectionSample> loose(1);
    loose[0].truth = {{0, 0, 10, 10, 0}};
    loose[0].detections = {{0, 0, 10, 4.5f, 0, 0.8f}};
    CHECK(ml::averagePrecision(loose, 1, 0.5).meanAp == 0.0);
    CHECK(ml::averagePrecision(loose, 1, 0.4).meanAp == Approx(1.0));
    CHECK(ml::boxIou(B{0, 0, 10, 10}, B{5, 0, 15, 10}) == Approx(1.0 / 3.0));
}

TEST_CASE("Boxes follow the augmentation's flip and crop, and mostly cropped boxes are dropped", "[ml][detect]")
{
    // theta: output -> input normalized coordinates. Flip: x_in = -x_out.
    const auto flip = torch::tensor({-1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f}).view({1, 2, 3});
    const auto b = torch::tensor({10.0f, 20.0f, 30.0f, 40.0f, 1.0f, 45.0f, 45.0f, 55.0f, 55.0f, 0.0f}).view({1, 2, 5});
    auto moved = ml::DetectionTask::transformBoxes(b, flip, 100, 100);
    CHECK(torch::allclose(moved[0][0], torch::tensor({70.0f, 20.0f, 90.0f, 40.0f, 1.0f})));
    // Zoom into the centre half: x_in = 0.5 x_out. The centre box doubles; the corner box is
    // pushed out of the picture and dropped.
    const auto zoom = torch::tensor({0.5f, 0.0f, 0.0f, 0.0f, 0.5f, 0.0f}).view({1, 2, 3});
    moved = ml::DetectionTask::transformBoxes(b, zoom, 100, 100);
    CHECK(torch::allclose(moved[0][1], torch::tensor({40.0f, 40.0f, 60.0f, 60.0f, 0.0f})));
    CHECK(moved[0][0][4].item<float>() == -1.0f);

    // Original pixels <-> letterboxed cache pixels.
    ml::CacheRecord placement{1, 200, 100, 0.5f, 0, 25};
    const auto corners = ml::toCacheCorners({20, 10, 40, 60, 0}, placement);
    CHECK(corners == std::array<float, 4>{10, 30, 30, 60});
    const auto back = ml::fromCacheCorners(10, 30, 30, 60, placement);
    CHECK(back.x == 20);
    CHECK(back.y == 10);
    CHECK(back.width == 40);
    CHECK(back.height == 60);
}

TEST_CASE("A tiny detector trains a few steps, its loss falls and it finds the objects", "[ml][detect][train]")
{
    const auto folder = scratchFolder("det-train");
    std::vector<std::vector<ml::BoxTarget>> targets;
    const ml::TrainingCacheReader cache(writeSceneCache(folder, 96, targets));
    const auto records = firstRecords(96);
    torch::manual_seed(3);
    ml::Detector detector(test::tinyDetector());
    ml::DetectionTask task(detector, targets, cache, records);
    auto options = quickOptions();
    options.maxEpochs = 8;
    const auto result = ml::Trainer(options).fit(task, cache, records);
    REQUIRE(result.epochsRun == 8);
    CHECK(result.trainLoss.back() < 0.5 * result.trainLoss.front());
    CHECK(result.validationLoss.back() < 0.5 * result.validationLoss.front());

    // On the held-out images, most objects are found at IoU 0.5 with the right class.
    std::vector<std::int64_t> held(result.validationSamples.begin(), result.validationSamples.end());
    const auto found = ml::detect(detector, cache, held, {.batchSize = 8, .decode = {.scoreThreshold = 0.05}});
    REQUIRE(found.size() == held.size());
    std::vector<ml::DetectionSample> samples;
    for (std::size_t i = 0; i < held.size(); ++i) {
        ml::DetectionSample s;
        for (const auto& t : targets[static_cast<std::size_t>(held[i])])
            s.truth.push_back({t.x, t.y, t.x + t.width, t.y + t.height, t.classIndex});
        for (const auto& d : found[i])
            s.detections.push_back({d.x, d.y, d.x + d.width, d.y + d.height, d.classIndex, d.score});
        samples.push_back(s);
    }
    const auto ap = ml::averagePrecision(samples, 2);
    INFO("held-out mAP@0.5 " << ap.meanAp);
    CHECK(ap.meanAp > 0.5); // 0.83 when written
    fs::remove_all(folder);
}

TEST_CASE("A detector checkpoint round trip gives identical outputs", "[ml][detect][checkpoint]")
{
    const auto folder = scratchFolder("det-checkpoint");
    std::vector<std::vector<ml::BoxTarget>> targets;
    const ml::TrainingCacheReader cache(writeSceneCache(folder, 40, targets));
    const auto records = firstRecords(40);
    ml::Detector trained(test::tinyDetector());
    ml::DetectionTask task(trained, targets, cache, records);
    auto options = quickOptions();
    options.maxEpochs = 1;
    ml::Trainer(options).fit(task, cache, records);
    ml::saveCheckpoint(folder / "detector.pt", task, {{"classes", "square,cross"}});

    torch::manual_seed(99); // other initial weights, all overwritten by the load
    ml::Detector loaded(test::tinyDetector());
    ml::DetectionTask loadedTask(loaded, targets, cache, records);
    CHECK(ml::loadCheckpoint(folder / "detector.pt", loadedTask).at("classes") == "square,cross");
    trained.setTraining(false);
    loaded.setTraining(false);
    const auto images = torch::rand({4, 1, kSceneSide, kSceneSide});
    torch::NoGradGuard noGrad;
    CHECK(torch::equal(trained.forward(images), loaded.forward(images)));
    const auto a = ml::detect(trained, cache, records), b = ml::detect(loaded, cache, records);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        REQUIRE(a[i].size() == b[i].size());
        for (std::size_t k = 0; k < a[i].size(); ++k) {
            CHECK(a[i][k].x == b[i][k].x);
            CHECK(a[i][k].score == b[i][k].score);
            CHECK(a[i][k].classIndex == b[i][k].classIndex);
        }
    }
    auto other = test::tinyDetector();
    other.classes = 3;
    ml::Detector three(other);
    ml::DetectionTask threeTask(three, targets, cache, records);
    CHECK_THROWS_AS(ml::loadCheckpoint(folder / "detector.pt", threeTask), ml::ModelFileError);
    fs::remove_all(folder);
}

TEST_CASE("Detector inputs and backbones that cannot work are refused with a reason", "[ml][detect]")
{
    const auto folder = scratchFolder("det-errors");
    std::vector<std::vector<ml::BoxTarget>> targets;
    const ml::TrainingCacheReader cache(writeSceneCache(folder, 4, targets));
    ml::Detector detector(test::tinyDetector());
    auto bad = targets;
    bad[1][0].classIndex = 2;
    CHECK_THROWS_WITH(ml::DetectionTask(detector, bad, cache, firstRecords(4)), Catch::Contains("class 2"));
    CHECK_THROWS_AS(ml::DetectionTask(detector, targets, cache, firstRecords(3)), ml::InvalidInputError);
    CHECK_THROWS_AS(ml::DetectionTask(detector, targets, cache, {0, 1, 2, 9}), ml::InvalidInputError);

    // A pooled (vector) TorchScript backbone has no map to detect on.
    torch::jit::Module pooled("Pooled");
    pooled.define("def forward(self, x):\n    return x.mean([2, 3])\n");
    pooled.save((folder / "pooled.pt").string());
    auto spec = test::tinyDetector();
    spec.torchScriptBackbone = folder / "pooled.pt";
    CHECK_THROWS_WITH(ml::Detector(spec), Catch::Contains("feature map") && Catch::Contains("pooled.pt"));

    // A feature-map backbone works: outputs on its grid (stride 2 here).
    torch::jit::Module mapped("Mapped");
    mapped.register_parameter("weight", torch::randn({6, 1, 3, 3}) * 0.3, false);
    mapped.define("def forward(self, x):\n    return torch.relu(torch.conv2d(x, self.weight, None, 2, 1))\n");
    mapped.save((folder / "mapped.pt").string());
    spec.torchScriptBackbone = folder / "mapped.pt";
    ml::Detector scripted(spec);
    CHECK(scripted.forward(torch::rand({2, 1, kSceneSide, kSceneSide})).sizes() == torch::IntArrayRef{2, 6, 16, 16});
    CHECK_THAT(scripted.describe(), Catch::Contains("torchscript"));
    fs::remove_all(folder);
}
