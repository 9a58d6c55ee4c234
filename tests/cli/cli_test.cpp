#include "core/project/project.h"
#include "tests/cli/run_cli.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace pixmark;
using test::runCli;
using test::runJson;
using Json = nlohmann::json;

TEST_CASE("cli: create, classes, state, instructions and info end to end", "[cli]")
{
    test::TempDir dir;
    auto created = runJson({"create", "Street", "--type", "detection", "--name", "Street scenes"}, dir);
    CHECK(created["name"] == "Street scenes");
    CHECK(created["task_type"] == "object-detection");
    CHECK(std::filesystem::exists(dir / "Street.pixmark"));
    CHECK(std::filesystem::is_directory(dir / "Street.cache"));

    auto added = runJson({"classes", "add", "Street.pixmark", "car", "bus", "person"}, dir);
    REQUIRE(added.size() == 3);
    CHECK(added[0]["hotkey"] == "1");
    CHECK(added[2]["hotkey"] == "3");

    runJson({"classes", "rename", "Street.pixmark", "person", "pedestrian"}, dir);
    auto recolored = runJson({"classes", "recolor", "Street.pixmark", "bus", "#ABCDEF"}, dir);
    CHECK(recolored["color"] == "#abcdef");
    runJson({"classes", "hotkey", "Street.pixmark", "bus", "shift+b"}, dir);
    runJson({"classes", "move", "Street.pixmark", "pedestrian", "1"}, dir);
    runJson({"classes", "archive", "Street.pixmark", "car"}, dir);
    runJson({"state", "pause", "Street.pixmark"}, dir);
    CHECK(runJson({"rename", "Street.pixmark", "Street scenes, 2026"}, dir)["name"] == "Street scenes, 2026");
    std::ofstream(dir / "guide.txt") << "Box every road user.\nInclude partly hidden ones.";
    runJson({"instructions", "set", "Street.pixmark", "--from-file", "guide.txt", "--url", "https://example.org/g"},
            dir);

    auto info = runJson({"info", "Street.pixmark"}, dir);
    CHECK(info["name"] == "Street scenes, 2026");
    CHECK(info["state"] == "paused");
    CHECK(info["instructions"] == "Box every road user.\nInclude partly hidden ones.");
    CHECK(info["instructions_url"] == "https://example.org/g");
    const auto& classes = info["classes"];
    REQUIRE(classes.size() == 3);
    CHECK(classes[0]["name"] == "pedestrian");
    CHECK(classes[1]["name"] == "car");
    CHECK(classes[1]["archived"] == true);
    CHECK(classes[1]["hotkey"].is_null());
    CHECK(classes[2]["hotkey"] == "Shift+B");
    CHECK(info["items"]["total"] == 0);

    // The same state through core, to be sure the CLI wrote the real file.
    auto project = Project::open(dir / "Street.pixmark", Project::Access::ReadOnly);
    CHECK(project->info().state == ProjectState::Paused);
    CHECK(project->classNamed("PEDESTRIAN").position == 0);

    const auto text = runCli({"info", "Street.pixmark"}, dir.path());
    CHECK(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Street scenes") && Catch::Contains("Object detection") &&
                             Catch::Contains("3 (1 archived)"));
    const auto listed = runCli({"classes", "list", "Street.pixmark"}, dir.path());
    CHECK_THAT(listed.out, Catch::Contains("pedestrian") && Catch::Contains("archived"));
}

TEST_CASE("cli: bad usage exits with 2 and says what is wrong", "[cli]")
{
    test::TempDir dir;
    const auto noCommand = runCli({}, dir.path());
    CHECK(noCommand.exitCode == 2);
    CHECK_FALSE(noCommand.err.empty());
    const auto missingType = runCli({"create", "X"}, dir.path());
    CHECK(missingType.exitCode == 2);
    CHECK_THAT(missingType.err, Catch::Contains("--type"));
    const auto unknownOption = runCli({"info", "X.pixmark", "--frobnicate"}, dir.path());
    CHECK(unknownOption.exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "X.pixmark"));
    CHECK(runCli({"--help"}, dir.path()).exitCode == 0);
    CHECK_THAT(runCli({"--version"}, dir.path()).out, Catch::Contains("0."));
}

