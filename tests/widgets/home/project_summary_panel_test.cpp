#include "core/project/project.h"
#include "widgets/home/project_summary.h"
#include "widgets/home/project_summary_panel.h"
#include "tests/widgets/widget_fixtures.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using test::qPath;

TEST_CASE("The summary lists every class with its color, hotkey and description", "[summary]")
{
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);

    ProjectSummaryPanel panel;
    panel.showSummary(ProjectSummary::load(qPath(file)));
    REQUIRE(panel.classRowCount() == 4);

    CHECK(panel.classNameAt(0) == QStringLiteral("Sparrow"));
    CHECK(panel.classColorAt(0) == QColor(QStringLiteral("#aa5500")));
    CHECK(panel.classHotkeyAt(0) == QStringLiteral("1"));
    CHECK(panel.classDescriptionAt(0) == QStringLiteral("Small brown bird"));
    CHECK_FALSE(panel.isClassArchivedAt(0));

    CHECK(panel.classNameAt(1) == QStringLiteral("Crow"));
    CHECK(panel.classHotkeyAt(1) == QStringLiteral("2")); // handed out automatically
    CHECK(panel.classColorAt(1).isValid());

    CHECK(panel.classNameAt(2) == QStringLiteral("Pigeon"));
    CHECK(panel.classHotkeyAt(2).isEmpty());
    CHECK(panel.classDescriptionAt(2) == QStringLiteral("Grey, often in flocks"));

    // Archived classes are still listed (their labels remain), greyed and without a key.
    CHECK(panel.classNameAt(3) == QStringLiteral("Gull"));
    CHECK(panel.isClassArchivedAt(3));
    CHECK(panel.classHotkeyAt(3).isEmpty());
}

TEST_CASE("The summary shows instructions, their link and the item counts", "[summary]")
{
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);
    {
        auto project = Project::open(file);
        project->setState(ProjectState::Running);
        const LabelerId me = project->currentLabeler();
        const ClassId sparrow = project->classNamed("Sparrow").id;
        const auto items = project->items(ItemStatus::Unlabeled, 10);
        REQUIRE(items.size() == 3);
        project->submit(SubmissionRequest{items[0].id, me, 900, SubmissionOrigin::Manual, std::nullopt, false,
                                          {Annotation{sparrow, AnnotationKind::Box, R"({"x":1,"y":2,"w":30,"h":40})"}}});
        project->submit(SubmissionRequest{items[1].id, me, 400, SubmissionOrigin::Manual, std::nullopt, true, {}});
    }

    ProjectSummaryPanel panel;
    panel.showSummary(ProjectSummary::load(qPath(file)));
    CHECK(panel.stateText() == QStringLiteral("Running"));
    CHECK(panel.instructionsText() ==
          QStringLiteral("Draw a tight box around every bird.\nIgnore birds in reflections."));
    CHECK(panel.instructionsUrl() == QStringLiteral("https://example.org/birds-guide"));
    CHECK(panel.totalItemsText() == QStringLiteral("3"));
    CHECK(panel.itemCountText(ItemStatus::Unlabeled) == QStringLiteral("1"));
    CHECK(panel.itemCountText(ItemStatus::Labeled) == QStringLiteral("1"));
    CHECK(panel.itemCountText(ItemStatus::Skipped) == QStringLiteral("1"));
    CHECK(panel.itemCountText(ItemStatus::Missing) == QStringLiteral("0"));
    CHECK(panel.itemCountText(ItemStatus::Unreadable) == QStringLiteral("0"));
}

TEST_CASE("An empty project shows an empty summary, not stale rows", "[summary]")
{
    test::TempDir dir;
    const auto birds = test::makeBirdsProject(dir);
    const auto empty = dir / "empty.pixmark";
    Project::create(empty, "Empty", TaskType::SemanticSegmentation).reset();

    ProjectSummaryPanel panel;
    panel.showSummary(ProjectSummary::load(qPath(birds)));
    panel.showSummary(ProjectSummary::load(qPath(empty)));
    CHECK(panel.projectName() == QStringLiteral("Empty"));
    CHECK(panel.taskTypeText() == QStringLiteral("Semantic segmentation (masks)"));
    CHECK(panel.stateText() == QStringLiteral("Running"));
    CHECK(panel.classRowCount() == 0);
    CHECK(panel.instructionsText().isEmpty());
    CHECK(panel.instructionsUrl().isEmpty());
    CHECK(panel.totalItemsText() == QStringLiteral("0"));
}

TEST_CASE("Loading a summary never writes to the project", "[summary]")
{
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);
    std::int64_t eventsBefore = 0;
    Timestamp modifiedBefore = 0;
    {
        auto project = Project::open(file, Project::Access::ReadOnly);
        eventsBefore = static_cast<std::int64_t>(project->recentEvents(1000).size());
        modifiedBefore = project->info().modifiedAt;
    }
    const auto summary = ProjectSummary::load(qPath(file));
    CHECK(summary.info.name == "Street birds");
    auto project = Project::open(file, Project::Access::ReadOnly);
    CHECK(static_cast<std::int64_t>(project->recentEvents(1000).size()) == eventsBefore);
    CHECK(project->info().modifiedAt == modifiedBefore);
}
