#include "core/ingest/image_readers.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

#include <random>
#include <turbojpeg.h>

using namespace pixmark;
using namespace pixmark::ingest;

namespace {

// Noise compresses badly, so the entropy-coded data is most of the file and cutting it
// in half cuts the pixels, not the headers.
cv::Mat noise(int width, int height, int type)
{
    cv::Mat pixels(height, width, type);
    cv::randu(pixels, cv::Scalar::all(0), cv::Scalar::all(255));
    return pixels;
}

} // namespace

TEST_CASE("Truncated JPEG, PNG, TIFF and BMP files are refused with a reason", "[ingest][hostile]")
{
    test::TempDir dir;
    SECTION("JPEG")
    {
        const cv::Mat rgb = noise(256, 256, CV_8UC3);
        test::writeBytes(dir / "cut.jpg",
                         test::encodeJpeg(test::Bytes(rgb.datastart, rgb.dataend), 256, 256, TJPF_RGB, TJSAMP_420));
        test::truncateToHalf(dir / "cut.jpg");
        // The header is intact, but the probe sees the missing end marker.
        CHECK(test::imageErrorReason([&] { probeImage(dir / "cut.jpg"); }) == "truncated JPEG data");
        CHECK(test::imageErrorReason([&] { decodeImage(dir / "cut.jpg"); }) == "truncated JPEG data");
        DecodeOptions thumbnail;
        thumbnail.maxSide = 32;
        CHECK(test::imageErrorReason([&] { decodeImage(dir / "cut.jpg", thumbnail); }) == "truncated JPEG data");
    }
    SECTION("PNG")
    {
        REQUIRE(cv::imwrite((dir / "cut.png").string(), noise(256, 256, CV_8UC3)));
        test::truncateToHalf(dir / "cut.png");
        CHECK(test::imageErrorReason([&] { decodeImage(dir / "cut.png"); }) == "corrupt or truncated PNG data");
    }
    SECTION("TIFF")
    {
        REQUIRE(cv::imwrite((dir / "cut.tif").string(), noise(256, 256, CV_8UC3)));
        test::truncateToHalf(dir / "cut.tif");
        CHECK_THAT(test::imageErrorReason([&] { decodeImage(dir / "cut.tif"); }), Catch::Contains("truncated TIFF"));
    }
    SECTION("BMP")
    {
        REQUIRE(cv::imwrite((dir / "cut.bmp").string(), noise(256, 256, CV_8UC3)));
        test::truncateToHalf(dir / "cut.bmp");
        CHECK(test::imageErrorReason([&] { probeImage(dir / "cut.bmp"); }) == "truncated BMP data");
        CHECK(test::imageErrorReason([&] { decodeImage(dir / "cut.bmp"); }) == "truncated BMP data");
    }
    SECTION("a JPEG cut inside its headers")
    {
        auto jpeg = test::encodeJpeg(test::Bytes(64 * 64 * 3, 7), 64, 64, TJPF_RGB, TJSAMP_444);
        jpeg.resize(100);
        test::writeBytes(dir / "stub.jpg", jpeg);
        CHECK(test::imageErrorReason([&] { probeImage(dir / "stub.jpg"); }) == "truncated JPEG data");
    }
}

TEST_CASE("A PNG whose header declares 100000 x 100000 pixels is refused before decoding", "[ingest][hostile]")
{
    test::TempDir dir;
    test::writeBytes(dir / "bomb.png", test::pngWithHeaderOnly(100000, 100000));
    const std::string expected = "image too large: 100000 x 100000 pixels exceeds the limit of 400 megapixels";
    CHECK(test::imageErrorReason([&] { probeImage(dir / "bomb.png"); }) == expected);
    CHECK(test::imageErrorReason([&] { decodeImage(dir / "bomb.png"); }) == expected);
    // The same file under a project limit it fits is only refused when its data runs out.
    ReaderLimits generous;
    generous.maxPixels = std::int64_t{100000} * 100000;
    CHECK(probeImage(dir / "bomb.png", generous).width == 100000);
}

