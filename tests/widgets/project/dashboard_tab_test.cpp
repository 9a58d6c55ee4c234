#include "tests/widgets/project/pets_project.h"
#include "tests/widgets/widget_fixtures.h"
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
    CHECK(tab.queueCount(QStringLiteral("Fresh")) == 2);
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
    CHECK(tab.queueCount(QStringLiteral("Fresh")) == -1); // the queue is empty: no bars

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
