// The U-Net segmenter, its task, masks into the cache, and instance masks from boxes.
#include "ml/engine/cache_reader.h"
#include "ml/engine/errors.h"
#include "ml/engine/segmentation_task.h"
#include "ml/engine/segmenter.h"
#include "ml/engine/trainer.h"
#include "tests/ml/tiny_training.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <numeric>
#include <random>
#include <unistd.h>

using namespace pixmark;
namespace fs = std::filesystem;

namespace {

constexpr int kMaskSide = 16;

/// `count` gray images with one or two bright rectangles on a noisy dark background, and their
/// masks (1 on the rectangles, 0 elsewhere): separable by brightness alone.
fs::path writeMaskCache(const fs::path& folder, int count, torch::Tensor& masks)
{
    const auto path = folder / "images-16x16x1.bin";
    test::TrainingCacheWriter writer(path, kMaskSide, 1);
    std::mt19937 rng(9);
    std::uniform_int_distribution<int> noise(0, 60), pos(0, kMaskSide - 4), size(3, 8), rects(1, 2);
    masks = torch::zeros({count, kMaskSide, kMaskSide}, torch::kUInt8);
    std::vector<std::uint8_t> pixels(kMaskSide * kMaskSide);
    for (int i = 0; i < count; ++i) {
        auto m = masks[i];
        for (auto& p : pixels)
            p = static_cast<std::uint8_t>(noise(rng));
        for (int r = rects(rng); r > 0; --r) {
            const int x0 = pos(rng), y0 = pos(rng), w = size(rng), h = size(rng);
            for (int y = y0; y < std::min(kMaskSide, y0 + h); ++y) {
                for (int x = x0; x < std::min(kMaskSide, x0 + w); ++x) {
                    pixels[static_cast<std::size_t>(y * kMaskSide + x)] = static_cast<std::uint8_t>(180 + noise(rng));
                    m[y][x] = 1;
                }
            }
        }
        writer.append(100 + i, pixels.data(), kMaskSide, kMaskSide);
    }
    writer.finish();
    return path;
}

ml::SegmenterSpec tinyUNet()
{
    ml::SegmenterSpec spec;
    spec.classes = 2;
    spec.inChannels = 1;
    spec.widths = {8, 16};
    return spec;
}

} // namespace

TEST_CASE("A tiny U-Net's loss falls and it learns a trivially separable mask", "[ml][segment][train]")
{
    const auto folder = fs::temp_directory_path() / ("pixmark-ml-seg-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    torch::Tensor masks;
    const ml::TrainingCacheReader cache(writeMaskCache(folder, 64, masks));
    std::vector<std::int64_t> records(64);
    std::iota(records.begin(), records.end(), 0);
    torch::manual_seed(4);
    ml::Segmenter segmenter(tinyUNet());
    ml::SegmentationTask task(segmenter, masks);
    ml::TrainerOptions options = test::quickOptions();
    options.learningRate = 1e-2;
    options.cpuThreads = 1; // a tiny model: one thread is as fast, and steadier on a shared machine
    const auto result = ml::Trainer(options).fit(task, cache, records);
    REQUIRE(result.epochsRun == 6);
    CHECK(result.trainLoss.back() < 0.5 * result.trainLoss.front());
    INFO("held-out pixel accuracy " << result.bestValidationMetric);
    CHECK(result.bestValidationMetric > 0.95);

    // The trained model labels a fresh image by itself: a bright square in the middle.
    auto image = torch::full({1, 1, kMaskSide, kMaskSide}, 0.1f);
    image.slice(2, 4, 12).slice(3, 4, 12).fill_(0.8f);
    torch::NoGradGuard noGrad;
    const auto labels = ml::Segmenter::labels(segmenter.forward(image))[0];
    auto expected = torch::zeros({kMaskSide, kMaskSide}, torch::kInt64);
    expected.slice(0, 4, 12).slice(1, 4, 12).fill_(1);
    CHECK(labels.eq(expected).to(torch::kFloat32).mean().item<float>() > 0.95f);
    fs::remove_all(folder);
}

TEST_CASE("Masks are letterboxed into the cache and bad masks are refused", "[ml][segment]")
{
    // A 4 x 2 image in an 8 px cache at scale 2 with 2 rows of padding above and below.
    const std::vector<std::uint8_t> mask{0, 1, 2, 3, //
                                         4, 5, 6, 7};
    const ml::CacheRecord placement{1, 4, 2, 2.0f, 0, 2};
    const auto cached = ml::maskToCache(mask, 4, 2, placement, 8);
    REQUIRE(cached.sizes() == torch::IntArrayRef{8, 8});
    CHECK(cached.slice(0, 0, 2).eq(ml::kIgnorePixel).all().item<bool>());
    CHECK(cached.slice(0, 6, 8).eq(ml::kIgnorePixel).all().item<bool>());
    CHECK(cached[2][0].item<int>() == 0);
    CHECK(cached[3][3].item<int>() == 1);
    CHECK(cached[4][7].item<int>() == 7);
    CHECK(cached[5][4].item<int>() == 6);
    CHECK_THROWS_AS(ml::maskToCache(mask, 3, 2, placement, 8), ml::InvalidInputError);

    ml::Segmenter segmenter(tinyUNet());
    auto wrong = torch::zeros({2, 8, 8}, torch::kUInt8);
    wrong[1][3][3] = 2;
    CHECK_THROWS_WITH(ml::SegmentationTask(segmenter, wrong), Catch::Contains("outside the segmenter"));
    CHECK_THROWS_WITH(segmenter.forward(torch::zeros({1, 1, 15, 15})), Catch::Contains("divide by 2"));
}

TEST_CASE("Instance masks take the box's class inside each box, best box first", "[ml][segment]")
{
    // Labels: class 1 on columns 0-3, class 2 on columns 4-7, all rows.
    auto labels = torch::ones({8, 8}, torch::kInt64);
    labels.slice(1, 4, 8).fill_(2);
    ml::ImageDetections det;
    // Box 0 (class 0 -> label 1) covers columns 0-5; box 1 (class 1 -> label 2) columns 2-7;
    // box 2 (class 0 again) overlaps box 0, which was better, on columns 2-3.
    det.boxes = torch::tensor({0.0f, 0.0f, 6.0f, 8.0f, 2.0f, 0.0f, 8.0f, 4.0f, 2.0f, 4.0f, 4.0f, 8.0f}).view({3, 4});
    det.scores = torch::tensor({0.9f, 0.8f, 0.7f});
    det.classes = torch::tensor(std::vector<std::int64_t>{0, 1, 0});
    const auto masks = ml::instanceMasks(labels, det, 1);
    REQUIRE(masks.sizes() == torch::IntArrayRef{3, 8, 8});
    auto first = torch::zeros({8, 8}, torch::kBool);
    first.slice(1, 0, 4).fill_(true);
    CHECK(torch::equal(masks[0], first));
    auto second = torch::zeros({8, 8}, torch::kBool);
    second.slice(0, 0, 4).slice(1, 4, 8).fill_(true);
    CHECK(torch::equal(masks[1], second));
    CHECK(masks[2].sum().item<int>() == 0);
}
