#pragma once
// Real PNG scenes for ML assist's end-to-end tests (ML and CLI): one or two objects of
// 12-24 px (filled squares, class 0, and crosses, class 1) in different halves of a 64 px
// image of dark noise, with their boxes and pixels, and a project of them labeled part way.

#include "core/cache/training_cache.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/project/project.h"
#include "tests/support/label_items.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace pixmark::test {

inline constexpr int kSceneSide = 64;

struct SceneObject {
    int classIndex = 0;
    Box box;
    std::vector<std::uint8_t> pixels; ///< kSceneSide x kSceneSide, row-major, 1 = the object
};

struct Scene {
    std::string name;
    std::vector<SceneObject> objects;
};

inline std::vector<Scene> writeScenes(const std::filesystem::path& folder, int count)
{
    std::filesystem::create_directories(folder);
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> noise(0, 40), size(12, 24), objects(1, 2), kind(0, 1);
    std::vector<Scene> scenes;
    for (int i = 0; i < count; ++i) {
        cv::Mat image(kSceneSide, kSceneSide, CV_8UC1);
        for (int y = 0; y < kSceneSide; ++y)
            for (int x = 0; x < kSceneSide; ++x)
                image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(noise(rng));
        Scene scene{"scene" + std::to_string(1000 + i) + ".png", {}};
        const int n = objects(rng);
        for (int k = 0; k < n; ++k) {
            const int s = size(rng);
            const int x0 = std::uniform_int_distribution<int>(n == 1 ? 0 : k * kSceneSide / 2,
                                                              (n == 1 ? kSceneSide : (k + 1) * kSceneSide / 2) - s)(rng);
            const int y0 = std::uniform_int_distribution<int>(0, kSceneSide - s)(rng);
            SceneObject object{kind(rng), Box{double(x0), double(y0), double(s), double(s)},
                               std::vector<std::uint8_t>(kSceneSide * kSceneSide, 0)};
            for (int y = y0; y < y0 + s; ++y)
                for (int x = x0; x < x0 + s; ++x) {
                    const bool cross = std::abs(2 * (x - x0) - (s - 1)) <= 4 || std::abs(2 * (y - y0) - (s - 1)) <= 4;
                    if (object.classIndex == 0 || cross) {
                        image.at<std::uint8_t>(y, x) = 220;
                        object.pixels[static_cast<std::size_t>(y * kSceneSide + x)] = 1;
                    }
                }
            scene.objects.push_back(std::move(object));
        }
        REQUIRE(cv::imwrite((folder / scene.name).string(), image));
        scenes.push_back(std::move(scene));
    }
    return scenes;
}

/// How the scenes' objects are labeled: boxes, one mask per class, or a polygon per object.
inline std::vector<Annotation> sceneLabel(const Scene& scene, AnnotationKind kind, const std::vector<ClassId>& classes)
{
    std::vector<Annotation> annotations;
    if (kind == AnnotationKind::Mask) {
        for (std::size_t c = 0; c < classes.size(); ++c) {
            std::vector<std::uint8_t> bitmap(kSceneSide * kSceneSide, 0);
            bool any = false;
            for (const SceneObject& object : scene.objects)
                if (object.classIndex == static_cast<int>(c))
                    for (std::size_t p = 0; p < bitmap.size(); ++p)
                        if (object.pixels[p]) {
                            bitmap[p] = 1;
                            any = true;
                        }
            if (any)
                annotations.push_back(Annotation{classes[c], kind, toJson(encodeMask(bitmap.data(), kSceneSide, kSceneSide)),
                                                 std::nullopt, ShapeOrigin::Drawn});
        }
        return annotations;
    }
    for (const SceneObject& object : scene.objects) {
        const ClassId id = classes[static_cast<std::size_t>(object.classIndex)];
        const std::string geometry =
            kind == AnnotationKind::Box
                ? toJson(object.box)
                : toJson(*polygonFromMask(encodeMask(object.pixels.data(), kSceneSide, kSceneSide)));
        annotations.push_back(Annotation{id, kind, geometry, std::nullopt, ShapeOrigin::Drawn});
    }
    return annotations;
}

/// The scene an item of makeSceneProject shows.
inline const Scene* sceneOf(const std::vector<Scene>& scenes, const Item& item)
{
    const std::string name = std::filesystem::path(item.relativePath).filename().string();
    for (const Scene& scene : scenes)
        if (scene.name == name)
            return &scene;
    FAIL("no scene " << name);
    return nullptr;
}

/// A project of taskType over `count` scenes (in dir/scenes), classes "square" and "cross",
/// a 32 px gray training cache, and its first `labeled` items labeled with the truth.
inline std::unique_ptr<Project> makeSceneProject(const std::filesystem::path& dir, TaskType taskType, int count,
                                                 int labeled, AnnotationKind kind, std::vector<Scene>& scenes,
                                                 std::vector<ClassId>& classes)
{
    scenes = writeScenes(dir / "scenes", count);
    auto project = Project::create(dir / "scenes.pixmark", "Scenes", taskType);
    classes = {project->addClass({"square"}), project->addClass({"cross"})};
    std::vector<Item> items;
    for (const Scene& scene : scenes)
        items.push_back(Item{0, "scenes/" + scene.name, "png", 0, 0, kSceneSide, kSceneSide});
    project->addItems(items);
    cache::setTrainingCacheSpec(*project, {32, 1});
    labelFirstItems(*project, labeled, [&](const Item& item) { return sceneLabel(*sceneOf(scenes, item), kind, classes); });
    return project;
}

} // namespace pixmark::test