TEST_CASE("The pixel limit counts every page of a TIFF and follows the project's setting", "[ingest][hostile]")
{
    test::TempDir dir;
    const std::vector<cv::Mat> pages(3, cv::Mat(100, 100, CV_8UC1, cv::Scalar(1)));
    REQUIRE(cv::imwritemulti((dir / "pages.tif").string(), pages));
    ReaderLimits limits;
    limits.maxPixels = 25000;
    CHECK(test::imageErrorReason([&] { probeImage(dir / "pages.tif", limits); }) ==
          "image too large: 3 pages with 30000 pixels in all exceed the limit of 25000 pixels");
    limits.maxPixels = 30000;
    CHECK(probeImage(dir / "pages.tif", limits).frames == 3);

    REQUIRE(cv::imwrite((dir / "one.png").string(), cv::Mat(1000, 1500, CV_8UC1, cv::Scalar(1))));
    limits.maxPixels = 1'200'000;
    CHECK(test::imageErrorReason([&] { decodeImage(dir / "one.png", {}, limits); }) ==
          "image too large: 1500 x 1000 pixels exceeds the limit of 1.2 megapixels");
}

TEST_CASE("A TIFF whose page list loops is refused", "[ingest][hostile]")
{
    test::TempDir dir;
    test::writeBytes(dir / "loop.tif", test::grayTiff(test::Bytes(16, 1), 4, 4, 1, false, true));
    CHECK(test::imageErrorReason([&] { probeImage(dir / "loop.tif"); }) == "corrupt TIFF: the page list loops");
}

TEST_CASE("A text file named .png is not an image", "[ingest][hostile]")
{
    test::TempDir dir;
    const std::string text = "These are my notes about the birds, not a picture.\n";
    test::writeBytes(dir / "notes.png", test::Bytes(text.begin(), text.end()));
    CHECK_THAT(test::imageErrorReason([&] { probeImage(dir / "notes.png"); }), Catch::StartsWith("not an image"));
    CHECK_THAT(test::imageErrorReason([&] { decodeImage(dir / "notes.png"); }), Catch::StartsWith("not an image"));
}

TEST_CASE("Random damage to image headers gives an ImageError or an image, never a crash", "[ingest][hostile]")
{
    test::TempDir dir;
    const cv::Mat small = noise(24, 16, CV_8UC3);
    std::vector<std::pair<std::string, test::Bytes>> originals;
    originals.emplace_back("jpg",
                           test::encodeJpeg(test::Bytes(small.datastart, small.dataend), 24, 16, TJPF_RGB, TJSAMP_420));
    originals.emplace_back("exif.jpg", test::withExifOrientation(originals.front().second, 6, true));
    for (const char* extension : {"png", "tif", "bmp"}) {
        const auto file = dir / (std::string("original.") + extension);
        REQUIRE(cv::imwrite(file.string(), small));
        originals.emplace_back(extension, test::readBytes(file));
    }
    originals.emplace_back("oriented.tif", test::grayTiff(test::Bytes(12, 5), 4, 3, 6, true));

    std::mt19937 random(20240611);
    int refused = 0, decoded = 0;
    for (const auto& [extension, original] : originals) {
        for (int round = 0; round < 60; ++round) {
            test::Bytes damaged = original;
            // Damage concentrated in the first 200 bytes, where the headers are.
            const int flips = 1 + static_cast<int>(random() % 4);
            for (int i = 0; i < flips; ++i) {
                const auto at = random() % std::min<std::size_t>(damaged.size(), 200);
                damaged[at] = static_cast<unsigned char>(random());
            }
            if (round % 3 == 0)
                damaged.resize(4 + random() % (damaged.size() - 4));
            const auto file = dir / ("damaged." + extension);
            test::writeBytes(file, damaged);
            try {
                const auto header = probeImage(file);
                DecodeOptions options;
                options.maxSide = round % 2 == 0 ? 0 : 8;
                options.frame = round % 7 == 0 ? 1 : 0;
                const auto image = decodeImage(file, options);
                CHECK(image.samples8.size() == static_cast<std::size_t>(image.width) *
                                                   static_cast<std::size_t>(image.height) *
                                                   static_cast<std::size_t>(image.channels));
                CHECK(header.frames >= 1);
                ++decoded;
            } catch (const ImageError& error) {
                CHECK_FALSE(error.reason().empty());
                ++refused;
            }
        }
    }
    CHECK(refused > 0);
    CHECK(refused + decoded == 6 * 60);
}
