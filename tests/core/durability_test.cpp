#include "core/project/project.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using test::ChildProcess;

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

    ChildProcess child(
        [&] {
            auto project = Project::open(file);
            project->submit(SubmissionRequest{item, project->currentLabeler(), 2300, SubmissionOrigin::Manual, {},
                                              false, {Annotation{cat, AnnotationKind::Tag, "", {}}}});
            return "submitted"; // and hang with the project open: we kill it mid-session
        },
        ChildProcess::After::StayUntilKilled);
    REQUIRE(child.report() == "submitted");
    CHECK(child.kill());

    auto project = Project::open(file);
    CHECK(project->submissionCount() == 1);
    CHECK(project->item(item).status == ItemStatus::Labeled);
    REQUIRE(project->currentAnnotations(item).size() == 1);
    CHECK(project->currentAnnotations(item).front().classId == cat);
}
