// Consensus through the Project API: labelers served by the queue, votes submitted to a
// real project file, and the outcome read back as the GUI reads it (categories, current
// labels, history, dashboard). Each case builds a disagreement whose answer is known.
#include "core/errors.h"
#include "core/util/clock.h"
#include "tests/core/consensus/consensus_test_util.h"
#include "tests/core/queue/queue_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

using namespace pixmark;
using test::idsOf;
using test::QueueProject;

namespace {

QualitySettings consensusSettings(int labelers, int maxLabelers = 0, double agreement = 0.5)
{
    QualitySettings settings;
    settings.consensus = true;
    settings.labelersPerItem = labelers;
    settings.maxLabelersPerItem = maxLabelers;
    settings.agreement = agreement;
    return settings;
}

SubmissionId submitAs(QueueProject& q, LabelerId who, ItemId item, const std::vector<Annotation>& annotations)
{
    return q.project->submit(SubmissionRequest{item, who, 500, SubmissionOrigin::Manual, {}, false, annotations});
}

/// The labeler asks for the next item, gets exactly `item`, and submits `annotations`.
void voteOn(QueueProject& q, LabelerId who, ItemId item, const std::vector<Annotation>& annotations)
{
    const Task task = q.project->nextTask(who, 1);
    REQUIRE(idsOf(task) == std::vector<ItemId>{item});
    submitAs(q, who, item, annotations);
}

bool servedNothing(QueueProject& q, LabelerId who)
{
    const Task task = q.project->nextTask(who, 9);
    if (task.id != 0)
        q.project->releaseAllItems(who);
    return task.id == 0 && task.items.empty();
}

/// The labeler's latest vote in the item's history.
SubmissionRecord voteOf(const std::vector<SubmissionRecord>& history, LabelerId who)
{
    for (auto it = history.rbegin(); it != history.rend(); ++it)
        if (it->labelerId == who && it->role == SubmissionRole::Vote)
            return *it;
    FAIL("no vote of labeler " << who);
    return {};
}

std::vector<SubmissionRecord> withRole(const std::vector<SubmissionRecord>& history, SubmissionRole role)
{
    std::vector<SubmissionRecord> found;
    std::copy_if(history.begin(), history.end(), std::back_inserter(found),
                 [role](const SubmissionRecord& r) { return r.role == role; });
    return found;
}

LabelerActivity activityOf(const DashboardStats& stats, LabelerId who)
{
    const auto it = std::find_if(stats.labelers.begin(), stats.labelers.end(),
                                 [who](const LabelerActivity& a) { return a.labelerId == who; });
    REQUIRE(it != stats.labelers.end());
    return *it;
}

std::set<ClassId> classesOf(const std::vector<Annotation>& annotations)
{
    std::set<ClassId> classes;
    for (const Annotation& annotation : annotations)
        classes.insert(annotation.classId);
    return classes;
}

std::vector<Annotation> tags(std::initializer_list<ClassId> classes)
{
    std::vector<Annotation> annotations;
    for (ClassId id : classes)
        annotations.push_back(test::tag(id));
    return annotations;
}

} // namespace

