#include "core/errors.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;

namespace {

// A multi-class project with classes cat and dog and six unlabeled items.
struct Workflow {
    test::TempDir dir;
    std::filesystem::path file = dir / "w.pixmark";
    std::unique_ptr<Project> project = Project::create(file, "Workflow", TaskType::ClassificationMultiClass);
    ClassId cat = project->addClass({"cat"});
    ClassId dog = project->addClass({"dog"});
    std::vector<ItemId> items = project->addItems({Item{0, "1.png"}, Item{0, "2.png"}, Item{0, "3.png"},
                                                   Item{0, "4.png"}, Item{0, "5.png"}, Item{0, "6.png"}});
    LabelerId ann = project->ensureLabeler("Ann");

    void label(ItemId item, ClassId labelClass, bool skipped = false)
    {
        SubmissionRequest request{item, ann, 700, SubmissionOrigin::Manual, {}, skipped, {}};
        if (!skipped)
            request.annotations.push_back(Annotation{labelClass, AnnotationKind::Tag, "", {}});
        project->submit(request);
    }
    std::int64_t count(ItemCategory category) { return project->dashboard(3600000, 24).progress.at(category); }
};

} // namespace

TEST_CASE("Checked-out items are in progress until submitted and are not handed out twice", "[workflow]")
{
    Workflow w;
    const auto first = w.project->nextTask(w.ann, 4).items;
    REQUIRE(first.size() == 4);
    CHECK(w.count(ItemCategory::InProgress) == 4);
    CHECK(w.count(ItemCategory::Queued) == 2);

    const LabelerId bob = w.project->ensureLabeler("Bob");
    const auto second = w.project->nextTask(bob, 4).items;
    REQUIRE(second.size() == 2);
    for (const Item& item : second)
        for (const Item& held : first)
            CHECK(item.id != held.id);

    w.label(first[0].id, w.cat);
    CHECK(w.count(ItemCategory::InProgress) == 5);
    CHECK(w.count(ItemCategory::Done) == 1);

    w.project->releaseItems(w.ann, {first[1].id});
    CHECK(w.count(ItemCategory::Queued) == 1);
    w.project->releaseAllItems(bob);
    CHECK(w.count(ItemCategory::Queued) == 3);
}

TEST_CASE("Checkouts of a closed session return to the queue", "[workflow]")
{
    Workflow w;
    w.project->nextTask(w.ann, 3).items;
    w.project.reset();
    auto reopened = Project::open(w.file);
    CHECK(reopened->dashboard(60000, 1).progress.at(ItemCategory::Queued) == 6);
}

TEST_CASE("Rejecting a label keeps its history and returns the item to the queue", "[workflow]")
{
    Workflow w;
    w.label(w.items[0], w.cat);
    w.label(w.items[0], w.dog); // relabeled: two submissions, the dog one current
    w.label(w.items[1], w.dog);

    CHECK_THROWS_AS(w.project->rejectItems({w.items[0]}, "  "), ValidationError);
    CHECK_THROWS_WITH(w.project->rejectItems({w.items[2]}, "wrong"), Catch::Contains("no label to reject"));

    CHECK(w.project->rejectItems({w.items[0], w.items[2]}, "It is a fox") == 1);
    CHECK(w.project->item(w.items[0]).status == ItemStatus::Unlabeled);
    CHECK(w.project->currentAnnotations(w.items[0]).empty());
    CHECK(w.count(ItemCategory::Rejected) == 1);
    CHECK(w.project->dashboard(60000, 1).queue.returned == 1);

    const auto history = w.project->itemHistory(w.items[0]);
    REQUIRE(history.size() == 2);
    for (const auto& record : history) {
        CHECK(record.reviewState == ReviewState::Rejected);
        CHECK(record.reviewNote == "It is a fox");
        CHECK(record.reviewerName == w.project->labeler(w.project->currentLabeler()).name);
        CHECK_FALSE(record.current);
    }
    CHECK(history[1].annotations.at(0).classId == w.dog);

    // Labeled again, it is current and back among the labeled items.
    w.label(w.items[0], w.cat);
    CHECK(w.project->itemHistory(w.items[0]).back().current);
    CHECK(w.count(ItemCategory::Rejected) == 0);
    CHECK(w.count(ItemCategory::Done) == 2);
}

TEST_CASE("Review required: labels need review until approved", "[workflow]")
{
    Workflow w;
    setQualitySettings(*w.project, QualitySettings{false, 1, true});
    w.label(w.items[0], w.cat);
    w.label(w.items[1], w.dog);
    CHECK(w.count(ItemCategory::NeedsReview) == 2);
    CHECK(w.project->approveItems({w.items[0], w.items[2]}) == 1);
    CHECK(w.count(ItemCategory::NeedsReview) == 1);
    CHECK(w.count(ItemCategory::Done) == 1);
    CHECK(w.project->itemHistory(w.items[0]).back().reviewState == ReviewState::Accepted);
}

