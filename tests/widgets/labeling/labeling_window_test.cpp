#include "core/project/project.h"
#include "tests/widgets/labeling/labeling_fixtures.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/labeling/key_settings.h"
#include "widgets/labeling/shortcut_sheet.h"
#include "widgets/labeling/shortcuts_dialog.h"
#include "widgets/labeling/tag_tile.h"

#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QTableWidget>

#include <catch2/catch.hpp>

#include <map>

using namespace pixmark;

namespace {
const Qt::Key kClassKeys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3};

std::map<std::string, ClassId> classIds(Project& project)
{
    std::map<std::string, ClassId> ids;
    for (const LabelClass& labelClass : project.classes())
        ids[labelClass.name] = labelClass.id;
    return ids;
}
} // namespace

TEST_CASE("Twenty items are labeled in a 4-tile grid with key presses only", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 20, TaskType::ClassificationMultiClass);
    std::map<ItemId, int> expected; // item -> class index (0 Cat, 1 Dog, 2 Bird)
    {
        test::LabelingRig rig(file);
        rig.key(Qt::Key_2, Qt::ControlModifier); // the 4-tile layout
        for (int page = 0; page < 5; ++page) {
            REQUIRE(rig.waitForPage(4));
            CHECK(rig.window->statusText().startsWith(QStringLiteral("Page %1 ").arg(page + 1)));
            if (page == 0) {
                // The whole page at once: select all, one class.
                rig.key(Qt::Key_A, Qt::ControlModifier);
                rig.key(Qt::Key_3);
                for (int tile = 0; tile < 4; ++tile)
                    expected[rig.window->page().tile(tile).id] = 2;
            } else {
                // Tile by tile: the selection moves on after each class key.
                for (int tile = 0; tile < 4; ++tile) {
                    const ItemId id = rig.window->page().tile(tile).id;
                    const int classIndex = static_cast<int>(id % 3);
                    expected[id] = classIndex;
                    rig.key(kClassKeys[classIndex]);
                }
            }
            CHECK(rig.window->page().isComplete());
            rig.key(Qt::Key_Return);
        }
        REQUIRE(QTest::qWaitFor([&] { return rig.window->isFinished() && rig.window->pendingRequests() == 0; }, 10000));
        CHECK(rig.window->submittedCount() == 20);
        CHECK(rig.window->findChild<QLabel*>(QStringLiteral("labelingMessage"))->text().contains(
            QStringLiteral("Nothing left to label")));
    }
    REQUIRE(expected.size() == 20);

    auto project = Project::open(file, Project::Access::ReadOnly);
    const auto ids = classIds(*project);
    const ClassId classes[] = {ids.at("Cat"), ids.at("Dog"), ids.at("Bird")};
    CHECK(project->itemCounts()[ItemStatus::Labeled] == 20);
    for (const auto& [itemId, classIndex] : expected) {
        const auto annotations = project->currentAnnotations(itemId);
        REQUIRE(annotations.size() == 1);
        CHECK(annotations[0].classId == classes[classIndex]);
        CHECK(annotations[0].kind == AnnotationKind::Tag);
        const auto history = project->itemHistory(itemId);
        REQUIRE(history.size() == 1);
        CHECK(history[0].labelerName == "Ann");
        CHECK(history[0].origin == SubmissionOrigin::Manual);
        CHECK_FALSE(history[0].skipped);
    }
}

TEST_CASE("First run asks for the labeler's name and remembers it", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 4, TaskType::ClassificationMultiClass);
    {
        test::LabelingRig rig(file, QString());
        QTest::qWait(100);
        CHECK_FALSE(rig.window->isReady()); // waits for the name
        rig.window->setLabelerName(QStringLiteral("  Bea "));
        REQUIRE(rig.waitForPage(4));
        CHECK(rig.window->statusText().endsWith(QStringLiteral("labeler Bea")));
    }
    CHECK(QSettings(QStringLiteral("Pixmark"), QStringLiteral("Pixmark")).value(QStringLiteral("labeler/name")) ==
          QStringLiteral("Bea"));
    test::LabelingRig again(file, QString());
    REQUIRE(again.waitForPage(4)); // no question the second time
    CHECK(again.window->labelerName() == QStringLiteral("Bea"));
}

