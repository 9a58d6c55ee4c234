#include "core/project/project.h"
#include "widgets/home/home_window.h"
#include "widgets/home/project_summary_panel.h"
#include "widgets/home/recent_project_delegate.h"
#include "tests/widgets/widget_fixtures.h"

#include <QAction>
#include <QListWidget>
#include <QPushButton>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pixmark;
using test::qPath;

namespace {
QListWidget* recentList(HomeWindow& window)
{
    auto* list = window.findChild<QListWidget*>(QStringLiteral("recentProjects"));
    REQUIRE(list);
    return list;
}
} // namespace

TEST_CASE("Opening a project shows its summary and titles the window", "[home]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);

    HomeWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qPath(file)));
    const ProjectSummaryPanel* panel = window.summaryPanel();
    CHECK(panel->hasProject());
    CHECK(panel->errorText().isEmpty());
    CHECK(panel->projectName() == QStringLiteral("Street birds"));
    CHECK(panel->taskTypeText() == QStringLiteral("Object detection (boxes)"));
    CHECK(panel->stateText() == QStringLiteral("Paused"));
    CHECK(window.windowTitle() == QStringLiteral("Pixmark — Street birds"));
}

TEST_CASE("A file of random bytes shows a clear error and opens nothing", "[home][errors]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto junk = test::makeJunkFile(dir);

    HomeWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.openProject(qPath(junk)));
    const ProjectSummaryPanel* panel = window.summaryPanel();
    CHECK_FALSE(panel->hasProject());
    CHECK(panel->errorText().contains(QStringLiteral("is not a Pixmark project")));
    CHECK(panel->errorText().contains(QStringLiteral("junk.pixmark")));
    CHECK(window.windowTitle() == QStringLiteral("Pixmark"));
    CHECK(window.recentProjectPaths().isEmpty());
}

TEST_CASE("A missing file shows a clear error and opens nothing", "[home][errors]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;

    HomeWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.openProject(qPath(dir / "nowhere.pixmark")));
    CHECK(window.summaryPanel()->errorText().contains(QStringLiteral("does not exist")));
    CHECK_FALSE(window.summaryPanel()->hasProject());
    CHECK(window.recentProjectPaths().isEmpty());
}

TEST_CASE("A failed open clears the previous project so it is not mistaken for the failed one", "[home][errors]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);
    const auto junk = test::makeJunkFile(dir);

    HomeWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qPath(file)));
    CHECK_FALSE(window.openProject(qPath(junk)));
    CHECK_FALSE(window.summaryPanel()->hasProject());
    CHECK(window.summaryPanel()->projectName().isEmpty());
    CHECK(window.summaryPanel()->classRowCount() == 0);
    CHECK(window.windowTitle() == QStringLiteral("Pixmark"));

    // And a good open afterwards hides the error again.
    REQUIRE(window.openProject(qPath(file)));
    CHECK(window.summaryPanel()->errorText().isEmpty());
}

TEST_CASE("A project written to by another process still shows its summary", "[home]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);
    auto writer = Project::open(file, Project::Access::ReadWrite); // holds the lock

    HomeWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qPath(file)));
    CHECK(window.summaryPanel()->projectName() == QStringLiteral("Street birds"));
    // The writer is undisturbed and can still change the project.
    writer->setState(ProjectState::Running);
    CHECK(writer->info().state == ProjectState::Running);
}

TEST_CASE("A project in an older format explains how to upgrade it", "[home][errors]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto copy = dir / "v1-pets.pixmark";
    std::filesystem::copy_file(std::filesystem::path(PIXMARK_TEST_DATA) / "projects" / "v1-pets.pixmark", copy);

    HomeWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.openProject(qPath(copy)));
    CHECK(window.summaryPanel()->errorText().contains(QStringLiteral("open it once for writing")));
}

TEST_CASE("Recent projects remember what was opened, newest first, across windows", "[home][recent]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto first = test::makeBirdsProject(dir, "first.pixmark");
    const auto second = test::makeBirdsProject(dir, "second.pixmark");

    {
        HomeWindow window;
        window.setInteractive(false);
        CHECK(window.recentProjectPaths().isEmpty());
        REQUIRE(window.openProject(qPath(first)));
        REQUIRE(window.openProject(qPath(second)));
        CHECK(window.recentProjectPaths() == QStringList{qPath(second), qPath(first)});
        REQUIRE(window.openProject(qPath(first)));
        CHECK(window.recentProjectPaths() == QStringList{qPath(first), qPath(second)});
    }
    HomeWindow later;
    later.setInteractive(false);
    CHECK(later.recentProjectPaths() == QStringList{qPath(first), qPath(second)});
    CHECK(recentList(later)->item(0)->text() == QStringLiteral("Street birds"));
}

