#include "core/project/workflow_settings.h"
#include "tests/support/image_files.h"
#include "tests/widgets/project/pets_project.h"
#include "tests/widgets/project/project_window_fixture.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/project/dashboard/dashboard_tab.h"
#include "widgets/project/details/add_source_dialog.h"
#include "widgets/project/details/classes_section.h"
#include "widgets/project/details/details_tab.h"
#include "widgets/project/details/general_section.h"
#include "widgets/project/details/instructions_section.h"
#include "widgets/project/details/label_reset_dialog.h"
#include "widgets/project/details/settings_section.h"
#include "widgets/project/details/sources_section.h"
#include "widgets/project/details/storage_section.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/session/project_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <catch2/catch.hpp>

using namespace pixmark;

namespace {

std::unique_ptr<ProjectWindow> openDetailsTab(const std::filesystem::path& file)
{
    auto window = test::openProjectWindow(file);
    window->tabs()->setCurrentWidget(window->detailsTab());
    return window;
}

/// Runs a read on the project thread and waits for its answer.
template <class Read> auto readProject(ProjectWindow& window, Read read)
{
    using Result = std::invoke_result_t<Read, Project&>;
    std::optional<Result> result;
    window.session().run(&window, read, [&](Result value) { result = std::move(value); });
    REQUIRE(QTest::qWaitFor([&] { return result.has_value(); }, 5000));
    return *result;
}

/// Waits until the classes table shows count rows.
void waitForClasses(ClassesSection& classes, int count)
{
    REQUIRE(QTest::qWaitFor([&] { return classes.table()->rowCount() == count; }, 5000));
}
} // namespace

TEST_CASE("Details shows the project's name, type and state", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makeBirdsProject(dir));
    auto* general = window->detailsTab()->generalSection();
    REQUIRE(QTest::qWaitFor([&] { return general->nameText() == QStringLiteral("Street birds"); }, 5000));
    CHECK(general->stateText() == QStringLiteral("Paused"));
    const QString type = general->findChild<QLabel*>(QStringLiteral("taskType"))->text();
    INFO(type.toStdString());
    CHECK(type.startsWith(QStringLiteral("Object detection")));

    general->rename(QStringLiteral("a/b"));
    REQUIRE(QTest::qWaitFor([&] { return !general->renameError().isEmpty(); }, 5000));
    CHECK(general->renameError().contains(QStringLiteral("cannot contain /")));
    CHECK(general->nameText() == QStringLiteral("Street birds"));
    general->rename(QStringLiteral("Garden birds"));
    REQUIRE(QTest::qWaitFor([&] { return general->nameText() == QStringLiteral("Garden birds"); }, 5000));
    CHECK(general->renameError().isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return window->windowTitle().startsWith(QStringLiteral("Garden birds")); }, 5000));
}

TEST_CASE("Adding a class to a labeled project asks for the mode and applies it", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* classes = window->detailsTab()->classesSection();
    waitForClasses(*classes, 2);
    QStringList askedFor;
    classes->setResetModeChooser([&](const QStringList& names) {
        askedFor = names;
        return std::optional(LabelResetMode::Continue);
    });
    QSignalSpy finished(classes, &ClassesSection::editFinished);
    QTest::keyClicks(classes->newNameEdit(), QStringLiteral("Bird"));
    QTest::mouseClick(classes->findChild<QPushButton*>(QStringLiteral("addClass")), Qt::LeftButton);
    REQUIRE(finished.wait(5000));
    CHECK(finished.front().front().toBool());
    CHECK(askedFor == QStringList{QStringLiteral("Bird")});
    waitForClasses(*classes, 3);
    CHECK(classes->table()->item(2, ClassesSection::NameColumn)->text() == QStringLiteral("Bird"));
    CHECK(readProject(*window, [](Project& project) { return project.classNamed("bird").name; }) == "Bird");
    // Continue keeps the labels.
    CHECK(readProject(*window, [](Project& project) { return project.hasLabels(); }));
    CHECK(classes->errorText().isEmpty());
}

