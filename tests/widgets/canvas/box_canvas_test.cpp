// The box canvas in the labeling window of a detection project, driven by mouse and key
// events: every edit checked in the document and, after Submit, in what core stored.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/canvas/shape_list_panel.h"
#include "core/formats/dataset.h"
#include "widgets/tools/box_tool.h"

#include <QTableWidget>

#include <cmath>

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

TEST_CASE("Detection projects open the box canvas in the labeling window", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 3));
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.page() != nullptr);
    CHECK(rig.canvas()->image()->width() == 640);
    CHECK(rig.canvas()->image()->height() == 480);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.window->statusText().startsWith(QStringLiteral("Item 1")));
    // The next item is decoded in the background.
    CHECK(QTest::qWaitFor([&] { return rig.page()->heldImagesReady(); }, 10000));
}

TEST_CASE("A dragged box is stored to the pixel at two zoom levels", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 3));
    REQUIRE(rig.waitForItem());
    const ClassId car = rig.classNamed("Car");
    for (double scale : {1.0, 2.5}) {
        CAPTURE(scale);
        REQUIRE(rig.waitForItem());
        rig.zoom(scale, 200, 125);
        CHECK(rig.canvas()->scale() == Approx(scale));
        const ItemId item = rig.page()->currentItem();
        rig.drag(100, 50, 300, 200);
        REQUIRE(rig.document()->shapes().size() == 1);
        CHECK(rig.document()->shapes().front().box == Box{100, 50, 200, 150});
        CHECK(rig.document()->undoStack().count() == 1);
        rig.key(Qt::Key_Return);
        REQUIRE(rig.waitIdle());
        CHECK(rig.page()->currentItem() != item);
        const auto stored = rig.stored(item);
        CHECK(onlyBox(stored) == Box{100, 50, 200, 150});
        CHECK(stored.front().classId == car);
    }
    CHECK(rig.page()->submittedCount() == 2);
}

TEST_CASE("Click and click draws a box; Esc during a drag or between clicks leaves nothing", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 2));
    REQUIRE(rig.waitForItem());
    rig.zoom(2.0, 200, 150);

    rig.press(100, 100);
    rig.moveTo(150, 150);
    rig.moveTo(200, 180);
    CHECK(rig.page()->canvas()->boxTool().isBusy());
    rig.key(Qt::Key_Escape);
    rig.release(200, 180);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.document()->undoStack().count() == 0);

    rig.press(120, 110);
    rig.release(120, 110);
    rig.moveTo(180, 170);
    rig.key(Qt::Key_Escape);
    rig.press(180, 170);
    rig.release(180, 170);
    CHECK(rig.document()->shapes().empty()); // the second click began a new box instead
    rig.key(Qt::Key_Escape);

    rig.press(120, 110);
    rig.release(120, 110);
    rig.moveTo(180, 170);
    rig.press(180, 170);
    rig.release(180, 170);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->shapes().front().box == Box{120, 110, 60, 60});

    // A click-sized drag is never a zero-size box.
    rig.key(Qt::Key_Escape);
    rig.drag(50, 50, 50.2, 50.2);
    rig.key(Qt::Key_Escape);
    CHECK(rig.document()->shapes().size() == 1);
}

