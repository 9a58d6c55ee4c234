#include "core/errors.h"
#include "core/project/project_plan.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace pixmark;

namespace {
ProjectPlan birdsPlan(const test::TempDir& dir)
{
    ProjectPlan plan;
    plan.name = "Street birds";
    plan.file = projectFileFor(dir / "projects" / "new", "Street birds");
    plan.taskType = TaskType::ObjectDetection;
    plan.classes = {NewClass{"Sparrow"}, NewClass{"Crow", "#112233", "Q"}, NewClass{"Pigeon"},
                    NewClass{"Gull", std::nullopt, std::nullopt, true}};
    plan.instructions = "**Tight** boxes around every bird.";
    plan.instructionsUrl = "https://example.org/guide";
    plan.assist = AssistSettings{true, 250};
    plan.quality = QualitySettings{true, 3, true};
    return plan;
}

std::string messageOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& error) {
        return error.what();
    }
    return {};
}
} // namespace

TEST_CASE("A plan becomes a project with its classes, instructions and settings", "[plan]")
{
    test::TempDir dir;
    const ProjectPlan plan = birdsPlan(dir);
    auto project = createProjectFromPlan(plan);
    REQUIRE(project);
    CHECK(std::filesystem::exists(plan.file)); // the missing folders were created
    const ProjectInfo info = project->info();
    CHECK(info.name == "Street birds");
    CHECK(info.taskType == TaskType::ObjectDetection);
    CHECK(info.instructions == plan.instructions);
    CHECK(info.instructionsUrl == plan.instructionsUrl);
    const auto classes = project->classes();
    REQUIRE(classes.size() == 4);
    CHECK(classes[0].name == "Sparrow");
    CHECK(classes[0].hotkey == std::optional<std::string>("1"));
    CHECK(classes[1].color == "#112233");
    CHECK(classes[1].hotkey == std::optional<std::string>("Q"));
    CHECK(classes[2].hotkey == std::optional<std::string>("2"));
    CHECK_FALSE(classes[3].hotkey);
    CHECK(assistSettingsOf(*project).startAfterLabels == 250);
    CHECK(qualitySettingsOf(*project).labelersPerItem == 3);
    CHECK(qualitySettingsOf(*project).reviewRequired);
}

TEST_CASE("Automatic hotkeys skip the keys other classes asked for", "[plan]")
{
    const auto keys = assignClassHotkeys(
        {NewClass{"a"}, NewClass{"b", std::nullopt, "1"}, NewClass{"c"}, NewClass{"d", std::nullopt, "shift+q"}});
    REQUIRE(keys.size() == 4);
    CHECK(keys[0] == std::optional<std::string>("2"));
    CHECK(keys[1] == std::optional<std::string>("1"));
    CHECK(keys[2] == std::optional<std::string>("3"));
    CHECK(keys[3] == std::optional<std::string>("Shift+Q"));
}

TEST_CASE("Invalid classes are refused with the row and the reason", "[plan][errors]")
{
    CHECK(messageOf([] {
              assignClassHotkeys({NewClass{"cat"}, NewClass{"Cat"}});
          }) == "Class 2 (Cat): another class already has this name.");
    CHECK(messageOf([] {
              assignClassHotkeys({NewClass{"cat", std::nullopt, "S"}});
          }).find("Class 1 (cat): The key S is already used for \"Skip\"") == 0);
    CHECK(messageOf([] {
              assignClassHotkeys({NewClass{"cat", std::nullopt, "5"}, NewClass{"dog", std::nullopt, "5"}});
          }) == "Class 2 (dog): the hotkey 5 is already used by another class.");
    CHECK(messageOf([] { assignClassHotkeys({NewClass{"  "}}); }).find("Class 1: ") == 0);
}

TEST_CASE("A plan that cannot be created leaves nothing behind", "[plan][errors]")
{
    test::TempDir dir;
    ProjectPlan plan = birdsPlan(dir);
    plan.classes.clear();
    CHECK(messageOf([&] { createProjectFromPlan(plan); }) == "Add at least one label class.");
    CHECK_FALSE(std::filesystem::exists(plan.file.parent_path()));

    plan = birdsPlan(dir);
    plan.quality = QualitySettings{false, 3, false};
    CHECK(messageOf([&] { createProjectFromPlan(plan); }).find("Labelers per item") == 0);
    plan = birdsPlan(dir);
    plan.instructionsUrl = "example.org";
    CHECK(messageOf([&] { createProjectFromPlan(plan); }).find("The link must start") == 0);
    CHECK_FALSE(std::filesystem::exists(plan.file));
}

TEST_CASE("An existing file or a missing source is explained", "[plan][errors]")
{
    test::TempDir dir;
    ProjectPlan plan = birdsPlan(dir);
    createProjectFromPlan(plan).reset();
    CHECK(messageOf([&] { validateProjectFile(plan.file); }).find("already exists") != std::string::npos);
    CHECK(messageOf([&] { createProjectFromPlan(plan); }).find("already exists") != std::string::npos);

    ingest::SourceRequest folder;
    folder.kind = SourceKind::Folder;
    folder.root = dir / "nowhere";
    CHECK(messageOf([&] { validateSource(folder); }).find("does not exist or is not a folder") != std::string::npos);
    ingest::SourceRequest manifest;
    manifest.kind = SourceKind::Manifest;
    manifest.root = dir / "m.csv";
    std::ofstream(manifest.root) << "path,label\n";
    CHECK(messageOf([&] { validateSource(manifest); }) == "Choose the column that holds the image paths.");
    manifest.manifestColumns.image = "path";
    CHECK(messageOf([&] { validateSource(manifest); }).empty());
}