TEST_CASE("Adding a class with start-over returns labeled items to the queue", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* classes = window->detailsTab()->classesSection();
    waitForClasses(*classes, 2);
    classes->setResetModeChooser([](const QStringList&) { return std::optional(LabelResetMode::StartOver); });
    QSignalSpy finished(classes, &ClassesSection::editFinished);
    classes->addClass(QStringLiteral("Bird"));
    REQUIRE(finished.wait(5000));
    CHECK_FALSE(readProject(*window, [](Project& project) { return project.hasLabels(); }));
}

TEST_CASE("Declining the mode question adds nothing and says why", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* classes = window->detailsTab()->classesSection();
    waitForClasses(*classes, 2);
    classes->setResetModeChooser([](const QStringList&) { return std::optional<LabelResetMode>(); });
    QSignalSpy finished(classes, &ClassesSection::editFinished);
    classes->addClass(QStringLiteral("Bird"));
    REQUIRE(finished.wait(5000));
    CHECK_FALSE(finished.front().front().toBool());
    CHECK(classes->errorText().contains(QStringLiteral("Not added")));
    CHECK(readProject(*window, [](Project& project) { return project.classes().size(); }) == 2);
}

TEST_CASE("Classes are renamed, archived and reordered in the table, and core's refusals show inline", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* classes = window->detailsTab()->classesSection();
    waitForClasses(*classes, 2);
    QTableWidget* table = classes->table();
    QSignalSpy finished(classes, &ClassesSection::editFinished);
    QSignalSpy reloaded(classes, &ClassesSection::reloaded);

    table->item(0, ClassesSection::NameColumn)->setText(QStringLiteral("Kitten"));
    REQUIRE(finished.wait(5000));
    CHECK(finished.takeFirst().front().toBool());
    CHECK(readProject(*window, [](Project& project) { return project.classes().front().name; }) == "Kitten");

    // A duplicate name is refused by core; the message appears and the table is restored.
    REQUIRE(QTest::qWaitFor([&] { return reloaded.count() > 0; }, 5000));
    table->item(1, ClassesSection::NameColumn)->setText(QStringLiteral("kitten"));
    REQUIRE(finished.wait(5000));
    CHECK_FALSE(finished.takeFirst().front().toBool());
    CHECK_FALSE(classes->errorText().isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return table->item(1, ClassesSection::NameColumn)->text() == QStringLiteral("Dog"); },
                            5000));

    // A hotkey another class holds is refused too.
    table->item(1, ClassesSection::HotkeyColumn)->setText(QStringLiteral("1"));
    REQUIRE(finished.wait(5000));
    CHECK_FALSE(finished.takeFirst().front().toBool());
    CHECK_FALSE(classes->errorText().isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return table->item(1, ClassesSection::HotkeyColumn)->text() == QStringLiteral("2"); },
                            5000));
    table->item(1, ClassesSection::HotkeyColumn)->setText(QStringLiteral("7"));
    REQUIRE(finished.wait(5000));
    CHECK(finished.takeFirst().front().toBool());
    CHECK(readProject(*window, [](Project& project) { return project.classNamed("Dog").hotkey; }) == "7");

    table->item(1, ClassesSection::ArchivedColumn)->setCheckState(Qt::Checked);
    REQUIRE(finished.wait(5000));
    CHECK(finished.takeFirst().front().toBool());
    CHECK(readProject(*window, [](Project& project) { return project.classNamed("Dog").archived; }));
    CHECK(classes->errorText().isEmpty());

    REQUIRE(QTest::qWaitFor([&] { return classes->classes().size() == 2 && classes->classes()[1].archived; }, 5000));
    table->selectRow(1);
    classes->moveSelected(-1);
    REQUIRE(finished.wait(5000));
    CHECK(readProject(*window, [](Project& project) { return project.classes().front().name; }) == "Dog");

    REQUIRE(QTest::qWaitFor([&] { return classes->classes().front().name == "Dog"; }, 5000));
    CHECK(table->item(0, ClassesSection::NameColumn)->text() == QStringLiteral("Dog"));
    classes->recolor(classes->classes()[1].id, QColor(0x12, 0x34, 0x56));
    REQUIRE(finished.wait(5000));
    CHECK(readProject(*window, [](Project& project) { return project.classNamed("Kitten").color; }) == "#123456");
    REQUIRE(QTest::qWaitFor(
        [&] { return table->item(1, ClassesSection::ColorColumn)->text() == QStringLiteral("#123456"); }, 5000));
}

