#include "core/project/project.h"
#include "tests/cli/run_cli.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

using namespace pixmark;
using test::runCli;
using Json = nlohmann::json;

namespace {
const std::filesystem::path kDemo = std::filesystem::path(PIXMARK_SOURCE_DIR) / "resources/demo";

void copyDemoImages(const std::filesystem::path& to, int count)
{
    std::filesystem::create_directories(to);
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "fashion-%04d.png", i);
        std::filesystem::copy_file(kDemo / "images" / name, to / name);
    }
}
} // namespace

TEST_CASE("cli: add a folder, list items, refresh after changes", "[cli][ingest]")
{
    test::TempDir dir;
    copyDemoImages(dir / "images", 10);
    std::ofstream(dir / "images" / "broken.png") << "not a png";
    REQUIRE(runCli({"create", "P", "--type", "multiclass"}, dir.path()).exitCode == 0);

    const auto added = runCli({"--json", "add", "P.pixmark", "images"}, dir.path());
    INFO(added.err);
    REQUIRE(added.exitCode == 0);
    const auto reports = Json::parse(added.out);
    REQUIRE(reports.size() == 1);
    CHECK(reports[0]["added"] == 10);
    REQUIRE(reports[0]["unreadable"].size() == 1);
    CHECK_THAT(reports[0]["unreadable"][0]["path"].get<std::string>(), Catch::EndsWith("broken.png"));
    CHECK(std::filesystem::exists(dir / "P.cache" / "thumbnails")); // made after registering

    const auto items = Json::parse(runCli({"--json", "items", "P.pixmark"}, dir.path()).out);
    CHECK(items.size() == 11);
    const auto unreadable = Json::parse(runCli({"--json", "items", "P.pixmark", "--status", "unreadable"}, dir.path()).out);
    REQUIRE(unreadable.size() == 1);
    CHECK_FALSE(unreadable[0]["unreadable_reason"].get<std::string>().empty());
    const auto text = runCli({"items", "P.pixmark", "--status", "unlabeled", "--limit", "3"}, dir.path());
    CHECK_THAT(text.out, Catch::Contains("28x28") && Catch::Contains("png"));

    std::filesystem::remove(dir / "images" / "fashion-0000.png");
    copyDemoImages(dir / "images" / "more", 0);
    std::filesystem::copy_file(kDemo / "images" / "fashion-0050.png", dir / "images" / "more" / "new.png");
    const auto refreshed = Json::parse(runCli({"--json", "refresh", "P.pixmark"}, dir.path()).out);
    CHECK(refreshed[0]["added"] == 1);
    CHECK(refreshed[0]["marked_missing"] == 1);
    const auto text2 = runCli({"refresh", "P.pixmark"}, dir.path());
    CHECK_THAT(text2.out, Catch::Contains("0 added"));

    CHECK(runCli({"items", "P.pixmark", "--status", "sideways"}, dir.path()).exitCode == 2);
}

TEST_CASE("cli: add a manifest with labels as prelabels, and a quoted glob", "[cli][ingest]")
{
    test::TempDir dir;
    REQUIRE(runCli({"create", "P", "--type", "multiclass"}, dir.path()).exitCode == 0);
    const auto added = runCli({"--json", "add", "P.pixmark", "--manifest", (kDemo / "manifest.csv").string(),
                               "--image-column", "image", "--label-column", "label", "--labels", "prelabel",
                               "--no-thumbnails"},
                              dir.path());
    INFO(added.err);
    REQUIRE(added.exitCode == 0);
    const auto report = Json::parse(added.out)[0];
    CHECK(report["added"].get<int>() + report["duplicates"].size() == 120);
    CHECK(report["labels_imported"] == report["added"]);
    auto project = Project::open(dir / "P.pixmark", Project::Access::ReadOnly);
    CHECK(project->classes().size() == 10);
    CHECK_FALSE(project->hasLabels());
    CHECK(project->suggestions(1).size() == 1);
    project.reset();

    const auto globbed = runCli({"--json", "add", "P.pixmark", (kDemo / "images" / "fashion-00[0-4]?.png").string(),
                                 "--keep-duplicates", "--no-thumbnails"},
                                dir.path());
    REQUIRE(globbed.exitCode == 0);
    CHECK(Json::parse(globbed.out)[0]["listed"] == 50);

    const auto missingColumn =
        runCli({"add", "P.pixmark", "--manifest", (kDemo / "manifest.csv").string()}, dir.path());
    CHECK(missingColumn.exitCode == 2);
    CHECK_THAT(missingColumn.err, Catch::Contains("--image-column"));
    const auto wrongColumn = runCli(
        {"add", "P.pixmark", "--manifest", (kDemo / "manifest.csv").string(), "--image-column", "file"}, dir.path());
    CHECK(wrongColumn.exitCode == 1);
    CHECK_THAT(wrongColumn.err, Catch::Contains("no column \"file\""));
    CHECK(runCli({"add", "P.pixmark", "nowhere/"}, dir.path()).exitCode == 1);
    CHECK(runCli({"add", "P.pixmark"}, dir.path()).exitCode == 2);
}

TEST_CASE("cli: the training cache and thumbnails commands", "[cli][ingest][cache]")
{
    test::TempDir dir;
    copyDemoImages(dir / "images", 5);
    runCli({"create", "P", "--type", "multiclass"}, dir.path());
    runCli({"add", "P.pixmark", "images", "--no-thumbnails"}, dir.path());
    const auto thumbs = Json::parse(runCli({"--json", "thumbnails", "P.pixmark"}, dir.path()).out);
    CHECK(thumbs["made"] == 5);
    const auto cache = Json::parse(runCli({"--json", "cache", "P.pixmark", "--side", "32", "--channels", "1"}, dir.path()).out);
    CHECK(cache["appended"] == 5);
    CHECK(std::filesystem::file_size(cache["file"].get<std::string>()) == 64 + 5 * 32 * 32);
    CHECK(runCli({"cache", "P.pixmark", "--channels", "2"}, dir.path()).exitCode == 1);
}

TEST_CASE("cli: refresh --watch picks up files as they arrive", "[cli][ingest][watch]")
{
    test::TempDir dir;
    copyDemoImages(dir / "images", 2);
    runCli({"create", "P", "--type", "multiclass"}, dir.path());
    runCli({"add", "P.pixmark", "images", "--incremental", "--no-thumbnails"}, dir.path());
    // Copy a file in while the watcher runs (from a second process, 1 s in).
    const pid_t child = fork();
    if (child == 0) {
        ::sleep(1);
        std::filesystem::copy_file(kDemo / "images" / "fashion-0100.png", dir / "images" / "arrived.png");
        _exit(0);
    }
    const auto watched = runCli({"refresh", "P.pixmark", "--watch", "--for", "4"}, dir.path());
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(watched.exitCode == 0);
    CHECK_THAT(watched.out, Catch::Contains("Watching") && Catch::Contains("1 added"));
    auto project = Project::open(dir / "P.pixmark", Project::Access::ReadOnly);
    CHECK(project->itemAtPath(project->storedPathFor(dir / "images" / "arrived.png")));
}
