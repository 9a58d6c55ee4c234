// The Export and Import labels dialogs of the project window, driven as a user would:
// options set on the widgets, the buttons clicked, the files and the project checked.

#include "core/project/project.h"
#include "tests/widgets/project/pets_project.h"
#include "tests/widgets/project/project_window_fixture.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/project/exchange/export_dialog.h"
#include "widgets/project/exchange/import_dialog.h"
#include "widgets/project/project_window.h"
#include "widgets/session/project_session.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace pixmark;
namespace fs = std::filesystem;

namespace {

ExportDialog* readyExportDialog(ProjectWindow& window)
{
    ExportDialog* dialog = window.openExportDialog();
    REQUIRE(QTest::qWaitFor([&] { return dialog->isReady(); }, 5000));
    return dialog;
}

bool runExport(ExportDialog& dialog)
{
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    REQUIRE(finished.wait(20000));
    return finished.at(0).at(0).toBool();
}

/// "Sized pets": multi-class, Cat and Dog, three 8 x 8 items a, b, c labeled Cat, Cat, Dog
/// and one (d) left queued.
fs::path makeSizedPetsProject(const test::TempDir& dir)
{
    const auto file = dir / "sized.pixmark";
    auto project = Project::create(file, "Pets", TaskType::ClassificationMultiClass);
    const ClassId cat = project->addClass(NewClass{"Cat"});
    const ClassId dog = project->addClass(NewClass{"Dog"});
    const auto ids = project->addItems({Item{0, "a.jpg", "jpeg", 0, 0, 8, 8}, Item{0, "b.jpg", "jpeg", 0, 0, 8, 8},
                                        Item{0, "c.jpg", "jpeg", 0, 0, 8, 8}, Item{0, "d.jpg", "jpeg", 0, 0, 8, 8}});
    for (std::size_t k = 0; k < 3; ++k)
        project->submit(SubmissionRequest{ids[k], project->currentLabeler(), 1, SubmissionOrigin::Manual, {}, false,
                                          {Annotation{k < 2 ? cat : dog, AnnotationKind::Tag, "", {}}}});
    return file;
}

void writeText(const fs::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

} // namespace

TEST_CASE("Export from the project window writes a verified COCO file of the final labels", "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    auto window = test::openProjectWindow(makeSizedPetsProject(dir));
    window->exportAction()->trigger();
    ExportDialog* dialog = readyExportDialog(*window);
    CHECK(dialog->formatBox()->findData(QStringLiteral("coco")) >= 0);
    CHECK(dialog->formatBox()->findData(QStringLiteral("csv")) >= 0);
    CHECK(dialog->formatBox()->findData(QStringLiteral("yolo")) < 0); // no boxes in a classification project
    const fs::path out = dir / "exports";
    fs::create_directories(out);
    dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(QStringLiteral("coco")));
    dialog->folderEdit()->setText(test::qPath(out));

    const bool verified = runExport(*dialog);
    INFO(dialog->resultLabel()->text().toStdString());
    REQUIRE(verified);
    CHECK(dialog->lastExportVerified());
    CHECK(dialog->resultLabel()->text().contains(QStringLiteral("Verified")));
    const fs::path folder = dialog->lastExportFolder().toStdString();
    CHECK(folder.parent_path() == out);
    CHECK(folder.filename().string().rfind("Pets_", 0) == 0);
    nlohmann::json coco;
    std::ifstream(folder / "annotations" / "instances.json") >> coco;
    CHECK(coco["images"].size() == 3); // a, b, c labeled; the queued item is not
    CHECK(coco["annotations"].size() == 3);
    CHECK(dialog->exportButton()->isEnabled()); // ready for the next export
}

TEST_CASE("An export that does not verify says which images and why", "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir)); // its items were never read: no sizes
    ExportDialog* dialog = readyExportDialog(*window);
    dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(QStringLiteral("coco")));
    dialog->folderEdit()->setText(test::qPath(dir.path()));
    CHECK_FALSE(runExport(*dialog));
    CHECK_FALSE(dialog->lastExportVerified());
    const QString text = dialog->resultLabel()->text();
    CHECK(text.contains(QStringLiteral("Verification failed")));
    CHECK(text.contains(QStringLiteral("a.jpg")));
    CHECK(text.contains(QStringLiteral("no size")));
    CHECK(fs::exists(fs::path(dialog->lastExportFolder().toStdString()) / "export.json"));
}

TEST_CASE("Export from the dialog splits train/val/test with the ratios and seed on screen", "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    ExportDialog* dialog = readyExportDialog(*window);
    dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(QStringLiteral("csv")));
    dialog->folderEdit()->setText(test::qPath(dir.path()));
    dialog->splitBox()->setChecked(true);
    dialog->trainRatio()->setValue(60);
    dialog->valRatio()->setValue(40);
    dialog->testRatio()->setValue(0);
    dialog->seedBox()->setValue(7);
    REQUIRE(runExport(*dialog));
    const fs::path folder = dialog->lastExportFolder().toStdString();
    nlohmann::json about;
    std::ifstream(folder / "export.json") >> about;
    CHECK(about["split"]["train"].get<double>() == Approx(0.6));
    CHECK(about["split"]["seed"].get<int>() == 7);
    CHECK(dialog->resultLabel()->text().contains(QStringLiteral("train")));
}

