#include "core/errors.h"
#include "core/geometry/mask_rle.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

using namespace pixmark;

TEST_CASE("Mask runs go down the columns as in COCO", "[geometry]")
{
    // Row-major 3 x 2 (height 3, width 2):   0 1
    //                                        1 1
    //                                        0 0
    // Column by column: 0 1 0 | 1 1 0, so runs of 1 unset, 1 set, 1 unset, 2 set, 1 unset.
    const std::uint8_t bitmap[] = {0, 1, 1, 1, 0, 0};
    const MaskRle mask = encodeMask(bitmap, 2, 3);
    CHECK(mask.height == 3);
    CHECK(mask.width == 2);
    CHECK(mask.counts == std::vector<std::uint32_t>{1, 1, 1, 2, 1});
    CHECK(area(mask) == 3);
    CHECK(toJson(mask) == R"({"counts":[1,1,1,2,1],"size":[3,2]})");
    CHECK(decodeMask(mask) == std::vector<std::uint8_t>(std::begin(bitmap), std::end(bitmap)));
}

TEST_CASE("Mask encoding round trips, edge cases included", "[geometry]")
{
    const std::vector<std::uint8_t> empty(12, 0);
    CHECK(encodeMask(empty.data(), 4, 3).counts == std::vector<std::uint32_t>{12});
    CHECK(decodeMask(encodeMask(empty.data(), 4, 3)) == empty);

    const std::vector<std::uint8_t> full(12, 1);
    CHECK(encodeMask(full.data(), 4, 3).counts == std::vector<std::uint32_t>{0, 12});
    CHECK(decodeMask(encodeMask(full.data(), 4, 3)) == full);

    std::vector<std::uint8_t> first(12, 0);
    first[0] = 255; // any non-zero value is set
    CHECK(encodeMask(first.data(), 4, 3).counts == std::vector<std::uint32_t>{0, 1, 11});
    std::vector<std::uint8_t> last(12, 0);
    last[11] = 1;
    CHECK(encodeMask(last.data(), 4, 3).counts == std::vector<std::uint32_t>{11, 1});

    std::mt19937 random(7);
    std::vector<std::uint8_t> noise(37 * 23);
    for (auto& v : noise)
        v = static_cast<std::uint8_t>(random() % 3 == 0);
    const MaskRle mask = encodeMask(noise.data(), 37, 23);
    CHECK(std::accumulate(mask.counts.begin(), mask.counts.end(), std::uint64_t{0}) == noise.size());
    CHECK(decodeMask(mask) == noise);
    CHECK(parseMask(toJson(mask)) == mask);
}

TEST_CASE("Masks and polygons convert both ways", "[geometry]")
{
    const Polygon rect{{{2, 1}, {7, 1}, {7, 4}, {2, 4}}};
    const MaskRle mask = maskFromPolygon(rect, 10, 6);
    CHECK(area(mask) == 15);
    const auto bitmap = decodeMask(mask);
    CHECK(bitmap[1 * 10 + 2] == 1);
    CHECK(bitmap[3 * 10 + 6] == 1);
    CHECK(bitmap[4 * 10 + 6] == 0);
    CHECK(bitmap[1 * 10 + 7] == 0);

    const auto outline = polygonFromMask(mask);
    REQUIRE(outline);
    CHECK(area(*outline) == Approx(15).margin(0.5));
    CHECK(boundingBox(*outline).x == Approx(2).margin(0.01));
    CHECK(boundingBox(*outline).w == Approx(5).margin(0.01));

    // A disc keeps its area through the round trip, and the largest region is the one kept.
    Polygon disc;
    for (int i = 0; i < 64; ++i)
        disc.points.push_back({100 + 40 * std::cos(i * M_PI / 32), 60 + 40 * std::sin(i * M_PI / 32)});
    MaskRle two = maskFromPolygon(disc, 200, 120);
    std::vector<std::uint8_t> pixels = decodeMask(two);
    pixels[5 * 200 + 5] = 1; // a stray pixel elsewhere
    two = encodeMask(pixels.data(), 200, 120);
    CHECK(area(two) == Approx(area(disc)).epsilon(0.01));
    const auto traced = polygonFromMask(two);
    REQUIRE(traced);
    CHECK(area(*traced) == Approx(area(disc)).epsilon(0.02));
    CHECK(area(maskFromPolygon(*traced, 200, 120)) == Approx(area(disc)).epsilon(0.02));

    const std::uint8_t one[] = {0, 0, 0, 0, 1, 0};
    const auto pixel = polygonFromMask(encodeMask(one, 3, 2));
    REQUIRE(pixel);
    CHECK(area(*pixel) == Approx(1));
    const std::uint8_t none[] = {0, 0, 0, 0};
    CHECK_FALSE(polygonFromMask(encodeMask(none, 2, 2)));
}

TEST_CASE("Malformed masks are refused with the reason", "[geometry][validation]")
{
    CHECK(parseMask(R"({"size":[2,3],"counts":[1,2,3]})") == MaskRle{2, 3, {1, 2, 3}});
    CHECK_THROWS_AS(parseMask("nope"), ValidationError);
    CHECK_THROWS_AS(parseMask("[]"), ValidationError);
    CHECK_THROWS_WITH(parseMask(R"({"counts":[6]})"), Catch::Contains("size"));
    CHECK_THROWS_WITH(parseMask(R"({"size":[2,3],"counts":[1,2]})"), Catch::Contains("add up to 3"));
    CHECK_THROWS_AS(parseMask(R"({"size":[2,3],"counts":[7,-1]})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":[2,3],"counts":[1.5,4.5]})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":[2,3],"counts":"PPYo0"})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":[0,3],"counts":[]})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":[2,100001],"counts":[200002]})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":[2,-3],"counts":[6]})"), ValidationError);
    CHECK_THROWS_AS(parseMask(R"({"size":["2",3],"counts":[6]})"), ValidationError);
}
