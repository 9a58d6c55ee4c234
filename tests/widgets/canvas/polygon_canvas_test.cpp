// The polygon canvas of instance segmentation in the labeling window, driven by mouse and
// key events: drawing (500 vertices, at two zooms), closing three ways, Backspace, Esc,
// crossing edges refused, vertex editing, undo/redo of every edit, and the assists.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/tools/abstract_tool.h"

#include <QLabel>
#include <QSlider>
#include <QStatusBar>

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {
// A simple 500-vertex outline inside x 90-348, y 100-300: a start vertex at the bottom
// left, a zig-zag of 249 vertices along the top going right, one of 250 along the bottom
// coming back. Whole pixels, every vertex far from the first.
std::vector<Point> zigzagOutline()
{
    std::vector<Point> points{Point{90, 300}};
    for (int i = 0; i < 249; ++i)
        points.push_back(Point{100.0 + i, 100.0 + (i % 2) * 10});
    for (int i = 0; i < 250; ++i)
        points.push_back(Point{348.0 - i, 250.0 + (i % 2) * 10});
    return points;
}

Polygon onlyPolygon(const std::vector<Annotation>& annotations)
{
    REQUIRE(annotations.size() == 1);
    CHECK(annotations.front().kind == AnnotationKind::Polygon);
    return parsePolygon(annotations.front().geometry);
}
} // namespace

TEST_CASE("Instance segmentation projects open the polygon canvas", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->taskType() == TaskType::InstanceSegmentation);
    CHECK(rig.canvas()->tool()->actionId() == QStringLiteral("tool-polygon"));
    CHECK_FALSE(rig.document()->paintsMasks()); // its label map only holds converted polygons
    // The assists are offered, the box tool is not.
    CHECK(rig.page()->canvasActions().count(QStringLiteral("tool-grabcut")) == 1);
    CHECK(rig.page()->canvasActions().count(QStringLiteral("tool-wand")) == 1);
    CHECK(rig.page()->canvasActions().count(QStringLiteral("tool-box")) == 0);
    // Nothing here makes boxes: no template box either.
    CHECK(rig.page()->canvasActions().count(QStringLiteral("tool-template-box")) == 0);
}

TEST_CASE("A 500-vertex polygon is drawn, edited and stored to the pixel at two zooms", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 3));
    REQUIRE(rig.waitForItem());
    const ClassId person = rig.classNamed("Person");
    for (double scale : {1.0, 2.0}) {
        CAPTURE(scale);
        REQUIRE(rig.waitForItem());
        rig.zoom(scale, 219, 200);
        rig.key(Qt::Key_2); // the next polygon is a Person
        const ItemId item = rig.page()->currentItem();
        const std::vector<Point> outline = zigzagOutline();
        for (const Point& p : outline)
            rig.click(p.x, p.y);
        CHECK(rig.canvas()->tool()->isBusy());
        CHECK(rig.document()->shapes().empty());
        rig.click(outline.front().x + 1, outline.front().y); // on the first vertex: closes
        REQUIRE(rig.document()->shapes().size() == 1);
        CHECK(rig.document()->shapes().front().polygon.points == outline);
        CHECK(rig.document()->shapes().front().classId == person);
        CHECK(rig.document()->undoStack().count() == 1);

        // Drag vertex 10 (109, 110) down to (109, 130): one step.
        rig.drag(109, 110, 109, 130);
        std::vector<Point> edited = outline;
        edited[10] = Point{109, 130};
        CHECK(rig.document()->shapes().front().polygon.points == edited);
        CHECK(rig.document()->undoStack().count() == 2);

        // Drag the middle of the first edge (90, 300)-(100, 100) out to (60, 200): a new vertex.
        rig.drag(95, 200, 60, 200);
        edited.insert(edited.begin() + 1, Point{60, 200});
        CHECK(rig.document()->shapes().front().polygon.points == edited);
        CHECK(rig.document()->undoStack().count() == 3);

        // Alt+click removes it again; Delete removes the vertex last grabbed.
        rig.click(60, 200, Qt::AltModifier);
        edited.erase(edited.begin() + 1);
        CHECK(rig.document()->shapes().front().polygon.points == edited);
        rig.click(109, 130);
        rig.key(Qt::Key_Delete);
        edited.erase(edited.begin() + 10);
        CHECK(rig.document()->shapes().front().polygon.points == edited);
        CHECK(rig.document()->shapes().size() == 1);
        CHECK(rig.document()->undoStack().count() == 5);

        // Undo walks back through each edit, redo forward again.
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(rig.document()->shapes().front().polygon.points.size() == 500);
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(rig.document()->shapes().front().polygon.points.size() == 500);
        CHECK(rig.document()->shapes().front().polygon.points[10] == Point{109, 130});
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(rig.document()->shapes().front().polygon.points == outline);
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(rig.document()->shapes().empty());
        for (int i = 0; i < 5; ++i)
            rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        CHECK(rig.document()->shapes().front().polygon.points == edited);

        rig.key(Qt::Key_Return);
        REQUIRE(rig.waitIdle());
        CHECK(onlyPolygon(rig.stored(item)).points == edited);
    }
}

