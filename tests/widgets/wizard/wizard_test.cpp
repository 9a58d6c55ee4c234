#include "core/project/naming_rules.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/support/image_files.h"
#include "tests/widgets/widget_fixtures.h"
#include "tests/widgets/wizard/wizard_test_support.h"
#include "widgets/home/home_window.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/wizard/classes_page.h"
#include "widgets/wizard/create_project_wizard.h"
#include "widgets/wizard/data_page.h"
#include "widgets/wizard/details_page.h"
#include "widgets/wizard/review_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTextEdit>
#include <catch2/catch.hpp>

using namespace pixmark;
using test::field;
using test::qPath;

namespace {
// Three real PNG files in dir/birds.
std::filesystem::path makeImageFolder(const test::TempDir& dir)
{
    const auto folder = dir / "birds";
    for (int i = 0; i < 3; ++i)
        test::writePng(folder / ("bird-" + std::to_string(i) + ".png"), 40, 30, i);
    return folder;
}
} // namespace

TEST_CASE("A project created through the wizard opens at once and ingests its data", "[wizard]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto images = makeImageFolder(dir);
    const auto location = dir / "projects";

    HomeWindow home;
    home.setInteractive(false);
    field<QPushButton>(home, "newProjectButton")->click();
    QPointer<CreateProjectWizard> wizard = home.wizard();
    REQUIRE(wizard);
    REQUIRE(wizard->isVisible());
    auto& w = *wizard;

    // Details: nothing to go on until the project has a name.
    CHECK(w.currentId() == CreateProjectWizard::DetailsPageId);
    CHECK_FALSE(test::nextEnabled(w));
    test::setText(w, "projectNameEdit", QStringLiteral("Street birds"));
    test::setText(w, "locationEdit", qPath(location));
    field<QRadioButton>(w, "taskType-object-detection")->click();
    CHECK(field<QLabel>(w, "projectFileLine")->text().contains(QStringLiteral("Street birds.pixmark")));
    test::pressNext(w);

    // Data: a folder of images, referenced.
    CHECK_FALSE(test::nextEnabled(w)); // no folder yet
    test::setText(w, "folderEdit", qPath(images));
    CHECK(test::errorText(w, "dataError").isEmpty());
    test::pressNext(w);

    // Refresh: on, every 15 minutes.
    field<QCheckBox>(w, "incrementalRefreshCheck")->click();
    field<QSpinBox>(w, "refreshMinutesSpin")->setValue(15);
    test::pressNext(w);

    // Classes: pasted, one per line; each shows the key it gets; one is changed.
    CHECK_FALSE(test::nextEnabled(w));
    field<QPlainTextEdit>(w, "pasteClassesEdit")->setPlainText(QStringLiteral("Sparrow\nCrow\n\nPigeon\n"));
    field<QPushButton>(w, "addPastedButton")->click();
    QTableWidget* table = field<QTableWidget>(w, "classesTable");
    REQUIRE(table->rowCount() == 3);
    CHECK(table->item(0, ClassesPage::HotkeyColumn)->text() == QStringLiteral("1"));
    CHECK(table->item(2, ClassesPage::HotkeyColumn)->text() == QStringLiteral("3"));
    table->item(1, ClassesPage::HotkeyColumn)->setText(QStringLiteral("q"));
    CHECK(table->item(1, ClassesPage::HotkeyColumn)->text() == QStringLiteral("Q")); // shown as stored
    field<QPushButton>(w, "addClassButton")->click();
    REQUIRE(table->rowCount() == 4);
    CHECK(table->item(3, ClassesPage::HotkeyColumn)->text() == QStringLiteral("2")); // the first free key
    table->setCurrentCell(3, 0);
    field<QPushButton>(w, "removeClassButton")->click();
    REQUIRE(table->rowCount() == 3);
    test::pressNext(w);

    // Instructions: formatted text and a link.
    auto* editor = field<QTextEdit>(w, "instructionsEdit");
    editor->setPlainText(QStringLiteral("Draw a box around every bird."));
    editor->selectAll();
    field<QAction>(w, "boldAction")->trigger();
    test::setText(w, "instructionsUrlEdit", QStringLiteral("https://example.org/birds"));
    test::pressNext(w);

    // ML assist: starts after 50 labels.
    field<QSpinBox>(w, "assistStartSpin")->setValue(50);
    test::pressNext(w);

    // Quality: consensus of three (the count follows the switch), with review.
    field<QCheckBox>(w, "consensusCheck")->click();
    CHECK(field<QSpinBox>(w, "labelersPerItemSpin")->value() == 3);
    field<QCheckBox>(w, "reviewRequiredCheck")->click();
    test::pressNext(w);

    // Review shows the plan; Finish creates the project.
    CHECK(w.currentId() == CreateProjectWizard::ReviewPageId);
    const QString summary = w.reviewPage()->summaryText();
    CHECK(summary.contains(QStringLiteral("Street birds")));
    CHECK(summary.contains(QStringLiteral("Object detection")));
    CHECK(summary.contains(QStringLiteral("Crow <i>(Q)</i>")));
    CHECK(summary.contains(QStringLiteral("consensus of 3 labelers")));
    w.button(QWizard::FinishButton)->click();
    QApplication::processEvents();

    // The project window opened with ingest running; the wizard closed.
    QPointer<ProjectWindow> projectWindow = home.lastProjectWindow();
    REQUIRE(projectWindow);
    CHECK(projectWindow->isVisible());
    CHECK(QTest::qWaitFor([&] { return !wizard; }, 2000));
    IngestJob* job = projectWindow->ingestJob();
    REQUIRE(job);
    REQUIRE(QTest::qWaitFor([&] { return !job->isRunning(); }, 20000));
    const auto file = location / "Street birds.pixmark";
    CHECK(home.recentProjectPaths().contains(qPath(std::filesystem::canonical(file))));
    delete projectWindow.data(); // closes the project

    // The file holds what the wizard said.
    auto project = Project::open(file, Project::Access::ReadOnly);
    const ProjectInfo info = project->info();
    CHECK(info.name == "Street birds");
    CHECK(info.taskType == TaskType::ObjectDetection);
    CHECK(info.instructions.find("**Draw a box around every bird.**") != std::string::npos);
    CHECK(info.instructionsUrl == "https://example.org/birds");
    const auto classes = project->classes();
    REQUIRE(classes.size() == 3);
    CHECK(classes[0].name == "Sparrow");
    CHECK(classes[0].hotkey == std::optional<std::string>("1"));
    CHECK(classes[1].name == "Crow");
    CHECK(classes[1].hotkey == std::optional<std::string>("Q"));
    CHECK(classes[2].name == "Pigeon");
    CHECK(classes[2].hotkey == std::optional<std::string>("3"));
    CHECK(classes[2].color == paletteColor(2));
    CHECK(assistSettingsOf(*project).enabled);
    CHECK(assistSettingsOf(*project).startAfterLabels == 50);
    CHECK(qualitySettingsOf(*project).consensus);
    CHECK(qualitySettingsOf(*project).labelersPerItem == 3);
    CHECK(qualitySettingsOf(*project).reviewRequired);
    const auto sources = project->sources();
    REQUIRE(sources.size() == 1);
    CHECK(sources[0].kind == SourceKind::Folder);
    CHECK(sources[0].incrementalRefresh);
    CHECK(sources[0].refreshIntervalSeconds == 15 * 60);
    CHECK_FALSE(sources[0].copyIntoProject);
    CHECK(project->items(std::nullopt, 100).size() == 3);
}

