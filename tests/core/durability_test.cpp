#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

using namespace pixmark;

TEST_CASE("A submission is on disk once submit returns, even if the process is killed", "[durability]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    ClassId cat = 0;
    ItemId item = 0;
    {
        auto project = Project::create(file, "P", TaskType::ClassificationMultiClass);
        cat = project->addClass({"cat"});
        item = project->addItems({Item{0, "cat.png"}}).front();
    }

    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        char status = 'x';
        try {
            auto project = Project::open(file);
            project->submit(SubmissionRequest{item, project->currentLabeler(), 2300, SubmissionOrigin::Manual, {},
                                              false, {Annotation{cat, AnnotationKind::Tag, "", {}}}});
            status = 's';
        } catch (...) {
        }
        // Report, then hang with the project still open: the parent kills us mid-session.
        (void)!write(fds[1], &status, 1);
        pause();
        _exit(0);
    }
    close(fds[1]);
    char status = 0;
    REQUIRE(read(fds[0], &status, 1) == 1);
    close(fds[0]);
    kill(child, SIGKILL);
    int exitStatus = 0;
    waitpid(child, &exitStatus, 0);
    REQUIRE(status == 's');
    CHECK(WIFSIGNALED(exitStatus));

    auto project = Project::open(file);
    CHECK(project->submissionCount() == 1);
    CHECK(project->item(item).status == ItemStatus::Labeled);
    REQUIRE(project->currentAnnotations(item).size() == 1);
    CHECK(project->currentAnnotations(item).front().classId == cat);
}