TEST_CASE("Consensus multi-class: two of three agree, the item is done and each labeler's agreement is counted",
          "[consensus][queue]")
{
    QueueProject q(2);
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId a = q.items[0];
    const ItemId b = q.items[1];
    // Item a: Ann and Bob say cat, Cy dog. Item b: Bob and Cy say cat, Ann dog.
    const std::map<LabelerId, std::pair<ClassId, ClassId>> answers{
        {q.ann, {q.cat, q.dog}}, {q.bob, {q.cat, q.cat}}, {q.cy, {q.dog, q.cat}}};
    for (LabelerId who : {q.ann, q.bob, q.cy}) {
        const Task task = q.project->nextTask(who, 2);
        const auto ids = idsOf(task);
        REQUIRE(std::set<ItemId>(ids.begin(), ids.end()) == std::set<ItemId>{a, b});
        q.tag(a, who, answers.at(who).first);
        q.tag(b, who, answers.at(who).second);
        if (who != q.cy) {
            // A vote is not a label: the items wait for more labelers.
            CHECK(q.categoryOf(a) == ItemCategory::Labeled);
            CHECK(q.project->currentAnnotations(a).empty());
            CHECK_FALSE(q.project->hasLabels());
        }
        if (who == q.bob) {
            // The votes survive closing and reopening the project file.
            const auto file = q.project->file();
            q.project.reset();
            q.project = Project::open(file);
            CHECK(qualitySettingsOf(*q.project).consensus);
        }
    }

    for (ItemId id : {a, b}) {
        CHECK(q.categoryOf(id) == ItemCategory::Done);
        const auto current = q.project->currentAnnotations(id);
        REQUIRE(current.size() == 1);
        CHECK(current[0].classId == q.cat);
        CHECK(current[0].kind == AnnotationKind::Tag);
    }
    const auto history = q.project->itemHistory(a);
    REQUIRE(history.size() == 4);
    CHECK(withRole(history, SubmissionRole::Vote).size() == 3);
    const auto results = withRole(history, SubmissionRole::Consensus);
    REQUIRE(results.size() == 1);
    CHECK(results[0].current);
    CHECK(results[0].labelerName == "consensus");
    CHECK(voteOf(history, q.ann).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.bob).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.cy).agreesWithConsensus == std::optional<bool>(false));
    for (const SubmissionRecord& vote : withRole(history, SubmissionRole::Vote))
        CHECK_FALSE(vote.current);

    const DashboardStats stats = q.project->dashboard(3'600'000, 1);
    CHECK(activityOf(stats, q.ann).consensusVotes == 2);
    CHECK(activityOf(stats, q.ann).agreementRate == Approx(0.5));
    CHECK(activityOf(stats, q.bob).consensusVotes == 2);
    CHECK(activityOf(stats, q.bob).agreementRate == Approx(1.0));
    CHECK(activityOf(stats, q.cy).agreementRate == Approx(0.5));
    CHECK(stats.progress.at(ItemCategory::Done) == 2);
    CHECK(stats.labelDistribution.at(q.cat) == 2);
    // The consensus labeler is not a person doing work.
    CHECK(std::none_of(stats.labelers.begin(), stats.labelers.end(),
                       [](const LabelerActivity& l) { return l.name == "consensus"; }));

    // Nothing is left for anyone.
    for (LabelerId who : {q.ann, q.bob, q.cy, q.lead, q.project->ensureLabeler("Dee")})
        CHECK(servedNothing(q, who));
}

TEST_CASE("Consensus multi-class: three different answers at the maximum go to the lead, who decides",
          "[consensus][queue]")
{
    QueueProject q(1);
    const ClassId bird = q.project->addClass({"bird"});
    setQualitySettings(*q.project, consensusSettings(3, 3));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.dog}));
    voteOn(q, q.cy, item, tags({bird}));

    CHECK(q.categoryOf(item) == ItemCategory::NeedsReview);
    CHECK(q.project->currentAnnotations(item).empty());
    CHECK(withRole(q.project->itemHistory(item), SubmissionRole::Consensus).empty());
    for (LabelerId who : {q.ann, q.bob, q.cy, q.lead, q.project->ensureLabeler("Dee")})
        CHECK(servedNothing(q, who));

    // A labeler cannot take it from the review queue.
    q.project->useLabeler("Bob");
    CHECK_THROWS_AS(q.project->nextReviewTask(1), PermissionError);
    q.project->useLabeler(q.project->labeler(q.lead).name);
    REQUIRE(q.project->currentRole() == LabelerRole::Lead);

    const Task review = q.project->nextReviewTask(5);
    CHECK(review.kind == TaskKind::Review);
    REQUIRE(idsOf(review) == std::vector<ItemId>{item});
    q.tag(item, q.lead, q.dog);

    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.dog);
    const auto history = q.project->itemHistory(item);
    REQUIRE(history.size() == 4);
    CHECK(history.back().labelerId == q.lead);
    CHECK(history.back().role == SubmissionRole::Label);
    CHECK(history.back().current);
    CHECK(withRole(history, SubmissionRole::Vote).size() == 3);
    CHECK(q.project->nextReviewTask(5).id == 0);
    CHECK(q.project->queueCounts().openTasks.empty());
}

// A labeler whose task was abandoned can still submit the item (the window stays open):
// the late vote is kept in history but does not change a decided item.
TEST_CASE("Consensus: a late vote after a dispute at the maximum does not decide it",
          "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(2, 2));
    const ItemId item = q.items[0];
    REQUIRE(idsOf(q.project->nextTask(q.cy, 1)) == std::vector<ItemId>{item});
    advanceClockForTesting(31 * 60'000); // Cy's task is abandoned; the item goes to others
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.dog}));
    REQUIRE(q.categoryOf(item) == ItemCategory::NeedsReview);
    REQUIRE(idsOf(q.project->nextReviewTask(1)) == std::vector<ItemId>{item});

    // Cy's window was still open: a third vote beyond the maximum of two.
    q.tag(item, q.cy, q.cat);
    CHECK(q.categoryOf(item) == ItemCategory::NeedsReview);
    CHECK(q.project->currentAnnotations(item).empty());
    CHECK(withRole(q.project->itemHistory(item), SubmissionRole::Consensus).empty());
}

