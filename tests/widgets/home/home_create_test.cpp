#include "tests/support/image_files.h"
#include "tests/widgets/widget_fixtures.h"
#include "tests/widgets/wizard/wizard_test_support.h"
#include "widgets/home/home_window.h"
#include "widgets/home/project_summary_panel.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/data_page.h"
#include "widgets/wizard/details_page.h"

#include <QAction>
#include <QDropEvent>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace pixmark;
using test::qPath;

namespace {
void dropUrls(HomeWindow& window, const QList<QUrl>& urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    // QApplication routes drops only while a real drag runs; the window's own handler
    // is what is under test.
    static_cast<QObject&>(window).event(&drop);
}
} // namespace

TEST_CASE("New Project opens the creation wizard, once", "[home][wizard]")
{
    test::SettingsSandbox settings;
    HomeWindow window;
    window.setInteractive(false);
    auto* button = window.findChild<QPushButton*>(QStringLiteral("newProjectButton"));
    REQUIRE(button);
    CHECK(button->isEnabled());
    CHECK_FALSE(window.wizard());
    button->click();
    CreateProjectWizard* wizard = window.wizard();
    REQUIRE(wizard);
    CHECK(wizard->isVisible());
    CHECK(wizard->currentId() == CreateProjectWizard::DetailsPageId);
    window.findChild<QAction*>(QStringLiteral("newProjectAction"))->trigger();
    CHECK(window.wizard() == wizard); // raised, not a second one
}

TEST_CASE("Dropping a folder of images offers a project made from it", "[home][wizard]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto folder = dir / "harbour-gulls";
    test::writePng(folder / "a.png", 30, 20, 1);

    HomeWindow window;
    window.setInteractive(false);
    dropUrls(window, {QUrl::fromLocalFile(qPath(folder))});
    CreateProjectWizard* wizard = window.wizard();
    REQUIRE(wizard);
    CHECK(wizard->isVisible());
    CHECK(wizard->windowTitle().contains(QStringLiteral("harbour-gulls")));
    const ProjectPlan plan = wizard->plan();
    CHECK(plan.name == "harbour-gulls");
    REQUIRE(plan.sources.size() == 1);
    CHECK(plan.sources[0].kind == SourceKind::Folder);
    CHECK(plan.sources[0].root == folder);
    // The project goes beside the folder, not into it, so refreshes never see its cache.
    CHECK(plan.file == dir / "harbour-gulls.pixmark");
    CHECK(test::nextEnabled(*wizard));
}

TEST_CASE("A dropped project file opens its summary and no wizard", "[home][wizard]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makeBirdsProject(dir);
    HomeWindow window;
    window.setInteractive(false);
    dropUrls(window, {QUrl::fromLocalFile(qPath(dir.path())), QUrl::fromLocalFile(qPath(file))});
    CHECK_FALSE(window.wizard());
    INFO(window.summaryPanel()->errorText().toStdString());
    CHECK(window.windowTitle() == QStringLiteral("Pixmark — Street birds"));
}