TEST_CASE("Dashboard: distribution by class and labeler, throughput by bucket", "[workflow]")
{
    Workflow w;
    w.label(w.items[0], w.cat);
    w.label(w.items[1], w.cat);
    w.label(w.items[2], w.dog);
    w.label(w.items[3], 0, true);
    const auto stats = w.project->dashboard(60000, 10);
    CHECK(stats.totalItems == 6);
    CHECK(stats.progress.at(ItemCategory::Skipped) == 1);
    CHECK(stats.labelDistribution.at(w.cat) == 2);
    CHECK(stats.labelDistribution.at(w.dog) == 1);
    REQUIRE(stats.labelers.size() == 1);
    CHECK(stats.labelers[0].name == "Ann");
    CHECK(stats.labelers[0].labeled == 3);
    CHECK(stats.labelers[0].skipped == 1);
    REQUIRE(stats.throughput.size() == 10);
    CHECK(stats.throughput.back().submissions == 4);
    CHECK(stats.queue.fresh == 2);
}

TEST_CASE("Data filters combine category, class, labeler, source, prelabels and path", "[workflow]")
{
    Workflow w;
    w.label(w.items[0], w.cat);
    w.label(w.items[1], w.dog);
    w.project->importTags({ImportedTag{w.items[4], w.dog}}, false); // a suggestion only
    const LabelerId bob = w.project->ensureLabeler("Bob");
    w.project->submit(SubmissionRequest{w.items[2], bob, 0, SubmissionOrigin::Manual, {}, false,
                                        {Annotation{w.cat, AnnotationKind::Tag, "", {}}}});

    CHECK(w.project->findItems({}).size() == 6);
    CHECK(w.project->findItems(ItemFilter{ItemCategory::Done, {}, {}, {}, {}, {}}) ==
          std::vector<ItemId>{w.items[0], w.items[1], w.items[2]});
    CHECK(w.project->findItems(ItemFilter{{}, w.cat, {}, {}, {}, {}}) == std::vector<ItemId>{w.items[0], w.items[2]});
    CHECK(w.project->findItems(ItemFilter{{}, w.cat, bob, {}, {}, {}}) == std::vector<ItemId>{w.items[2]});
    CHECK(w.project->findItems(ItemFilter{{}, {}, {}, {}, true, {}}) == std::vector<ItemId>{w.items[4]});
    CHECK(w.project->findItems(ItemFilter{ItemCategory::Queued, {}, {}, {}, false, {}}).size() == 2);
    CHECK(w.project->findItems(ItemFilter{{}, {}, {}, {}, {}, "5.PNG"}) == std::vector<ItemId>{w.items[4]});
    CHECK(w.project->findItems(ItemFilter{{}, {}, {}, SourceId{99}, {}, {}}).empty());

    const auto overviews = w.project->itemOverviews({w.items[1], w.items[4], 12345});
    REQUIRE(overviews.size() == 2);
    CHECK(overviews[0].category == ItemCategory::Done);
    CHECK(overviews[0].classes == std::vector<ClassId>{w.dog});
    CHECK(overviews[1].prelabeled);
    CHECK(overviews[1].category == ItemCategory::Queued);
}

TEST_CASE("Workflow settings are validated and survive reopening", "[workflow]")
{
    Workflow w;
    CHECK_THROWS_WITH(setQualitySettings(*w.project, QualitySettings{true, 1, false}), Catch::Contains("between 2 and 9"));
    CHECK_THROWS_AS(setAssistSettings(*w.project, AssistSettings{true, 3}), ValidationError);
    AssistSettings promise{false, 250};
    CHECK(promise.targetPrecision == 0.95);
    CHECK(promise.calibrationConfidence == 0.8);
    promise.targetPrecision = 1.01;
    CHECK_THROWS_WITH(setAssistSettings(*w.project, promise), Catch::Contains("between 50 % and 100 %"));
    promise.targetPrecision = 0.98;
    promise.calibrationConfidence = 1.0;
    CHECK_THROWS_WITH(setAssistSettings(*w.project, promise), Catch::Contains("between 0 % and 99.9 %"));
    CHECK(assistSettingsOf(*w.project).calibrationConfidence == 0.8); // refused: nothing written
    promise.calibrationConfidence = 0.9;
    CHECK(promise.selfTrainingRounds == 1);
    promise.selfTrainingRounds = kMaxSelfTrainingRounds + 1;
    CHECK_THROWS_WITH(setAssistSettings(*w.project, promise), Catch::Contains("1 to 3 rounds, not 4"));
    promise.selfTrainingRounds = 0;
    CHECK_THROWS_AS(setAssistSettings(*w.project, promise), ValidationError);
    promise.selfTrainingRounds = 2;
    setQualitySettings(*w.project, QualitySettings{true, 3, true});
    setAssistSettings(*w.project, promise);
    w.project.reset();
    auto reopened = Project::open(w.file);
    CHECK(qualitySettingsOf(*reopened).labelersPerItem == 3);
    CHECK(assistSettingsOf(*reopened).startAfterLabels == 250);
    CHECK_FALSE(assistSettingsOf(*reopened).enabled);
    CHECK(assistSettingsOf(*reopened).targetPrecision == 0.98);
    CHECK(assistSettingsOf(*reopened).calibrationConfidence == 0.9);
    CHECK(assistSettingsOf(*reopened).selfTrainingRounds == 2);
    // A hand-edited file with values out of range, or of the wrong type, gets the defaults.
    reopened->setSetting("assist",
                         R"({"target_precision": 7, "calibration_confidence": "very", "self_training_rounds": 40})");
    CHECK(assistSettingsOf(*reopened).targetPrecision == 0.95);
    CHECK(assistSettingsOf(*reopened).selfTrainingRounds == 1);
    CHECK(assistSettingsOf(*reopened).calibrationConfidence == 0.8);
    CHECK_THROWS_AS(reopened->useLabeler(" "), ValidationError);
}
