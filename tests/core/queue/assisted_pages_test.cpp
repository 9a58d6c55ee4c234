// ML assist's pages in the queue: a model's prelabels are served first as pages to review
// (least sure first on the page), then pages of one cluster of similar items (nearest its centre first), then the queue's
// order; suggestions a model replaces go, and the page records where it came from.

#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace pixmark;

namespace {

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<Project> project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    ClassId a = project->addClass({"a"});
    ClassId b = project->addClass({"b"});
    std::vector<ItemId> items;
    RunId run = 0;

    Fixture()
    {
        std::vector<Item> toAdd;
        for (int k = 0; k < 30; ++k)
            toAdd.push_back(Item{0, "img/" + std::to_string(k) + ".png", "png", 0, 0, 28, 28});
        items = project->addItems(toAdd);
        run = project->startRun(RunKind::Inference, 0, "{}");
    }

    ModelSuggestion suggest(std::size_t k, ClassId classId, double score) const
    {
        return ModelSuggestion{items[k], Annotation{classId, AnnotationKind::Tag, "", score}};
    }

    std::set<ItemId> idsOf(const Task& task) const
    {
        std::set<ItemId> ids;
        for (const Item& item : task.items)
            ids.insert(item.id);
        return ids;
    }
};

} // namespace

TEST_CASE("Prelabeled pages come first, then one cluster at a time, then the queue", "[queue][assist]")
{
    Fixture f;
    f.project->storeModelSuggestions(
        f.run, {f.suggest(0, f.a, 0.97), f.suggest(1, f.b, 0.91), f.suggest(2, f.a, 0.99), f.suggest(3, f.a, 0.96),
                f.suggest(4, f.b, 0.98)});
    // Items 5..24 in two clusters, the distance growing with the index; 25..29 in none.
    std::vector<ItemCluster> clusters;
    for (std::size_t k = 5; k < 25; ++k)
        clusters.push_back(ItemCluster{f.items[k], k % 2 ? 1 : 0, double(k)});
    f.project->storeClusters(f.run, clusters);
    const LabelerId me = f.project->currentLabeler();

    const Task first = f.project->nextTask(me, 4);
    CHECK(first.source == PageSource::Prelabeled);
    REQUIRE(first.items.size() == 4);
    // Least sure first: the model's scores ascend along the page.
    const std::map<ItemId, double> scores{{f.items[0], 0.97}, {f.items[1], 0.91}, {f.items[2], 0.99},
                                          {f.items[3], 0.96}, {f.items[4], 0.98}};
    for (std::size_t k = 1; k < first.items.size(); ++k)
        CHECK(scores.at(first.items[k - 1].id) < scores.at(first.items[k].id));
    const Task second = f.project->nextTask(me, 4);
    CHECK(second.source == PageSource::Prelabeled);
    REQUIRE(second.items.size() == 1);
    std::set<ItemId> prelabeled = f.idsOf(first);
    prelabeled.merge(f.idsOf(second));
    CHECK(prelabeled == std::set<ItemId>(f.items.begin(), f.items.begin() + 5));

    // Then clusters: every page is one cluster, nearest the centre first.
    std::set<ItemId> clustered;
    for (int page = 0; page < 4; ++page) {
        const Task task = f.project->nextTask(me, 5);
        CHECK(task.source == PageSource::Clustered);
        REQUIRE(task.items.size() == 5);
        std::set<int> clusterOfPage;
        double lastDistance = -1;
        for (const Item& item : task.items) {
            const auto index = static_cast<std::size_t>(
                std::find(f.items.begin(), f.items.end(), item.id) - f.items.begin());
            clusterOfPage.insert(index % 2 ? 1 : 0);
            CHECK(double(index) > lastDistance);
            lastDistance = double(index);
            clustered.insert(item.id);
        }
        CHECK(clusterOfPage.size() == 1);
    }
    CHECK(clustered == std::set<ItemId>(f.items.begin() + 5, f.items.begin() + 25));

    const Task rest = f.project->nextTask(me, 10);
    CHECK(rest.source == PageSource::Queue);
    CHECK(f.idsOf(rest) == std::set<ItemId>(f.items.begin() + 25, f.items.end()));
}