TEST_CASE("Incremental refresh and its interval are set per source", "[details]")
{
    test::TempDir dir;
    const auto file = test::makePetsProject(dir);
    {
        auto project = Project::open(file);
        DataSource source;
        source.kind = SourceKind::Folder;
        source.root = "images";
        project->addSource(source);
    }
    auto window = openDetailsTab(file);
    auto* sources = window->detailsTab()->sourcesSection();
    QTableWidget* table = sources->table();
    REQUIRE(QTest::qWaitFor([&] { return table->rowCount() == 1; }, 5000));
    CHECK(table->item(0, SourcesSection::KindColumn)->text() == QStringLiteral("Folder"));
    CHECK(table->item(0, SourcesSection::LocationColumn)->text() == QStringLiteral("images"));
    CHECK(table->item(0, SourcesSection::LastRefreshColumn)->text() == QStringLiteral("never"));

    QSignalSpy finished(sources, &SourcesSection::editFinished);
    table->item(0, SourcesSection::IncrementalColumn)->setCheckState(Qt::Checked);
    REQUIRE(finished.wait(5000));
    CHECK(readProject(*window, [](Project& project) { return project.sources().front().incrementalRefresh; }));

    // The table is rebuilt when the project reports the change, which replaces its cell
    // widgets: look the spin box up each time instead of keeping a pointer.
    const auto intervalBox = [&] {
        return qobject_cast<QSpinBox*>(table->cellWidget(0, SourcesSection::IntervalColumn));
    };
    REQUIRE(QTest::qWaitFor([&] { return intervalBox() && intervalBox()->isEnabled(); }, 5000));
    auto* interval = intervalBox();
    interval->setValue(15);
    emit interval->editingFinished();
    REQUIRE(finished.wait(5000));
    const DataSource source = readProject(*window, [](Project& project) { return project.sources().front(); });
    CHECK(source.incrementalRefresh);
    CHECK(source.refreshIntervalSeconds == 15 * 60);
}

TEST_CASE("A source added from Details is ingested, then refreshed on demand", "[details]")
{
    test::TempDir dir;
    for (int i = 0; i < 5; ++i)
        test::writePng(dir / "images" / ("img" + std::to_string(i) + ".png"), 32, 24, i);
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* sources = window->detailsTab()->sourcesSection();
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = dir / "images";
    IngestJob* job = sources->addSource(request);
    QSignalSpy finished(job, &IngestJob::finished);
    REQUIRE(finished.wait(30000));
    CHECK(readProject(*window, [](Project& project) { return project.items(std::nullopt, 100).size(); }) == 11);
    // The dashboard followed the ingest.
    REQUIRE(QTest::qWaitFor([&] { return window->dashboardTab()->totalItems() == 11; }, 5000));
    CHECK(window->dashboardTab()->progressCount(ItemCategory::Queued) == 7);
    QTableWidget* table = sources->table();
    REQUIRE(QTest::qWaitFor([&] { return table->rowCount() == 1; }, 5000));

    test::writePng(dir / "images" / "img9.png", 32, 24, 9);
    auto* refresh = qobject_cast<QPushButton*>(table->cellWidget(0, SourcesSection::RefreshColumn));
    REQUIRE(refresh);
    refresh->click();
    IngestJob* refreshJob = window->ingestJob();
    REQUIRE(refreshJob != job);
    QSignalSpy refreshed(refreshJob, &IngestJob::finished);
    REQUIRE(refreshed.wait(30000));
    CHECK(readProject(*window, [](Project& project) { return project.items(std::nullopt, 100).size(); }) == 12);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return table->rowCount() == 1 &&
                   table->item(0, SourcesSection::LastRefreshColumn)->text() != QStringLiteral("never");
        },
        5000));
    // The source's own items (the project had 6 before it was added).
    REQUIRE(QTest::qWaitFor([&] { return table->item(0, SourcesSection::ItemsColumn)->text() == QStringLiteral("6"); },
                            5000));
}

