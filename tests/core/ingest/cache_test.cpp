#include "core/cache/thumbnail_cache.h"
#include "core/cache/training_cache.h"
#include "core/errors.h"
#include "core/ingest/image_readers.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

using namespace pixmark;

namespace {
std::unique_ptr<Project> projectWithImages(const test::TempDir& dir, const test::TempDir& data)
{
    test::writePng(data / "wide.png", 600, 300, 1);
    test::writeJpeg(data / "tall.jpg", 100, 400, 2);
    test::writePng(data / "small.png", 20, 20, 3);
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = data.path();
    ingest::Registrar(*project).addSource(request);
    return project;
}
} // namespace

TEST_CASE("Thumbnails are made once, at most 256 px, and rebuilt when deleted", "[cache][thumbnails]")
{
    test::TempDir dir, data;
    auto project = projectWithImages(dir, data);
    const cache::ThumbnailCache thumbnails(project->cacheFolder());
    const auto jobs = cache::readableImages(*project);
    REQUIRE(jobs.size() == 3);
    std::int64_t lastDone = 0;
    const auto first = thumbnails.build(jobs, {}, 2, [&](auto done, auto, auto) { lastDone = done; });
    CHECK(first.made == 3);
    CHECK(first.failed.empty());
    CHECK(lastDone == 3);
    for (const auto& job : jobs) {
        const auto header = ingest::probeImage(thumbnails.pathFor(job.itemId));
        CHECK(header.format == ingest::ImageFormat::Jpeg);
        CHECK(std::max(header.width, header.height) <= cache::kThumbnailSide);
    }
    const auto wideJob = std::find_if(jobs.begin(), jobs.end(), [](const auto& job) {
        return job.file.filename() == "wide.png";
    });
    REQUIRE(wideJob != jobs.end());
    const auto wide = ingest::probeImage(thumbnails.pathFor(wideJob->itemId));
    CHECK(wide.width == 256);
    CHECK(wide.height == 128);
    CHECK(thumbnails.build(jobs, {}, 2).alreadyThere == 3);
    std::filesystem::remove_all(project->cacheFolder() / "thumbnails");
    CHECK(thumbnails.build(jobs, {}, 2).made == 3); // the cache is rebuildable
}

TEST_CASE("The training cache is letterboxed, indexed by item and grows incrementally", "[cache][training]")
{
    test::TempDir dir, data;
    auto project = projectWithImages(dir, data);
    cache::TrainingCache trainingCache(project->cacheFolder(), {64, 3});
    const auto first = trainingCache.update(cache::readableImages(*project), {}, 2);
    CHECK(first.appended == 3);
    const auto entries = trainingCache.entries();
    REQUIRE(entries.size() == 3);
    CHECK(std::filesystem::file_size(trainingCache.imagesFile()) == 64 + 3 * 64 * 64 * 3);
    const auto wideEntry =
        std::find_if(entries.begin(), entries.end(), [](const auto& entry) { return entry.originalWidth == 600; });
    REQUIRE(wideEntry != entries.end());
    const auto& wide = *wideEntry;
    CHECK(wide.originalWidth == 600);
    CHECK(wide.scale == Approx(64.0 / 600));
    CHECK(wide.padX == 0);
    CHECK(wide.padY == 16);
    const auto pixels = trainingCache.record(static_cast<std::size_t>(wideEntry - entries.begin()));
    CHECK(pixels[0] == 0);                          // top padding row is black
    CHECK(pixels[(32 * 64 + 32) * 3] != 0);         // the middle is image

    test::writePng(data / "later.png", 50, 50, 4);
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = data.path();
    ingest::Registrar(*project).refresh(project->sources().front().id);
    const auto second = trainingCache.update(cache::readableImages(*project), {}, 2);
    CHECK(second.appended == 1);
    CHECK(second.alreadyCached == 3);
    CHECK(trainingCache.entries().size() == 4);

    cache::TrainingCache gray(project->cacheFolder(), {32, 1});
    CHECK(gray.update(cache::readableImages(*project), {}, 1).appended == 4);
    CHECK(std::filesystem::file_size(gray.imagesFile()) == 64 + 4 * 32 * 32);
    CHECK_THROWS_AS(cache::TrainingCache(project->cacheFolder(), {4, 3}), ValidationError);
    CHECK_THROWS_AS(cache::TrainingCache(project->cacheFolder(), {64, 2}), ValidationError);
}

TEST_CASE("A damaged training cache is replaced, not trusted", "[cache][training][bad-input]")
{
    test::TempDir dir, data;
    auto project = projectWithImages(dir, data);
    cache::TrainingCache trainingCache(project->cacheFolder(), {32, 3});
    trainingCache.update(cache::readableImages(*project), {}, 1);
    test::writeText(trainingCache.indexFile(), "garbage");
    CHECK(trainingCache.entries().empty());
    const auto report = trainingCache.update(cache::readableImages(*project), {}, 1);
    CHECK(report.rebuilt);
    CHECK(report.appended == 3);
}

TEST_CASE("The training cache size is chosen per project and kept in the project", "[cache][training]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    {
        auto project = Project::create(file, "P", TaskType::ClassificationMultiClass);
        CHECK(cache::trainingCacheSpecOf(*project).side == 224);
        cache::setTrainingCacheSpec(*project, {96, 1});
        CHECK_THROWS_AS(cache::setTrainingCacheSpec(*project, {96, 2}), ValidationError);
        CHECK_THROWS_AS(project->setSetting("x", "{not json"), ValidationError);
    }
    auto project = Project::open(file);
    const auto spec = cache::trainingCacheSpecOf(*project);
    CHECK(spec.side == 96);
    CHECK(spec.channels == 1);
}

TEST_CASE("A cache header claiming more records than the files hold is not trusted", "[cache][training][bad-input]")
{
    test::TempDir dir, data;
    auto project = projectWithImages(dir, data);
    cache::TrainingCache trainingCache(project->cacheFolder(), {16, 1});
    REQUIRE(trainingCache.update(cache::readableImages(*project), {}, 1).appended == 3);
    {
        // Overwrite the count (offset 24) with an absurd number, as a damaged disk might.
        std::fstream file(trainingCache.indexFile(), std::ios::in | std::ios::out | std::ios::binary);
        const std::uint64_t absurd = std::uint64_t{1} << 60;
        file.seekp(24);
        file.write(reinterpret_cast<const char*>(&absurd), sizeof absurd);
    }
    CHECK(trainingCache.entries().empty()); // no allocation of 2^60 records
    const auto report = trainingCache.update(cache::readableImages(*project), {}, 1);
    CHECK(report.rebuilt);
    CHECK(trainingCache.entries().size() == 3);
}

TEST_CASE("An empty thumbnail file, as a power cut can leave, is made again", "[cache][thumbnails][bad-input]")
{
    test::TempDir dir, data;
    auto project = projectWithImages(dir, data);
    const cache::ThumbnailCache thumbnails(project->cacheFolder());
    const auto jobs = cache::readableImages(*project);
    thumbnails.build(jobs, {}, 1);
    std::ofstream(thumbnails.pathFor(jobs[0].itemId), std::ios::trunc).close();
    CHECK_FALSE(thumbnails.has(jobs[0].itemId));
    const auto report = thumbnails.build(jobs, {}, 1);
    CHECK(report.made == 1);
    CHECK(report.alreadyThere == 2);
    CHECK(std::filesystem::file_size(thumbnails.pathFor(jobs[0].itemId)) > 0);
}