TEST_CASE("Multi-label keys toggle classes on the selected tiles", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 4, TaskType::ClassificationMultiLabel);
    ItemId first = 0;
    {
        test::LabelingRig rig(file);
        REQUIRE(rig.waitForPage(4));
        first = rig.window->page().tile(0).id;
        rig.key(Qt::Key_1);
        rig.key(Qt::Key_2);
        CHECK(rig.window->page().tags(0).size() == 2);
        rig.key(Qt::Key_1); // off again
        CHECK(rig.window->page().tags(0).size() == 1);
        CHECK(rig.window->tile(0)->tags().size() == 1);
        CHECK(rig.window->tile(0)->tags()[0].name == QStringLiteral("Dog"));
        rig.key(Qt::Key_A, Qt::ControlModifier);
        rig.key(Qt::Key_3);
        CHECK(rig.window->page().tags(0).size() == 2);
        CHECK(rig.window->page().tags(3).size() == 1);
        rig.key(Qt::Key_Enter); // the keypad Enter submits too
        REQUIRE(QTest::qWaitFor([&] { return rig.window->isFinished() && rig.window->pendingRequests() == 0; }, 10000));
    }
    auto project = Project::open(file, Project::Access::ReadOnly);
    const auto ids = classIds(*project);
    const auto annotations = project->currentAnnotations(first);
    REQUIRE(annotations.size() == 2);
    CHECK(annotations[0].classId == ids.at("Dog"));
    CHECK(annotations[1].classId == ids.at("Bird"));
    CHECK(project->itemCounts()[ItemStatus::Labeled] == 4);
}

TEST_CASE("Switching the layout keeps the tags already given", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 12, TaskType::ClassificationMultiClass);
    test::LabelingRig rig(file);
    rig.key(Qt::Key_4, Qt::ControlModifier); // 9 tiles
    REQUIRE(rig.waitForPage(9));
    for (int i = 0; i < 7; ++i)
        rig.key(Qt::Key_Right);
    CHECK(rig.window->page().selection() == std::vector<int>{7});
    rig.key(Qt::Key_Up); // a row of the 3 × 3 grid up, and back down
    CHECK(rig.window->page().selection() == std::vector<int>{4});
    rig.key(Qt::Key_Down);
    CHECK(rig.window->page().selection() == std::vector<int>{7});
    rig.key(Qt::Key_2);
    const ItemId tagged = rig.window->page().tile(7).id;
    rig.key(Qt::Key_1, Qt::ControlModifier); // 1 tile
    REQUIRE(rig.waitForPage(1));
    rig.key(Qt::Key_G); // cycles to 4
    REQUIRE(rig.waitForPage(4));
    rig.key(Qt::Key_4, Qt::ControlModifier);
    REQUIRE(rig.waitForPage(9));
    CHECK(rig.window->page().tile(7).id == tagged);
    REQUIRE(rig.window->tile(7)->tags().size() == 1);
    CHECK(rig.window->tile(7)->tags()[0].name == QStringLiteral("Dog"));
}

TEST_CASE("Enter is refused while a tile lacks a tag, and S skips the selected tile", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 8, TaskType::ClassificationMultiClass);
    ItemId skipped = 0;
    {
        test::LabelingRig rig(file);
        REQUIRE(rig.waitForPage(4));
        rig.key(Qt::Key_1); // tile 1 tagged, selection on tile 2
        rig.key(Qt::Key_Return);
        CHECK(rig.window->lastMessage().contains(QStringLiteral("2, 3, 4")));
        CHECK(rig.window->page().tileCount() == 4);
        CHECK(rig.window->pendingRequests() == 0);
        skipped = rig.window->page().tile(1).id;
        rig.key(Qt::Key_S);
        REQUIRE(rig.waitIdle());
        CHECK(rig.window->skippedCount() == 1);
        CHECK(rig.window->page().tileCount() == 4); // filled up from behind
        CHECK(rig.window->page().tags(0).size() == 1);
    }
    auto project = Project::open(file, Project::Access::ReadOnly);
    CHECK(project->item(skipped).status == ItemStatus::Skipped);
    CHECK(project->itemCounts()[ItemStatus::Labeled] == 0);
    CHECK(project->itemCounts()[ItemStatus::Unlabeled] == 7); // held items went back
}

