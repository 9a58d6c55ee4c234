// Every format that both exports and imports a task type: export a project (images
// copied), import the export into a new project with the same images, and compare the
// labels item by item.
#include "core/formats/export_job.h"
#include "core/formats/registry.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/project/project.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pixmark;

namespace {

std::unique_ptr<Project> makeTripProject(const std::filesystem::path& file, TaskType type)
{
    auto project = Project::create(file, "Trip", type);
    project->addClass({"cat"});
    project->addClass({"dog"});
    std::vector<Item> items;
    for (const char* name : {"a.png", "b.png", "c.png"}) {
        const auto image = file.parent_path() / "images" / name;
        if (!std::filesystem::exists(image))
            test::writePng(image, 64, 48, name[0]);
        items.push_back(Item{0, project->storedPathFor(image), "png", 0, 0, 64, 48});
    }
    project->addItems(items);
    return project;
}

std::vector<Annotation> tripLabelsFor(TaskType type, ClassId cat, ClassId dog, int which)
{
    switch (type) {
    case TaskType::ObjectDetection:
        return {Annotation{cat, AnnotationKind::Box, toJson(Box{2, 3, 20, 10}), {}},
                Annotation{dog, AnnotationKind::Box, toJson(Box{30, 20, 30, 25}), {}}};
    case TaskType::InstanceSegmentation:
        return {Annotation{which ? dog : cat, AnnotationKind::Polygon,
                           toJson(Polygon{{{2, 2}, {40, 4}, {38, 30}, {4, 26}}}), {}}};
    case TaskType::SemanticSegmentation: {
        std::vector<std::uint8_t> pixels(64 * 48, 0);
        for (int y = 4; y < 30; ++y)
            for (int x = 3; x < 20; ++x)
                pixels[static_cast<std::size_t>(y * 64 + x)] = 1;
        return {Annotation{which ? dog : cat, AnnotationKind::Mask, toJson(encodeMask(pixels.data(), 64, 48)), {}}};
    }
    case TaskType::ClassificationMultiLabel:
        return {Annotation{cat, AnnotationKind::Tag, "", {}}, Annotation{dog, AnnotationKind::Tag, "", {}}};
    case TaskType::ClassificationMultiClass:
        break;
    }
    return {Annotation{which ? dog : cat, AnnotationKind::Tag, "", {}}};
}

bool sameShape(const Annotation& a, const Annotation& b)
{
    if (a.classId != b.classId || a.kind != b.kind)
        return false;
    switch (a.kind) {
    case AnnotationKind::Tag:
        return true;
    case AnnotationKind::Box: {
        const Box x = parseBox(a.geometry), y = parseBox(b.geometry);
        return std::abs(x.x - y.x) < 1e-3 && std::abs(x.y - y.y) < 1e-3 && std::abs(x.w - y.w) < 1e-3 &&
               std::abs(x.h - y.h) < 1e-3;
    }
    case AnnotationKind::Polygon: {
        const Polygon x = parsePolygon(a.geometry), y = parsePolygon(b.geometry);
        if (x.points.size() != y.points.size())
            return false;
        for (std::size_t k = 0; k < x.points.size(); ++k)
            if (std::abs(x.points[k].x - y.points[k].x) > 1e-3 || std::abs(x.points[k].y - y.points[k].y) > 1e-3)
                return false;
        return true;
    }
    case AnnotationKind::Mask:
        return a.geometry == b.geometry;
    }
    return false;
}

} // namespace

TEST_CASE("Each format's export imports back into a new project with the same labels", "[formats][round-trip]")
{
    for (const formats::Format* format : formats::allFormats()) {
        if (!format->canImport())
            continue;
        for (TaskType type : allTaskTypes()) {
            if (!format->canExport(type))
                continue;
            DYNAMIC_SECTION(format->id() << " " << toId(type))
            {
                test::TempDir dir;
                std::filesystem::create_directories(dir / "a");
                std::filesystem::create_directories(dir / "b");
                {
                    auto original = makeTripProject(dir / "a" / "p.pixmark", type);
                    const ClassId cat = original->classNamed("cat").id, dog = original->classNamed("dog").id;
                    int which = 0;
                    for (const Item& item : original->items({}, 10))
                        if (which < 2) {
                            const auto labels = tripLabelsFor(type, cat, dog, which++);
                            original->submit(SubmissionRequest{
                                item.id, original->currentLabeler(), 1, SubmissionOrigin::Manual, {}, false, labels});
                        }
                }
                formats::ExportOptions options;
                options.format = std::string(format->id());
                options.copyImages = true;
                options.parentFolder = dir / "exports";
                const auto exported = formats::exportProject(dir / "a" / "p.pixmark", options);
                INFO(exported.verification.problems.size());
                REQUIRE(exported.verification.ok());
                auto copy = makeTripProject(dir / "b" / "p.pixmark", type);
                const auto input = format->id() == "coco" ? exported.folder / "annotations" / "instances.json"
                                                          : exported.folder;
                const auto report = copy->importLabels([&](formats::ImportSink& sink) { format->read(input, sink); },
                                                       LabelImportOptions{});
                CHECK(report.classesCreated.empty());
                auto original = Project::open(dir / "a" / "p.pixmark", Project::Access::ReadOnly);
                for (const Item& item : original->items({}, 10)) {
                    const auto name = std::filesystem::path(item.relativePath).filename().string();
                    const ItemId twin = *copy->itemAtPath("images/" + name);
                    auto before = original->currentAnnotations(item.id);
                    auto after = copy->currentAnnotations(twin);
                    const auto order = [](const Annotation& x, const Annotation& y) {
                        return std::tie(x.classId, x.geometry) < std::tie(y.classId, y.geometry);
                    };
                    std::sort(before.begin(), before.end(), order);
                    std::sort(after.begin(), after.end(), order);
                    INFO(item.relativePath);
                    REQUIRE(before.size() == after.size());
                    for (std::size_t k = 0; k < before.size(); ++k)
                        CHECK(sameShape(before[k], after[k]));
                }
            }
        }
    }
}
