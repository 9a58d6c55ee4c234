// Detector quality on generated scenes, without core: draws shapes of five classes (disc,
// square, triangle, ring, plus) at random positions and sizes on varied backgrounds (noise,
// gradients, stripes, checkerboards), writes them as a training cache (docs/training-cache.md),
// trains the detector on TRAIN scenes (another 100 are its held-out part for early stopping)
// and reports mAP@0.5 on TEST further scenes it never saw, with the time taken.
//   pixmark_ml_detection_bench WORKDIR [TRAIN] [TEST] [EPOCHS] [SIDE]
#include "ml/engine/average_precision.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/detection.h"
#include "ml/engine/detection_task.h"
#include "ml/engine/detector.h"
#include "ml/engine/device.h"
#include "ml/engine/trainer.h"
#include "tests/ml/training_cache_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace pixmark;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kClasses = 5;
const char* const kClassNames[kClasses] = {"disc", "square", "triangle", "ring", "plus"};

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

using Rgb = std::array<int, 3>;

class SceneMaker {
public:
    SceneMaker(int side, unsigned seed) : mSide(side), mRng(seed) {}

    /// One RGB scene (HWC bytes) and its boxes.
    std::vector<std::uint8_t> make(std::vector<ml::BoxTarget>& boxes)
    {
        const int s = mSide;
        std::vector<std::uint8_t> px(static_cast<std::size_t>(s * s * 3));
        const Rgb a = color(), b = color();
        const int kind = uniform(0, 3);
        const int period = uniform(4, 16);
        const double angle = uniform(0, 359) * std::numbers::pi / 180;
        const int noise = uniform(10, 50);
        for (int y = 0; y < s; ++y) {
            for (int x = 0; x < s; ++x) {
                double t = 0;
                if (kind == 1)
                    t = (std::cos(angle) * x + std::sin(angle) * y) / (s * 1.5) + 0.5;
                else if (kind == 2)
                    t = (static_cast<int>(std::cos(angle) * x + std::sin(angle) * y + 1000) / period) % 2;
                else if (kind == 3)
                    t = ((x / period) + (y / period)) % 2;
                t = std::clamp(t, 0.0, 1.0);
                for (int c = 0; c < 3; ++c) {
                    const double v = a[static_cast<std::size_t>(c)] * (1 - t) + b[static_cast<std::size_t>(c)] * t +
                                     uniform(-noise, noise);
                    px[static_cast<std::size_t>((y * s + x) * 3 + c)] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
                }
            }
        }
        boxes.clear();
        const int wanted = uniform(1, 4);
        for (int attempt = 0; attempt < 40 && static_cast<int>(boxes.size()) < wanted; ++attempt) {
            const int size = uniform(s / 8, s * 5 / 16); // 16-40 px at 128
            const int x0 = uniform(0, s - size), y0 = uniform(0, s - size);
            const bool overlaps = std::any_of(boxes.begin(), boxes.end(), [&](const ml::BoxTarget& o) {
                return x0 < o.x + o.width + 2 && o.x < x0 + size + 2 && y0 < o.y + o.height + 2 && o.y < y0 + size + 2;
            });
            if (overlaps)
                continue;
            const int cls = uniform(0, kClasses - 1);
            // A colour far from both background colours, so every object is visible.
            Rgb ink = color();
            for (int tries = 0; tries < 20 && (distance(ink, a) < 150 || distance(ink, b) < 150); ++tries)
                ink = color();
            draw(px, cls, x0, y0, size, ink);
            boxes.push_back({static_cast<float>(x0), static_cast<float>(y0), static_cast<float>(size),
                             static_cast<float>(size), cls});
        }
        return px;
    }

private:
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(mRng); }
    Rgb color() { return {uniform(0, 255), uniform(0, 255), uniform(0, 255)}; }
    static int distance(const Rgb& p, const Rgb& q)
    {
        return std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]);
    }

    void draw(std::vector<std::uint8_t>& px, int cls, int x0, int y0, int size, const Rgb& ink) const
    {
        const double r = size / 2.0, cx = x0 + r, cy = y0 + r;
        for (int y = y0; y < y0 + size; ++y) {
            for (int x = x0; x < x0 + size; ++x) {
                const double dx = x + 0.5 - cx, dy = y + 0.5 - cy, d = std::hypot(dx, dy);
                bool on = false;
                switch (cls) {
                case 0: on = d <= r; break;
                case 1: on = true; break;
                case 2: on = std::abs(dx) <= (y + 0.5 - y0) / 2.0; break; // apex up, base at the bottom
                case 3: on = d <= r && d >= r * 0.55; break;
                case 4: on = std::abs(dx) <= size / 6.0 || std::abs(dy) <= size / 6.0; break;
                }
                if (!on)
                    continue;
                for (int c = 0; c < 3; ++c)
                    px[static_cast<std::size_t>((y * mSide + x) * 3 + c)] = static_cast<std::uint8_t>(ink[static_cast<std::size_t>(c)]);
            }
        }
    }

    int mSide;
    std::mt19937 mRng;
};