TEST_CASE("Remapping a key to one in use is refused with the reason", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 8, TaskType::ClassificationMultiClass);
    test::LabelingRig rig(file);
    REQUIRE(rig.waitForPage(4));
    rig.window->showShortcutsDialog();
    ShortcutsDialog* dialog = rig.window->shortcutsDialog();
    REQUIRE(dialog);
    CHECK(dialog->assign(QStringLiteral("skip"), QStringLiteral("Enter")).contains(QStringLiteral("Submit")));
    CHECK(dialog->conflictText(QStringLiteral("skip")).contains(QStringLiteral("Submit")));
    CHECK(dialog->assign(QStringLiteral("skip"), QStringLiteral("2")).contains(QStringLiteral("Dog")));
    CHECK(rig.window->keySettings().keys(QStringLiteral("skip")) == QStringLiteral("S"));
    CHECK(dialog->assign(QStringLiteral("skip"), QStringLiteral("K")).isEmpty());
    CHECK(dialog->conflictText(QStringLiteral("skip")).isEmpty());
    CHECK(KeySettings().keys(QStringLiteral("skip")) == QStringLiteral("K")); // stored
    dialog->close();
    REQUIRE(rig.activate());
    rig.key(Qt::Key_S); // no longer skip
    rig.key(Qt::Key_K);
    REQUIRE(rig.waitIdle());
    CHECK(rig.window->skippedCount() == 1);
}

TEST_CASE("F1 opens the shortcut sheet and I the instructions", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 4, TaskType::ClassificationMultiClass);
    test::LabelingRig rig(file);
    REQUIRE(rig.waitForPage(4));
    rig.key(Qt::Key_F1);
    ShortcutSheet* sheet = rig.window->shortcutSheet();
    REQUIRE(sheet);
    CHECK(sheet->isVisible());
    QStringList rows;
    for (int row = 0; row < sheet->table()->rowCount(); ++row)
        rows << sheet->table()->item(row, 0)->text() + QStringLiteral(" = ") + sheet->table()->item(row, 1)->text();
    CHECK(rows.contains(QStringLiteral("Submit = Enter")));
    CHECK(rows.contains(QStringLiteral("Skip = S")));
    CHECK(rows.contains(QStringLiteral("Class: Cat = 1")));
    sheet->close();
    REQUIRE(rig.activate());
    rig.key(Qt::Key_I);
    QDialog* instructions = rig.window->instructionsDialog();
    REQUIRE(instructions);
    CHECK(instructions->isVisible());
    const QString text = instructions->findChild<QLabel*>(QStringLiteral("instructionsText"))->text();
    CHECK(text.contains(QStringLiteral("Tag every animal")));
    CHECK(text.contains(QStringLiteral("https://example.org/pets-guide")));
    // The class list shows each class's key.
    auto* list = rig.window->findChild<QListWidget*>(QStringLiteral("classList"));
    REQUIRE(list->count() == 3);
    CHECK(list->item(0)->text().contains(QStringLiteral("[1]")));
}

TEST_CASE("A paused project refuses submissions and says why", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 4, TaskType::ClassificationMultiClass, ProjectState::Paused);
    {
        test::LabelingRig rig(file);
        REQUIRE(rig.waitForPage(4));
        CHECK(rig.window->findChild<QLabel*>(QStringLiteral("pausedBanner"))->isVisible());
        rig.key(Qt::Key_A, Qt::ControlModifier);
        rig.key(Qt::Key_1);
        rig.key(Qt::Key_Return);
        REQUIRE(rig.waitIdle());
        CHECK(rig.window->lastMessage().contains(QStringLiteral("paused")));
        CHECK(rig.window->page().tileCount() == 4);
        CHECK(rig.window->page().isComplete()); // tags kept
        CHECK(rig.window->submittedCount() == 0);
    }
    auto project = Project::open(file, Project::Access::ReadOnly);
    CHECK(project->submissionCount() == 0);
}

TEST_CASE("The next 9-tile page comes from prefetched images the moment the page is submitted", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 18, TaskType::ClassificationMultiClass, ProjectState::Running,
                                            1600, 1200);
    test::LabelingRig rig(file);
    rig.key(Qt::Key_4, Qt::ControlModifier);
    REQUIRE(rig.waitForPage(9));
    // The next page is held and decoded in the background before the submit.
    REQUIRE(QTest::qWaitFor(
        [&] { return rig.window->page().heldCount() == 18 && rig.window->heldImagesReady(); }, 20000));
    rig.key(Qt::Key_A, Qt::ControlModifier);
    rig.key(Qt::Key_2);
    rig.key(Qt::Key_Return);
    // No event loop has run since Enter: the images on screen were decoded beforehand.
    CHECK(rig.window->pageImagesReady());
    CHECK(rig.window->page().tileCount() == 9);
}

