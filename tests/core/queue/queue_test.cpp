#include "core/errors.h"
#include "core/util/clock.h"
#include "tests/core/queue/queue_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace pixmark;
using test::idsOf;
using test::QueueProject;

namespace {
std::vector<std::string> servedPaths(Project& project, LabelerId labeler)
{
    std::vector<std::string> paths;
    for (Task task = project.nextTask(labeler, 5); task.id != 0; task = project.nextTask(labeler, 5))
        for (const Item& item : task.items)
            paths.push_back(item.relativePath);
    return paths;
}

std::unique_ptr<Project> projectWithSeed(const std::filesystem::path& file, std::uint64_t seed,
                                         const std::vector<std::string>& paths)
{
    auto project = Project::create(file, "Seeded", TaskType::ClassificationMultiClass);
    project->setQueueSettings(QueueSettings{30, seed});
    std::vector<Item> items;
    for (const auto& path : paths)
        items.push_back(Item{0, path});
    project->addItems(items);
    return project;
}
} // namespace

TEST_CASE("The queue order is a seeded shuffle fixed when items enter, whatever order they came in", "[queue]")
{
    test::TempDir dir;
    std::vector<std::string> paths;
    for (int k = 0; k < 40; ++k)
        paths.push_back("a/" + std::to_string(k) + ".png");
    auto reversed = paths;
    std::reverse(reversed.begin(), reversed.end());

    auto first = projectWithSeed(dir / "1.pixmark", 42, paths);
    auto second = projectWithSeed(dir / "2.pixmark", 42, reversed);
    auto other = projectWithSeed(dir / "3.pixmark", 7, paths);
    const auto order = servedPaths(*first, first->ensureLabeler("Ann"));
    REQUIRE(order.size() == paths.size());
    CHECK(std::set<std::string>(order.begin(), order.end()).size() == paths.size());
    CHECK(order == servedPaths(*second, second->ensureLabeler("Ann")));
    CHECK(order != paths);
    CHECK(order != servedPaths(*other, other->ensureLabeler("Ann")));

    // Once items are in, the order cannot change.
    CHECK_THROWS_AS(first->setQueueSettings(QueueSettings{30, 9}), ConflictError);
    CHECK(first->queueSettings().seed == 42);
}

TEST_CASE("A task is a page of distinct items for one labeler, held until submitted", "[queue]")
{
    QueueProject q(12);
    const Task annTask = q.project->nextTask(q.ann, 9);
    REQUIRE(annTask.items.size() == 9);
    CHECK(annTask.id != 0);
    CHECK(annTask.labelerId == q.ann);
    const Task bobTask = q.project->nextTask(q.bob, 9);
    REQUIRE(bobTask.items.size() == 3);
    for (ItemId id : idsOf(bobTask)) {
        const auto held = idsOf(annTask);
        CHECK(std::find(held.begin(), held.end(), id) == held.end());
    }
    const Task none = q.project->nextTask(q.cy, 4);
    CHECK(none.id == 0);
    CHECK(none.items.empty());

    CHECK_THROWS_AS(q.project->nextTask(q.ann, 0), ValidationError);
    CHECK_THROWS_AS(q.project->nextTask(q.ann, 101), ValidationError);
    CHECK_THROWS_AS(q.project->nextTask(9999, 1), NotFoundError);
    q.project->setState(ProjectState::Paused);
    q.project->releaseAllItems(q.ann);
    const Task whilePaused = q.project->nextTask(q.ann, 1);
    REQUIRE(whilePaused.items.size() == 1);
    CHECK_THROWS_WITH(q.tag(whilePaused.items[0].id, q.ann, q.cat), Catch::Contains("paused"));
}

TEST_CASE("Every item state and the transitions between them", "[queue]")
{
    QueueProject q(6);
    setQualitySettings(*q.project, QualitySettings{false, 1, true});
    CHECK(q.count(ItemCategory::Queued) == 6);

    const auto page = idsOf(q.project->nextTask(q.ann, 4));
    REQUIRE(page.size() == 4);
    CHECK(q.categoryOf(page[0]) == ItemCategory::InProgress);
    CHECK(q.count(ItemCategory::InProgress) == 4);

    // in task -> labeled, waiting for review -> approved: done
    q.tag(page[0], q.ann, q.cat);
    CHECK(q.categoryOf(page[0]) == ItemCategory::NeedsReview);
    CHECK(q.project->approveItems({page[0]}) == 1);
    CHECK(q.categoryOf(page[0]) == ItemCategory::Done);

    // in task -> skipped -> re-queued -> queued, served again, skip kept in history
    q.skip(page[1], q.ann);
    CHECK(q.categoryOf(page[1]) == ItemCategory::Skipped);
    CHECK(q.project->findItems(ItemFilter{ItemCategory::Skipped}) == std::vector<ItemId>{page[1]});
    CHECK(q.project->requeueItems({page[1]}) == 1);
    CHECK(q.categoryOf(page[1]) == ItemCategory::Queued);
    const auto history = q.project->itemHistory(page[1]);
    REQUIRE(history.size() == 1);
    CHECK(history[0].role == SubmissionRole::Withdrawn);
    CHECK_FALSE(history[0].current);
    CHECK_THROWS_AS(q.project->requeueItems({page[1]}), ConflictError);

    // labeled -> rejected (back in the queue) -> served and labeled again
    q.tag(page[2], q.ann, q.dog);
    q.project->rejectItems({page[2]}, "It is a cat");
    CHECK(q.categoryOf(page[2]) == ItemCategory::Rejected);
    std::set<ItemId> served;
    for (Task task = q.project->nextTask(q.bob, 1); task.id != 0; task = q.project->nextTask(q.bob, 1))
        served.insert(task.items[0].id);
    CHECK(served.count(page[1]) == 1);
    CHECK(served.count(page[2]) == 1);
    CHECK(served.count(page[0]) == 0);
    q.tag(page[2], q.bob, q.cat);
    CHECK(q.categoryOf(page[2]) == ItemCategory::NeedsReview);
    CHECK(q.project->itemHistory(page[2]).size() == 2);

    // Released items are queued again.
    q.project->releaseAllItems(q.bob);
    q.project->releaseAllItems(q.ann);
    CHECK(q.categoryOf(page[3]) == ItemCategory::Queued);
}