TEST_CASE("Esc mid-polygon leaves nothing behind", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    rig.click(100, 100);
    rig.click(200, 100);
    rig.click(200, 200);
    CHECK(rig.canvas()->tool()->isBusy());
    rig.key(Qt::Key_Escape);
    CHECK_FALSE(rig.canvas()->tool()->isBusy());
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.document()->undoStack().count() == 0);
    CHECK_FALSE(rig.page()->hasUnsubmittedEdits());
    // Submit now hands in an empty label, not a stray shape.
    const ItemId item = rig.page()->currentItem();
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(rig.stored(item).empty());
}

TEST_CASE("Enter and a double-click close the polygon, Backspace drops a vertex", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    const ItemId item = rig.page()->currentItem();
    rig.click(100, 100);
    rig.click(200, 100);
    rig.click(200, 200);
    rig.click(150, 250);
    // Backspace goes to the canvas, which has the focus since the clicks.
    CHECK(rig.canvas()->hasFocus());
    QTest::keyClick(rig.canvas(), Qt::Key_Backspace);
    // Enter closes the polygon; it does not submit the item while one is drawn.
    rig.key(Qt::Key_Return);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->shapes().back().polygon.points ==
          std::vector<Point>{Point{100, 100}, Point{200, 100}, Point{200, 200}});
    CHECK(rig.page()->currentItem() == item);

    rig.click(300, 300);
    rig.click(400, 300);
    rig.click(400, 400);
    QTest::mouseDClick(rig.canvas(), Qt::LeftButton, {}, rig.at(350, 420));
    REQUIRE(rig.document()->shapes().size() == 2);
    CHECK(rig.document()->shapes().back().polygon.points ==
          std::vector<Point>{Point{300, 300}, Point{400, 300}, Point{400, 400}, Point{350, 420}});
    CHECK_FALSE(rig.canvas()->tool()->isBusy());
    CHECK(rig.document()->undoStack().count() == 2);
}

TEST_CASE("Crossing edges and crossing vertex drags are refused with a message", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    rig.click(100, 100);
    rig.click(300, 300);
    rig.click(300, 100);
    rig.click(100, 300); // this edge would cross (100, 100)-(300, 300): refused
    CHECK(rig.window->statusBar()->currentMessage().contains(QStringLiteral("cross")));
    CHECK(rig.canvas()->tool()->isBusy());
    rig.key(Qt::Key_Return); // the triangle drawn so far closes
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->shapes().front().polygon.points.size() == 3);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shapes().empty());

    rig.click(100, 100);
    rig.click(300, 100);
    rig.click(300, 300);
    rig.click(100, 300);
    rig.click(100, 100);
    REQUIRE(rig.document()->shapes().size() == 1);
    rig.window->statusBar()->clearMessage();
    // Vertex (300, 300) dragged past the left edge would fold the outline over itself.
    rig.drag(300, 300, 50, 200);
    CHECK(rig.window->statusBar()->currentMessage().contains(QStringLiteral("cross")));
    const Polygon kept = rig.document()->shapes().front().polygon;
    CHECK(isSimple(kept));
    CHECK(kept.points[0] == Point{100, 100});
}

