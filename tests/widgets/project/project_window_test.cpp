#include "tests/support/image_files.h"
#include "tests/widgets/project/pets_project.h"
#include "tests/widgets/project/project_window_fixture.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/project/project_window.h"
#include "widgets/project/refresh_scheduler.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QAction>
#include <QLabel>
#include <QTabWidget>
#include <QTest>
#include <catch2/catch.hpp>

using namespace pixmark;

namespace {
ProjectState stateOf(ProjectWindow& window)
{
    ProjectState state = ProjectState::Running;
    bool read = false;
    window.session().run(
        &window, [](Project& project) { return project.info().state; },
        [&](ProjectState value) {
            state = value;
            read = true;
        });
    REQUIRE(QTest::qWaitFor([&] { return read; }, 5000));
    return state;
}
} // namespace

TEST_CASE("The project window has the three tabs and the project's name in its title", "[project-window]")
{
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    REQUIRE(window->tabs()->count() == 3);
    CHECK(window->tabs()->tabText(0) == QStringLiteral("Dashboard"));
    CHECK(window->tabs()->tabText(1) == QStringLiteral("Data"));
    CHECK(window->tabs()->tabText(2) == QStringLiteral("Details"));
    REQUIRE(QTest::qWaitFor([&] { return window->windowTitle().startsWith(QStringLiteral("Pets")); }, 5000));
    CHECK(window->labelAction()->isEnabled());
    CHECK(window->runningAction()->isChecked());
    CHECK(window->pausedBanner()->isHidden());
}

TEST_CASE("Pausing disables labeling and says why, running enables it again", "[project-window]")
{
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    REQUIRE(QTest::qWaitFor([&] { return window->windowTitle().startsWith(QStringLiteral("Pets")); }, 5000));

    window->runningAction()->trigger(); // unchecks: Paused
    CHECK_FALSE(window->labelAction()->isEnabled());
    REQUIRE(QTest::qWaitFor([&] { return stateOf(*window) == ProjectState::Paused; }, 5000));
    QTest::qWait(50); // the change's reload lands
    CHECK(window->isPaused());
    CHECK_FALSE(window->labelAction()->isEnabled());
    CHECK(window->runningAction()->text() == QStringLiteral("Paused"));
    CHECK(window->pausedBanner()->isVisible());
    CHECK(window->pausedBanner()->text() ==
          QStringLiteral("The project is paused: labeling resumes when a lead sets it to Running"));
    window->openLabeling();
    CHECK(window->labelingWindow() == nullptr);

    window->runningAction()->trigger();
    REQUIRE(QTest::qWaitFor([&] { return stateOf(*window) == ProjectState::Running; }, 5000));
    QTest::qWait(50);
    CHECK(window->labelAction()->isEnabled());
    CHECK(window->pausedBanner()->isHidden());
    window->openLabeling();
    CHECK(window->labelingWindow() != nullptr);
}

TEST_CASE("A project that was paused opens with labeling off", "[project-window]")
{
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makeBirdsProject(dir));
    REQUIRE(QTest::qWaitFor([&] { return window->isPaused(); }, 5000));
    CHECK_FALSE(window->labelAction()->isEnabled());
    CHECK(window->pausedBanner()->isVisible());
    CHECK_FALSE(window->runningAction()->isChecked());
}

TEST_CASE("The dashboard in the window shows what ingest brings in", "[project-window]")
{
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    auto* dashboard = window->dashboardTab();
    REQUIRE(QTest::qWaitFor([&] { return dashboard->totalItems() == 6; }, 5000));
    bool added = false;
    window->session().run(
        window.get(),
        [](Project& project) {
            project.addItems({Item{0, "g.jpg"}, Item{0, "h.jpg"}});
        },
        [&] { added = true; }, {}, ProjectChange::Items);
    REQUIRE(QTest::qWaitFor([&] { return added; }, 5000));
    REQUIRE(QTest::qWaitFor([&] { return dashboard->totalItems() == 8; }, 5000));
    CHECK(dashboard->progressCount(ItemCategory::Queued) == 4);
}

TEST_CASE("An incremental source whose interval has passed is refreshed while the window is open", "[project-window]")
{
    test::TempDir dir;
    for (int i = 0; i < 3; ++i)
        test::writePng(dir / "incoming" / ("img" + std::to_string(i) + ".png"), 32, 24, i);
    const auto file = test::makePetsProject(dir);
    {
        auto project = Project::open(file);
        DataSource watched;
        watched.kind = SourceKind::Folder;
        watched.root = project->storedPathFor(dir / "incoming");
        watched.incrementalRefresh = true;
        watched.refreshIntervalSeconds = 3600; // never refreshed: due now
        project->addSource(watched);
        DataSource onDemand;
        onDemand.kind = SourceKind::Folder;
        onDemand.root = "elsewhere";
        onDemand.incrementalRefresh = true; // no interval: only on demand
        project->addSource(onDemand);
        DataSource gone;
        gone.kind = SourceKind::Folder;
        gone.root = "unplugged-drive";
        gone.incrementalRefresh = true;
        gone.refreshIntervalSeconds = 3600;
        project->addSource(gone);
    }
    auto window = test::openProjectWindow(file);
    // The watched folder and the unplugged one are due; one job after the other.
    REQUIRE(QTest::qWaitFor([&] { return window->refreshScheduler()->refreshesStarted() == 2; }, 30000));
    REQUIRE(QTest::qWaitFor([&] { return !window->ingestJob()->isRunning(); }, 30000));
    REQUIRE(QTest::qWaitFor([&] { return window->dashboardTab()->totalItems() == 9; }, 5000));
    // Each refreshed once: the next is an hour away (a failure waits as long), and the
    // on-demand source never runs by itself.
    QTest::qWait(500);
    CHECK(window->refreshScheduler()->refreshesStarted() == 2);
}

TEST_CASE("A work package opens as a project for its labeler, says so, and labels", "[project-window][package]")
{
    test::TempDir dir;
    const auto parentFile = test::makePetsProject(dir); // e and f are queued
    std::filesystem::path packageFile;
    {
        auto parent = Project::open(parentFile);
        PackagePlan plan;
        plan.labelers = {"Field Ann"};
        plan.count = 2;
        plan.folder = dir / "packages";
        packageFile = parent->createPackages(plan).at(0).file;
    }
    auto window = test::openProjectWindow(packageFile);
    REQUIRE(QTest::qWaitFor([&] { return window->packageBanner()->isVisible(); }, 5000));
    CHECK(window->packageBanner()->text().contains(QStringLiteral("Work package for Field Ann")));
    CHECK(window->packageBanner()->text().contains(QStringLiteral("Pets")));
    CHECK_FALSE(window->runningAction()->isEnabled());
    CHECK(window->labelAction()->isEnabled());

    // Labeling in the package is labeling as the package's labeler.
    bool done = false;
    window->session().run(
        window.get(),
        [](Project& project) {
            const LabelerId me = project.currentLabeler();
            const Task task = project.nextTask(me, 1);
            project.submit(SubmissionRequest{task.items.at(0).id, me, 500, SubmissionOrigin::Manual, {}, false,
                                             {Annotation{project.classes().at(0).id, AnnotationKind::Tag, "", {}}}});
            return project.itemHistory(task.items.at(0).id).at(0).labelerName;
        },
        [&](const std::string& who) {
            CHECK(who == "Field Ann");
            done = true;
        });
    REQUIRE(QTest::qWaitFor([&] { return done; }, 5000));
}
