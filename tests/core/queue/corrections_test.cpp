#include "core/errors.h"
#include "tests/core/queue/queue_fixture.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using test::QueueProject;

namespace {
SubmissionRequest correction(ItemId item, LabelerId who, ClassId labelClass)
{
    return SubmissionRequest{item, who, 400, SubmissionOrigin::Manual, {}, false,
                             {Annotation{labelClass, AnnotationKind::Tag, "", {}}}};
}
} // namespace

TEST_CASE("A labeler reopens an item they submitted and corrects it: a new submission, the current label", "[corrections]")
{
    QueueProject q;
    const auto page = q.project->nextTask(q.ann, 3).items;
    for (const Item& item : page)
        q.tag(item.id, q.ann, q.cat);
    const ItemId middle = page[1].id;

    const SubmissionRecord reopened = q.project->reopenSubmitted(q.ann, middle);
    CHECK(reopened.labelerId == q.ann);
    CHECK_FALSE(reopened.skipped);
    REQUIRE(reopened.annotations.size() == 1);
    CHECK(reopened.annotations[0].classId == q.cat);

    const SubmissionId corrected = q.project->submitCorrection(correction(middle, q.ann, q.dog));
    CHECK(corrected > reopened.id);
    CHECK(q.project->currentAnnotations(middle).at(0).classId == q.dog);
    const auto history = q.project->itemHistory(middle);
    REQUIRE(history.size() == 2);
    CHECK_FALSE(history[0].current);
    CHECK(history[1].current);
    CHECK(history[1].id == corrected);
    CHECK(q.project->item(middle).status == ItemStatus::Labeled);
    CHECK(q.project->recentEvents(1).at(0).first == "label-corrected");

    // Reopened again, the correction is what comes back; the others are untouched.
    CHECK(q.project->reopenSubmitted(q.ann, middle).annotations.at(0).classId == q.dog);
    CHECK(q.project->currentAnnotations(page[0].id).at(0).classId == q.cat);
}

TEST_CASE("A skipped item reopens empty and a correction labels it", "[corrections]")
{
    QueueProject q;
    const ItemId item = q.project->nextTask(q.ann, 1).items.at(0).id;
    q.skip(item, q.ann);
    const SubmissionRecord reopened = q.project->reopenSubmitted(q.ann, item);
    CHECK(reopened.skipped);
    CHECK(reopened.annotations.empty());
    q.project->submitCorrection(correction(item, q.ann, q.cat));
    CHECK(q.project->item(item).status == ItemStatus::Labeled);
}

TEST_CASE("Only the labeler of the current label, or a lead, reopens it", "[corrections][roles]")
{
    QueueProject q;
    const ItemId item = q.project->nextTask(q.ann, 1).items.at(0).id;
    q.tag(item, q.ann, q.cat);
    CHECK_THROWS_AS(q.project->reopenSubmitted(q.bob, item), PermissionError);
    CHECK_THROWS_WITH(q.project->submitCorrection(correction(item, q.bob, q.dog)),
                      Catch::Contains("only a project lead") && Catch::Contains("Ann"));
    CHECK(q.project->itemHistory(item).size() == 1);

    // A lead may correct anyone's label; then it is the lead's, and Ann is refused.
    CHECK(q.project->reopenSubmitted(q.lead, item).labelerId == q.ann);
    q.project->submitCorrection(correction(item, q.lead, q.dog));
    CHECK_THROWS_AS(q.project->reopenSubmitted(q.ann, item), PermissionError);
    // An item never submitted has nothing to reopen (the queue's shuffled order may have
    // handed out any of them above).
    const ItemId neverSubmitted = q.items.back() == item ? q.items.front() : q.items.back();
    CHECK_THROWS_AS(q.project->reopenSubmitted(q.ann, neverSubmitted), ConflictError);
    CHECK_THROWS_AS(q.project->reopenSubmitted(q.ann, 999999), NotFoundError);
}

TEST_CASE("Rejected, approved and consensus labels are not reopened; a paused project takes no correction",
          "[corrections]")
{
    QueueProject q;
    const auto page = q.project->nextTask(q.ann, 3).items;
    for (const Item& item : page)
        q.tag(item.id, q.ann, q.cat);
    q.project->rejectItems({page[0].id}, "blurry");
    CHECK_THROWS_WITH(q.project->reopenSubmitted(q.ann, page[0].id), Catch::Contains("no label now"));
    q.project->approveItems({page[1].id});
    CHECK_THROWS_WITH(q.project->reopenSubmitted(q.ann, page[1].id), Catch::Contains("approved"));

    q.project->setState(ProjectState::Paused);
    CHECK_NOTHROW(q.project->reopenSubmitted(q.ann, page[2].id));
    CHECK_THROWS_AS(q.project->submitCorrection(correction(page[2].id, q.ann, q.dog)), ConflictError);
    CHECK(q.project->itemHistory(page[2].id).size() == 1);
    q.project->setState(ProjectState::Running);

    setQualitySettings(*q.project, QualitySettings{true, 2, false});
    CHECK_THROWS_WITH(q.project->reopenSubmitted(q.ann, page[2].id), Catch::Contains("consensus"));
}
