// The mask canvas of semantic segmentation in the labeling window, driven by mouse and key
// events: brush and eraser strokes paint exactly the expected pixels, fills, one undo step
// per stroke, the stored masks; and polygon <-> mask conversion in the document.
#include "core/errors.h"
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"
#include "widgets/tools/abstract_tool.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {
// Pixel centers within radius of a pixel center: what a brush click of that radius paints.
std::int64_t disc(int radius)
{
    std::int64_t total = 0;
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx)
            total += dx * dx + dy * dy <= radius * radius;
    return total;
}

// A straight stroke of length pixels: the disc plus a column of 2r + 1 pixels per step.
std::int64_t capsule(int radius, int length)
{
    return disc(radius) + static_cast<std::int64_t>(length) * (2 * radius + 1);
}

std::int64_t count(BoxRig& rig, ClassId classId)
{
    return rig.document()->labelMap()->count(classId);
}
} // namespace

TEST_CASE("Semantic segmentation projects open the mask canvas with the brush", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::SemanticSegmentation, 2));
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.document()->labelMap() != nullptr);
    CHECK(rig.document()->labelMap()->width() == 640);
    CHECK(rig.canvas()->tool()->actionId() == QStringLiteral("tool-brush"));
    // [ and ] change the brush radius.
    const double radius = rig.canvas()->brushRadius();
    rig.key(Qt::Key_BracketRight);
    CHECK(rig.canvas()->brushRadius() > radius);
    rig.key(Qt::Key_BracketLeft);
    rig.key(Qt::Key_BracketLeft);
    CHECK(rig.canvas()->brushRadius() < radius);
}

TEST_CASE("Brush and eraser strokes paint the expected pixels at two zooms, one step each", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::SemanticSegmentation, 3));
    REQUIRE(rig.waitForItem());
    const ClassId car = rig.classNamed("Car");
    const ClassId person = rig.classNamed("Person");
    for (double scale : {1.0, 2.0}) {
        CAPTURE(scale);
        REQUIRE(rig.waitForItem());
        rig.zoom(scale, 250, 200);
        const ItemId item = rig.page()->currentItem();
        rig.tool("tool-brush");
        rig.canvas()->setBrushRadius(8);
        rig.key(Qt::Key_1);
        rig.click(200, 150);
        CHECK(count(rig, car) == disc(8));
        CHECK(rig.document()->labelMap()->classAt(200, 150) == car);
        CHECK(rig.document()->undoStack().count() == 1);

        // A drag of 60 pixels to the right, in several moves: one capsule, one step.
        rig.key(Qt::Key_2);
        rig.canvas()->setBrushRadius(5);
        rig.drag(200, 250, 260, 250);
        CHECK(count(rig, person) == capsule(5, 60));
        CHECK(rig.document()->undoStack().count() == 2);

        // The eraser takes a disc out of the middle of the stroke.
        rig.key(Qt::Key_E);
        CHECK(rig.canvas()->tool()->actionId() == QStringLiteral("tool-eraser"));
        rig.canvas()->setBrushRadius(3);
        rig.click(230, 250);
        CHECK(count(rig, person) == capsule(5, 60) - disc(3));
        CHECK(count(rig, car) == disc(8));
        CHECK(rig.document()->undoStack().count() == 3);

        // Painting over another class takes its pixels (one class per pixel).
        rig.key(Qt::Key_B);
        rig.key(Qt::Key_2);
        rig.canvas()->setBrushRadius(8);
        rig.click(200, 150);
        CHECK(count(rig, car) == 0);
        CHECK(count(rig, person) == capsule(5, 60) - disc(3) + disc(8));

        // Undo each stroke, then redo them all.
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(count(rig, car) == disc(8));
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(count(rig, person) == capsule(5, 60));
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(count(rig, person) == 0);
        rig.key(Qt::Key_Z, Qt::ControlModifier);
        CHECK(rig.document()->labelMap()->labeledCount() == 0);
        for (int i = 0; i < 4; ++i)
            rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        CHECK(count(rig, car) == 0);
        const std::int64_t persons = capsule(5, 60) - disc(3) + disc(8);
        CHECK(count(rig, person) == persons);

        rig.key(Qt::Key_Return);
        REQUIRE(rig.waitIdle());
        const std::vector<Annotation> stored = rig.stored(item);
        REQUIRE(stored.size() == 1);
        CHECK(stored.front().kind == AnnotationKind::Mask);
        CHECK(stored.front().classId == person);
        const MaskRle mask = parseMask(stored.front().geometry);
        CHECK(mask.width == 640);
        CHECK(mask.height == 480);
        CHECK(area(mask) == persons);
    }
}

