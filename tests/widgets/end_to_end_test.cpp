// The whole journey through the real windows, as a person makes it: a project created in
// the wizard from a folder of real images, twenty items labeled in a 4-tile grid with key
// presses only, one label rejected in the Data tab, and then the project file read back
// with core to see that it holds exactly that.

#include "core/model/dashboard.h"
#include "core/model/review.h"
#include "core/project/project.h"
#include "tests/support/image_files.h"
#include "tests/widgets/widget_fixtures.h"
#include "tests/widgets/wizard/wizard_test_support.h"
#include "widgets/home/home_window.h"
#include "widgets/labeling/labeling_window.h"
#include "widgets/labeling/tag_tile.h"
#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/data_tab.h"
#include "widgets/project/data/thumbnail_grid_view.h"
#include "widgets/project/project_window.h"
#include "widgets/session/ingest_job.h"
#include "widgets/wizard/classes_page.h"
#include "widgets/wizard/create_project_wizard.h"

#include <QAction>
#include <QApplication>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextEdit>
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

using namespace pixmark;
using test::field;
using test::qPath;

namespace {
constexpr int kImageCount = 24;
constexpr int kLabeledCount = 20;
constexpr int kTimeoutMs = 20000;

/// Makes window the active one, as the window manager does when it is raised.
bool activate(QWidget* window)
{
    window->activateWindow();
    QApplication::setActiveWindow(window);
    return QTest::qWaitForWindowActive(window);
}

/// The labeling window shows tiles tiles, every image decoded and nothing in flight.
bool waitForPage(const LabelingWindow& window, int tiles)
{
    return QTest::qWaitFor(
        [&] {
            return window.isReady() && window.page().tileCount() == tiles && window.pageImagesReady() &&
                   window.pendingRequests() == 0;
        },
        kTimeoutMs);
}

/// A key press on the active window, where the labeler's keyboard goes.
void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* active = QApplication::activeWindow();
    REQUIRE(active);
    QTest::keyClick(active, key, modifiers);
}
} // namespace