TEST_CASE("Consensus: a late submission by a labeler does not replace the agreed result",
          "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(2));
    const ItemId item = q.items[0];
    REQUIRE(idsOf(q.project->nextTask(q.cy, 1)) == std::vector<ItemId>{item});
    advanceClockForTesting(31 * 60'000);
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.cat}));
    REQUIRE(q.categoryOf(item) == ItemCategory::Done);

    q.tag(item, q.cy, q.dog);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.cat);
    CHECK(q.project->itemHistory(item).back().role != SubmissionRole::Label);
}

// One bad or outdated vote must not block every later labeler of the item: invalid
// geometry is refused at submit, and votes that cannot be compared go to a lead.
TEST_CASE("Consensus: an earlier labeler's invalid box does not block the next labeler",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::ObjectDetection);
    setQualitySettings(*q.project, consensusSettings(2));
    const ItemId item = q.items[0];
    const Annotation negative{q.cat, AnnotationKind::Box, R"({"x":10,"y":10,"w":-5,"h":20})", {}};
    bool refusedAtOnce = false;
    try {
        submitAs(q, q.ann, item, {negative});
    } catch (const ValidationError&) {
        refusedAtOnce = true; // refusing the invalid box itself would be fine
    }
    CHECK_NOTHROW(submitAs(q, q.bob, item, {test::box(q.cat, 10, 10, 50, 20)}));
    CHECK(q.project->itemHistory(item).size() == (refusedAtOnce ? 1u : 2u));
}

TEST_CASE("Consensus: masks drawn before and after the item's file changed size do not block it",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::SemanticSegmentation);
    setQualitySettings(*q.project, consensusSettings(2));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, {test::mask(q.cat, {"1100", "1100"})});
    // The file was replaced by a larger version; the next labeler draws on the new size.
    Item changed = q.project->item(item);
    changed.width = 8;
    changed.height = 4;
    q.project->updateItemFiles({changed});
    REQUIRE(idsOf(q.project->nextTask(q.bob, 1)) == std::vector<ItemId>{item});
    CHECK_NOTHROW(submitAs(q, q.bob, item, {test::mask(q.cat, {"11000000", "11000000", "00000000", "00000000"})}));
    CHECK(q.project->itemHistory(item).size() >= 2);
}

TEST_CASE("Consensus multi-class: a tie below the maximum asks one more labeler, whose vote breaks it",
          "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(2, 3));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    voteOn(q, q.bob, item, tags({q.dog}));

    // 1 against 1: not agreed, not yet disputed; it waits for a third labeler.
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    CHECK(q.project->currentAnnotations(item).empty());
    CHECK(servedNothing(q, q.ann));
    CHECK(servedNothing(q, q.bob));
    CHECK(q.project->queueCounts().queued == 1);

    voteOn(q, q.cy, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.cat);
    const auto history = q.project->itemHistory(item);
    CHECK(voteOf(history, q.ann).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.bob).agreesWithConsensus == std::optional<bool>(false));
    CHECK(voteOf(history, q.cy).agreesWithConsensus == std::optional<bool>(true));
    CHECK(servedNothing(q, q.project->ensureLabeler("Dee")));
}

TEST_CASE("Consensus multi-class: a third different answer at the maximum is disputed", "[consensus][queue]")
{
    QueueProject q(1);
    const ClassId bird = q.project->addClass({"bird"});
    setQualitySettings(*q.project, consensusSettings(2, 3));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.dog}));
    voteOn(q, q.cy, item, tags({bird}));
    CHECK(q.categoryOf(item) == ItemCategory::NeedsReview);
    CHECK(servedNothing(q, q.project->ensureLabeler("Dee")));
    CHECK(idsOf(q.project->nextReviewTask(1)) == std::vector<ItemId>{item});
}

