#include "core/ingest/image_readers.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace pixmark;
using namespace pixmark::ingest;
using test::pixel16;
using test::pixel8;

TEST_CASE("A 16-bit TIFF keeps its exact values at full depth", "[ingest][tiff]")
{
    test::TempDir dir;
    cv::Mat gray(20, 30, CV_16UC1);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            gray.at<std::uint16_t>(y, x) = static_cast<std::uint16_t>(x * 2000 + y * 7 + 300);
    REQUIRE(cv::imwrite((dir / "deep.tiff").string(), gray));

    const auto header = probeImage(dir / "deep.tiff");
    CHECK(header.format == ImageFormat::Tiff);
    CHECK(header.bitsPerSample == 16);
    CHECK(header.channels == 1);
    CHECK(header.width == 30);
    CHECK(header.height == 20);
    CHECK(header.frames == 1);

    DecodeOptions full;
    full.depth = DecodeOptions::Depth::Full;
    const auto image = decodeImage(dir / "deep.tiff", full);
    REQUIRE(image.bitDepth == 16);
    REQUIRE(image.channels == 1);
    REQUIRE(image.samples16.size() == 20 * 30);
    bool exact = true;
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            exact = exact && pixel16(image, x, y)[0] == gray.at<std::uint16_t>(y, x);
    CHECK(exact);
    CHECK(pixel8(decodeImage(dir / "deep.tiff"), 29, 19)[0] == (29 * 2000 + 19 * 7 + 300) >> 8);
}

TEST_CASE("A multi-page TIFF reports its pages and decodes each with its own content", "[ingest][tiff]")
{
    test::TempDir dir;
    const std::vector<cv::Mat> pages{cv::Mat(30, 40, CV_8UC3, cv::Scalar(30, 20, 10)),
                                     cv::Mat(10, 20, CV_8UC3, cv::Scalar(50, 100, 200)),
                                     cv::Mat(16, 16, CV_8UC1, cv::Scalar(99))};
    REQUIRE(cv::imwritemulti((dir / "pages.tif").string(), pages));

    const auto header = probeImage(dir / "pages.tif");
    CHECK(header.frames == 3);
    CHECK(header.width == 40);
    CHECK(header.height == 30);
    CHECK(header.channels == 3);

    DecodeOptions second;
    second.frame = 1;
    const auto page2 = decodeImage(dir / "pages.tif", second);
    CHECK(page2.width == 20);
    CHECK(page2.height == 10);
    CHECK(pixel8(page2, 3, 3) == std::array<int, 4>{200, 100, 50, 0});

    DecodeOptions third;
    third.frame = 2;
    const auto page3 = decodeImage(dir / "pages.tif", third);
    CHECK(page3.channels == 1);
    CHECK(pixel8(page3, 15, 15)[0] == 99);

    CHECK(pixel8(decodeImage(dir / "pages.tif"), 0, 0) == std::array<int, 4>{10, 20, 30, 0});

    DecodeOptions missing;
    missing.frame = 3;
    CHECK(test::imageErrorReason([&] { decodeImage(dir / "pages.tif", missing); }) ==
          "page 4 does not exist (the file has 3)");
}

TEST_CASE("The TIFF orientation tag is applied like Exif orientation, in both byte orders",
          "[ingest][tiff][orientation]")
{
    test::TempDir dir;
    constexpr int width = 4, height = 3;
    test::Bytes stored;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            stored.push_back(static_cast<unsigned char>(10 * y + x + 1));
    // Where displayed pixel (x, y) comes from in the stored image, from the Exif
    // definitions ("0th row is the visual right side, 0th column the visual top" for 6).
    const auto source = [&](int orientation, int x, int y) {
        switch (orientation) {
        case 2:
            return std::pair{width - 1 - x, y};
        case 3:
            return std::pair{width - 1 - x, height - 1 - y};
        case 4:
            return std::pair{x, height - 1 - y};
        case 5:
            return std::pair{y, x};
        case 6:
            return std::pair{y, height - 1 - x};
        case 7:
            return std::pair{width - 1 - y, height - 1 - x};
        case 8:
            return std::pair{width - 1 - y, x};
        default:
            return std::pair{x, y};
        }
    };
    for (int orientation = 1; orientation <= 8; ++orientation) {
        INFO("orientation " << orientation);
        const auto file = dir / ("o" + std::to_string(orientation) + ".tif");
        test::writeBytes(file, test::grayTiff(stored, width, height, orientation, orientation % 2 == 1));
        const bool swapped = orientation >= 5;
        const auto header = probeImage(file);
        CHECK(header.orientation == orientation);
        CHECK(header.width == (swapped ? height : width));
        CHECK(header.height == (swapped ? width : height));
        const auto image = decodeImage(file);
        REQUIRE(image.width == header.width);
        REQUIRE(image.height == header.height);
        bool matches = true;
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x) {
                const auto [sx, sy] = source(orientation, x, y);
                matches = matches && pixel8(image, x, y)[0] == stored[static_cast<std::size_t>(sy * width + sx)];
            }
        CHECK(matches);
    }
}
