#include "tests/widgets/project/pets_project.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/project/dashboard/assist_panel.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/session/project_session.h"

#include <QSignalSpy>
#include <QTest>
#include <catch2/catch.hpp>

using namespace pixmark;

namespace {
std::unique_ptr<ProjectSession> openSession(const std::filesystem::path& file)
{
    return std::make_unique<ProjectSession>(Project::open(file));
}

/// Submits a Cat label for the first queued item as labeler "cleo", through the session
/// as labeling does, announcing ProjectChange::Labels.
void labelNextAsCat(ProjectSession& session, QObject& context, bool& done)
{
    session.run(
        &context,
        [](Project& project) {
            const auto queued = project.findItems(ItemFilter{ItemCategory::Queued});
            SubmissionRequest request;
            request.itemId = queued.at(0);
            request.labelerId = project.ensureLabeler("cleo");
            request.annotations.push_back(Annotation{project.classNamed("Cat").id});
            project.submit(request);
        },
        [&done] { done = true; }, {}, ProjectChange::Labels);
}
} // namespace

TEST_CASE("The dashboard shows progress, labels, labelers, throughput and the queue", "[dashboard]")
{
    test::TempDir dir;
    auto session = openSession(test::makePetsProject(dir));
    DashboardTab tab(*session);
    tab.resize(1000, 700);
    REQUIRE(QTest::qWaitFor([&] { return tab.refreshCount() > 0; }, 5000));

    CHECK(tab.totalItems() == 6);
    CHECK(tab.progressCount(ItemCategory::Done) == 3);
    CHECK(tab.progressCount(ItemCategory::Skipped) == 1);
    CHECK(tab.progressCount(ItemCategory::Queued) == 2);
    CHECK(tab.progressCount(ItemCategory::InProgress) == 0);
    CHECK(tab.progressLegend(ItemCategory::Done) == QStringLiteral("Done: 3 (50 %)"));
    CHECK(tab.progressLegend(ItemCategory::NeedsReview) == QStringLiteral("Needs review: 0 (0 %)"));
    // Missing and Unreadable are left out while nothing is missing or unreadable.
    CHECK(tab.progressLegend(ItemCategory::Missing).isEmpty());

    CHECK(tab.labelCount(QStringLiteral("Cat")) == 2);
    CHECK(tab.labelCount(QStringLiteral("Dog")) == 1);
    CHECK(tab.labelCount(QStringLiteral("Horse")) == -1);
    CHECK(tab.labeledBy(QStringLiteral("ana")) == 3);
    CHECK(tab.labeledBy(QStringLiteral("ben")) == 0);
    CHECK(tab.throughputTotal() == 4);
    CHECK(tab.queueCount(QStringLiteral("Manual")) == 2);
    CHECK(tab.queueCount(QStringLiteral("Returned")) == 0);
}

TEST_CASE("The dashboard follows labeling live, at most about one read a second", "[dashboard]")
{
    test::TempDir dir;
    auto session = openSession(test::makePetsProject(dir));
    DashboardTab tab(*session);
    REQUIRE(QTest::qWaitFor([&] { return tab.refreshCount() > 0; }, 5000));
    const int before = tab.refreshCount();

    QObject context;
    bool first = false;
    bool second = false;
    labelNextAsCat(*session, context, first);
    labelNextAsCat(*session, context, second);
    REQUIRE(QTest::qWaitFor([&] { return first && second; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return tab.progressCount(ItemCategory::Done) == 5; }, 5000));
    CHECK(tab.progressCount(ItemCategory::Queued) == 0);
    CHECK(tab.labelCount(QStringLiteral("Cat")) == 4);
    CHECK(tab.labeledBy(QStringLiteral("cleo")) == 2);
    CHECK(tab.throughputTotal() == 6);
    CHECK(tab.queueCount(QStringLiteral("Manual")) == -1); // the queue is empty: no bars

    // A burst of changes is one or two reads, not one per change.
    for (int i = 0; i < 20; ++i)
        emit session->changed(ProjectChange::Labels);
    QTest::qWait(2500);
    CHECK(tab.refreshCount() - before <= 4);
}

