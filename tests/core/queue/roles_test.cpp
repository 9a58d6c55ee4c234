#include "core/errors.h"
#include "tests/core/queue/queue_fixture.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using test::QueueProject;

TEST_CASE("The person who creates a project is its lead; new labelers are labelers", "[roles]")
{
    QueueProject q;
    CHECK(q.project->currentRole() == LabelerRole::Lead);
    CHECK(q.project->labeler(q.ann).role == "labeler");
    CHECK_FALSE(q.project->labeler(q.ann).uuid.empty());
    CHECK(q.project->labeler(q.ann).uuid != q.project->labeler(q.bob).uuid);
    CHECK_THROWS_WITH(q.project->useLabeler("consensus"), Catch::Contains("consensus results"));
    CHECK_THROWS_WITH(q.project->useLabeler("import"), Catch::Contains("imported labels"));
}

TEST_CASE("A labeler cannot change settings, classes or sources, review others' work or requeue", "[roles]")
{
    QueueProject q;
    const auto done = q.project->nextTask(q.ann, 2).items;
    q.tag(done[0].id, q.ann, q.cat);
    q.skip(done[1].id, q.ann);
    const auto classesBefore = q.project->classes();
    const auto infoBefore = q.project->info();

    q.project->useLabeler("Bob");
    CHECK(q.project->currentRole() == LabelerRole::Labeler);
    const auto refused = [](const std::function<void()>& action) {
        CHECK_THROWS_AS(action(), PermissionError);
    };
    refused([&] { q.project->addClass({"bird"}); });
    refused([&] { q.project->renameClass(q.cat, "kitten"); });
    refused([&] { q.project->recolorClass(q.cat, "#ff0000"); });
    refused([&] { q.project->archiveClass(q.dog); });
    refused([&] { q.project->moveClass(q.dog, 0); });
    refused([&] { q.project->setClassHotkey(q.cat, std::nullopt); });
    refused([&] { q.project->rename("Mine"); });
    refused([&] { q.project->setState(ProjectState::Paused); });
    refused([&] { q.project->setInstructions("no", ""); });
    refused([&] { setQualitySettings(*q.project, QualitySettings{true, 2, false}); });
    refused([&] { setAssistSettings(*q.project, AssistSettings{false, 100}); });
    refused([&] { q.project->setQueueSettings(QueueSettings{10, q.project->queueSettings().seed}); });
    refused([&] { q.project->addSource(DataSource{}); });
    refused([&] { q.project->rejectItems({done[0].id}, "bad"); });
    refused([&] { q.project->approveItems({done[0].id}); });
    refused([&] { q.project->requeueItems({done[1].id}); });
    refused([&] { q.project->nextReviewTask(1); });
    refused([&] { q.project->setLabelerRole(q.bob, LabelerRole::Lead); });
    CHECK_THROWS_WITH(q.project->addClass({"bird"}), Catch::Contains("Only a project lead can add classes") &&
                                                         Catch::Contains("Bob"));

    // Nothing changed; labeling still works.
    CHECK(q.project->classes().size() == classesBefore.size());
    CHECK(q.project->info().name == infoBefore.name);
    CHECK(q.project->info().state == ProjectState::Running);
    CHECK(q.categoryOf(done[0].id) == ItemCategory::Done);
    const auto mine = q.project->nextTask(q.bob, 1).items;
    REQUIRE(mine.size() == 1);
    q.tag(mine[0].id, q.bob, q.dog);
}

TEST_CASE("A lead can make a labeler a lead, and the last lead stays a lead", "[roles]")
{
    QueueProject q;
    CHECK_THROWS_AS(q.project->setLabelerRole(q.lead, LabelerRole::Labeler), ConflictError);
    q.project->setLabelerRole(q.ann, LabelerRole::Lead);
    q.project->useLabeler("Ann");
    q.project->addClass({"bird"});
    q.project->setLabelerRole(q.lead, LabelerRole::Labeler);
    CHECK(q.project->labeler(q.lead).role == "labeler");
    CHECK_THROWS_AS(q.project->setLabelerRole(q.ann, LabelerRole::Labeler), ConflictError);
}