TEST_CASE("Consensus multi-class: a stricter agreement asks more labelers until enough agree", "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(3, 4, 0.75));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.cat}));
    voteOn(q, q.cy, item, tags({q.dog}));
    // 2 of 3 is below 75 %: one more labeler.
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    const LabelerId dee = q.project->ensureLabeler("Dee");
    voteOn(q, dee, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Done); // 3 of 4
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.cat);
    CHECK(voteOf(q.project->itemHistory(item), dee).agreesWithConsensus == std::optional<bool>(true));
}

TEST_CASE("Consensus with review: the agreed result waits for a lead's approval", "[consensus][queue][review]")
{
    QueueProject q(1);
    QualitySettings settings = consensusSettings(2);
    settings.reviewRequired = true;
    setQualitySettings(*q.project, settings);
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.dog}));
    CHECK(q.project->nextReviewTask(5).id == 0); // one vote is nothing to review yet
    voteOn(q, q.bob, item, tags({q.dog}));
    CHECK(q.categoryOf(item) == ItemCategory::NeedsReview);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.dog);
    REQUIRE(idsOf(q.project->nextReviewTask(5)) == std::vector<ItemId>{item});
    CHECK(q.project->approveItems({item}) == 1);
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto result = withRole(q.project->itemHistory(item), SubmissionRole::Consensus);
    REQUIRE(result.size() == 1);
    CHECK(result[0].reviewState == ReviewState::Accepted);
    CHECK(q.project->itemOverviews({item}).at(0).classes == std::vector<ClassId>{q.dog});
}

TEST_CASE("Consensus multi-label: each class present when most labelers chose it", "[consensus][queue]")
{
    QueueProject q(1, TaskType::ClassificationMultiLabel);
    const ClassId bird = q.project->addClass({"bird"});
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId item = q.items[0];
    // cat 2 of 3, dog 2 of 3, bird 1 of 3.
    voteOn(q, q.ann, item, tags({q.cat, q.dog}));
    voteOn(q, q.bob, item, tags({q.dog, q.cat}));
    voteOn(q, q.cy, item, tags({bird, q.dog}));

    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    CHECK(classesOf(current) == std::set<ClassId>{q.cat, q.dog});
    CHECK(current.size() == 2);
    for (const Annotation& annotation : current)
        CHECK(annotation.kind == AnnotationKind::Tag);
    const auto history = q.project->itemHistory(item);
    CHECK(voteOf(history, q.ann).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.bob).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.cy).agreesWithConsensus == std::optional<bool>(false));
}

TEST_CASE("Consensus multi-label: a class chosen by half of two labelers is undecided and asks a third",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::ClassificationMultiLabel);
    setQualitySettings(*q.project, consensusSettings(2, 3));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat, q.dog}));
    voteOn(q, q.bob, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    voteOn(q, q.cy, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    CHECK(classesOf(q.project->currentAnnotations(item)) == std::set<ClassId>{q.cat});
}

TEST_CASE("Consensus object detection: the kept box is the per-coordinate median, a lone box is dropped",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::ObjectDetection);
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId item = q.items[0];
    // The cat: x1 (10, 14, 12), y1 (20, 18, 22), x2 (110, 110, 116), y2 (70, 74, 70).
    // The dog only Ann and Bob drew (kept, median of two = mean); the bird only Cy (dropped).
    voteOn(q, q.ann, item, {test::box(q.cat, 10, 20, 100, 50), test::box(q.dog, 200, 50, 40, 40)});
    voteOn(q, q.bob, item, {test::box(q.dog, 202, 52, 40, 40), test::box(q.cat, 14, 18, 96, 56)});
    voteOn(q, q.cy, item, {test::box(q.cat, 12, 22, 104, 48), test::box(q.cat, 400, 300, 30, 30)});

    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 2);
    std::map<ClassId, Box> boxes;
    for (const Annotation& annotation : current) {
        CHECK(annotation.kind == AnnotationKind::Box);
        boxes[annotation.classId] = parseBox(annotation.geometry);
    }
    CHECK(boxes.at(q.cat) == Box{12, 20, 98, 50});
    CHECK(boxes.at(q.dog) == Box{201, 51, 40, 40});
    const auto history = q.project->itemHistory(item);
    CHECK(voteOf(history, q.ann).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.bob).agreesWithConsensus == std::optional<bool>(true));
    CHECK(voteOf(history, q.cy).agreesWithConsensus == std::optional<bool>(false));
}