TEST_CASE("The select tool moves a polygon and edits its vertices", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    rig.click(100, 100);
    rig.click(200, 100);
    rig.click(200, 200);
    // Enter on the focused canvas closes the polygon before the window's Submit sees it.
    QTest::keyClick(rig.canvas(), Qt::Key_Return);
    REQUIRE(rig.document()->shapes().size() == 1);
    rig.key(Qt::Key_V);
    CHECK(rig.canvas()->tool()->actionId() == QStringLiteral("tool-select"));
    // Inside the triangle: a move of the whole shape, one step.
    rig.drag(170, 130, 190, 150);
    CHECK(rig.document()->shapes().front().polygon.points ==
          std::vector<Point>{Point{120, 120}, Point{220, 120}, Point{220, 220}});
    // Outside the triangle but inside its box: nothing is hit, the selection goes.
    rig.click(130, 200);
    CHECK(rig.document()->selected() == 0);
    rig.click(200, 150);
    REQUIRE(rig.document()->selected() != 0);
    rig.drag(220, 220, 230, 260);
    CHECK(rig.document()->shapes().front().polygon.points[2] == Point{230, 260});
    CHECK(rig.document()->undoStack().count() == 3);
}

TEST_CASE("The magic wand and box to polygon give editable polygons", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 2));
    REQUIRE(rig.waitForItem());
    rig.tool("tool-wand");
    rig.click(250, 190);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(boundingBox(rig.document()->shapes().front().polygon) == Box{200, 150, 100, 80});
    CHECK(rig.document()->undoStack().count() == 1);

    rig.tool("tool-grabcut");
    rig.drag(420, 240, 540, 360);
    REQUIRE(rig.document()->shapes().size() == 2);
    const Polygon disc = rig.document()->shapes().back().polygon;
    CHECK(isSimple(disc));
    // The disc of radius 40 around (480, 300): about 5,027 pixels.
    CHECK(area(disc) == Approx(5027).epsilon(0.08));
    CHECK(rig.document()->undoStack().count() == 2);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shapes().size() == 1);

    // A box that is too small is refused with the reason.
    rig.drag(10, 10, 12, 40);
    CHECK(rig.document()->shapes().size() == 1);
}

TEST_CASE("A multi-frame DICOM is browsed frame by frame; view and shapes stay", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    const auto copy = dir.path() / "img" / "scan.dcm";
    std::filesystem::create_directories(copy.parent_path());
    std::filesystem::copy_file(std::filesystem::path(PIXMARK_TEST_DATA) / "dicom" / "multiframe_16bit.dcm", copy);
    REQUIRE(ingest::probeImage(copy).frames == 10);
    const auto file = makeSingleImageProject(dir, TaskType::InstanceSegmentation, copy);
    BoxRig rig(file);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->frameCount() == 10);
    CHECK(rig.page()->frame() == 0);
    CHECK(rig.window->findChild<QSlider*>(QStringLiteral("frameSlider"))->maximum() == 9);
    CHECK(rig.window->findChild<QLabel*>(QStringLiteral("frameLabel"))->text().contains(QStringLiteral("1 / 10")));
    rig.click(2, 2);
    rig.click(12, 2);
    rig.click(12, 9);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.document()->shapes().size() == 1);
    const double scale = rig.canvas()->scale();
    const WindowLevel window = rig.canvas()->windowLevel();

    rig.key(Qt::Key_PageDown);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->frame() == 1; }, 10000));
    CHECK(rig.canvas()->image()->frame() == 1);
    CHECK(rig.canvas()->scale() == Approx(scale));
    CHECK(rig.canvas()->windowLevel() == window);
    CHECK(rig.document()->shapes().size() == 1);
    rig.key(Qt::Key_PageUp);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->frame() == 0; }, 10000));
    // Past the end clamps to the last frame.
    rig.page()->showFrame(25);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->frame() == 9; }, 10000));
    CHECK(rig.window->findChild<QSlider*>(QStringLiteral("frameSlider"))->value() == 9);
    CHECK(rig.document()->undoStack().count() == 1);
}
