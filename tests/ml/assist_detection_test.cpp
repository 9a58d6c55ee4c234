// ML assist for object detection end to end on the CPU: a detection project of real PNG
// scenes (squares and crosses on noise) is labeled part way with its true boxes, the
// pipeline trains a detector, calibrates its score threshold on held-out images, and the
// boxes it is sure of land on the unlabeled items as prelabels, near the truth.

#include "core/cache/training_cache.h"
#include "core/errors.h"
#include "core/geometry/box.h"
#include "core/project/project.h"
#include "ml/assist/assist_pipeline.h"
#include "tests/support/temp_dir.h"

#include <opencv2/imgcodecs.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <random>

using namespace pixmark;

namespace {

constexpr int kSide = 64;    // original images; the training cache holds them at 32 px
constexpr int kImages = 140;
constexpr int kLabeled = 110;

struct Scene {
    std::string name;
    std::vector<std::pair<int, Box>> boxes; ///< class index (0 square, 1 cross), box
};

/// Writes the scenes: one or two objects of 12-24 px in different halves, on dark noise.
std::vector<Scene> writeScenes(const std::filesystem::path& folder)
{
    std::filesystem::create_directories(folder);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> noise(0, 40), size(12, 24), objects(1, 2), kind(0, 1);
    std::vector<Scene> scenes;
    for (int i = 0; i < kImages; ++i) {
        cv::Mat image(kSide, kSide, CV_8UC1);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(noise(rng));
        Scene scene{"scene" + std::to_string(1000 + i) + ".png", {}};
        const int n = objects(rng);
        for (int k = 0; k < n; ++k) {
            const int s = size(rng);
            const int x0 = std::uniform_int_distribution<int>(n == 1 ? 0 : k * kSide / 2,
                                                              (n == 1 ? kSide : (k + 1) * kSide / 2) - s)(rng);
            const int y0 = std::uniform_int_distribution<int>(0, kSide - s)(rng);
            const int c = kind(rng);
            for (int y = y0; y < y0 + s; ++y)
                for (int x = x0; x < x0 + s; ++x) {
                    const bool cross = std::abs(2 * (x - x0) - (s - 1)) <= 4 || std::abs(2 * (y - y0) - (s - 1)) <= 4;
                    if (c == 0 || cross)
                        image.at<std::uint8_t>(y, x) = 220;
                }
            scene.boxes.emplace_back(c, Box{double(x0), double(y0), double(s), double(s)});
        }
        REQUIRE(cv::imwrite((folder / scene.name).string(), image));
        scenes.push_back(std::move(scene));
    }
    return scenes;
}

} // namespace

TEST_CASE("The assist pipeline trains a detector on the boxes and prelabels the unlabeled items with boxes",
          "[assist][detect]")
{
    test::TempDir dir;
    const auto scenes = writeScenes(dir / "scenes");
    std::map<std::string, const Scene*> byName;
    for (const Scene& scene : scenes)
        byName[scene.name] = &scene;

    auto project = Project::create(dir / "shapes.pixmark", "Shapes", TaskType::ObjectDetection);
    const std::vector<ClassId> classes{project->addClass({"square"}), project->addClass({"cross"})};
    std::vector<Item> items;
    for (const Scene& scene : scenes)
        items.push_back(Item{0, "scenes/" + scene.name, "png", 0, 0, kSide, kSide});
    project->addItems(items);
    cache::setTrainingCacheSpec(*project, {32, 1});
    for (const Item& item : project->items(ItemStatus::Unlabeled, kLabeled)) {
        SubmissionRequest request;
        request.itemId = item.id;
        request.labelerId = project->currentLabeler();
        for (const auto& [c, box] : byName.at(std::filesystem::path(item.relativePath).filename().string())->boxes)
            request.annotations.push_back(Annotation{classes[static_cast<std::size_t>(c)], AnnotationKind::Box,
                                                     toJson(box), std::nullopt, ShapeOrigin::Drawn});
        project->submit(request);
    }

    assist::AssistOptions options;
    options.device = "cpu";
    options.maxEpochs = 25;
    options.targetPrecision = 0.8;
    const assist::AssistReport report = assist::runPipeline(*project, options);
    REQUIRE_FALSE(report.cancelled);
    CHECK(report.trainedOn + report.heldOut == kLabeled);
    CHECK(report.featurizationRun == 0); // no clusters for a box canvas
    CHECK(report.predicted == kImages - kLabeled);

    // Every step is a run; the training says what its metric is, the validation its threshold.
    const auto training = project->run(report.trainingRun);
    REQUIRE(training);
    CHECK(training->status == RunStatus::Succeeded);
    const auto trainingMetrics = nlohmann::json::parse(training->metricsJson);
    CHECK(trainingMetrics["metric"] == "F1 at IoU 0.5");
    CHECK(std::filesystem::exists(project->cacheFolder() / training->modelFile));
    const auto validation = project->run(report.validationRun);
    REQUIRE(validation);
    const auto validationMetrics = nlohmann::json::parse(validation->metricsJson);
    INFO("validation " << validation->metricsJson);
    REQUIRE(validationMetrics["threshold"].is_number());
    CHECK(validationMetrics["precision"].get<double>() >= 0.8);
    CHECK(validationMetrics["recall"].get<double>() > 0.3);

    // The unlabeled items got boxes, and most of them sit on an object of their class.
    REQUIRE(report.prelabeled > (kImages - kLabeled) / 3);
    int boxes = 0;
    int right = 0;
    for (const Item& item : project->items(ItemStatus::Unlabeled, kImages)) {
        const Scene& scene = *byName.at(std::filesystem::path(item.relativePath).filename().string());
        for (const Suggestion& suggestion : project->suggestions(item.id)) {
            REQUIRE(suggestion.annotation.kind == AnnotationKind::Box);
            REQUIRE(suggestion.annotation.score);
            ++boxes;
            const Box found = parseBox(suggestion.annotation.geometry);
            for (const auto& [c, truth] : scene.boxes)
                if (classes[static_cast<std::size_t>(c)] == suggestion.annotation.classId && iou(found, truth) >= 0.5) {
                    ++right;
                    break;
                }
        }
    }
    INFO(right << " of " << boxes << " prelabel boxes on an object of their class");
    CHECK(right >= 0.7 * boxes);

    // Prelabeling again with the same model is for classification only, and says so.
    CHECK_THROWS_WITH(assist::runPrelabel(*project, options), Catch::Contains("prelabel when they train"));
}