TEST_CASE("Consensus object detection: labelers who all drew nothing agree on nothing", "[consensus][queue]")
{
    QueueProject q(1, TaskType::ObjectDetection);
    setQualitySettings(*q.project, consensusSettings(2));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, {});
    voteOn(q, q.bob, item, {});
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    CHECK(q.project->currentAnnotations(item).empty());
    const auto history = q.project->itemHistory(item);
    REQUIRE(withRole(history, SubmissionRole::Consensus).size() == 1);
    CHECK(withRole(history, SubmissionRole::Consensus)[0].current);
}

TEST_CASE("Consensus instance segmentation: three similar squares give one polygon of the majority area",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::InstanceSegmentation);
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId item = q.items[0];
    // 40-pixel squares shifted by 2 pixels right and down: the region inside at least two
    // of them is the first square without its 2 x 2 top-left corner, 1600 - 4 pixels.
    voteOn(q, q.ann, item, {test::polygon(q.cat, test::square(10, 10, 40))});
    voteOn(q, q.bob, item, {test::polygon(q.cat, test::square(12, 10, 40))});
    voteOn(q, q.cy, item, {test::polygon(q.cat, test::square(10, 12, 40))});

    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.cat);
    REQUIRE(current[0].kind == AnnotationKind::Polygon);
    const Polygon merged = parsePolygon(current[0].geometry);
    CHECK(std::abs(area(merged) - 1596.0) <= 0.02 * 1596.0);
    const Box bounds = boundingBox(merged);
    CHECK(bounds.x == Approx(10).margin(1));
    CHECK(bounds.y == Approx(10).margin(1));
    CHECK(bounds.w == Approx(40).margin(1));
    CHECK(bounds.h == Approx(40).margin(1));
    const auto history = q.project->itemHistory(item);
    for (LabelerId who : {q.ann, q.bob, q.cy})
        CHECK(voteOf(history, who).agreesWithConsensus == std::optional<bool>(true));
}

TEST_CASE("Consensus semantic segmentation: the result has exactly the pixels most labelers gave each class",
          "[consensus][queue]")
{
    QueueProject q(1, TaskType::SemanticSegmentation);
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId item = q.items[0];
    // cat: 3 + 3 pixels with 3 votes, (0,2) with 2 votes (cat), (0,3) with 1 (background).
    // dog: (2,4), (2,5) with 2 votes, (3,4), (3,5) with 3, (2,3) with 1 (background).
    voteOn(q, q.ann, item,
           {test::mask(q.cat, {"111000", "111000", "000000", "000000"}),
            test::mask(q.dog, {"000000", "000000", "000011", "000011"})});
    voteOn(q, q.bob, item,
           {test::mask(q.cat, {"110000", "111000", "000000", "000000"}),
            test::mask(q.dog, {"000000", "000000", "000111", "000011"})});
    voteOn(q, q.cy, item,
           {test::mask(q.cat, {"111100", "111000", "000000", "000000"}),
            test::mask(q.dog, {"000000", "000000", "000000", "000011"})});

    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 2);
    std::map<ClassId, std::vector<std::uint8_t>> pixels;
    for (const Annotation& annotation : current) {
        REQUIRE(annotation.kind == AnnotationKind::Mask);
        const MaskRle mask = parseMask(annotation.geometry);
        CHECK(mask.height == 4);
        CHECK(mask.width == 6);
        pixels[annotation.classId] = decodeMask(mask);
    }
    const auto count = [](const std::vector<std::uint8_t>& bitmap) {
        return std::count(bitmap.begin(), bitmap.end(), std::uint8_t{1});
    };
    CHECK(count(pixels.at(q.cat)) == 6);
    CHECK(count(pixels.at(q.dog)) == 4);
    CHECK(pixels.at(q.cat) == std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0, //
                                                        1, 1, 1, 0, 0, 0, //
                                                        0, 0, 0, 0, 0, 0, //
                                                        0, 0, 0, 0, 0, 0});
    CHECK(pixels.at(q.dog) == std::vector<std::uint8_t>{0, 0, 0, 0, 0, 0, //
                                                        0, 0, 0, 0, 0, 0, //
                                                        0, 0, 0, 0, 1, 1, //
                                                        0, 0, 0, 0, 1, 1});
}

