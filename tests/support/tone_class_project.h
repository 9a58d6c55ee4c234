#pragma once
// A single-label project a small network learns for sure in a few steps: real PNGs of noise,
// "dark" (0-100) or "light" (155-255), each with a square of the other tone somewhere. For
// tests of what is built around a model (self-training, its runs and reports) rather than of
// its quality: on the demo's ten Fashion-MNIST classes, a model of few labels trains well or
// badly by the machine's arithmetic, and whether a student trains hung on that (it failed in
// CI). Model quality is benchmarked on real data instead (docs/benchmarks.md).

#include "core/cache/training_cache.h"
#include "core/project/project.h"
#include "tests/support/label_items.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace pixmark::test {

/// dir/tones.pixmark over `count` 48 px images in dir/tones, classes "dark" and "light", a 32 px
/// gray training cache, and its first `labeled` items (in queue order) tagged with their tone.
inline std::unique_ptr<Project> makeToneClassProject(const std::filesystem::path& dir, int count, int labeled)
{
    constexpr int kSide = 48;
    const auto folder = dir / "tones";
    std::filesystem::create_directories(folder);
    auto project = Project::create(dir / "tones.pixmark", "Tones", TaskType::ClassificationMultiClass);
    const std::vector<ClassId> classes{project->addClass({"dark"}), project->addClass({"light"})};
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> tone(0, 1), noise(0, 100), corner(0, kSide - 16);
    std::vector<Item> items;
    std::map<std::string, int> toneOf;
    for (int i = 0; i < count; ++i) {
        const int light = tone(rng);
        cv::Mat image(kSide, kSide, CV_8UC1);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(noise(rng) + (light ? 155 : 0));
        const int x0 = corner(rng), y0 = corner(rng);
        image(cv::Rect(x0, y0, 16, 16)).setTo(light ? 30 : 225);
        const std::string name = "tones/tone" + std::to_string(1000 + i) + ".png";
        REQUIRE(cv::imwrite((dir / name).string(), image));
        items.push_back(Item{0, name, "png", 0, 0, kSide, kSide});
        toneOf[name] = light;
    }
    project->addItems(items);
    cache::setTrainingCacheSpec(*project, {32, 1});
    labelFirstItems(*project, labeled, [&](const Item& item) {
        return std::vector<Annotation>{Annotation{classes[static_cast<std::size_t>(toneOf.at(item.relativePath))],
                                                  AnnotationKind::Tag, "", std::nullopt}};
    });
    return project;
}

} // namespace pixmark::test