TEST_CASE("Clicks select tiles and a click in the class list tags them", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 9, TaskType::ClassificationMultiClass);
    test::LabelingRig rig(file);
    rig.key(Qt::Key_4, Qt::ControlModifier);
    REQUIRE(rig.waitForPage(9));
    auto click = [&](int tile, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::mouseClick(rig.window->tile(tile), Qt::LeftButton, modifiers);
    };
    click(2);
    CHECK(rig.window->page().selection() == std::vector<int>{2});
    click(5, Qt::ShiftModifier);
    CHECK(rig.window->page().selection() == std::vector<int>{2, 3, 4, 5});
    click(8, Qt::ControlModifier);
    CHECK(rig.window->page().selection() == std::vector<int>{2, 3, 4, 5, 8});
    CHECK(rig.window->tile(8)->isSelected());
    CHECK_FALSE(rig.window->tile(0)->isSelected());
    auto* list = rig.window->findChild<QListWidget*>(QStringLiteral("classList"));
    const QRect dogRow = list->visualItemRect(list->item(1));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, dogRow.center());
    for (int tile : {2, 3, 4, 5, 8}) {
        REQUIRE(rig.window->tile(tile)->tags().size() == 1);
        CHECK(rig.window->tile(tile)->tags()[0].name == QStringLiteral("Dog"));
    }
    CHECK(rig.window->tile(0)->tags().empty());
}

TEST_CASE("Prelabels show as tags, and submitted unchanged they count as accepted", "[labeling][gui]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 0, TaskType::ClassificationMultiClass);
    std::vector<ItemId> items;
    {
        auto project = Project::open(file);
        const auto ids = classIds(*project);
        std::vector<Item> newItems;
        for (int i = 0; i < 4; ++i) {
            const std::string name = "img/pre" + std::to_string(i) + ".png";
            test::writePng(dir / name, 64, 48, i);
            Item item;
            item.relativePath = name;
            item.format = "png";
            item.width = 64;
            item.height = 48;
            newItems.push_back(item);
        }
        items = project->addItems(newItems, {{ids.at("Cat")}, {ids.at("Cat")}, {ids.at("Dog")}, {ids.at("Dog")}},
                                  false);
    }
    std::map<ItemId, SubmissionOrigin> origins;
    {
        test::LabelingRig rig(file);
        REQUIRE(rig.waitForPage(4));
        CHECK(rig.window->page().isComplete()); // pre-filled
        // Change the first tile only.
        const ItemId changed = rig.window->page().tile(0).id;
        rig.key(Qt::Key_3);
        rig.key(Qt::Key_Return);
        REQUIRE(QTest::qWaitFor([&] { return rig.window->isFinished() && rig.window->pendingRequests() == 0; }, 10000));
        for (int i = 0; i < 4; ++i)
            origins[items[static_cast<std::size_t>(i)]] = SubmissionOrigin::PrelabelAccepted;
        origins[changed] = SubmissionOrigin::Manual; // its suggestion replaced: rejected
    }
    auto project = Project::open(file, Project::Access::ReadOnly);
    for (const auto& [item, origin] : origins) {
        const auto history = project->itemHistory(item);
        REQUIRE(history.size() == 1);
        CHECK(history[0].origin == origin);
    }
}

TEST_CASE("Ctrl+Z undoes a tag key press and Ctrl+Shift+Z redoes it", "[labeling][gui][undo]")
{
    test::SettingsSandbox settings;
    test::TempDir dir;
    const auto file = test::makePetsProject(dir, 8, TaskType::ClassificationMultiClass);
    test::LabelingRig rig(file);
    REQUIRE(rig.waitForPage(4));
    rig.key(Qt::Key_A, Qt::ControlModifier);
    rig.key(Qt::Key_1); // every tile Cat: one step
    rig.key(Qt::Key_2, Qt::NoModifier);
    const ClassId firstTag = rig.window->page().tags(0).at(0);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.window->page().tags(0).at(0) != firstTag); // back to Cat everywhere
    CHECK(rig.window->page().isComplete());
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.window->page().untaggedTiles().size() == 4); // before the first key press
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(rig.window->page().isComplete());
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(rig.window->submittedCount() == 4);
    rig.key(Qt::Key_Z, Qt::ControlModifier); // nothing to undo on the new page
    CHECK(rig.window->page().untaggedTiles().size() == 4);
}