int run(const fs::path& work, int trainCount, int testCount, int epochs, int side)
{
    const int heldOut = 100;
    const int total = trainCount + heldOut + testCount;
    fs::create_directories(work);
    const auto cacheFile = work / ("images-" + std::to_string(side) + "x" + std::to_string(side) + "x3.bin");
    std::vector<std::vector<ml::BoxTarget>> boxes(static_cast<std::size_t>(total));
    auto started = Clock::now();
    {
        test::TrainingCacheWriter writer(cacheFile, side, 3);
        SceneMaker maker(side, 2026);
        for (int i = 0; i < total; ++i) {
            const auto px = maker.make(boxes[static_cast<std::size_t>(i)]);
            writer.append(i + 1, px.data(), static_cast<std::uint32_t>(side), static_cast<std::uint32_t>(side));
        }
        writer.finish();
    }
    std::size_t objects = 0;
    for (const auto& b : boxes)
        objects += b.size();
    std::printf("scenes: %d of %d px (%zu objects, %d classes) written in %.2f s\n", total, side, objects, kClasses,
                secondsSince(started));
    const ml::TrainingCacheReader cache(cacheFile);

    const int labeled = trainCount + heldOut;
    std::vector<std::int64_t> records(static_cast<std::size_t>(labeled));
    std::iota(records.begin(), records.end(), 0);
    const std::vector<std::vector<ml::BoxTarget>> targets(boxes.begin(), boxes.begin() + labeled);

    ml::DetectorSpec spec;
    spec.classes = kClasses;
    spec.backbone.inChannels = 3;
    // Sized for a 2-core CPU: the stride-4 stem puts the stages at strides 4, 8 and 16, and the
    // heads work on the stride-8 grid (16 x 16 cells at 128 px; objects are 2-5 cells wide).
    spec.backbone.widths = {24, 48, 96};
    spec.backbone.blocks = {1, 1, 1};
    spec.backbone.smallImageStem = false;
    spec.outputStride = 8;
    spec.neckChannels = 48;
    torch::manual_seed(1);
    ml::Detector detector(spec);
    ml::DetectionTask task(detector, targets, cache, records);

    ml::TrainerOptions options;
    options.maxEpochs = epochs;
    options.batchSize = 16;
    options.learningRate = 2e-3;
    options.weightDecay = 1e-4;
    options.patience = 0;
    for (int i = trainCount; i < labeled; ++i)
        options.validationSamples.push_back(i);
    options.augmentOptions.minCropArea = 0.6;
    started = Clock::now();
    const auto trained = ml::Trainer(options).fit(task, cache, records, [](const ml::TrainProgress& p) {
        if (p.validated)
            std::printf("  epoch %2d  train loss %.3f  held-out loss %.3f  %s %.3f\n", p.epoch, p.trainLoss,
                        p.validationLoss, "F1", p.validationMetric);
    });
    const double trainSeconds = secondsSince(started);
    std::printf("%s\ntrained on %zu scenes (%zu held out) on %s with %d threads: %d epochs (best %d), %.1f s, %.1f "
                "images/s\n",
                detector.describe().c_str(), trained.trainingSamples.size(), trained.validationSamples.size(),
                trained.device.c_str(), torch::get_num_threads(), trained.epochsRun, trained.bestEpoch, trainSeconds,
                trained.imagesPerSecond);

    std::vector<std::int64_t> test(static_cast<std::size_t>(testCount));
    std::iota(test.begin(), test.end(), labeled);
    started = Clock::now();
    const auto found = ml::detect(detector, cache, test, {.batchSize = 64, .decode = {.scoreThreshold = 0.01}});
    const double detectSeconds = secondsSince(started);
    std::vector<ml::DetectionSample> samples;
    std::size_t testObjects = 0;
    for (std::size_t i = 0; i < test.size(); ++i) {
        ml::DetectionSample s;
        for (const auto& t : boxes[static_cast<std::size_t>(test[i])])
            s.truth.push_back({t.x, t.y, t.x + t.width, t.y + t.height, t.classIndex});
        for (const auto& d : found[i])
            s.detections.push_back({d.x, d.y, d.x + d.width, d.y + d.height, d.classIndex, d.score});
        testObjects += s.truth.size();
        samples.push_back(std::move(s));
    }
    const auto ap50 = ml::averagePrecision(samples, kClasses, 0.5);
    const auto ap75 = ml::averagePrecision(samples, kClasses, 0.75);
    std::printf("test: %d unseen scenes, %zu objects; detection %.2f s (%.0f images/s)\n", testCount, testObjects,
                detectSeconds, testCount / detectSeconds);
    for (int k = 0; k < kClasses; ++k)
        std::printf("  %-8s AP@0.5 %.3f  AP@0.75 %.3f  (%lld objects)\n", kClassNames[k],
                    ap50.perClass[static_cast<std::size_t>(k)], ap75.perClass[static_cast<std::size_t>(k)],
                    static_cast<long long>(ap50.truthCount[static_cast<std::size_t>(k)]));
    std::printf("mAP@0.5 %.3f, mAP@0.75 %.3f; target (mAP@0.5 >= 0.8): %s\n", ap50.meanAp, ap75.meanAp,
                ap50.meanAp >= 0.8 ? "met" : "NOT met");
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fprintf(stderr, "usage: %s WORKDIR [TRAIN] [TEST] [EPOCHS] [SIDE]\n", argv[0]);
        return 2;
    }
    try {
        const auto arg = [&](std::size_t i, int fallback) { return args.size() > i ? std::stoi(args[i]) : fallback; };
        return run(args[0], arg(1, 500), arg(2, 300), arg(3, 30), arg(4, 128));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