TEST_CASE("Quality and assist settings are applied, and invalid ones explained", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makePetsProject(dir));
    auto* settings = window->detailsTab()->settingsSection();
    QSignalSpy applied(settings, &SettingsSection::applied);
    QTest::qWait(200); // the first read fills the form

    settings->consensusBox()->setChecked(true);
    settings->labelersPerItemBox()->setValue(12);
    settings->apply();
    REQUIRE(applied.wait(5000));
    CHECK_FALSE(applied.takeFirst().front().toBool());
    CHECK(settings->statusText().contains(QStringLiteral("between 2 and 9")));
    CHECK_FALSE(readProject(*window, [](Project& project) { return qualitySettingsOf(project).consensus; }));

    settings->labelersPerItemBox()->setValue(3);
    settings->reviewBox()->setChecked(true);
    settings->assistStartBox()->setValue(250);
    // A single-label project offers self-training.
    REQUIRE(settings->selfTrainingBox()->isVisibleTo(settings));
    CHECK_FALSE(settings->selfTrainingBox()->isChecked());
    REQUIRE(settings->selfTrainingRoundsBox()->isVisibleTo(settings));
    CHECK(settings->selfTrainingRoundsBox()->value() == 1);
    CHECK_FALSE(settings->selfTrainingRoundsBox()->isEnabled()); // until self-training is on
    settings->selfTrainingBox()->setChecked(true);
    CHECK(settings->selfTrainingRoundsBox()->isEnabled());
    // The prelabels' promise, in percent: the defaults are shown, a precision below 50 % is refused.
    CHECK(settings->precisionBox()->value() == Approx(95.0));
    CHECK(settings->confidenceBox()->value() == Approx(80.0));
    settings->precisionBox()->setValue(40);
    settings->apply();
    REQUIRE(applied.wait(5000));
    CHECK_FALSE(applied.takeFirst().front().toBool());
    CHECK(settings->statusText().contains(QStringLiteral("between 50 % and 100 %")));
    CHECK_FALSE(readProject(*window, [](Project& project) { return qualitySettingsOf(project).consensus; }));
    settings->precisionBox()->setValue(98);
    settings->confidenceBox()->setValue(90);
    settings->selfTrainingRoundsBox()->setValue(5);
    settings->apply();
    REQUIRE(applied.wait(5000));
    CHECK_FALSE(applied.takeFirst().front().toBool());
    CHECK(settings->statusText().contains(QStringLiteral("1 to 3 rounds")));
    settings->selfTrainingRoundsBox()->setValue(2);
    QTest::mouseClick(settings->findChild<QPushButton*>(QStringLiteral("applySettings")), Qt::LeftButton);
    REQUIRE(applied.wait(5000));
    CHECK(applied.takeFirst().front().toBool());
    const auto quality = readProject(*window, [](Project& project) { return qualitySettingsOf(project); });
    CHECK(quality.consensus);
    CHECK(quality.labelersPerItem == 3);
    CHECK(quality.reviewRequired);
    const auto assist = readProject(*window, [](Project& project) { return assistSettingsOf(project); });
    CHECK(assist.startAfterLabels == 250);
    CHECK(assist.selfTraining);
    CHECK(assist.selfTrainingRounds == 2);
    CHECK(assist.targetPrecision == Approx(0.98));
    CHECK(assist.calibrationConfidence == Approx(0.9));
    // Read again, the form shows what was stored.
    settings->reload();
    REQUIRE(QTest::qWaitFor([&] { return settings->confidenceBox()->value() == Approx(90.0); }, 5000));
    CHECK(settings->precisionBox()->value() == Approx(98.0));
    CHECK(settings->selfTrainingRoundsBox()->value() == 2);
    // Unchecking ML assist greys self-training out with the other assist fields.
    settings->assistBox()->setChecked(false);
    CHECK_FALSE(settings->selfTrainingBox()->isEnabled());
    CHECK_FALSE(settings->selfTrainingRoundsBox()->isEnabled());
    CHECK_FALSE(settings->precisionBox()->isEnabled());
    CHECK_FALSE(settings->confidenceBox()->isEnabled());
}

