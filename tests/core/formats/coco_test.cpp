#include "core/errors.h"
#include "core/formats/coco/coco_format.h"
#include "core/formats/export_job.h"
#include "core/formats/format_error.h"
#include "core/geometry/box.h"
#include "core/geometry/coco_rle.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/core/formats/format_fixtures.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <set>
#include <sstream>

using namespace pixmark;
using formats::cocoFormat;
using test::readText;
using test::writeText;

namespace {

// A project of the task type with classes cat and dog and four 64 x 48 items a..d.png.
std::unique_ptr<Project> makeCocoProject(const std::filesystem::path& file, TaskType type)
{
    auto project = Project::create(file, "Pets", type);
    project->addClass({"cat"});
    project->addClass({"dog"});
    std::vector<Item> items;
    for (const char* name : {"img/a.png", "img/b.png", "img/c.png", "img/d.png"})
        items.push_back(Item{0, name, "png", 0, 0, 64, 48});
    project->addItems(items);
    return project;
}

std::string rectangleMask(int width, int height, int x0, int y0, int x1, int y1)
{
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width * height), 0);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            pixels[static_cast<std::size_t>(y * width + x)] = 1;
    return toJson(encodeMask(pixels.data(), width, height));
}

// The labels each task type gets in these tests: two items labeled.
std::vector<Annotation> cocoLabelsFor(TaskType type, ClassId cat, ClassId dog, int which)
{
    switch (type) {
    case TaskType::ObjectDetection:
        return {Annotation{cat, AnnotationKind::Box, toJson(Box{1.5, 2, 20, 10.25}), {}},
                Annotation{dog, AnnotationKind::Box, toJson(Box{30, 20, 33, 28}), {}}};
    case TaskType::InstanceSegmentation:
        return {Annotation{which ? dog : cat, AnnotationKind::Polygon,
                           toJson(Polygon{{{2, 2}, {40, 3}, {38, 30}, {4, 25.5}}}), {}}};
    case TaskType::SemanticSegmentation:
        return {Annotation{cat, AnnotationKind::Mask, rectangleMask(64, 48, 3, 4, 20, 30), {}},
                Annotation{dog, AnnotationKind::Mask, rectangleMask(64, 48, 30, 0, 64, 10), {}}};
    case TaskType::ClassificationMultiLabel:
        return {Annotation{cat, AnnotationKind::Tag, "", {}}, Annotation{dog, AnnotationKind::Tag, "", {}}};
    case TaskType::ClassificationMultiClass:
        break;
    }
    return {Annotation{which ? dog : cat, AnnotationKind::Tag, "", {}}};
}

void labelTwo(Project& project)
{
    const ClassId cat = project.classNamed("cat").id;
    const ClassId dog = project.classNamed("dog").id;
    const LabelerId me = project.currentLabeler();
    for (int which = 0; which < 2; ++which) {
        const ItemId item = project.items({}, 10)[static_cast<std::size_t>(which)].id;
        const auto labels = cocoLabelsFor(project.info().taskType, cat, dog, which);
        project.submit(SubmissionRequest{item, me, 500, SubmissionOrigin::Manual, {}, false, labels});
    }
}

std::filesystem::path exportTo(const std::filesystem::path& project, const std::filesystem::path& parent)
{
    formats::ExportOptions options;
    options.parentFolder = parent;
    const auto result = formats::exportProject(project, options);
    INFO(result.verification.problems.size());
    REQUIRE(result.verification.ok());
    return result.folder;
}

} // namespace

TEST_CASE("COCO round trip for every task type: export, import into a new project, export again", "[formats][coco]")
{
    for (TaskType type : allTaskTypes()) {
        DYNAMIC_SECTION(toId(type))
        {
            test::TempDir dir;
            {
                auto original = makeCocoProject(dir / "a.pixmark", type);
                labelTwo(*original);
            }
            const auto first = exportTo(dir / "a.pixmark", dir / "exports");
            {
                auto copy = makeCocoProject(dir / "b.pixmark", type);
                const auto report = copy->importLabels(
                    [&](formats::ImportSink& sink) { cocoFormat().read(first / "annotations/instances.json", sink); },
                    LabelImportOptions{});
                CHECK(report.imagesMatched == 2);
                CHECK(report.itemsLabeled == 2);
                CHECK(report.unmatchedCount == 0);
                CHECK(report.converted == 0);
                auto original = Project::open(dir / "a.pixmark", Project::Access::ReadOnly);
                for (const Item& item : original->items({}, 10)) {
                    const auto before = original->currentAnnotations(item.id);
                    const auto after = copy->currentAnnotations(item.id);
                    REQUIRE(before.size() == after.size());
                    for (std::size_t k = 0; k < before.size(); ++k) {
                        CHECK(before[k].classId == after[k].classId);
                        CHECK(before[k].kind == after[k].kind);
                        if (before[k].kind == AnnotationKind::Box)
                            CHECK(parseBox(before[k].geometry) == parseBox(after[k].geometry));
                        else
                            CHECK(before[k].geometry == after[k].geometry);
                    }
                }
            }
            const auto second = exportTo(dir / "b.pixmark", dir / "exports2");
            // Identical annotations: the files differ only in the project name they carry.
            CHECK(readText(first / "annotations/instances.json") == readText(second / "annotations/instances.json"));
        }
    }
}

