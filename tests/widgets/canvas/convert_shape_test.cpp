// Instance segmentation: M turns the selected polygon into mask pixels of its class and,
// with nothing selected, the mask back into a polygon; each one undo step, and both kinds
// are handed in and come back when the item is reopened.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"

#include "core/geometry/polygon.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

TEST_CASE("M converts a polygon to a mask and back, each one undo step", "[widgets][canvas][convert]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::InstanceSegmentation, 3));
    REQUIRE(rig.waitForItem());
    const ClassId car = rig.classNamed("Car");
    REQUIRE(rig.page()->canvasActions().count(QStringLiteral("convert-mask")) == 1);

    // A 100 x 80 rectangle, drawn with the polygon tool and closed with Enter.
    for (const auto& [x, y] : {std::pair{100, 100}, {200, 100}, {200, 180}, {100, 180}})
        rig.click(x, y);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.document()->shapes().size() == 1);
    const Polygon drawn = rig.document()->shapes()[0].polygon;
    CHECK(rig.document()->selected() == rig.document()->shapes()[0].id);

    rig.key(Qt::Key_M);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.document()->labelMap()->count(car) == 100 * 80);
    // Nothing selected now: M traces the class's pixels back into a polygon.
    rig.key(Qt::Key_M);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->labelMap()->count(car) == 0);
    CHECK(rig.document()->shapes()[0].classId == car);
    CHECK(boundingBox(rig.document()->shapes()[0].polygon) == Box{100, 100, 100, 80});
    CHECK(area(rig.document()->shapes()[0].polygon) == Approx(100.0 * 80.0));
    CHECK(rig.document()->undoStack().count() == 3);

    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.document()->labelMap()->count(car) == 100 * 80);
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(rig.document()->labelMap()->count(car) == 0);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->shapes()[0].polygon == drawn);

    // Handed in as a mask, the item reopens with the mask; M and Enter correct it to a polygon.
    const ItemId item = rig.page()->currentItem();
    rig.key(Qt::Key_V);
    rig.click(150, 140);
    REQUIRE(rig.document()->selected() == rig.document()->shapes()[0].id);
    // M, then Enter: the item's one stored annotation.
    const auto convertAndHandIn = [&] {
        rig.key(Qt::Key_M);
        rig.key(Qt::Key_Return);
        REQUIRE(rig.waitForItem());
        const auto stored = rig.stored(item);
        REQUIRE(stored.size() == 1);
        return stored[0];
    };
    CHECK(convertAndHandIn().kind == AnnotationKind::Mask);
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.page()->currentItem() == item);
    CHECK(rig.document()->labelMap()->count(car) == 100 * 80);
    const Annotation asPolygon = convertAndHandIn();
    CHECK(asPolygon.kind == AnnotationKind::Polygon);
    CHECK(boundingBox(parsePolygon(asPolygon.geometry)) == Box{100, 100, 100, 80});

    // With neither a polygon nor a mask, M says what it needs.
    rig.key(Qt::Key_M);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("Select a polygon")));
}