TEST_CASE("Instructions are edited and saved, storage sizes are measured", "[details]")
{
    test::TempDir dir;
    auto window = openDetailsTab(test::makeBirdsProject(dir));
    auto* instructions = window->detailsTab()->instructionsSection();
    REQUIRE(QTest::qWaitFor([&] { return instructions->textEdit()->toPlainText().startsWith(QStringLiteral("Draw")); },
                            5000));
    CHECK(instructions->urlEdit()->text() == QStringLiteral("https://example.org/birds-guide"));
    instructions->textEdit()->setPlainText(QStringLiteral("Box every bird, even small ones."));
    instructions->urlEdit()->setText(QStringLiteral("https://example.org/v2"));
    QTest::mouseClick(instructions->findChild<QPushButton*>(QStringLiteral("saveInstructions")), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return instructions->statusText() == QStringLiteral("Saved"); }, 5000));
    const auto info = readProject(*window, [](Project& project) { return project.info(); });
    CHECK(info.instructions == "Box every bird, even small ones.");
    CHECK(info.instructionsUrl == "https://example.org/v2");

    auto* storage = window->detailsTab()->storageSection();
    REQUIRE(QTest::qWaitFor([&] { return storage->projectBytes() >= 0; }, 5000));
    CHECK(storage->projectBytes() > 0);
    CHECK(storage->cacheBytes() >= 0);
}

TEST_CASE("The add-source form becomes an ingest request and refuses what is incomplete", "[details]")
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "images");
    AddSourceDialog dialog;
    CHECK_FALSE(dialog.problem().isEmpty()); // no location yet
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(static_cast<int>(SourceKind::Glob)));
    dialog.pathEdit()->setText(test::qPath(dir / "images"));
    CHECK(dialog.problem().contains(QStringLiteral("pattern")));
    dialog.patternEdit()->setText(QStringLiteral("**/*.png"));
    dialog.incrementalBox()->setChecked(true);
    dialog.intervalBox()->setValue(30);
    CHECK(dialog.problem().isEmpty());
    const ingest::SourceRequest request = dialog.request();
    CHECK(request.kind == SourceKind::Glob);
    CHECK(request.root == dir / "images");
    CHECK(request.pattern == "**/*.png");
    CHECK(request.incrementalRefresh);
    CHECK(request.refreshIntervalSeconds == 30 * 60);

    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findData(static_cast<int>(SourceKind::Manifest)));
    CHECK(dialog.problem().contains(QStringLiteral("not a file")));
}

TEST_CASE("The label reset dialog offers the three modes, Continue first chosen", "[details]")
{
    LabelResetDialog dialog({QStringLiteral("Bird")});
    CHECK(dialog.mode() == LabelResetMode::Continue);
    dialog.findChild<QRadioButton*>(QStringLiteral("modeKeepSuggestions"))->click();
    CHECK(dialog.mode() == LabelResetMode::StartOverKeepSuggestions);
    dialog.setMode(LabelResetMode::StartOver);
    CHECK(dialog.findChild<QRadioButton*>(QStringLiteral("modeStartOver"))->isChecked());
}