TEST_CASE("Esc during a stroke takes it back and leaves no step", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::SemanticSegmentation, 2));
    REQUIRE(rig.waitForItem());
    rig.key(Qt::Key_1);
    rig.press(100, 100);
    rig.moveTo(150, 120);
    CHECK(rig.document()->labelMap()->labeledCount() > 0);
    rig.key(Qt::Key_Escape);
    rig.release(150, 120);
    CHECK(rig.document()->labelMap()->labeledCount() == 0);
    CHECK(rig.document()->undoStack().count() == 0);
}

TEST_CASE("Polygon fill and flood fill paint whole regions as one step", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::SemanticSegmentation, 2));
    REQUIRE(rig.waitForItem());
    const ClassId car = rig.classNamed("Car");
    const ClassId bike = rig.classNamed("Bike");
    rig.key(Qt::Key_1);
    rig.key(Qt::Key_P);
    rig.click(100, 100);
    rig.click(160, 100);
    rig.click(160, 140);
    rig.click(100, 140);
    rig.click(100, 100);
    // Pixel centers inside the 60 x 40 square.
    CHECK(count(rig, car) == 60 * 40);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.document()->undoStack().count() == 1);

    rig.key(Qt::Key_3);
    rig.key(Qt::Key_L);
    rig.click(130, 120);
    CHECK(count(rig, car) == 0);
    CHECK(count(rig, bike) == 60 * 40);
    // Filling outside: every unlabeled pixel of the image.
    rig.key(Qt::Key_1);
    rig.click(5, 5);
    CHECK(count(rig, car) == 640 * 480 - 60 * 40);
    CHECK(rig.document()->undoStack().count() == 3);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(count(rig, car) == 0);

    // The magic wand fills the bright rectangle with the class.
    rig.key(Qt::Key_W);
    rig.click(250, 190);
    CHECK(count(rig, car) == 100 * 80);
}

TEST_CASE("A polygon converts to mask pixels and back, each one undo step", "[widgets][canvas]")
{
    AnnotationDocument document(100, 80);
    document.enableLabelMap();
    const Polygon square{{Point{10, 10}, Point{50, 10}, Point{50, 40}, Point{10, 40}}};
    const ShapeId id = document.addPolygon(7, square);
    REQUIRE(document.convertPolygonToMask(id));
    CHECK(document.shapes().empty());
    CHECK(document.labelMap()->count(7) == 40 * 30);
    CHECK(document.undoStack().count() == 2);

    const ShapeId back = document.convertMaskToPolygon(7);
    REQUIRE(back != 0);
    CHECK(document.labelMap()->count(7) == 0);
    REQUIRE(document.shapes().size() == 1);
    CHECK(document.shapes().front().classId == 7);
    CHECK(area(document.shapes().front().polygon) == Approx(area(square)));
    CHECK(boundingBox(document.shapes().front().polygon) == Box{10, 10, 40, 30});
    CHECK(document.undoStack().count() == 3);

    document.undoStack().undo();
    CHECK(document.shapes().empty());
    CHECK(document.labelMap()->count(7) == 40 * 30);
    document.undoStack().undo();
    CHECK(document.labelMap()->count(7) == 0);
    REQUIRE(document.shapes().size() == 1);
    CHECK(document.shapes().front().polygon == square);
    // No pixels of a class: nothing to convert. A sliver covering no pixel center stays.
    CHECK(document.convertMaskToPolygon(9) == 0);
    const ShapeId sliver = document.addPolygon(7, Polygon{{Point{60, 10}, Point{60.4, 10}, Point{60.2, 30}}});
    CHECK_FALSE(document.convertPolygonToMask(sliver));
    CHECK(document.shape(sliver) != nullptr);
    CHECK_THROWS_AS(document.addPolygon(7, Polygon{{Point{0, 0}, Point{1, 1}}}), ValidationError);
}