TEST_CASE("cli: failures exit with 1 and a message on stderr", "[cli]")
{
    test::TempDir dir;
    const auto badType = runCli({"create", "X", "--type", "segmentation"}, dir.path());
    CHECK(badType.exitCode == 2);
    CHECK_THAT(badType.err, Catch::Contains("Unknown task type") && Catch::Contains("semantic-segmentation"));

    const auto badName = runCli({"create", "X", "--type", "multiclass", "--name", "a/b"}, dir.path());
    CHECK(badName.exitCode == 1);
    CHECK_THAT(badName.err, Catch::Contains("cannot contain /"));

    CHECK(runCli({"create", "P", "--type", "multiclass"}, dir.path()).exitCode == 0);
    const auto again = runCli({"create", "P", "--type", "multiclass"}, dir.path());
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Catch::Contains("already exists"));

    runCli({"classes", "add", "P.pixmark", "cat"}, dir.path());
    const auto conflict = runCli({"classes", "add", "P.pixmark", "dog", "--hotkey", "1"}, dir.path());
    CHECK(conflict.exitCode == 1);
    CHECK_THAT(conflict.err, Catch::Contains("\"cat\""));
    const auto reserved = runCli({"classes", "hotkey", "P.pixmark", "cat", "Enter"}, dir.path());
    CHECK(reserved.exitCode == 1);
    const auto unknownClass = runCli({"classes", "rename", "P.pixmark", "zebra", "horse"}, dir.path());
    CHECK(unknownClass.exitCode == 1);
    CHECK_THAT(unknownClass.err, Catch::Contains("no class named \"zebra\""));
    const auto badMode = runCli({"classes", "add", "P.pixmark", "dog", "--mode", "restart"}, dir.path());
    CHECK(badMode.exitCode == 2);

    std::ofstream(dir / "junk.pixmark") << "definitely not sqlite";
    const auto junk = runCli({"info", "junk.pixmark"}, dir.path());
    CHECK(junk.exitCode == 1);
    CHECK_THAT(junk.err, Catch::Contains("not a Pixmark project"));

    auto project = Project::open(dir / "P.pixmark", Project::Access::ReadOnly);
    CHECK(project->classes().size() == 1);
}

TEST_CASE("cli: a project held by another writer is reported as in use", "[cli]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "P.pixmark", "P", TaskType::ClassificationMultiClass);
    const auto blocked = runCli({"classes", "add", "P.pixmark", "cat"}, dir.path());
    CHECK(blocked.exitCode == 1);
    CHECK_THAT(blocked.err, Catch::Contains("in use by") && Catch::Contains("/" + std::to_string(getpid())));
    // Reading is still possible.
    CHECK(runCli({"info", "P.pixmark"}, dir.path()).exitCode == 0);
}

TEST_CASE("cli: adding classes to a labeled project asks for a mode", "[cli]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "P.pixmark", "P", TaskType::ClassificationMultiClass);
        const ClassId cat = project->addClass({"cat"});
        const ItemId item = project->addItems({Item{0, "a.png"}}).front();
        project->submit(SubmissionRequest{item, project->currentLabeler(), 500, SubmissionOrigin::Manual, {}, false,
                                          {Annotation{cat, AnnotationKind::Tag, "", {}}}});
    }
    const auto refused = runCli({"classes", "add", "P.pixmark", "dog"}, dir.path());
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("start over"));
    CHECK(runCli({"classes", "add", "P.pixmark", "dog", "--mode", "keep-as-suggestions"}, dir.path()).exitCode == 0);
    auto project = Project::open(dir / "P.pixmark", Project::Access::ReadOnly);
    CHECK_FALSE(project->hasLabels());
    CHECK(project->suggestions(1).size() == 1);
}
