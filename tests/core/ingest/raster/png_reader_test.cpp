#include "core/ingest/image_readers.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace pixmark;
using namespace pixmark::ingest;
using test::pixel16;
using test::pixel8;

TEST_CASE("8-bit gray, RGB and RGBA PNGs are probed and decoded in RGB(A) order", "[ingest][png]")
{
    test::TempDir dir;
    SECTION("gray")
    {
        cv::Mat gray(30, 40, CV_8UC1, cv::Scalar(77));
        gray.at<std::uint8_t>(0, 39) = 200;
        REQUIRE(cv::imwrite((dir / "gray.png").string(), gray));
        const auto header = probeImage(dir / "gray.png");
        CHECK(header.format == ImageFormat::Png);
        CHECK(header.width == 40);
        CHECK(header.height == 30);
        CHECK(header.storedWidth == 40);
        CHECK(header.frames == 1);
        CHECK(header.channels == 1);
        CHECK(header.bitsPerSample == 8);
        CHECK(header.orientation == 1);
        const auto image = decodeImage(dir / "gray.png");
        CHECK(image.width == 40);
        CHECK(image.height == 30);
        CHECK(image.channels == 1);
        CHECK(image.bitDepth == 8);
        CHECK(image.samples16.empty());
        CHECK(image.samples8.size() == 40 * 30);
        CHECK(pixel8(image, 0, 0)[0] == 77);
        CHECK(pixel8(image, 39, 0)[0] == 200);
    }
    SECTION("RGB")
    {
        cv::Mat bgr(30, 40, CV_8UC3, cv::Scalar(30, 20, 10)); // OpenCV is BGR: RGB (10, 20, 30)
        REQUIRE(cv::imwrite((dir / "rgb.png").string(), bgr));
        CHECK(probeImage(dir / "rgb.png").channels == 3);
        const auto image = decodeImage(dir / "rgb.png");
        CHECK(image.channels == 3);
        CHECK(pixel8(image, 5, 5) == std::array<int, 4>{10, 20, 30, 0});
    }
    SECTION("RGBA")
    {
        cv::Mat bgra(30, 40, CV_8UC4, cv::Scalar(30, 20, 10, 128));
        REQUIRE(cv::imwrite((dir / "rgba.png").string(), bgra));
        CHECK(probeImage(dir / "rgba.png").channels == 4);
        const auto image = decodeImage(dir / "rgba.png");
        CHECK(image.channels == 4);
        CHECK(pixel8(image, 39, 29) == std::array<int, 4>{10, 20, 30, 128});
    }
}

TEST_CASE("A 16-bit PNG keeps its exact values at full depth and its high byte for display", "[ingest][png]")
{
    test::TempDir dir;
    cv::Mat bgr(10, 12, CV_16UC3);
    for (int y = 0; y < bgr.rows; ++y)
        for (int x = 0; x < bgr.cols; ++x)
            bgr.at<cv::Vec3w>(y, x) =
                cv::Vec3w(static_cast<std::uint16_t>(1000 + x), static_cast<std::uint16_t>(30000 + y),
                          static_cast<std::uint16_t>(65535 - x * 300 - y));
    REQUIRE(cv::imwrite((dir / "deep.png").string(), bgr));

    const auto header = probeImage(dir / "deep.png");
    CHECK(header.bitsPerSample == 16);
    CHECK(header.channels == 3);

    DecodeOptions full;
    full.depth = DecodeOptions::Depth::Full;
    const auto image = decodeImage(dir / "deep.png", full);
    REQUIRE(image.bitDepth == 16);
    CHECK(image.samples8.empty());
    REQUIRE(image.samples16.size() == 10 * 12 * 3);
    bool exact = true;
    for (int y = 0; y < bgr.rows; ++y)
        for (int x = 0; x < bgr.cols; ++x) {
            const auto stored = bgr.at<cv::Vec3w>(y, x);
            exact = exact && pixel16(image, x, y) == std::array<int, 4>{stored[2], stored[1], stored[0], 0};
        }
    CHECK(exact);

    const auto display = decodeImage(dir / "deep.png"); // Display8 is the default
    CHECK(display.bitDepth == 8);
    CHECK(display.samples16.empty());
    CHECK(pixel8(display, 3, 4) == std::array<int, 4>{(65535 - 900 - 4) >> 8, (30000 + 4) >> 8, (1000 + 3) >> 8, 0});
}

TEST_CASE("A PNG named .jpg is read by its content", "[ingest][png][format]")
{
    test::TempDir dir;
    cv::Mat bgr(8, 16, CV_8UC3, cv::Scalar(0, 0, 255));
    REQUIRE(cv::imwrite((dir / "photo.png").string(), bgr));
    std::filesystem::rename(dir / "photo.png", dir / "photo.jpg");
    const auto header = probeImage(dir / "photo.jpg");
    CHECK(header.format == ImageFormat::Png);
    CHECK(header.width == 16);
    const auto image = decodeImage(dir / "photo.jpg");
    CHECK(pixel8(image, 0, 0) == std::array<int, 4>{255, 0, 0, 0});
}

TEST_CASE("maxSide shrinks a PNG with its aspect ratio kept", "[ingest][png]")
{
    test::TempDir dir;
    REQUIRE(cv::imwrite((dir / "wide.png").string(), cv::Mat(300, 400, CV_8UC3, cv::Scalar(9, 99, 199))));
    DecodeOptions options;
    options.maxSide = 100;
    const auto image = decodeImage(dir / "wide.png", options);
    CHECK(image.width == 100);
    CHECK(image.height == 75);
    CHECK(pixel8(image, 50, 40) == std::array<int, 4>{199, 99, 9, 0});
    options.maxSide = 1000; // never enlarged
    CHECK(decodeImage(dir / "wide.png", options).width == 400);
}

TEST_CASE("A PNG has no second frame", "[ingest][png]")
{
    test::TempDir dir;
    REQUIRE(cv::imwrite((dir / "one.png").string(), cv::Mat(4, 4, CV_8UC1, cv::Scalar(1))));
    DecodeOptions options;
    options.frame = 1;
    CHECK_THAT(test::imageErrorReason([&] { decodeImage(dir / "one.png", options); }),
               Catch::StartsWith("frame 1 does not exist"));
}
