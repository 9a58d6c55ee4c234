#include "core/errors.h"
#include "core/project/project.h"
#include "core/store/project_lock.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace pixmark;
using test::ChildProcess;

namespace {
// A child body that opens the project for writing and keeps it open until killed.
std::function<std::string()> holdOpen(const std::filesystem::path& file)
{
    return [file] {
        Project::open(file).release(); // stays open for the child's whole (killed) life
        return std::string("open");
    };
}
} // namespace


TEST_CASE("A second writer in another process is refused with the holder's host and pid", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::ObjectDetection).reset();
    ChildProcess child(holdOpen(file), ChildProcess::After::StayUntilKilled);
    REQUIRE(child.report() == "open");
    const std::string owner = "/" + std::to_string(child.pid());
    CHECK_THROWS_AS(Project::open(file), ProjectInUseError);
    try {
        Project::open(file);
    } catch (const ProjectInUseError& error) {
        CHECK_THAT(error.what(), Catch::Contains("is in use by") && Catch::Contains(owner));
        CHECK_THAT(error.owner(), Catch::EndsWith(owner));
    }
    // Reading beside the writer is allowed.
    CHECK(Project::open(file, Project::Access::ReadOnly)->info().name == "P");
}

TEST_CASE("A second writer in the same process is refused too", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    auto first = Project::create(file, "P", TaskType::ObjectDetection);
    CHECK_THROWS_WITH(Project::open(file), Catch::Contains(store::thisProcessOwner()));
    first.reset();
    CHECK_NOTHROW(Project::open(file));
}

TEST_CASE("The lock of a killed process is taken over", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::ObjectDetection).reset();
    ChildProcess child(holdOpen(file), ChildProcess::After::StayUntilKilled);
    REQUIRE(child.report() == "open");
    const pid_t crashed = child.pid();
    CHECK(child.kill());
    REQUIRE(std::filesystem::exists(store::ProjectLock::lockFileFor(file))); // left behind by the crash
    auto project = Project::open(file);
    REQUIRE(project->tookOverStaleLockFrom());
    CHECK_THAT(*project->tookOverStaleLockFrom(), Catch::EndsWith("/" + std::to_string(crashed)));
    CHECK(project->recentEvents(1).front().first == "stale-lock-taken-over");
}

TEST_CASE("A stale lock file naming another host is taken over", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::ObjectDetection).reset();
    std::ofstream(store::ProjectLock::lockFileFor(file)) << "field-laptop-7/4242\n";
    auto project = Project::open(file);
    CHECK(project->tookOverStaleLockFrom() == std::optional<std::string>("field-laptop-7/4242"));
    project.reset();
    CHECK_FALSE(std::filesystem::exists(store::ProjectLock::lockFileFor(file))); // a clean close removes it
}

TEST_CASE("A second writer arriving through a symbolic link is refused too", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    auto first = Project::create(file, "P", TaskType::ObjectDetection);
    std::filesystem::create_symlink(file, dir / "link.pixmark");
    CHECK_THROWS_AS(Project::open(dir / "link.pixmark"), ProjectInUseError);
    first.reset();
    auto viaLink = Project::open(dir / "link.pixmark");
    CHECK(viaLink->file() == std::filesystem::canonical(file));
    CHECK(viaLink->cacheFolder() == dir / "p.cache");
}

TEST_CASE("A worker connection writes under the owner's lock and leaves the owner's pages alone", "[lock]")
{
    test::TempDir dir;
    auto owner = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    owner->addClass({"a"});
    owner->addItems({Item{0, "1.png"}, Item{0, "2.png"}, Item{0, "3.png"}});
    const LabelerId me = owner->currentLabeler();
    const Task held = owner->nextTask(me, 2);
    REQUIRE(held.items.size() == 2);
    {
        auto worker = owner->openWorkerConnection();
        const RunId run = worker->startRun(RunKind::Training, 0, "{}");
        worker->finishRun(run, RunOutcome{RunStatus::Succeeded, "{}", "", ""});
        CHECK(owner->run(run)->status == RunStatus::Succeeded); // the owner sees it at once
        // Another process is still refused while both are open.
        CHECK_THROWS_AS(Project::open(dir / "p.pixmark"), ProjectInUseError);
    }
    // Closing the worker gave nothing back: the owner's page is still held.
    CHECK(owner->queueCounts().inTask == 2);
    CHECK(owner->nextTask(me, 3).items.size() == 1);

    auto readOnly = Project::open(dir / "p.pixmark", Project::Access::ReadOnly);
    CHECK_THROWS_AS(readOnly->openWorkerConnection(), ProjectFileError);
}