TEST_CASE("A labeler opening Export is told only a lead exports, and cannot start one", "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    window->session().post([](Project& project) { project.useLabeler("ana"); });
    ExportDialog* dialog = window->openExportDialog();
    REQUIRE(QTest::qWaitFor([&] { return dialog->resultLabel()->text().contains(QStringLiteral("lead")); }, 5000));
    CHECK_FALSE(dialog->exportButton()->isEnabled());
    dialog->startExport();
    CHECK_FALSE(dialog->isRunning());
}

TEST_CASE("An export into a folder that cannot be made fails with the reason and leaves the dialog usable",
          "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    auto window = test::openProjectWindow(test::makePetsProject(dir));
    ExportDialog* dialog = readyExportDialog(*window);
    const fs::path blocker = dir / "not-a-folder";
    writeText(blocker, "a file where the export folder should go");
    dialog->folderEdit()->setText(test::qPath(blocker / "inside"));
    CHECK_FALSE(runExport(*dialog));
    CHECK(dialog->resultLabel()->text().contains(QStringLiteral("failed")));
    CHECK(dialog->resultLabel()->text().contains(QStringLiteral("not-a-folder")));
    CHECK(dialog->exportButton()->isEnabled());
}

TEST_CASE("Import labels from the project window: a COCO file becomes final labels and new classes",
          "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const fs::path projectFile = test::makePetsProject(dir);
    const fs::path coco = dir / "other-tool.json";
    writeText(coco, R"({"images": [{"id": 1, "file_name": "e.jpg", "width": 10, "height": 10},
                                   {"id": 2, "file_name": "photos/f.jpg", "width": 10, "height": 10},
                                   {"id": 3, "file_name": "zzz.jpg", "width": 10, "height": 10}],
                        "categories": [{"id": 5, "name": "dog"}, {"id": 6, "name": "Rabbit"}],
                        "annotations": [{"id": 1, "image_id": 1, "category_id": 5},
                                        {"id": 2, "image_id": 2, "category_id": 6}]})");
    {
        auto window = test::openProjectWindow(projectFile);
        window->importAction()->trigger();
        ImportDialog* dialog = window->openImportDialog();
        dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(QStringLiteral("coco")));
        dialog->inputEdit()->setText(test::qPath(coco));
        QSignalSpy finished(dialog, &ImportDialog::importFinished);
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        REQUIRE(finished.wait(10000));
        REQUIRE(finished.at(0).at(0).toBool());
        REQUIRE(dialog->lastReport());
        CHECK(dialog->lastReport()->itemsLabeled == 2);
        const QString text = dialog->resultLabel()->text();
        CHECK(text.contains(QStringLiteral("Rabbit")));
        CHECK(text.contains(QStringLiteral("zzz.jpg")));
    }
    auto project = Project::open(projectFile, Project::Access::ReadOnly);
    std::map<std::string, ClassId> classes;
    for (const LabelClass& labelClass : project->classes())
        classes[labelClass.name] = labelClass.id;
    REQUIRE(classes.count("Rabbit") == 1);
    const auto items = project->items(std::nullopt, 100);
    const auto itemNamed = [&](const std::string& path) {
        for (const Item& item : items)
            if (item.relativePath == path)
                return item.id;
        FAIL("no item " << path);
        return ItemId{0};
    };
    const auto e = project->currentAnnotations(itemNamed("e.jpg"));
    REQUIRE(e.size() == 1);
    CHECK(e[0].classId == classes["Dog"]);
    const auto f = project->currentAnnotations(itemNamed("f.jpg"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].classId == classes["Rabbit"]);
}

TEST_CASE("Importing a malformed file says where it breaks and changes nothing", "[exchange-dialogs]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const fs::path projectFile = test::makePetsProject(dir);
    const fs::path broken = dir / "broken.json";
    writeText(broken, R"({"images": [{"id": 1, "file_name": "e.jpg"}], "categories": [{"id": 1, "name": "Cat"}],
                          "annotations": [{"id": 1, "image_id": 1, "category_id": "one"}]})");
    {
        auto window = test::openProjectWindow(projectFile);
        ImportDialog* dialog = window->openImportDialog();
        dialog->inputEdit()->setText(test::qPath(broken));
        dialog->createClassesBox()->setChecked(false);
        QSignalSpy finished(dialog, &ImportDialog::importFinished);
        dialog->startImport();
        REQUIRE(finished.wait(10000));
        CHECK_FALSE(finished.at(0).at(0).toBool());
        const QString text = dialog->resultLabel()->text();
        CHECK(text.contains(QStringLiteral("Nothing was imported")));
        CHECK(text.contains(QStringLiteral("broken.json")));
        CHECK(text.contains(QStringLiteral("category_id")));
        CHECK(dialog->importButton()->isEnabled());
    }
    auto project = Project::open(projectFile, Project::Access::ReadOnly);
    int labeled = 0;
    for (const Item& item : project->items(std::nullopt, 100))
        labeled += project->currentAnnotations(item.id).empty() ? 0 : 1;
    CHECK(labeled == 3);
}