TEST_CASE("Resize and move are one undo step each and are stored to the pixel", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 2));
    REQUIRE(rig.waitForItem());
    rig.zoom(1.5, 220, 160);
    const ItemId item = rig.page()->currentItem();
    rig.drag(100, 50, 300, 200);
    REQUIRE(rig.document()->shapes().size() == 1);
    const ShapeId id = rig.document()->shapes().front().id;
    CHECK(rig.document()->selected() == id);
    auto box = [&] { return rig.document()->shape(id)->box; };

    // Resize by the bottom-right handle, in the box tool.
    rig.drag(300, 200, 350, 260);
    CHECK(box() == Box{100, 50, 250, 210});
    CHECK(rig.document()->undoStack().count() == 2);
    // Resize by the left edge's handle.
    rig.drag(100, 155, 80, 155);
    CHECK(box() == Box{80, 50, 270, 210});
    CHECK(rig.document()->undoStack().count() == 3);

    // Move in the select tool.
    rig.key(Qt::Key_V);
    rig.drag(200, 150, 230, 140);
    CHECK(box() == Box{110, 40, 270, 210});
    CHECK(rig.document()->undoStack().count() == 4);

    // Undo and redo each step.
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(box() == Box{80, 50, 270, 210});
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(box() == Box{100, 50, 250, 210});
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(box() == Box{100, 50, 200, 150});
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(box() == Box{110, 40, 270, 210});

    // Esc during a move puts the box back and leaves no step.
    rig.press(200, 150);
    rig.moveTo(260, 190);
    CHECK(box() == Box{170, 80, 270, 210});
    rig.key(Qt::Key_Escape);
    rig.release(260, 190);
    CHECK(box() == Box{110, 40, 270, 210});
    CHECK(rig.document()->undoStack().count() == 4);

    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(onlyBox(rig.stored(item)) == Box{110, 40, 270, 210});
}

TEST_CASE("Nudge, duplicate, template box and delete, each undoable", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 2));
    REQUIRE(rig.waitForItem());
    rig.zoom(1.0, 320, 240);
    const ItemId item = rig.page()->currentItem();
    rig.drag(100, 100, 140, 130);
    REQUIRE(rig.document()->shapes().size() == 1);
    const ShapeId id = rig.document()->selected();

    rig.canvas()->setFocus();
    QTest::keyClick(rig.canvas(), Qt::Key_Right);
    QTest::keyClick(rig.canvas(), Qt::Key_Down, Qt::ShiftModifier);
    CHECK(rig.document()->shape(id)->box == Box{101, 110, 40, 30});
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shape(id)->box == Box{101, 100, 40, 30});
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);

    rig.key(Qt::Key_D, Qt::ControlModifier);
    REQUIRE(rig.document()->shapes().size() == 2);
    CHECK(rig.document()->shapes().back().box == Box{111, 120, 40, 30});
    CHECK(rig.document()->selected() == rig.document()->shapes().back().id);

    rig.moveTo(400, 300);
    // Centered on the cursor as the canvas last saw it (the platform may move it by a pixel).
    const auto cursor = rig.canvas()->cursorImagePoint();
    REQUIRE(cursor);
    rig.key(Qt::Key_T);
    REQUIRE(rig.document()->shapes().size() == 3);
    CHECK(rig.document()->shapes().back().box == Box{std::round(cursor->x() - 20), std::round(cursor->y() - 15), 40, 30});
    CHECK(std::abs(cursor->x() - 400) <= 1);
    CHECK(std::abs(cursor->y() - 300) <= 1);

    rig.key(Qt::Key_Delete);
    CHECK(rig.document()->shapes().size() == 2);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shapes().size() == 3);
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(rig.document()->shapes().size() == 2);
    // The template box is gone; the drawn box and its copy are stored.
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    const auto stored = rig.stored(item);
    REQUIRE(stored.size() == 2);
    CHECK(parseBox(stored[0].geometry) == Box{101, 110, 40, 30});
    CHECK(parseBox(stored[1].geometry) == Box{111, 120, 40, 30});
}

TEST_CASE("A class key changes the selected box, or the next box when none is selected", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 2));
    REQUIRE(rig.waitForItem());
    rig.zoom(1.0, 320, 240);
    const ClassId car = rig.classNamed("Car");
    const ClassId person = rig.classNamed("Person");
    const ClassId bike = rig.classNamed("Bike");
    const ItemId item = rig.page()->currentItem();
    rig.drag(10, 10, 60, 60);
    const ShapeId first = rig.document()->selected();
    CHECK(rig.document()->shape(first)->classId == car);
    rig.key(Qt::Key_2);
    CHECK(rig.document()->shape(first)->classId == person);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shape(first)->classId == car);
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(rig.document()->shape(first)->classId == person);

    rig.key(Qt::Key_Escape); // nothing drawn: clears the selection
    CHECK(rig.document()->selected() == 0);
    rig.key(Qt::Key_3);
    CHECK(rig.document()->shape(first)->classId == person);
    rig.drag(100, 100, 160, 150);
    CHECK(rig.document()->shapes().back().classId == bike);

    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    const auto stored = rig.stored(item);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].classId == person);
    CHECK(stored[1].classId == bike);
}

