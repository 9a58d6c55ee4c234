#include "core/ingest/image_readers.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <turbojpeg.h>

using namespace pixmark;
using namespace pixmark::ingest;
using test::pixel8;

namespace {

// width x height mid gray, with a red block in the stored top-left corner and a blue one
// in the stored top-right corner: big enough blocks to survive JPEG compression.
test::Bytes markedRgb(int width, int height)
{
    test::Bytes rgb(static_cast<std::size_t>(width * height * 3), 128);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
            unsigned char* red = rgb.data() + (y * width + x) * 3;
            red[0] = 255, red[1] = 0, red[2] = 0;
            unsigned char* blue = rgb.data() + (y * width + width - 1 - x) * 3;
            blue[0] = 0, blue[1] = 0, blue[2] = 255;
        }
    return rgb;
}

bool near(const std::array<int, 4>& pixel, int r, int g, int b)
{
    return std::abs(pixel[0] - r) <= 24 && std::abs(pixel[1] - g) <= 24 && std::abs(pixel[2] - b) <= 24;
}

} // namespace

TEST_CASE("A JPEG is probed from its header and decoded with TurboJPEG", "[ingest][jpeg]")
{
    test::TempDir dir;
    const auto file = dir / "plain.jpeg";
    test::writeBytes(file, test::encodeJpeg(markedRgb(40, 30), 40, 30, TJPF_RGB, TJSAMP_444));
    const auto header = probeImage(file);
    CHECK(header.format == ImageFormat::Jpeg);
    CHECK(header.width == 40);
    CHECK(header.height == 30);
    CHECK(header.channels == 3);
    CHECK(header.bitsPerSample == 8);
    CHECK(header.orientation == 1);
    const auto image = decodeImage(file);
    REQUIRE(image.width == 40);
    REQUIRE(image.height == 30);
    CHECK(image.channels == 3);
    CHECK(near(pixel8(image, 1, 1), 255, 0, 0));
    CHECK(near(pixel8(image, 38, 1), 0, 0, 255));
    CHECK(near(pixel8(image, 20, 20), 128, 128, 128));
}

TEST_CASE("A JPEG with Exif orientation 6 reports and decodes its displayed orientation", "[ingest][jpeg][orientation]")
{
    test::TempDir dir;
    const auto jpeg = test::encodeJpeg(markedRgb(40, 30), 40, 30, TJPF_RGB, TJSAMP_444);
    for (const bool bigEndian : {true, false}) {
        INFO((bigEndian ? "MM" : "II"));
        const auto file = dir / (bigEndian ? "rotated-mm.jpg" : "rotated-ii.jfif");
        test::writeBytes(file, test::withExifOrientation(jpeg, 6, bigEndian));
        const auto header = probeImage(file);
        CHECK(header.orientation == 6);
        CHECK(header.storedWidth == 40);
        CHECK(header.storedHeight == 30);
        CHECK(header.width == 30);
        CHECK(header.height == 40);

        const auto image = decodeImage(file);
        REQUIRE(image.width == 30);
        REQUIRE(image.height == 40);
        // Rotated 90° clockwise: stored top-left shows top right, stored top-right bottom right.
        CHECK(near(pixel8(image, 28, 1), 255, 0, 0));
        CHECK(near(pixel8(image, 28, 38), 0, 0, 255));
        CHECK(near(pixel8(image, 1, 1), 128, 128, 128));
    }
}

TEST_CASE("Every Exif orientation puts the stored corners where the Exif standard says", "[ingest][jpeg][orientation]")
{
    test::TempDir dir;
    const auto jpeg = test::encodeJpeg(markedRgb(40, 32), 40, 32, TJPF_RGB, TJSAMP_444);
    struct Expected {
        int orientation;
        bool swapped;
        int redCorner, blueCorner; // 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
    };
    const Expected cases[] = {{1, false, 0, 1}, {2, false, 1, 0}, {3, false, 2, 3}, {4, false, 3, 2},
                              {5, true, 0, 3},  {6, true, 1, 2},  {7, true, 2, 1},  {8, true, 3, 0}};
    for (const Expected& expected : cases) {
        INFO("orientation " << expected.orientation);
        const auto file = dir / ("o" + std::to_string(expected.orientation) + ".jpg");
        test::writeBytes(file, test::withExifOrientation(jpeg, expected.orientation, expected.orientation % 2 == 0));
        const auto image = decodeImage(file);
        REQUIRE(image.width == (expected.swapped ? 32 : 40));
        REQUIRE(image.height == (expected.swapped ? 40 : 32));
        const auto corner = [&](int index) {
            const int x = index == 1 || index == 2 ? image.width - 2 : 1;
            const int y = index >= 2 ? image.height - 2 : 1;
            return pixel8(image, x, y);
        };
        CHECK(near(corner(expected.redCorner), 255, 0, 0));
        CHECK(near(corner(expected.blueCorner), 0, 0, 255));
    }
}

