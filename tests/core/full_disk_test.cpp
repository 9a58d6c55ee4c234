#include "core/errors.h"
#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

using namespace pixmark;

// A full disk is simulated with a file-size limit (RLIMIT_FSIZE) in a child process: its
// writes past the limit fail as they would on a full disk.
TEST_CASE("A submission that cannot be written fails clearly and loses nothing", "[durability][full-disk]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    ClassId cat = 0;
    std::vector<ItemId> items;
    {
        auto project = Project::create(file, "P", TaskType::ObjectDetection);
        cat = project->addClass({"cat"});
        items = project->addItems({Item{0, "a.png"}, Item{0, "b.png"}});
        project->submit(SubmissionRequest{items[0], project->currentLabeler(), 100, SubmissionOrigin::Manual, {},
                                          false, {Annotation{cat, AnnotationKind::Box, R"({"x":1,"y":1,"w":5,"h":5})"}}});
    }

    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        std::string message = "no error";
        try {
            auto project = Project::open(file);
            std::signal(SIGXFSZ, SIG_IGN); // make the write fail with EFBIG instead of killing us
            const rlim_t limit = 16 * 1024;
            rlimit rl{limit, limit};
            setrlimit(RLIMIT_FSIZE, &rl);
            // A polygon far larger than the limit: its WAL frames cannot be written.
            std::string huge = R"({"points":[)";
            for (int i = 0; i < 20000; ++i)
                huge += "[" + std::to_string(i) + "," + std::to_string(i) + "],";
            huge += "[0,0]]}";
            project->submit(SubmissionRequest{items[1], project->currentLabeler(), 100, SubmissionOrigin::Manual, {},
                                              false, {Annotation{cat, AnnotationKind::Polygon, huge}}});
        } catch (const Error& error) {
            message = error.what();
        }
        (void)!write(fds[1], message.data(), message.size());
        _exit(0);
    }
    close(fds[1]);
    std::string message;
    char buffer[512];
    ssize_t n = 0;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0)
        message.append(buffer, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);

    CHECK_THAT(message, Catch::Contains("disk may be full"));
    auto project = Project::open(file);
    CHECK(project->submissionCount() == 1);
    CHECK(project->item(items[0]).status == ItemStatus::Labeled);
    CHECK(project->item(items[1]).status == ItemStatus::Unlabeled);
    CHECK(project->currentAnnotations(items[0]).size() == 1);
}