TEST_CASE("COCO export follows the COCO layout: bbox, area, polygons, compressed masks", "[formats][coco]")
{
    test::TempDir dir;
    {
        auto project = makeCocoProject(dir / "p.pixmark", TaskType::SemanticSegmentation);
        labelTwo(*project);
    }
    const auto folder = exportTo(dir / "p.pixmark", dir.path());
    const auto json = nlohmann::json::parse(readText(folder / "annotations/instances.json"));
    REQUIRE(json["images"].size() == 2);
    CHECK(json["images"][0]["width"] == 64);
    CHECK(json["images"][0]["file_name"].get<std::string>().rfind("img/", 0) == 0);
    REQUIRE(json["annotations"].size() == 4);
    const auto& cat = json["annotations"][0];
    CHECK(cat["bbox"] == nlohmann::json::array({3, 4, 17, 26}));
    CHECK(cat["area"] == 17 * 26);
    CHECK(cat["iscrowd"] == 0);
    CHECK(cat["segmentation"]["size"] == nlohmann::json::array({48, 64}));
    // pycocotools' string form decodes to the same runs.
    const auto counts = decompressRleCounts(cat["segmentation"]["counts"].get<std::string>());
    CHECK(counts == parseMask(rectangleMask(64, 48, 3, 4, 20, 30)).counts);
    std::set<std::int64_t> ids;
    for (const auto& annotation : json["annotations"])
        ids.insert(annotation["id"].get<std::int64_t>());
    CHECK(ids.size() == 4);
}

TEST_CASE("COCO compressed run-length strings match pycocotools' encoding", "[formats][coco][geometry]")
{
    // pycocotools.mask.encode of a 3 x 3 mask with only its centre pixel set: runs [4, 1, 4],
    // each below 16 so one character (value + 48) each, no delta before the fourth run.
    CHECK(compressRleCounts({4, 1, 4}) == "414");
    CHECK(decompressRleCounts("414") == std::vector<std::uint32_t>{4, 1, 4});
    // From the fourth run on, the delta to two runs back is written: [1, 2, 3, 1] -> "1", "2",
    // "3", delta 1 - 2 = -1 -> 0x1f + 48 = 'O'.
    CHECK(compressRleCounts({1, 2, 3, 1}) == "123O");
    const std::vector<std::uint32_t> long_runs{0, 100000, 3, 7, 250000, 1, 0, 12};
    CHECK(decompressRleCounts(compressRleCounts(long_runs)) == long_runs);
    CHECK_THROWS_AS(decompressRleCounts("4\x01"), ValidationError);
    CHECK_THROWS_AS(decompressRleCounts("o"), ValidationError); // ends inside a number
}

TEST_CASE("A split is seeded and stratified by class", "[formats][coco]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "s.pixmark", "Split", TaskType::ClassificationMultiClass);
        const ClassId cat = project->addClass({"cat"});
        const ClassId dog = project->addClass({"dog"});
        std::vector<Item> items;
        for (int k = 0; k < 100; ++k)
            items.push_back(Item{0, "i" + std::to_string(k) + ".png", "png", 0, 0, 8, 8});
        const auto ids = project->addItems(items);
        for (int k = 0; k < 100; ++k)
            project->submit(SubmissionRequest{ids[static_cast<std::size_t>(k)], project->currentLabeler(), 1,
                                              SubmissionOrigin::Manual, {}, false,
                                              {Annotation{k < 60 ? cat : dog, AnnotationKind::Tag, "", {}}}});
    }
    formats::ExportOptions options;
    options.parentFolder = dir / "out";
    options.split = formats::SplitRatios{0.8, 0.1, 0.1};
    const auto first = formats::exportProject(dir / "s.pixmark", options);
    CHECK(first.imagesBySplit.at("train") == 80);
    CHECK(first.imagesBySplit.at("val") == 10);
    CHECK(first.imagesBySplit.at("test") == 10);
    const auto train = nlohmann::json::parse(readText(first.folder / "annotations/instances_train.json"));
    int cats = 0;
    for (const auto& annotation : train["annotations"])
        cats += annotation["category_id"] == 1 ? 1 : 0;
    CHECK(cats == 48); // 80 % of the 60 cats
    const auto again = formats::exportProject(dir / "s.pixmark", options);
    CHECK(readText(first.folder / "annotations/instances_val.json") ==
          readText(again.folder / "annotations/instances_val.json"));
    CHECK(first.folder != again.folder);
    options.split = formats::SplitRatios{0.8, 0.3, 0.1};
    CHECK_THROWS_AS(formats::exportProject(dir / "s.pixmark", options), ValidationError);
}