TEST_CASE("Invalid input is explained next to its field and Next waits", "[wizard][errors]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    test::writeText(dir / "Taken.pixmark", "not a project");
    CreateProjectWizard w;
    w.setInteractive(false);
    w.show();

    test::setText(w, "locationEdit", qPath(dir.path()));
    test::setText(w, "projectNameEdit", QStringLiteral("a/b"));
    CHECK(test::errorText(w, "projectNameError").contains(QStringLiteral("/")));
    CHECK_FALSE(test::nextEnabled(w));
    test::setText(w, "projectNameEdit", QStringLiteral("Taken"));
    CHECK(test::errorText(w, "projectNameError").isEmpty());
    CHECK(test::errorText(w, "locationError").contains(QStringLiteral("already exists")));
    CHECK_FALSE(test::nextEnabled(w));
    test::setText(w, "projectNameEdit", QStringLiteral("Fresh"));
    CHECK(test::errorText(w, "locationError").isEmpty());
    test::pressNext(w);

    test::setText(w, "folderEdit", qPath(dir / "nowhere"));
    CHECK(test::errorText(w, "dataError").contains(QStringLiteral("does not exist")));
    CHECK_FALSE(test::nextEnabled(w));
    field<QRadioButton>(w, "dataChoice-later")->click();
    CHECK(test::errorText(w, "dataError").isEmpty());
    test::pressNext(w);
    CHECK_FALSE(field<QCheckBox>(w, "incrementalRefreshCheck")->isEnabled()); // nothing to refresh
    test::pressNext(w);

    w.classesPage()->addClassesFromText(QStringLiteral("cat\nCat"));
    CHECK(test::errorText(w, "classesError") == QStringLiteral("Class 2 (Cat): another class already has this name."));
    CHECK_FALSE(test::nextEnabled(w));
    QTableWidget* table = w.classesPage()->table();
    table->item(1, ClassesPage::NameColumn)->setText(QStringLiteral("dog"));
    table->item(1, ClassesPage::HotkeyColumn)->setText(QStringLiteral("S"));
    CHECK(test::errorText(w, "classesError").contains(QStringLiteral("\"Skip\"")));
    CHECK_FALSE(test::nextEnabled(w));
    table->item(1, ClassesPage::HotkeyColumn)->setText(QStringLiteral("1"));
    CHECK(test::errorText(w, "classesError").contains(QStringLiteral("already used by another class")));
    table->item(1, ClassesPage::HotkeyColumn)->setText(QString()); // no key at all is fine
    CHECK(test::errorText(w, "classesError").isEmpty());
    test::pressNext(w);

    test::setText(w, "instructionsUrlEdit", QStringLiteral("example.org"));
    CHECK(test::errorText(w, "instructionsUrlError").contains(QStringLiteral("https://")));
    CHECK_FALSE(test::nextEnabled(w));
    test::setText(w, "instructionsUrlEdit", QString());
    test::pressNext(w);

    field<QSpinBox>(w, "assistStartSpin")->setValue(5);
    CHECK(test::errorText(w, "assistError").contains(QStringLiteral("between 10 and 100,000")));
    CHECK_FALSE(test::nextEnabled(w));
    field<QSpinBox>(w, "assistStartSpin")->setValue(10);
    test::pressNext(w);

    field<QCheckBox>(w, "consensusCheck")->click();
    field<QSpinBox>(w, "labelersPerItemSpin")->setValue(12);
    CHECK(test::errorText(w, "qualityError").contains(QStringLiteral("between 2 and 9")));
    CHECK_FALSE(test::nextEnabled(w));
    field<QSpinBox>(w, "labelersPerItemSpin")->setValue(2);
    test::pressNext(w);

    // The file appears between review and Finish: the reason shows, the wizard stays.
    test::writeText(dir / "Fresh.pixmark", "someone else's");
    w.button(QWizard::FinishButton)->click();
    CHECK(w.reviewPage()->createError().contains(QStringLiteral("already exists")));
    CHECK(w.isVisible());
    CHECK_FALSE(w.takeCreatedProject());
}