TEST_CASE("A new model's suggestions replace the old ones on unlabeled items only", "[queue][assist]")
{
    Fixture f;
    f.project->storeModelSuggestions(f.run, {f.suggest(0, f.a, 0.9), f.suggest(1, f.a, 0.9)});
    // Item 0 is labeled from its suggestion; the labeled item's suggestion is history.
    const auto suggestion = f.project->suggestions(f.items[0]).at(0);
    SubmissionRequest accept;
    accept.itemId = f.items[0];
    accept.labelerId = f.project->currentLabeler();
    accept.origin = SubmissionOrigin::PrelabelAccepted;
    accept.predictionId = suggestion.id;
    accept.annotations.push_back(suggestion.annotation);
    f.project->submit(accept);

    const RunId next = f.project->startRun(RunKind::Inference, 0, "{}");
    f.project->storeModelSuggestions(next, {f.suggest(2, f.b, 0.95)});
    CHECK(f.project->suggestions(f.items[0]).size() == 1); // kept: a submission refers to it
    CHECK(f.project->suggestions(f.items[1]).empty());      // replaced
    REQUIRE(f.project->suggestions(f.items[2]).size() == 1);
    CHECK(f.project->suggestions(f.items[2])[0].annotation.classId == f.b);
    CHECK(f.project->itemHistory(f.items[0]).at(0).origin == SubmissionOrigin::PrelabelAccepted);
}

TEST_CASE("The dashboard counts prelabeled and clustered items and what labelers did with prelabels",
          "[queue][assist][dashboard]")
{
    Fixture f;
    f.project->storeModelSuggestions(
        f.run, {f.suggest(0, f.a, 0.9), f.suggest(1, f.a, 0.9), f.suggest(2, f.b, 0.9), f.suggest(3, f.a, 0.9)});
    f.project->storeClusters(f.run, {ItemCluster{f.items[4], 0, 0.1}, ItemCluster{f.items[5], 0, 0.2},
                                     ItemCluster{f.items[0], 1, 0.3}}); // item 0 counts as prelabeled
    const auto submitFrom = [&](std::size_t k, ClassId classId, SubmissionOrigin origin) {
        SubmissionRequest request;
        request.itemId = f.items[k];
        request.labelerId = f.project->currentLabeler();
        request.origin = origin;
        request.predictionId = f.project->suggestions(f.items[k]).at(0).id;
        request.annotations.push_back(Annotation{classId, AnnotationKind::Tag});
        f.project->submit(request);
    };
    submitFrom(1, f.a, SubmissionOrigin::PrelabelAccepted);
    submitFrom(2, f.b, SubmissionOrigin::PrelabelAccepted);
    submitFrom(3, f.b, SubmissionOrigin::Manual); // its suggestion rejected
    SubmissionRequest manual;                      // no prelabel at all: not counted
    manual.itemId = f.items[6];
    manual.labelerId = f.project->currentLabeler();
    manual.annotations.push_back(Annotation{f.a, AnnotationKind::Tag});
    f.project->submit(manual);

    const DashboardStats stats = f.project->dashboard(3600 * 1000, 1);
    CHECK(stats.queue.prelabeled == 1); // item 0
    CHECK(stats.queue.clustered == 2);  // items 4 and 5
    CHECK(stats.queue.fresh == 30 - 4 - 1 - 2);
    CHECK(stats.prelabels.accepted == 2);
    CHECK(stats.prelabels.edited == 0);
    CHECK(stats.prelabels.rejected == 1);
    REQUIRE(stats.prelabels.acceptanceRate());
    CHECK(*stats.prelabels.acceptanceRate() == Approx(2.0 / 3.0));
}
