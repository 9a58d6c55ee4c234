#include "core/errors.h"
#include "core/project/project.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <csignal>

using namespace pixmark;
using test::ChildProcess;

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

    ChildProcess child(
        [&]() -> std::string {
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
            return "no error";
        },
        ChildProcess::After::Exit);
    const std::string& message = child.report();
    CHECK_THAT(message, Catch::Contains("disk may be full"));
    auto project = Project::open(file);
    CHECK(project->submissionCount() == 1);
    CHECK(project->item(items[0]).status == ItemStatus::Labeled);
    CHECK(project->item(items[1]).status == ItemStatus::Unlabeled);
    CHECK(project->currentAnnotations(items[0]).size() == 1);
}