TEST_CASE("A recent project whose file is gone is greyed and says so", "[home][recent]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto kept = test::makeBirdsProject(dir, "kept.pixmark");
    const auto gone = test::makeBirdsProject(dir, "gone.pixmark");
    {
        HomeWindow window;
        window.setInteractive(false);
        REQUIRE(window.openProject(qPath(kept)));
        REQUIRE(window.openProject(qPath(gone)));
    }
    std::filesystem::remove(gone);

    HomeWindow window;
    window.setInteractive(false);
    QListWidget* list = recentList(window);
    REQUIRE(list->count() == 2);
    const QListWidgetItem* goneItem = list->item(0);
    CHECK(goneItem->text() == QStringLiteral("Street birds (missing)"));
    CHECK(goneItem->data(RecentProjectDelegate::MissingRole).toBool());
    CHECK_FALSE(list->item(1)->data(RecentProjectDelegate::MissingRole).toBool());

    // Selecting it explains in the panel (no dialog) and keeps the entry listed.
    list->setCurrentRow(0);
    CHECK(window.summaryPanel()->errorText().contains(QStringLiteral("does not exist")));
    CHECK(list->count() == 2);
}

TEST_CASE("Selecting a recent project shows it without reordering the list", "[home][recent]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto birds = test::makeBirdsProject(dir);
    const auto cellsFile = dir / "cells.pixmark";
    Project::create(cellsFile, "Cells", TaskType::InstanceSegmentation).reset();
    {
        HomeWindow window;
        window.setInteractive(false);
        REQUIRE(window.openProject(qPath(birds)));
        REQUIRE(window.openProject(qPath(cellsFile)));
    }

    HomeWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.summaryPanel()->hasProject());
    recentList(window)->setCurrentRow(1);
    CHECK(window.summaryPanel()->projectName() == QStringLiteral("Street birds"));
    CHECK(window.windowTitle() == QStringLiteral("Pixmark — Street birds"));
    CHECK(window.recentProjectPaths() == QStringList{qPath(cellsFile), qPath(birds)});
    recentList(window)->setCurrentRow(0);
    CHECK(window.summaryPanel()->projectName() == QStringLiteral("Cells"));
    CHECK(window.summaryPanel()->taskTypeText() == QStringLiteral("Instance segmentation (polygons)"));
}

TEST_CASE("Open is on Ctrl+O and New on Ctrl+N", "[home]")
{
    test::SettingsSandbox settings;
    HomeWindow window;
    auto* open = window.findChild<QAction*>(QStringLiteral("openProjectAction"));
    REQUIRE(open);
    CHECK(open->shortcut() == QKeySequence(QStringLiteral("Ctrl+O")));
    CHECK(open->isEnabled());

    auto* newButton = window.findChild<QPushButton*>(QStringLiteral("newProjectButton"));
    REQUIRE(newButton);
    CHECK(newButton->isEnabled());
    CHECK(newButton->toolTip() == QStringLiteral("Create a project (or drop a folder of images here)"));
    auto* newAction = window.findChild<QAction*>(QStringLiteral("newProjectAction"));
    REQUIRE(newAction);
    CHECK(newAction->isEnabled());
    CHECK(newAction->shortcut() == QKeySequence(QStringLiteral("Ctrl+N")));
}

TEST_CASE("Recent projects show how far labeling is", "[home][recent]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = dir / "pets.pixmark";
    {
        auto project = Project::create(file, "Pets", TaskType::ClassificationMultiClass);
        const ClassId cat = project->addClass({"cat"});
        const auto items = project->addItems({Item{0, "1.png"}, Item{0, "2.png"}, Item{0, "3.png"}, Item{0, "4.png"}});
        project->submit(SubmissionRequest{items[0], project->currentLabeler(), 0, SubmissionOrigin::Manual, {}, false,
                                          {Annotation{cat, AnnotationKind::Tag, "", {}}}});
    }
    HomeWindow window;
    window.setInteractive(false);
    REQUIRE(window.openProject(qPath(file)));
    REQUIRE(QTest::qWaitFor([&] { return !window.recentProgressText(0).isEmpty(); }, 5000));
    CHECK(window.recentProgressText(0) == QStringLiteral("1 of 4 labeled (25 %)"));
}
