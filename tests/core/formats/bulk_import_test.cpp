// Large imports take a faster path (parsing on a second thread, indexes set aside and
// rebuilt): the result must be the same as a small import's, and a failure must leave the
// project exactly as it was, indexes included.

#include "core/errors.h"
#include "core/formats/dataset.h"
#include "core/formats/format_error.h"
#include "core/geometry/box.h"
#include "core/project/project.h"
#include "core/store/sqlite/database.h"
#include "core/store/sqlite/statement.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace pixmark;

namespace {

constexpr int kItems = 25'000; // past the point where the import sets indexes aside

std::unique_ptr<Project> makeBulkProject(const std::filesystem::path& file)
{
    auto project = Project::create(file, "Bulk", TaskType::ObjectDetection);
    project->addClass({"car"});
    std::vector<Item> items;
    for (int k = 0; k < kItems; ++k)
        items.push_back(Item{0, "img/" + std::to_string(k) + ".jpg", "jpeg", 0, 0, 640, 480});
    project->addItems(items);
    return project;
}

/// Images in order with two boxes each; throws a FormatError at image failAt (when set).
struct GeneratedFile {
    int failAt = -1;
    void operator()(formats::ImportSink& sink) const
    {
        for (int k = 0; k < kItems; ++k) {
            if (k == failAt)
                throw formats::FormatError(
                    formats::SourcePosition{"generated.json", -1, -1, "$.images[" + std::to_string(k) + "]"},
                    "is broken on purpose");
            sink.image(k, "img/" + std::to_string(k) + ".jpg", 640, 480);
            sink.shape(k, "car", AnnotationKind::Box, toJson(Box{1, 2, 30, 40}), std::nullopt);
            sink.shape(k, k % 2 ? "Car" : "truck", AnnotationKind::Box, toJson(Box{100, 50, 20, 10}), std::nullopt);
        }
    }
};

std::set<std::string> indexesOf(const std::filesystem::path& file)
{
    auto db = sqlite::Database::open(file, sqlite::Access::ReadOnly);
    auto query = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    std::set<std::string> indexes;
    while (query.step())
        indexes.insert(query.text(0));
    return indexes;
}

/// makeBulkProject, closed once so that `indexes` lists what the file holds, then open again.
std::unique_ptr<Project> makeProjectNotingIndexes(const std::filesystem::path& file, std::set<std::string>& indexes)
{
    makeBulkProject(file).reset();
    indexes = indexesOf(file);
    return Project::open(file);
}

} // namespace

TEST_CASE("A large import labels every item and keeps the project's indexes", "[formats][import]")
{
    test::TempDir dir;
    const auto file = dir / "bulk.pixmark";
    std::set<std::string> before;
    {
        auto project = makeProjectNotingIndexes(file, before);
        const LabelImportReport report = project->importLabels(GeneratedFile{}, LabelImportOptions{});
        CHECK(report.itemsLabeled == kItems);
        CHECK(report.annotations == 2 * kItems);
        CHECK(report.classesCreated == std::vector<std::string>{"truck"});
        CHECK(project->submissionCount() == kItems);
        const QueueCounts counts = project->queueCounts();
        CHECK(counts.queued == 0);
        CHECK(counts.byState.at(ItemCategory::Done) == kItems);
        const auto boxes = project->currentAnnotations(kItems / 2);
        REQUIRE(boxes.size() == 2);
        CHECK(boxes[0].geometry == toJson(Box{1, 2, 30, 40}));
    }
    CHECK(indexesOf(file) == before);
}

TEST_CASE("A large import that fails half way changes nothing, indexes included", "[formats][import]")
{
    test::TempDir dir;
    const auto file = dir / "bulk.pixmark";
    std::set<std::string> before;
    {
        auto project = makeProjectNotingIndexes(file, before);
        CHECK_THROWS_WITH(project->importLabels(GeneratedFile{22'000}, LabelImportOptions{}),
                          Catch::Contains("generated.json") && Catch::Contains("$.images[22000]"));
        CHECK(project->submissionCount() == 0);
        CHECK(project->classes().size() == 1);
        CHECK(project->queueCounts().queued == kItems);
        // The same file, whole, then imports as if nothing had happened.
        CHECK(project->importLabels(GeneratedFile{}, LabelImportOptions{}).itemsLabeled == kItems);
    }
    CHECK(indexesOf(file) == before);
}

TEST_CASE("After a large import the project is written to and read at once, while its log is copied into the file",
          "[formats][import]")
{
    test::TempDir dir;
    const auto file = dir / "bulk.pixmark";
    {
        auto project = makeBulkProject(file);
        project->importLabels(GeneratedFile{}, LabelImportOptions{});
        // The import's pages are being copied on another thread: neither a write nor a
        // second reader waits for that or fails.
        project->addItems({Item{0, "img/late.jpg", "jpeg", 0, 0, 640, 480}});
        auto reader = Project::open(file, Project::Access::ReadOnly);
        CHECK(reader->submissionCount() == kItems);
        CHECK(reader->queueCounts().queued == 1);
    }
    // Closed: every page is in the project file itself, and nothing was lost on the way.
    CHECK_FALSE(std::filesystem::exists(file.string() + "-wal"));
    auto reopened = Project::open(file);
    CHECK(reopened->submissionCount() == kItems);
    CHECK(reopened->currentAnnotations(kItems - 1).size() == 2);
    CHECK(reopened->queueCounts().queued == 1);
}