TEST_CASE("End to end: a project made in the wizard is labeled by keys, one label rejected, all in the file",
          "[e2e][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto images = dir / "farm-animals";
    for (int i = 0; i < kImageCount; ++i) // seeds below 256: every file has different pixels
        test::writePng(images / ("animal-" + std::to_string(100 + i) + ".png"), 64 + i, 48, i);
    const auto location = dir / "projects";
    const auto file = location / "Farm animals.pixmark";
    const QString labeler = QStringLiteral("Ann Example");
    const QString reason = QStringLiteral("That is a fox, not a dog");
    // A returning labeler whose last session used the 9-tile grid: the switch to 4 is real.
    QSettings(QStringLiteral("Pixmark"), QStringLiteral("Pixmark")).setValue(QStringLiteral("labeling/layout"), 9);

    HomeWindow home;
    home.setInteractive(false);
    home.show();

    // 1. Home -> New -> the wizard, filled in page by page.
    field<QPushButton>(home, "newProjectButton")->click();
    QPointer<CreateProjectWizard> wizard = home.wizard();
    REQUIRE(wizard);
    REQUIRE(wizard->isVisible());
    auto& w = *wizard;
    REQUIRE(w.currentId() == CreateProjectWizard::DetailsPageId);
    test::setText(w, "projectNameEdit", QStringLiteral("Farm animals"));
    test::setText(w, "locationEdit", qPath(location));
    field<QRadioButton>(w, "taskType-classification-multiclass")->click();
    test::pressNext(w);

    test::setText(w, "folderEdit", qPath(images)); // referenced in place (the default)
    CHECK(test::errorText(w, "dataError").isEmpty());
    test::pressNext(w);

    test::pressNext(w); // refresh: left off

    field<QPlainTextEdit>(w, "pasteClassesEdit")->setPlainText(QStringLiteral("Cat\nDog\n"));
    field<QPushButton>(w, "addPastedButton")->click();
    QTableWidget* classTable = field<QTableWidget>(w, "classesTable");
    REQUIRE(classTable->rowCount() == 2);
    CHECK(classTable->item(0, ClassesPage::HotkeyColumn)->text() == QStringLiteral("1"));
    CHECK(classTable->item(1, ClassesPage::HotkeyColumn)->text() == QStringLiteral("2"));
    test::pressNext(w);

    field<QTextEdit>(w, "instructionsEdit")->setPlainText(QStringLiteral("Tag the animal in the middle."));
    test::setText(w, "instructionsUrlEdit", QStringLiteral("https://example.org/farm"));
    test::pressNext(w);

    test::pressNext(w); // ML assist: as offered
    test::pressNext(w); // quality: one labeler per item, no review
    REQUIRE(w.currentId() == CreateProjectWizard::ReviewPageId);
    w.button(QWizard::FinishButton)->click();
    QApplication::processEvents();

    // 2. The project window opens and ingests the folder.
    QPointer<ProjectWindow> projectWindow = home.lastProjectWindow();
    REQUIRE(projectWindow);
    CHECK(projectWindow->isVisible());
    CHECK(QTest::qWaitFor([&] { return !wizard; }, kTimeoutMs));
    QPointer<IngestJob> job = projectWindow->ingestJob();
    REQUIRE(job);
    QSignalSpy ingestFailed(job.data(), &IngestJob::failed);
    REQUIRE(QTest::qWaitFor([&] { return !job || !job->isRunning(); }, kTimeoutMs));
    CHECK(ingestFailed.isEmpty());

    // 3. Labeling from the window's Label action; 20 items by key presses only.
    projectWindow->labelAction()->trigger();
    QPointer<LabelingWindow> labeling = projectWindow->labelingWindow();
    REQUIRE(labeling);
    REQUIRE(labeling->isVisible());
    REQUIRE(activate(labeling));
    labeling->setLabelerName(labeler);
    REQUIRE(waitForPage(*labeling, 9));
    press(Qt::Key_2, Qt::ControlModifier); // the 4-tile grid
    REQUIRE(waitForPage(*labeling, 4));

    const Qt::Key classKeys[] = {Qt::Key_1, Qt::Key_2};
    const QString classNames[] = {QStringLiteral("Cat"), QStringLiteral("Dog")};
    std::map<ItemId, int> pressed; // item -> class index (0 Cat, 1 Dog)
    for (int page = 0; page < kLabeledCount / 4; ++page) {
        REQUIRE(waitForPage(*labeling, 4));
        REQUIRE(QApplication::activeWindow() == labeling.data());
        INFO("page " << page + 1);
        CHECK(labeling->statusText().startsWith(QStringLiteral("Page %1 ").arg(page + 1)));
        if (page == 0) {
            // The whole page at once: select all, one class.
            press(Qt::Key_A, Qt::ControlModifier);
            press(classKeys[0]);
            for (int tile = 0; tile < 4; ++tile)
                pressed[labeling->page().tile(tile).id] = 0;
        } else {
            // Tile by tile: the selection moves on after each class key.
            for (int tile = 0; tile < 4; ++tile) {
                const int classIndex = (page + tile) % 2;
                pressed[labeling->page().tile(tile).id] = classIndex;
                press(classKeys[classIndex]);
            }
        }
        REQUIRE(labeling->page().isComplete());
        for (int tile = 0; tile < 4; ++tile) {
            // The chips on the tiles show what was pressed.
            const auto& chips = labeling->tile(tile)->tags();
            REQUIRE(chips.size() == 1);
            CHECK(chips[0].name == classNames[pressed.at(labeling->page().tile(tile).id)]);
        }
        press(Qt::Key_Return);
    }
    REQUIRE(pressed.size() == static_cast<std::size_t>(kLabeledCount));
    // The last four items are on screen; the twenty are in.
    REQUIRE(waitForPage(*labeling, kImageCount - kLabeledCount));
    CHECK(labeling->submittedCount() == kLabeledCount);
    CHECK(labeling->skippedCount() == 0);
    for (int tile = 0; tile < 4; ++tile)
        CHECK(pressed.count(labeling->page().tile(tile).id) == 0);
    labeling->close(); // the four held items go back to the queue
    REQUIRE(QTest::qWaitFor([&] { return !labeling; }, kTimeoutMs));
    CHECK_FALSE(projectWindow->labelingWindow());

    // 4. The Data tab: one labeled item selected and rejected with a reason.
    // A Dog, so the rejected label is not the class of the first page.
    ItemId rejected = 0;
    for (const auto& [itemId, classIndex] : pressed)
        if (classIndex == 1 && rejected == 0)
            rejected = itemId;
    REQUIRE(rejected != 0);
    DataTab* data = projectWindow->dataTab();
    REQUIRE(data);
    projectWindow->tabs()->setCurrentWidget(data);
    QSignalSpy shown(data, &DataTab::itemsShown);
    QSignalSpy finished(data, &DataTab::actionFinished);
    data->refresh();
    REQUIRE(QTest::qWaitFor([&] { return !shown.isEmpty(); }, kTimeoutMs));
    REQUIRE(data->itemCount() == kImageCount);
    const std::vector<ItemId> rows = data->model().ids();
    const auto row = std::find(rows.begin(), rows.end(), rejected);
    REQUIRE(row != rows.end());
    data->grid()->clickRow(row - rows.begin(), Qt::NoModifier);
    REQUIRE(data->selectedIds() == std::vector<ItemId>{rejected});
    data->rejectSelected(reason);
    REQUIRE(QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeoutMs));
    CHECK(data->message().contains(QStringLiteral("Rejected 1 item")));

    // 5. Closing the window releases the project (it deletes itself, the session ends).
    projectWindow->close();
    REQUIRE(QTest::qWaitFor([&] { return !projectWindow; }, kTimeoutMs));
    home.close();

    auto project = Project::open(file, Project::Access::ReadOnly);
    const ProjectInfo info = project->info();
    CHECK(info.name == "Farm animals");
    CHECK(info.taskType == TaskType::ClassificationMultiClass);
    CHECK(info.state == ProjectState::Running);
    CHECK(info.instructions.find("Tag the animal in the middle.") != std::string::npos);
    CHECK(info.instructionsUrl == "https://example.org/farm");
    const auto classes = project->classes();
    REQUIRE(classes.size() == 2);
    CHECK(classes[0].name == "Cat");
    CHECK(classes[0].hotkey == std::optional<std::string>("1"));
    CHECK(classes[1].name == "Dog");
    CHECK(classes[1].hotkey == std::optional<std::string>("2"));
    const ClassId classIds[] = {classes[0].id, classes[1].id};
    const auto sources = project->sources();
    REQUIRE(sources.size() == 1);
    CHECK(sources[0].kind == SourceKind::Folder);

    // Every file registered once, each with its own pixels.
    const auto items = project->items(std::nullopt, 1000);
    REQUIRE(items.size() == static_cast<std::size_t>(kImageCount));
    std::set<std::string> paths;
    std::set<std::string> hashes;
    for (const Item& item : items) {
        paths.insert(std::filesystem::path(item.relativePath).filename().string());
        hashes.insert(item.contentHash);
        CHECK(item.height == 48);
    }
    CHECK(paths.size() == static_cast<std::size_t>(kImageCount));
    CHECK(paths.count("animal-100.png") == 1);
    CHECK(paths.count("animal-123.png") == 1);
    CHECK(hashes.size() == static_cast<std::size_t>(kImageCount));

    // Nineteen labels as pressed, by the labeler; the rejected one back in the queue.
    std::map<ClassId, std::int64_t> perClass;
    for (const Item& item : items) {
        INFO("item " << item.id << " " << item.relativePath);
        const auto found = pressed.find(item.id);
        const auto annotations = project->currentAnnotations(item.id);
        const auto history = project->itemHistory(item.id);
        if (found == pressed.end()) { // never labeled: released when labeling closed
            CHECK(item.status == ItemStatus::Unlabeled);
            CHECK(annotations.empty());
            CHECK(history.empty());
            continue;
        }
        const ClassId classId = classIds[found->second];
        REQUIRE(history.size() == 1);
        CHECK(history[0].labelerName == labeler.toStdString());
        CHECK(history[0].origin == SubmissionOrigin::Manual);
        CHECK_FALSE(history[0].skipped);
        REQUIRE(history[0].annotations.size() == 1);
        CHECK(history[0].annotations[0].classId == classId);
        if (item.id == rejected) {
            CHECK(item.status == ItemStatus::Unlabeled);
            CHECK(annotations.empty());
            CHECK(history[0].reviewState == ReviewState::Rejected);
            CHECK(history[0].reviewNote == reason.toStdString());
            CHECK_FALSE(history[0].current);
            continue;
        }
        CHECK(item.status == ItemStatus::Labeled);
        REQUIRE(annotations.size() == 1);
        CHECK(annotations[0].classId == classId);
        CHECK(annotations[0].kind == AnnotationKind::Tag);
        CHECK(history[0].current);
        CHECK(history[0].reviewState == ReviewState::Pending);
        ++perClass[classId];
    }
    CHECK(project->itemCounts()[ItemStatus::Labeled] == kLabeledCount - 1);

    // The dashboard's numbers agree.
    const DashboardStats stats = project->dashboard(3600000, 24);
    CHECK(stats.totalItems == kImageCount);
    CHECK(stats.progress.at(ItemCategory::Done) == kLabeledCount - 1);
    CHECK(stats.progress.at(ItemCategory::Rejected) == 1);
    CHECK(stats.progress.at(ItemCategory::Queued) == kImageCount - kLabeledCount);
    CHECK(stats.progress.at(ItemCategory::InProgress) == 0);
    CHECK(stats.progress.at(ItemCategory::NeedsReview) == 0);
    CHECK(stats.progress.at(ItemCategory::Skipped) == 0);
    CHECK(stats.labelDistribution == perClass);
    CHECK(stats.queue.fresh == kImageCount - kLabeledCount);
    CHECK(stats.queue.returned == 1);
    REQUIRE(stats.labelers.size() == 1);
    CHECK(stats.labelers[0].name == labeler.toStdString());
    CHECK(stats.labelers[0].labeled == kLabeledCount);
    CHECK(stats.labelers[0].rejected == 1);
}