TEST_CASE("The throughput span can be changed", "[dashboard]")
{
    test::TempDir dir;
    auto session = openSession(test::makePetsProject(dir));
    DashboardTab tab(*session);
    REQUIRE(QTest::qWaitFor([&] { return tab.refreshCount() > 0; }, 5000));
    QSignalSpy refreshed(&tab, &DashboardTab::refreshed);
    tab.setSpan(DashboardTab::Span::Month);
    REQUIRE(refreshed.wait(5000));
    CHECK(tab.span() == DashboardTab::Span::Month);
    CHECK(tab.throughputTotal() == 4);
}

TEST_CASE("The dashboard shows ML assist's runs, prelabel acceptance and the assisted queue", "[dashboard][assist]")
{
    test::TempDir dir;
    const auto file = test::makePetsProject(dir);
    RunId training = 0;
    RunId failed = 0;
    {
        auto project = Project::open(file);
        std::vector<Item> newItems;
        for (int i = 0; i < 3; ++i)
            newItems.push_back(Item{0, "img/assist" + std::to_string(i) + ".png", "png", 0, 0, 64, 48});
        const auto ids = project->addItems(newItems);
        training = project->startRun(RunKind::Training, 0, "{}");
        project->finishRun(training, RunOutcome{RunStatus::Succeeded,
                                                R"({"held_out_accuracy":0.875,"trained_on":30,"held_out":10,)"
                                                R"("best_epoch":7,"epochs":9})",
                                                "models/run-1.pt", ""});
        const RunId inference = project->startRun(RunKind::Inference, training, "{}");
        project->storeModelSuggestions(
            inference, {ModelSuggestion{ids[0], Annotation{project->classNamed("Cat").id, AnnotationKind::Tag, "", 0.97}},
                        ModelSuggestion{ids[1], Annotation{project->classNamed("Dog").id, AnnotationKind::Tag, "", 0.96}}});
        project->finishRun(inference, RunOutcome{RunStatus::Succeeded, R"({"predicted":5,"prelabeled":2})", "", ""});
        project->storeClusters(inference, {ItemCluster{ids[2], 0, 0.5}});
        failed = project->startRun(RunKind::Training, 0, "{}");
        project->finishRun(failed, RunOutcome{RunStatus::Failed, "{}", "", "Out of memory on the GPU."});
        // The Cat prelabel accepted unchanged.
        SubmissionRequest accept;
        accept.itemId = ids[0];
        accept.labelerId = project->currentLabeler();
        accept.origin = SubmissionOrigin::PrelabelAccepted;
        accept.predictionId = project->suggestions(ids[0]).at(0).id;
        accept.annotations.push_back(project->suggestions(ids[0]).at(0).annotation);
        project->submit(accept);
    }
    auto session = openSession(file);
    DashboardTab tab(*session);
    tab.resize(1000, 900);
    REQUIRE(QTest::qWaitFor([&] { return tab.refreshCount() > 0; }, 5000));

    CHECK(tab.queueCount(QStringLiteral("Prelabeled")) == 1);
    CHECK(tab.queueCount(QStringLiteral("Clustered")) == 1);
    CHECK(tab.queueCount(QStringLiteral("Manual")) == 2);
    CHECK(tab.assistPanel().runCount() == 3);
    CHECK(tab.assistPanel().statusOf(training) == QStringLiteral("done"));
    CHECK(tab.assistPanel().statusOf(failed) == QStringLiteral("failed"));
    CHECK(tab.assistPanel().acceptanceText().contains(QStringLiteral("100 % accepted unchanged")));
    // The training run recorded no label count: the first training is still ahead.
    CHECK(tab.assistPanel().scheduleText() == QStringLiteral("First training at 100 labels: 96 to go"));
}