TEST_CASE("Mask prelabels count as accepted until a pixel changes", "[widgets][canvas]")
{
    AnnotationDocument document(100, 80);
    std::vector<std::uint8_t> bitmap(100 * 80, 0);
    for (int y = 10; y < 20; ++y)
        for (int x = 30; x < 50; ++x)
            bitmap[static_cast<std::size_t>(y * 100 + x)] = 1;
    document.enableLabelMap({{4, encodeMask(bitmap.data(), 100, 80)}});
    CHECK(document.labelMap()->count(4) == 200);
    CHECK(document.hadPrelabels());
    CHECK(document.prelabelsUntouched());
    CHECK(document.undoStack().count() == 0);
    document.beginMaskEdit();
    document.strokeMask(editing::ImagePoint{70, 60}, editing::ImagePoint{70, 60}, 2, 4);
    REQUIRE(document.endMaskEdit(QStringLiteral("Brush stroke")));
    CHECK_FALSE(document.prelabelsUntouched());
    document.undoStack().undo();
    CHECK(document.prelabelsUntouched());
    // A document without prelabels never counts as accepting them.
    AnnotationDocument plain(100, 80);
    plain.enableLabelMap();
    CHECK_FALSE(plain.hadPrelabels());
    CHECK_FALSE(plain.prelabelsUntouched());
}

TEST_CASE("Mask prelabels of another size are refused with a clear error", "[widgets][canvas]")
{
    AnnotationDocument document(100, 80);
    const MaskRle wrong{10, 10, {100}};
    CHECK_THROWS_WITH(document.enableLabelMap({{1, wrong}}), Catch::Contains("10 x 10"));
}

TEST_CASE("Leaving an item with unsubmitted strokes asks first", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::SemanticSegmentation, 3));
    REQUIRE(rig.waitForItem());
    const ItemId first = rig.page()->currentItem();
    rig.key(Qt::Key_1);
    rig.drag(100, 100, 140, 100);
    REQUIRE(rig.page()->hasUnsubmittedEdits());
    // The labeler says no: the item and its stroke stay.
    rig.page()->setLeaveAnswer(false);
    rig.key(Qt::Key_S);
    CHECK(rig.page()->currentItem() == first);
    CHECK(rig.document()->labelMap()->labeledCount() > 0);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("not submitted")));
    // The labeler agrees to lose the stroke: the item is skipped, nothing stored.
    rig.page()->setLeaveAnswer(true);
    rig.key(Qt::Key_S);
    REQUIRE(rig.waitIdle());
    CHECK(rig.page()->currentItem() != first);
    CHECK(rig.stored(first).empty());
}

TEST_CASE("A multi-page TIFF is browsed page by page; the mask stays", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    const auto tiff = dir.path() / "img" / "pages.tif";
    std::filesystem::create_directories(tiff.parent_path());
    const std::vector<cv::Mat> pages{cv::Mat(120, 160, CV_8UC3, cv::Scalar(30, 30, 30)),
                                     cv::Mat(120, 160, CV_8UC3, cv::Scalar(90, 90, 90)),
                                     cv::Mat(120, 160, CV_8UC3, cv::Scalar(200, 200, 200))};
    // The last page has a dark 40 x 40 square at (20, 20).
    pages[2](cv::Rect(20, 20, 40, 40)).setTo(cv::Scalar(30, 30, 30));
    REQUIRE(cv::imwritemulti(tiff.string(), pages));
    BoxRig rig(makeSingleImageProject(dir, TaskType::SemanticSegmentation, tiff));
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.page()->frameCount() == 3);
    CHECK(rig.canvas()->image()->storedValues(5, 5)->front() == 30);
    rig.key(Qt::Key_1);
    rig.canvas()->setBrushRadius(4);
    rig.click(100, 80);
    const std::int64_t painted = rig.document()->labelMap()->labeledCount();
    CHECK(painted == 49); // lattice points within 4 of a center

    rig.key(Qt::Key_PageDown);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->frame() == 1; }, 10000));
    CHECK(rig.canvas()->image()->storedValues(5, 5)->front() == 90);
    rig.key(Qt::Key_PageDown);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->frame() == 2; }, 10000));
    CHECK(rig.canvas()->image()->storedValues(5, 5)->front() == 200);
    // The last page: PgDown stays there.
    rig.key(Qt::Key_PageDown);
    QTest::qWait(100);
    CHECK(rig.page()->frame() == 2);
    CHECK(rig.document()->labelMap()->labeledCount() == painted);
    // The magic wand looks at the page on screen: the square, not the whole (uniform) first page.
    rig.key(Qt::Key_W);
    rig.click(30, 30);
    CHECK(rig.document()->labelMap()->labeledCount() == painted + 40 * 40);
}