TEST_CASE("Consensus: rejecting an agreed item rejects every vote and asks the same labelers again",
          "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(3));
    const ItemId item = q.items[0];
    voteOn(q, q.ann, item, tags({q.cat}));
    voteOn(q, q.bob, item, tags({q.cat}));
    voteOn(q, q.cy, item, tags({q.dog}));
    REQUIRE(q.categoryOf(item) == ItemCategory::Done);

    CHECK(q.project->rejectItems({item}, "It is a fox") == 1);
    // Back in the queue (the Rejected category is the queue's "returned" part) and unlabeled.
    CHECK(q.categoryOf(item) == ItemCategory::Rejected);
    CHECK(q.project->queueCounts().queued == 1);
    CHECK(q.project->dashboard(3'600'000, 1).queue.returned == 1);
    CHECK(q.project->item(item).status == ItemStatus::Unlabeled);
    CHECK(q.project->currentAnnotations(item).empty());
    CHECK_FALSE(q.project->hasLabels());
    const auto rejected = q.project->itemHistory(item);
    REQUIRE(rejected.size() == 4);
    CHECK(withRole(rejected, SubmissionRole::Vote).size() == 3);
    for (const SubmissionRecord& record : rejected) {
        CHECK(record.reviewState == ReviewState::Rejected);
        CHECK(record.reviewNote == "It is a fox");
        CHECK_FALSE(record.current);
    }

    // The same three labelers are served it again and decide anew.
    voteOn(q, q.ann, item, tags({q.dog}));
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    voteOn(q, q.bob, item, tags({q.dog}));
    CHECK(q.categoryOf(item) == ItemCategory::Labeled);
    voteOn(q, q.cy, item, tags({q.dog}));
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.dog);
    const auto history = q.project->itemHistory(item);
    REQUIRE(history.size() == 8);
    CHECK(std::count_if(history.begin(), history.end(),
                        [](const SubmissionRecord& r) { return r.reviewState == ReviewState::Rejected; }) == 4);
    CHECK(history.back().role == SubmissionRole::Consensus);
    CHECK(history.back().current);
    for (LabelerId who : {q.ann, q.bob, q.cy})
        CHECK(voteOf(history, who).agreesWithConsensus == std::optional<bool>(true));
}

TEST_CASE("Consensus: a skip is no vote, the item stays queued for others but not for the skipper",
          "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(2));
    const ItemId item = q.items[0];
    REQUIRE(idsOf(q.project->nextTask(q.ann, 1)) == std::vector<ItemId>{item});
    q.skip(item, q.ann);

    CHECK(q.categoryOf(item) == ItemCategory::Queued);
    CHECK(q.project->item(item).status == ItemStatus::Unlabeled);
    CHECK(q.count(ItemCategory::Skipped) == 0);
    CHECK(servedNothing(q, q.ann));

    voteOn(q, q.bob, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Labeled); // one vote of two: Ann's skip does not count
    CHECK(q.project->currentAnnotations(item).empty());
    CHECK(servedNothing(q, q.ann));
    voteOn(q, q.cy, item, tags({q.cat}));
    CHECK(q.categoryOf(item) == ItemCategory::Done);
    const auto current = q.project->currentAnnotations(item);
    REQUIRE(current.size() == 1);
    CHECK(current[0].classId == q.cat);

    const auto history = q.project->itemHistory(item);
    REQUIRE(history.size() == 4);
    CHECK(history[0].labelerId == q.ann);
    CHECK(history[0].skipped);
    CHECK_FALSE(history[0].agreesWithConsensus.has_value());
    const DashboardStats stats = q.project->dashboard(3'600'000, 1);
    CHECK(activityOf(stats, q.ann).skipped == 1);
    CHECK(activityOf(stats, q.ann).labeled == 0);
    CHECK(activityOf(stats, q.ann).consensusVotes == 0);
    CHECK_FALSE(activityOf(stats, q.ann).agreementRate.has_value());
    CHECK(activityOf(stats, q.bob).agreementRate == Approx(1.0));
}

TEST_CASE("Consensus: only a lead changes the quality settings", "[consensus][queue]")
{
    QueueProject q(1);
    setQualitySettings(*q.project, consensusSettings(3, 5, 0.75));
    q.project->useLabeler("Ann");
    CHECK_THROWS_AS(setQualitySettings(*q.project, QualitySettings{}), PermissionError);
    CHECK_THROWS_AS(setQualitySettings(*q.project, consensusSettings(2)), PermissionError);
    CHECK_THROWS_WITH(setQualitySettings(*q.project, consensusSettings(2)), Catch::Contains("Only a project lead"));
    const QualitySettings kept = qualitySettingsOf(*q.project);
    CHECK(kept.consensus);
    CHECK(kept.labelersPerItem == 3);
    CHECK(kept.maxLabelersPerItem == 5);
    CHECK(kept.agreement == Approx(0.75));
}
