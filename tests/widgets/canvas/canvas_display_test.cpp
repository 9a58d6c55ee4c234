// What the box canvas paints besides the image, checked in the pixels of a grab: the
// shapes' opacity (the toolbar slider) and the crosshair guides of the drawing tools.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"

#include <QSlider>

#include <cstdlib>

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {
int distance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

/// How many pixels of a widget column (or row) differ between two grabs.
int changedAlong(const QImage& a, const QImage& b, int fixed, bool column)
{
    int changed = 0;
    const int length = column ? a.height() : a.width();
    for (int i = 0; i < length; ++i) {
        const QPoint at = column ? QPoint(fixed, i) : QPoint(i, fixed);
        if (distance(a.pixel(at), b.pixel(at)) > 30)
            ++changed;
    }
    return changed;
}
} // namespace

TEST_CASE("The opacity slider fades shapes and leaves the image alone", "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::ObjectDetection, 1));
    REQUIRE(rig.waitForItem());
    rig.drag(40, 40, 150, 120); // a Car box on the dark background
    rig.key(Qt::Key_Escape);    // no selection: no handles
    REQUIRE(rig.document()->shapes().size() == 1);
    auto* opacity = rig.window->findChild<QSlider*>(QStringLiteral("shapeOpacity"));
    REQUIRE(opacity);
    CHECK(opacity->value() == 100);

    const QPoint edge = rig.at(40, 70);     // on the box's left edge
    const QPoint outside = rig.at(20, 300); // background, far from the box
    const QRgb car = QColor(QStringLiteral("#e67e22")).rgb();
    const QImage opaque = rig.canvas()->grab().toImage();
    opacity->setValue(20);
    const QImage faded = rig.canvas()->grab().toImage();
    opacity->setValue(100);
    const QImage restored = rig.canvas()->grab().toImage();

    CHECK(distance(opaque.pixel(edge), car) < 40);
    CHECK(distance(faded.pixel(edge), car) > distance(opaque.pixel(edge), car) + 150);
    CHECK(distance(faded.pixel(edge), qRgb(40, 40, 40)) < 150); // mostly the image shows through
    CHECK(faded.pixel(outside) == opaque.pixel(outside));
    CHECK(restored.pixel(edge) == opaque.pixel(edge));
}

TEST_CASE("Box and box-to-polygon tools draw crosshair guides through the cursor; select does not",
          "[widgets][canvas]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeShapesProject(dir, TaskType::ObjectDetection, 1));
    REQUIRE(rig.waitForItem());
    const QPoint cursor = rig.at(400, 350);
    const QImage before = rig.canvas()->grab().toImage();

    rig.moveTo(400, 350); // the box tool is the first tool
    const QImage guided = rig.canvas()->grab().toImage();
    // Guides cross the whole canvas: most of the cursor's column and row changed.
    CHECK(changedAlong(before, guided, cursor.x(), true) + changedAlong(before, guided, cursor.x() + 1, true) >
          guided.height());
    CHECK(changedAlong(before, guided, cursor.y(), false) + changedAlong(before, guided, cursor.y() + 1, false) >
          guided.width());
    // Away from the cursor's column, only where the row's guide crosses it.
    CHECK(changedAlong(before, guided, cursor.x() - 40, true) <= 2);

    rig.key(Qt::Key_V);
    rig.moveTo(400, 351);
    rig.moveTo(400, 350);
    const QImage plain = rig.canvas()->grab().toImage();
    CHECK(changedAlong(before, plain, cursor.x(), true) + changedAlong(before, plain, cursor.x() + 1, true) == 0);

    // Drawing with the box tool keeps the guides at the moving corner.
    rig.key(Qt::Key_R);
    rig.press(100, 100);
    rig.moveTo(300, 250);
    const QImage drawing = rig.canvas()->grab().toImage();
    rig.release(300, 250);
    const QPoint corner = rig.at(300, 250);
    CHECK(changedAlong(before, drawing, corner.x(), true) + changedAlong(before, drawing, corner.x() + 1, true) >
          drawing.height());
}