TEST_CASE("A manifest's columns are offered from its header and mapped", "[wizard][manifest]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    test::writePng(dir / "img" / "a.png", 20, 20, 1);
    test::writePng(dir / "img" / "b.png", 20, 20, 2);
    test::writeText(dir / "list.csv", "file,category,notes\nimg/a.png,cat,x\nimg/b.png,dog,y\n,cat,z\n");
    CreateProjectWizard w;
    w.setInteractive(false);
    w.show();
    test::setText(w, "projectNameEdit", QStringLiteral("Pets"));
    test::setText(w, "locationEdit", qPath(dir.path()));
    test::pressNext(w);

    field<QRadioButton>(w, "dataChoice-manifest")->click();
    CHECK_FALSE(test::nextEnabled(w));
    test::setText(w, "manifestEdit", qPath(dir / "list.csv"));
    auto* image = field<QComboBox>(w, "imageColumnCombo");
    auto* label = field<QComboBox>(w, "labelColumnCombo");
    REQUIRE(image->count() == 3);
    CHECK(image->currentText() == QStringLiteral("file"));     // guessed from the usual names
    CHECK(label->currentText() == QStringLiteral("category")); // likewise
    CHECK(field<QLabel>(w, "manifestInfo")->text().startsWith(QStringLiteral("2 images listed; 1 row cannot be used")));
    field<QRadioButton>(w, "labelsFinalRadio")->click();
    field<QRadioButton>(w, "copyRadio")->click();
    CHECK(test::nextEnabled(w));

    const auto request = w.dataPage()->request();
    REQUIRE(request);
    CHECK(request->kind == SourceKind::Manifest);
    CHECK(request->manifestColumns.image == "file");
    CHECK(request->manifestColumns.label == std::optional<std::string>("category"));
    CHECK(request->manifestLabels == ingest::ManifestLabels::Final);
    CHECK(request->copyIntoProject);

    // The classes page offers the classes the manifest names.
    test::pressNext(w);
    test::pressNext(w);
    QTableWidget* table = w.classesPage()->table();
    REQUIRE(table->rowCount() == 2);
    CHECK(table->item(0, ClassesPage::NameColumn)->text() == QStringLiteral("cat"));
    CHECK(table->item(1, ClassesPage::NameColumn)->text() == QStringLiteral("dog"));
    w.back();
    w.back();

    label->setCurrentIndex(0); // "(none)"
    CHECK_FALSE(w.dataPage()->request()->manifestColumns.label);
}