TEST_CASE("A task left untouched longer than the abandonment time gives its items back", "[queue]")
{
    QueueProject q(4);
    q.project->setQueueSettings(QueueSettings{5, q.project->queueSettings().seed});
    const auto annItems = idsOf(q.project->nextTask(q.ann, 2));
    const auto bobItems = idsOf(q.project->nextTask(q.bob, 2));
    REQUIRE(annItems.size() == 2);
    REQUIRE(bobItems.size() == 2);
    CHECK(q.project->nextTask(q.cy, 4).id == 0);

    advanceClockForTesting(3 * 60'000);
    q.tag(bobItems[0], q.bob, q.cat); // Bob is still working: his task stays
    advanceClockForTesting(3 * 60'000);
    CHECK(q.project->returnAbandonedTasks() == 2); // Ann's two, 6 minutes idle
    CHECK(q.categoryOf(annItems[0]) == ItemCategory::Queued);
    CHECK(q.categoryOf(bobItems[1]) == ItemCategory::InProgress);

    const auto cyItems = idsOf(q.project->nextTask(q.cy, 4));
    CHECK(std::set<ItemId>(cyItems.begin(), cyItems.end()) == std::set<ItemId>(annItems.begin(), annItems.end()));

    // nextTask itself returns abandoned work first.
    advanceClockForTesting(10 * 60'000);
    CHECK(idsOf(q.project->nextTask(q.ann, 4)).size() == 3);
    CHECK_THROWS_AS(q.project->setQueueSettings(QueueSettings{0, q.project->queueSettings().seed}), ValidationError);
}

TEST_CASE("The queue's counts: never served, in a task, queued, by state and by labeler", "[queue]")
{
    QueueProject q(10);
    q.project->nextTask(q.ann, 3);
    const auto bobItems = idsOf(q.project->nextTask(q.bob, 2));
    q.tag(bobItems[0], q.bob, q.cat);
    q.skip(bobItems[1], q.bob);

    const QueueCounts counts = q.project->queueCounts();
    CHECK(counts.neverServed == 5);
    CHECK(counts.inTask == 3);
    CHECK(counts.queued == 5);
    CHECK(counts.byState.at(ItemCategory::Done) == 1);
    CHECK(counts.byState.at(ItemCategory::Skipped) == 1);
    REQUIRE(counts.openTasks.size() == 1);
    CHECK(counts.openTasks[0].labelerId == q.ann);
    CHECK(counts.openTasks[0].pending == 3);
    const auto of = [&](LabelerId id) {
        return *std::find_if(counts.byLabeler.begin(), counts.byLabeler.end(),
                             [&](const LabelerQueueCounts& c) { return c.labelerId == id; });
    };
    CHECK(of(q.ann).inTask == 3);
    CHECK(of(q.ann).submitted == 0);
    CHECK(of(q.bob).inTask == 0);
    CHECK(of(q.bob).submitted == 2);
    CHECK(of(q.lead).role == "lead");
}

TEST_CASE("Review next hands a lead the items waiting for review, one lead at a time", "[queue][review]")
{
    QueueProject q(6);
    setQualitySettings(*q.project, QualitySettings{false, 1, true});
    for (ItemId id : idsOf(q.project->nextTask(q.ann, 4)))
        q.tag(id, q.ann, q.cat);
    const Task review = q.project->nextReviewTask(3);
    CHECK(review.kind == TaskKind::Review);
    REQUIRE(review.items.size() == 3);
    const Task rest = q.project->nextReviewTask(3);
    REQUIRE(rest.items.size() == 1);
    CHECK(q.project->approveItems({review.items[0].id, review.items[1].id}) == 2);
    q.project->rejectItems({review.items[2].id}, "Blurred; look again");
    CHECK(q.count(ItemCategory::Done) == 2);
    CHECK(q.count(ItemCategory::Rejected) == 1);
    CHECK(q.count(ItemCategory::NeedsReview) == 1);
    q.project->releaseAllItems(q.lead);
    CHECK(q.project->nextReviewTask(9).items.size() == 1);
}