TEST_CASE("Tab cycles overlapping shapes; H hides them; the shape list follows", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 2));
    REQUIRE(rig.waitForItem());
    rig.zoom(1.0, 320, 240);
    rig.drag(50, 50, 250, 250);
    rig.drag(100, 100, 150, 150);
    const ShapeId big = rig.document()->shapes()[0].id;
    const ShapeId small = rig.document()->shapes()[1].id;
    rig.moveTo(120, 120);
    rig.key(Qt::Key_Tab);
    CHECK(rig.document()->selected() == big);
    rig.key(Qt::Key_Tab);
    CHECK(rig.document()->selected() == small);
    CHECK(QTest::qWaitFor([&] { return rig.page()->shapeList()->table()->rowCount() == 2; }, 2000));
    CHECK(rig.page()->shapeList()->table()->selectionModel()->selectedRows().front().row() == 1);

    rig.key(Qt::Key_H);
    CHECK(rig.canvas()->shapesHidden());
    rig.key(Qt::Key_H);
    CHECK_FALSE(rig.canvas()->shapesHidden());

    // Locked shapes are neither moved nor deleted.
    rig.document()->setLocked(small, true);
    rig.key(Qt::Key_Delete);
    CHECK(rig.document()->shapes().size() == 2);
}

TEST_CASE("Leaving an item with unsubmitted edits asks first", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 3));
    REQUIRE(rig.waitForItem());
    const ItemId item = rig.page()->currentItem();
    rig.drag(100, 100, 200, 200);
    rig.page()->setLeaveAnswer(false);
    rig.key(Qt::Key_S);
    CHECK(rig.page()->currentItem() == item);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("not submitted")));
    rig.page()->setLeaveAnswer(true);
    rig.key(Qt::Key_S);
    REQUIRE(rig.waitIdle());
    CHECK(rig.page()->currentItem() != item);
    CHECK(rig.page()->skippedCount() == 1);
    CHECK(rig.stored(item).empty());
}

TEST_CASE("Prelabels show dashed with their score and submit as accepted or edited", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    const auto file = makeStreetProject(dir, 2);
    {
        // Predictions with scores, stored as suggestions the way imports and ML assist do.
        auto project = Project::open(file);
        project->importLabels(
            [](formats::ImportSink& sink) {
                for (int i = 0; i < 2; ++i) {
                    sink.image(i, "img/street" + std::to_string(100 + i) + ".png", 640, 480);
                    sink.shape(i, "Car", AnnotationKind::Box, toJson(Box{10, 20, 30, 40}), 0.87);
                }
            },
            LabelImportOptions{true, false});
    }
    BoxRig rig(file);
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.document()->shapes().size() == 1);
    const Shape prelabel = rig.document()->shapes().front();
    CHECK(prelabel.predicted);
    CHECK(prelabel.score == Approx(0.87));
    CHECK(rig.document()->prelabelsUntouched());
    const ItemId accepted = rig.page()->currentItem();
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    CHECK(onlyBox(rig.stored(accepted)) == Box{10, 20, 30, 40});

    // Editing a prelabel makes it the labeler's own.
    rig.zoom(2.0, 60, 60);
    rig.key(Qt::Key_V);
    rig.drag(25, 40, 45, 50);
    CHECK_FALSE(rig.document()->shapes().front().predicted);
    CHECK_FALSE(rig.document()->prelabelsUntouched());
    const ItemId edited = rig.page()->currentItem();
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(onlyBox(rig.stored(edited)) == Box{30, 30, 30, 40});
}
