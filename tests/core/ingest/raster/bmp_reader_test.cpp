#include "core/ingest/image_readers.h"
#include "tests/core/ingest/raster/raster_fixtures.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace pixmark;
using namespace pixmark::ingest;
using test::pixel8;

TEST_CASE("BMP rows stored bottom-up and top-down decode the same picture", "[ingest][bmp]")
{
    test::TempDir dir;
    // 3 x 2: red, green, blue on top; white, black, gray below.
    const test::Bytes rgb{255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128};
    for (const bool topDown : {false, true}) {
        const auto file = dir / (topDown ? "top-down.bmp" : "bottom-up.bmp");
        test::writeBytes(file, test::rgbBmp(rgb, 3, 2, topDown));
        INFO(file.filename().string());
        const auto header = probeImage(file);
        CHECK(header.format == ImageFormat::Bmp);
        CHECK(header.width == 3);
        CHECK(header.height == 2);
        CHECK(header.channels == 3);
        const auto image = decodeImage(file);
        REQUIRE(image.width == 3);
        REQUIRE(image.height == 2);
        CHECK(pixel8(image, 0, 0) == std::array<int, 4>{255, 0, 0, 0});
        CHECK(pixel8(image, 2, 0) == std::array<int, 4>{0, 0, 255, 0});
        CHECK(pixel8(image, 0, 1) == std::array<int, 4>{255, 255, 255, 0});
        CHECK(pixel8(image, 2, 1) == std::array<int, 4>{128, 128, 128, 0});
    }
}

TEST_CASE("A BMP with a gray palette decodes to one channel", "[ingest][bmp]")
{
    test::TempDir dir;
    cv::Mat gray(5, 7, CV_8UC1, cv::Scalar(42));
    REQUIRE(cv::imwrite((dir / "gray.bmp").string(), gray));
    const auto header = probeImage(dir / "gray.bmp");
    CHECK(header.channels == 1);
    const auto image = decodeImage(dir / "gray.bmp");
    CHECK(image.channels == 1);
    CHECK(image.width == 7);
    CHECK(pixel8(image, 6, 4)[0] == 42);
}