TEST_CASE("Files and patterns are sources too and only rescannable sources refresh", "[wizard]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto images = makeImageFolder(dir);
    CreateProjectWizard w;
    w.setInteractive(false);
    w.show();
    test::setText(w, "projectNameEdit", QStringLiteral("Mixed"));
    test::pressNext(w);

    field<QRadioButton>(w, "dataChoice-files")->click();
    CHECK(test::errorText(w, "dataError") == QStringLiteral("Add at least one image file."));
    CHECK_FALSE(test::nextEnabled(w));
    w.dataPage()->addFiles({qPath(images / "bird-0.png"), qPath(images / "bird-1.png"), qPath(images / "bird-0.png")});
    CHECK(field<QListWidget>(w, "filesList")->count() == 2); // no duplicates
    CHECK(w.detailsPage()->location() == qPath(dir.path())); // suggested from the files' folder
    test::pressNext(w);
    CHECK_FALSE(field<QCheckBox>(w, "incrementalRefreshCheck")->isEnabled());
    CHECK(field<QLabel>(w, "refreshUnavailable")->text().contains(QStringLiteral("nothing new")));
    w.back();

    field<QRadioButton>(w, "dataChoice-glob")->click();
    test::setText(w, "globRootEdit", qPath(dir.path()));
    test::setText(w, "globPatternEdit", QString());
    CHECK(test::errorText(w, "dataError").contains(QStringLiteral("Enter a pattern")));
    test::setText(w, "globPatternEdit", QStringLiteral("birds/*.png"));
    CHECK(test::errorText(w, "dataError").isEmpty());
    const auto request = w.dataPage()->request();
    REQUIRE(request);
    CHECK(request->kind == SourceKind::Glob);
    CHECK(request->root == dir.path());
    CHECK(request->pattern == "birds/*.png");
    test::pressNext(w);
    CHECK(field<QCheckBox>(w, "incrementalRefreshCheck")->isEnabled());
}
