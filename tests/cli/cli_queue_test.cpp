#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/cli/run_cli.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace pixmark;
using test::runCli;
using test::runJson;
using Json = nlohmann::json;

namespace {
// A multi-class project "Farm" with cat and dog and six items, consensus with two labelers.
void makeFarm(const test::TempDir& dir)
{
    auto project = Project::create(dir / "farm.pixmark", "Farm", TaskType::ClassificationMultiClass);
    project->addClass({"cat"});
    project->addClass({"dog"});
    std::vector<Item> items;
    for (int k = 1; k <= 6; ++k)
        items.push_back(Item{0, std::to_string(k) + ".png"});
    project->addItems(items);
    setQualitySettings(*project, QualitySettings{true, 2, false});
}
} // namespace

TEST_CASE("cli: queue status, next, requeue and settings", "[cli][queue]")
{
    test::TempDir dir;
    makeFarm(dir);
    const Json next = runJson({"queue", "next", "farm.pixmark", "--as", "Ann", "--page", "4"}, dir);
    CHECK(next["kind"] == "label");
    CHECK(next["labeler"] == "Ann");
    CHECK(next["items"].size() == 4);
    // The command held the page only while it ran.
    const Json status = runJson({"queue", "status", "farm.pixmark"}, dir);
    CHECK(status["queued"] == 6);
    CHECK(status["in_task"] == 0);
    CHECK(status["by_state"]["queued"] == 6);

    runJson({"skip", "farm.pixmark", "3", "--as", "Ann"}, dir);
    runJson({"label", "farm.pixmark", "1", "--class", "cat", "--as", "Ann"}, dir);
    runJson({"label", "farm.pixmark", "1", "--class", "cat", "--as", "Bob"}, dir);
    const Json after = runJson({"queue", "status", "farm.pixmark"}, dir);
    CHECK(after["by_state"]["done"] == 1);
    CHECK(after["queued"] == 5); // the skip in consensus is no vote: item 3 still waits

    const auto refused = runCli({"queue", "requeue", "farm.pixmark", "2", "--as", "Ann"}, dir.path());
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("Only a project lead"));
    const auto notSkipped = runCli({"queue", "requeue", "farm.pixmark", "2"}, dir.path());
    CHECK(notSkipped.exitCode == 1);
    CHECK_THAT(notSkipped.err, Catch::Contains("not skipped"));

    CHECK(runJson({"queue", "settings", "farm.pixmark", "--abandon-after", "45"}, dir)["abandon_after_minutes"] == 45);
    const auto badSeed = runCli({"queue", "settings", "farm.pixmark", "--seed", "5"}, dir.path());
    CHECK(badSeed.exitCode == 1);
    CHECK_THAT(badSeed.err, Catch::Contains("fixed once the project has items"));
    CHECK(runJson({"queue", "return-abandoned", "farm.pixmark"}, dir)["returned"] == 0);

    const Json history = runJson({"history", "farm.pixmark", "1"}, dir);
    REQUIRE(history.size() == 3);
    CHECK(history[0]["role"] == "vote");
    CHECK(history[0]["agrees_with_consensus"] == true);
    CHECK(history[2]["role"] == "consensus");
    CHECK(history[2]["current"] == true);
}

TEST_CASE("cli: labelers and roles, review next", "[cli][queue]")
{
    test::TempDir dir;
    makeFarm(dir);
    runJson({"settings", "farm.pixmark", "--consensus", "false", "--labelers-per-item", "1", "--review-required",
             "true"},
            dir);
    runJson({"label", "farm.pixmark", "2", "--class", "dog", "--as", "Ann"}, dir);
    const auto notLead = runCli({"review", "next", "farm.pixmark", "--as", "Ann"}, dir.path());
    CHECK(notLead.exitCode == 1);
    const Json review = runJson({"review", "next", "farm.pixmark"}, dir);
    CHECK(review["kind"] == "review");
    REQUIRE(review["items"].size() == 1);
    CHECK(review["items"][0]["id"] == 2);

    const Json labelers = runJson({"labelers", "farm.pixmark", "--set-role", "lead", "--name", "Ann"}, dir);
    bool annIsLead = false;
    for (const auto& labeler : labelers)
        annIsLead = annIsLead || (labeler["name"] == "Ann" && labeler["role"] == "lead");
    CHECK(annIsLead);
    CHECK(runJson({"review", "approve", "farm.pixmark", "2", "--as", "Ann"}, dir)["approved"] == 1);
    const auto bad = runCli({"labelers", "farm.pixmark", "--set-role", "boss", "--name", "Ann"}, dir.path());
    CHECK(bad.exitCode == 2);
}

TEST_CASE("cli: package create, label the package, merge twice", "[cli][package]")
{
    test::TempDir dir;
    makeFarm(dir);
    const Json created = runJson({"package", "create", "farm.pixmark", "-l", "Ann", "-l", "Bob", "--count", "4",
                                  "--overlap", "2", "--out", "packages"},
                                 dir);
    REQUIRE(created["packages"].size() == 2);
    CHECK(created["packages"][0]["items"] == 4);
    const std::string annPackage = created["packages"][0]["file"];
    const std::string bobPackage = created["packages"][1]["file"];

    // The labelers label in their packages with the same CLI (as the package's labeler).
    for (const auto& package : {annPackage, bobPackage}) {
        const Json page = runJson({"queue", "next", package, "--page", "9"}, dir);
        for (const auto& item : page["items"])
            runJson({"label", package, std::to_string(item["id"].get<int>()), "--class", "cat"}, dir);
    }
    const auto wrongName = runCli({"label", annPackage, "1", "--class", "cat", "--as", "Mallory"}, dir.path());
    CHECK(wrongName.exitCode == 1);
    CHECK_THAT(wrongName.err, Catch::Contains("This work package is for Ann"));

    const Json merged = runJson({"package", "merge", "farm.pixmark", annPackage, bobPackage}, dir);
    CHECK(merged["merges"][0]["merged"] == 4);
    CHECK(merged["merges"][1]["merged"] == 4);
    CHECK(merged["merges"][1]["consensus_agreed"] == 4);
    const Json again = runJson({"package", "merge", "farm.pixmark", annPackage}, dir);
    CHECK(again["merges"][0]["merged"] == 0);
    CHECK(again["merges"][0]["already_merged"] == 4);
    CHECK(runJson({"dashboard", "farm.pixmark"}, dir)["progress"]["done"] == 4);

    const auto noSelection = runCli({"package", "create", "farm.pixmark", "-l", "Cy"}, dir.path());
    CHECK(noSelection.exitCode == 1);
    CHECK_THAT(noSelection.err, Catch::Contains("Choose the items one way"));
    const auto notAPackage = runCli({"package", "merge", "farm.pixmark", "farm.pixmark"}, dir.path());
    CHECK(notAPackage.exitCode == 1);
}

TEST_CASE("cli: a labeler cannot export, a lead can", "[cli][roles]")
{
    test::TempDir dir;
    makeFarm(dir);
    runJson({"label", "farm.pixmark", "1", "--class", "cat", "--as", "Ann"}, dir);
    const auto refused = runCli({"export", "farm.pixmark", "--as", "Ann", "--out", "exports"}, dir.path());
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("Only a project lead can export"));
    CHECK_FALSE(std::filesystem::exists(dir / "exports"));
    // Ann's label is one consensus vote, so nothing is final yet: an empty export is valid.
    const Json empty = runJson({"export", "farm.pixmark", "--out", "exports"}, dir);
    CHECK(empty["images"] == 0);
    CHECK(empty["annotations"] == 0);
}