TEST_CASE("A cancelled export throws CancelledError and leaves no folder behind", "[formats][coco]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "c.pixmark", "Cancel", TaskType::ClassificationMultiClass);
        const ClassId cat = project->addClass({"cat"});
        std::vector<Item> items;
        for (int k = 0; k < 5; ++k)
            items.push_back(Item{0, "i" + std::to_string(k) + ".png", "png", 0, 0, 8, 8});
        for (const ItemId id : project->addItems(items))
            project->submit(SubmissionRequest{id, project->currentLabeler(), 1, SubmissionOrigin::Manual, {}, false,
                                              {Annotation{cat, AnnotationKind::Tag, "", {}}}});
    }
    formats::ExportOptions options;
    options.parentFolder = dir / "out";
    CancelToken cancel;
    cancel.cancel();
    CHECK_THROWS_AS(formats::exportProject(dir / "c.pixmark", options, {}, cancel), CancelledError);
    CHECK(std::filesystem::is_empty(dir / "out"));
    // The same export, not cancelled, is kept.
    const auto kept = formats::exportProject(dir / "c.pixmark", options);
    CHECK(std::filesystem::exists(kept.folder / "export.json"));
    CHECK(kept.verification.ok());
}

TEST_CASE("COCO import matches by file name, maps classes by name, creates or refuses missing ones", "[formats][coco]")
{
    test::TempDir dir;
    auto project = makeCocoProject(dir / "p.pixmark", TaskType::ObjectDetection);
    writeText(dir / "in.json", R"({"images":[{"id":7,"file_name":"elsewhere/b.png","width":64,"height":48},
        {"id":8,"file_name":"zzz.png","width":10,"height":10}],
        "categories":[{"id":3,"name":"CAT"},{"id":4,"name":"bird"}],
        "annotations":[{"id":1,"image_id":7,"category_id":3,"bbox":[1,2,3,4],"score":0.9},
                       {"id":2,"image_id":7,"category_id":4,"segmentation":[[0,0,10,0,10,10]],"bbox":[0,0,10,10]},
                       {"id":3,"image_id":8,"category_id":3,"bbox":[1,1,2,2]}]})");
    const auto read = [&](formats::ImportSink& sink) { cocoFormat().read(dir / "in.json", sink); };
    const auto before = project->submissionCount();
    CHECK_THROWS_WITH(project->importLabels(read, LabelImportOptions{false, false}), Catch::Contains("\"bird\""));
    CHECK(project->submissionCount() == before);
    CHECK(project->classes().size() == 2);

    const auto report = project->importLabels(read, LabelImportOptions{true, true});
    CHECK(report.imagesInFile == 2);
    CHECK(report.imagesMatched == 1);
    CHECK(report.unmatchedCount == 1);
    CHECK(report.unmatchedImages == std::vector<std::string>{"zzz.png"});
    CHECK(report.classesCreated == std::vector<std::string>{"bird"});
    CHECK(report.converted == 1); // the polygon became its box in a detection project
    const ItemId b = *project->itemAtPath("img/b.png");
    const auto suggestions = project->suggestions(b);
    REQUIRE(suggestions.size() == 2);
    CHECK(suggestions[0].annotation.classId == project->classNamed("cat").id);
    CHECK(suggestions[0].annotation.score == Approx(0.9));
    CHECK(parseBox(suggestions[1].annotation.geometry) == Box{0, 0, 10, 10});
    CHECK(project->submissionCount() == before); // prelabels are not labels
}