TEST_CASE("A gray JPEG stays one channel", "[ingest][jpeg]")
{
    test::TempDir dir;
    test::writeBytes(dir / "gray.jpg", test::encodeJpeg(test::Bytes(24 * 16, 90), 24, 16, TJPF_GRAY, TJSAMP_GRAY));
    CHECK(probeImage(dir / "gray.jpg").channels == 1);
    const auto image = decodeImage(dir / "gray.jpg");
    CHECK(image.channels == 1);
    CHECK(image.samples8.size() == 24 * 16);
    CHECK(std::abs(pixel8(image, 10, 10)[0] - 90) <= 2);
}

TEST_CASE("A CMYK JPEG is decoded to RGB", "[ingest][jpeg]")
{
    test::TempDir dir;
    // RGB (200, 100, 50) in libjpeg-turbo's inverted CMYK convention.
    test::Bytes cmyk;
    for (int i = 0; i < 16 * 16; ++i)
        cmyk.insert(cmyk.end(), {255, 128, 64, 200});
    test::writeBytes(dir / "print.jpg", test::encodeJpeg(cmyk, 16, 16, TJPF_CMYK, TJSAMP_444));
    CHECK(probeImage(dir / "print.jpg").channels == 3);
    const auto image = decodeImage(dir / "print.jpg");
    REQUIRE(image.channels == 3);
    const auto pixel = pixel8(image, 8, 8);
    CHECK(std::abs(pixel[0] - 200) <= 6);
    CHECK(std::abs(pixel[1] - 100) <= 6);
    CHECK(std::abs(pixel[2] - 50) <= 6);
}

TEST_CASE("A scaled JPEG decode stays within maxSide and keeps the aspect ratio", "[ingest][jpeg]")
{
    test::TempDir dir;
    test::writeBytes(dir / "big.jpg", test::encodeJpeg(markedRgb(400, 300), 400, 300, TJPF_RGB, TJSAMP_420));
    for (const int maxSide : {400, 300, 200, 100, 90, 33, 1}) {
        INFO("maxSide " << maxSide);
        DecodeOptions options;
        options.maxSide = maxSide;
        const auto image = decodeImage(dir / "big.jpg", options);
        CHECK(image.width == maxSide);
        CHECK(std::abs(image.height - maxSide * 3 / 4) <= 1);
        CHECK(image.samples8.size() == static_cast<std::size_t>(image.width * image.height * 3));
    }
    DecodeOptions rotated;
    rotated.maxSide = 100;
    test::writeBytes(dir / "big-rotated.jpg", test::withExifOrientation(test::readBytes(dir / "big.jpg"), 8, false));
    const auto image = decodeImage(dir / "big-rotated.jpg", rotated);
    CHECK(image.width == 75);
    CHECK(image.height == 100);
}

TEST_CASE("Stray bytes before the end marker, as some cameras write, do not refuse a JPEG", "[ingest][jpeg]")
{
    test::TempDir dir;
    auto jpeg = test::encodeJpeg(markedRgb(40, 30), 40, 30, TJPF_RGB, TJSAMP_444);
    REQUIRE(jpeg[jpeg.size() - 2] == 0xFF);
    REQUIRE(jpeg[jpeg.size() - 1] == 0xD9);
    jpeg.insert(jpeg.end() - 2, {0x12, 0x34, 0x56});
    test::writeBytes(dir / "camera.jpg", jpeg);
    const auto image = decodeImage(dir / "camera.jpg");
    CHECK(image.width == 40);
    CHECK(near(pixel8(image, 1, 1), 255, 0, 0));
}

TEST_CASE("Stray bytes do not hide a truncation behind them", "[ingest][jpeg][hostile]")
{
    test::TempDir dir;
    test::Bytes noise(256 * 256 * 3);
    for (std::size_t i = 0; i < noise.size(); ++i)
        noise[i] = static_cast<unsigned char>((i * 2654435761u) >> 13);
    auto jpeg = test::encodeJpeg(noise, 256, 256, TJPF_RGB, TJSAMP_420);
    const unsigned char sof[2] = {0xFF, 0xC0};
    const auto frame = std::search(jpeg.begin(), jpeg.end(), std::begin(sof), std::end(sof));
    REQUIRE(frame != jpeg.end());
    jpeg.insert(frame, {0x00, 0x11, 0x22}); // libjpeg's first (and only worded) warning
    test::writeBytes(dir / "stray.jpg", jpeg);
    CHECK(decodeImage(dir / "stray.jpg").width == 256);
    test::truncateToHalf(dir / "stray.jpg");
    CHECK(test::imageErrorReason([&] { decodeImage(dir / "stray.jpg"); }) == "truncated JPEG data");
}
