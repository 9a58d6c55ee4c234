#include "core/errors.h"
#include "core/project/project.h"
#include "core/store/project_lock.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

using namespace pixmark;

namespace {

// Runs body in a child process that reports readiness through a pipe and then waits
// to be killed. Returns the child's pid once it is ready.
template <class Body>
pid_t startChild(Body body)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char status = 'x';
        try {
            body();
            status = 'r';
        } catch (...) {
        }
        (void)!write(fds[1], &status, 1);
        pause();
        _exit(0);
    }
    close(fds[1]);
    char status = 0;
    REQUIRE(read(fds[0], &status, 1) == 1);
    close(fds[0]);
    REQUIRE(status == 'r');
    return pid;
}

void killAndReap(pid_t pid)
{
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

} // namespace

TEST_CASE("A second writer in another process is refused with the holder's host and pid", "[lock]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::ObjectDetection).reset();
    std::unique_ptr<Project> held;
    const pid_t child = startChild([&] { held = Project::open(file); });
    const std::string owner = "/" + std::to_string(child);
    CHECK_THROWS_AS(Project::open(file), ProjectInUseError);
    try {
        Project::open(file);
    } catch (const ProjectInUseError& error) {
        CHECK_THAT(error.what(), Catch::Contains("is in use by") && Catch::Contains(owner));
        CHECK_THAT(error.owner(), Catch::EndsWith(owner));
    }
    // Reading beside the writer is allowed.
    CHECK(Project::open(file, Project::Access::ReadOnly)->info().name == "P");
    killAndReap(child);
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
    std::unique_ptr<Project> held;
    const pid_t child = startChild([&] { held = Project::open(file); });
    killAndReap(child);
    REQUIRE(std::filesystem::exists(store::ProjectLock::lockFileFor(file))); // left behind by the crash
    auto project = Project::open(file);
    REQUIRE(project->tookOverStaleLockFrom());
    CHECK_THAT(*project->tookOverStaleLockFrom(), Catch::EndsWith("/" + std::to_string(child)));
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