TEST_CASE("COCO bad input names the file and the place, and imports nothing", "[formats][coco][errors]")
{
    test::TempDir dir;
    auto project = makeCocoProject(dir / "p.pixmark", TaskType::ObjectDetection);
    const std::string good = R"({"images":[{"id":1,"file_name":"a.png","width":64,"height":48}],
        "categories":[{"id":1,"name":"cat"}],
        "annotations":[{"id":1,"image_id":1,"category_id":1,"bbox":[1,2,3,4]}]})";
    const auto attempt = [&](const std::string& text) -> std::string {
        writeText(dir / "bad.json", text);
        try {
            project->importLabels([&](formats::ImportSink& sink) { cocoFormat().read(dir / "bad.json", sink); },
                                  LabelImportOptions{});
        } catch (const formats::FormatError& error) {
            return error.what();
        }
        return "imported";
    };
    const auto replace = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    CHECK_THAT(attempt(good.substr(0, good.size() - 40)), Catch::Contains("bad.json") && Catch::Contains("not valid"));
    CHECK_THAT(attempt(replace("[1,2,3,4]", "\"1,2,3,4\"")),
               Catch::Contains("$.annotations[0].bbox") && Catch::Contains("number"));
    CHECK_THAT(attempt(replace("[1,2,3,4]", "[1,2,3]")), Catch::Contains("four numbers"));
    CHECK_THAT(attempt(replace("[1,2,3,4]", "[-1,2,3,4]")), Catch::Contains("negative"));
    CHECK_THAT(attempt(replace("[1,2,3,4]", "[60,2,30,4]")), Catch::Contains("outside its image"));
    CHECK_THAT(attempt(replace("[1,2,3,4]", "[1e300,2,3,4]")), Catch::Contains("out of range"));
    CHECK_THAT(attempt(replace("\"category_id\":1,\"bbox\"", "\"category_id\":9,\"bbox\"")),
               Catch::Contains("$.annotations[0].category_id") && Catch::Contains("not in \"categories\""));
    CHECK_THAT(attempt(replace("\"image_id\":1,", "")), Catch::Contains("needs an \"image_id\""));
    CHECK_THAT(attempt(replace("[{\"id\":1,\"name\":\"cat\"}]", "[{\"id\":1,\"name\":\"cat\"},{\"id\":1,\"name\":\"x\"}]")),
               Catch::Contains("used twice"));
    CHECK_THAT(attempt(replace("\"width\":64", "\"width\":\"wide\"")), Catch::Contains("$.images[0]"));
    {
        // A 5 GiB file (sparse: it takes no disk space) is read a piece at a time, not loaded,
        // and refused at its first byte.
        std::ofstream(dir / "huge.json").close();
        std::filesystem::resize_file(dir / "huge.json", 5ull << 30);
        std::string message;
        try {
            project->importLabels([&](formats::ImportSink& sink) { cocoFormat().read(dir / "huge.json", sink); },
                                  LabelImportOptions{});
        } catch (const formats::FormatError& error) {
            message = error.what();
        }
        CHECK_THAT(message, Catch::Contains("huge.json, byte 0") && Catch::Contains("not a JSON object"));
    }
    CHECK(project->submissionCount() == 0);
    CHECK(project->classes().size() == 2);
    CHECK(attempt(good) == "imported");
}

TEST_CASE("Verification catches a deliberately broken COCO export", "[formats][coco]")
{
    test::TempDir dir;
    {
        auto project = makeCocoProject(dir / "p.pixmark", TaskType::ObjectDetection);
        labelTwo(*project);
    }
    const auto folder = exportTo(dir / "p.pixmark", dir.path());
    const auto file = folder / "annotations/instances.json";
    std::string text = readText(file);
    text.replace(text.find("\"width\":64"), 10, "\"width\":16"); // the boxes no longer fit the image
    writeText(file, text);
    const auto report = cocoFormat().verify(folder);
    CHECK_FALSE(report.ok());
    REQUIRE_FALSE(report.problems.empty());
    CHECK_THAT(report.problems.front(), Catch::Contains("instances.json"));
}

TEST_CASE("The COCO reader survives seeded mutations of a valid file with clear errors only", "[formats][coco][fuzz]")
{
    test::TempDir dir;
    {
        auto project = makeCocoProject(dir / "p.pixmark", TaskType::InstanceSegmentation);
        labelTwo(*project);
    }
    const std::string valid = readText(exportTo(dir / "p.pixmark", dir.path()) / "annotations/instances.json");
    struct NullSink : formats::ImportSink {
        void image(std::int64_t, const std::string&, int, int) override {}
        void shape(std::int64_t, const std::string&, AnnotationKind, std::string, std::optional<double>) override {}
    } sink;
    std::mt19937 random(20261125);
    int refused = 0;
    for (int round = 0; round < 400; ++round) {
        std::string text = valid;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = random() % text.size();
            switch (random() % 4) {
            case 0:
                text[at] = static_cast<char>(random() % 256);
                break;
            case 1:
                text.insert(at, 1, "{}[],:\"0-e."[random() % 11]);
                break;
            case 2:
                text.erase(at, 1 + random() % 8);
                break;
            default:
                text.resize(at);
            }
        }
        writeText(dir / "fuzz.json", text);
        try {
            cocoFormat().read(dir / "fuzz.json", sink);
        } catch (const Error&) {
            ++refused;
        }
        // Anything else (another exception type, a crash) fails the test.
    }
    CHECK(refused > 100);
}
