// The image view under every canvas: exact mapping and zoom at the cursor, the pyramid
// level painted, 16-bit window/level and the pixel readout (stored and rescaled values).
#include "core/ingest/image_readers.h"
#include "widgets/canvas/image_view.h"

#include <QApplication>
#include <QTest>
#include <QWheelEvent>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace pixmark;

namespace {
ingest::DecodedImage gray16(int width, int height)
{
    ingest::DecodedImage image;
    image.width = width;
    image.height = height;
    image.channels = 1;
    image.bitDepth = 16;
    image.samples16.resize(static_cast<std::size_t>(width * height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.samples16[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint16_t>(1000 + x + 10 * y);
    return image;
}

ingest::DecodedImage rgb8(int width, int height)
{
    ingest::DecodedImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    image.samples8.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3, 128);
    return image;
}
} // namespace

TEST_CASE("The pyramid keeps 16-bit values and reads them out stored and rescaled", "[widgets][canvas]")
{
    ingest::ImageHeader header;
    header.rescaleSlope = 1;
    header.rescaleIntercept = -1024;
    const auto pyramid = ImagePyramid::build(gray16(300, 200), header);
    CHECK(pyramid->bitDepth() == 16);
    CHECK(pyramid->levelCount() == 2); // 300 x 200, then 150 x 100
    CHECK(pyramid->storedValues(5, 2) == std::vector<int>{1025});
    CHECK(pyramid->pixelText(5, 2) == QStringLiteral("x 5  y 2  value 1025  (rescaled 1)"));
    CHECK(pyramid->pixelText(300, 0).isEmpty());
    // The data's own range opens the image, not the full 16-bit range.
    const WindowLevel window = pyramid->defaultWindow();
    CHECK(window.center == Approx((1000 + 1000 + 299 + 1990) / 2.0));
    CHECK(window.width == Approx(299 + 1990));
    CHECK_FALSE(window.invert);
    // CT presets appear in stored units when the file rescales.
    const auto presets = pyramid->windowPresets();
    REQUIRE(presets.size() == 4);
    CHECK(presets.front().second.center == Approx(40 + 1024));
    // The lookup puts the window's low end at black and its high end at white.
    const auto table = displayTable(WindowLevel{1500, 1000, false}, 16, false);
    CHECK(table[1000] == 0);
    CHECK(table[2000] == 255);
    CHECK(table[1500] == 128);
    const auto inverted = displayTable(WindowLevel{1500, 1000, true}, 16, false);
    CHECK(inverted[1000] == 255);
}

TEST_CASE("MONOCHROME1 and DICOM windows set the opening window", "[widgets][canvas]")
{
    ingest::ImageHeader header;
    header.photometric = "MONOCHROME1";
    header.rescaleSlope = 2;
    header.rescaleIntercept = -1000;
    header.windows = {ingest::Window{40, 400}};
    const auto pyramid = ImagePyramid::build(gray16(64, 64), header);
    const WindowLevel window = pyramid->defaultWindow();
    CHECK(window.invert);
    CHECK(window.center == Approx(520)); // (40 + 1000) / 2
    CHECK(window.width == Approx(200));
}

TEST_CASE("Zoom keeps the image point under the cursor; fit and 100 % work", "[widgets][canvas]")
{
    ImageView view;
    view.resize(800, 600);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setImage(ImagePyramid::build(rgb8(1600, 1200), ingest::ImageHeader{}));
    CHECK(view.scale() == Approx(0.5));
    CHECK(view.mapToImage(QPointF(0, 0)) == QPointF(0, 0));
    const QPointF cursor(123, 456);
    const QPointF before = view.mapToImage(cursor);
    view.zoomAt(cursor, 3.0);
    CHECK(view.scale() == Approx(1.5));
    // Within half a screen pixel: the view keeps its offset on whole screen pixels.
    const QPointF after = view.mapToImage(cursor);
    CHECK(after.x() == Approx(before.x()).margin(0.5 / view.scale()));
    CHECK(after.y() == Approx(before.y()).margin(0.5 / view.scale()));
    CHECK(view.mapFromImage(view.mapToImage(QPointF(17, 29))).x() == Approx(17));
    view.zoomTo100();
    CHECK(view.scale() == Approx(1.0));
    view.fitToWindow();
    CHECK(view.scale() == Approx(0.5));

    // The wheel zooms at the cursor too.
    QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    const QPointF underCursor = view.mapToImage(cursor);
    QApplication::sendEvent(&view, &wheel);
    CHECK(view.scale() == Approx(0.625));
    CHECK(view.mapToImage(cursor).x() == Approx(underCursor.x()).margin(0.5 / view.scale()));
}

TEST_CASE("Zoomed out, a large image paints from a smaller level, in tiles", "[widgets][canvas]")
{
    ImageView view;
    view.resize(800, 600);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setImage(ImagePyramid::build(rgb8(6000, 4000), ingest::ImageHeader{}));
    view.repaint();
    CHECK(view.lastPaintLevel() == 2); // 1500 x 1000 for a 0.13 zoom
    CHECK(view.tilesRendered() == 6);  // 3 x 2 tiles of 512
    view.zoomTo100();
    view.repaint();
    CHECK(view.lastPaintLevel() == 0);
    // Only the tiles in view: 800 x 600 pixels touch at most 3 x 3 tiles of 512.
    CHECK(view.tilesRendered() > 6);
    CHECK(view.tilesRendered() <= 6 + 9);
}

TEST_CASE("Right drag changes window/level; reset and invert work", "[widgets][canvas]")
{
    ImageView view;
    view.resize(400, 300);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    view.setImage(ImagePyramid::build(gray16(400, 300), ingest::ImageHeader{}));
    const WindowLevel initial = view.windowLevel();
    QTest::mousePress(&view, Qt::RightButton, {}, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(200, 50));
    QTest::mouseRelease(&view, Qt::RightButton, {}, QPoint(200, 50));
    CHECK(view.windowLevel().width > initial.width);
    CHECK(view.windowLevel().center > initial.center);
    view.setInverted(true);
    CHECK(view.windowLevel().invert);
    view.resetWindowLevel();
    CHECK(view.windowLevel() == initial);
}

TEST_CASE("A CT slice keeps its 16-bit values; the readout gives stored and Hounsfield values", "[widgets][canvas]")
{
    const std::filesystem::path file = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";
    if (!std::filesystem::exists(file)) {
        WARN("pydicom's test files are not installed: nothing to check");
        return;
    }
    ingest::DecodeOptions options;
    options.depth = ingest::DecodeOptions::Depth::Full;
    const ingest::ImageHeader header = ingest::probeImage(file);
    const auto pyramid = ImagePyramid::build(ingest::decodeImage(file, options), header);
    CHECK(pyramid->bitDepth() == 16);
    REQUIRE(pyramid->hasRescale());
    const auto stored = pyramid->storedValues(64, 64);
    REQUIRE(stored);
    const QString text = pyramid->pixelText(64, 64);
    CHECK(text.contains(QStringLiteral("value %1").arg(stored->front())));
    CHECK(text.contains(QStringLiteral("(rescaled %1)").arg(pyramid->rescaled(stored->front()), 0, 'g', 6)));
    CHECK(pyramid->rescaled(0) == Approx(header.rescaleIntercept));
}
