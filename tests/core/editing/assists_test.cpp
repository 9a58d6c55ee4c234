// The pixel assists on synthetic images: the magic wand takes a flat region within its
// tolerance, GrabCut finds a disc inside a box; bad input gets a clear error.
#include "core/editing/assists.h"

#include "core/errors.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace pixmark;
using namespace pixmark::editing;

namespace {
// A gray 3-channel image: background 40, a 30 x 20 rectangle of 200 at (10, 10), and a
// 1-pixel step of 50 in the background's right half.
std::vector<std::uint8_t> testImage(int width, int height)
{
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width * height * 3));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            std::uint8_t value = x >= width / 2 ? 50 : 40;
            if (x >= 10 && x < 40 && y >= 10 && y < 30)
                value = 200;
            for (int c = 0; c < 3; ++c)
                rgb[static_cast<std::size_t>((y * width + x) * 3 + c)] = value;
        }
    return rgb;
}
} // namespace

TEST_CASE("The magic wand takes the clicked region within its tolerance", "[editing]")
{
    const int width = 100, height = 60;
    const auto pixels = testImage(width, height);
    const PixelView view{pixels.data(), width, height, static_cast<std::size_t>(width * 3), 3};
    CHECK(area(magicWandMask(view, ImagePoint{20, 20}, 5)) == 30 * 20);
    // Tolerance 5 stops at the background's step; 20 crosses it, but never the bright rectangle.
    CHECK(area(magicWandMask(view, ImagePoint{2, 2}, 5)) == 50 * 60 - 30 * 20);
    CHECK(area(magicWandMask(view, ImagePoint{2, 2}, 20)) == 100 * 60 - 30 * 20);
    const auto outline = polygonFromMask(magicWandMask(view, ImagePoint{20, 20}, 5));
    REQUIRE(outline);
    CHECK(boundingBox(*outline) == Box{10, 10, 30, 20});
}

TEST_CASE("GrabCut finds a bright disc inside a box", "[editing]")
{
    const int width = 160, height = 120;
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width * height * 3));
    int discPixels = 0;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool inDisc = (x + 0.5 - 80) * (x + 0.5 - 80) + (y + 0.5 - 60) * (y + 0.5 - 60) <= 25 * 25;
            discPixels += inDisc;
            const std::size_t at = static_cast<std::size_t>((y * width + x) * 3);
            // Textured background so the models have something to learn.
            rgb[at] = inDisc ? 220 : static_cast<std::uint8_t>(30 + (x * 7 + y * 3) % 40);
            rgb[at + 1] = inDisc ? 60 : static_cast<std::uint8_t>(90 + (x * 5) % 30);
            rgb[at + 2] = inDisc ? 50 : static_cast<std::uint8_t>(40 + (y * 11) % 30);
        }
    const PixelView view{rgb.data(), width, height, static_cast<std::size_t>(width * 3), 3};
    const MaskRle mask = grabCutMask(view, Box{45, 25, 70, 70});
    const double found = static_cast<double>(area(mask));
    CHECK(found == Approx(discPixels).epsilon(0.05));
    const auto outline = polygonFromMask(mask);
    REQUIRE(outline);
    CHECK(isSimple(*outline));
    CHECK(iou(*outline, Polygon{{Point{55, 35}, Point{105, 35}, Point{105, 85}, Point{55, 85}}}) > 0.6);
}

TEST_CASE("Assists refuse bad input with a clear error", "[editing]")
{
    const auto pixels = testImage(100, 60);
    const PixelView view{pixels.data(), 100, 60, 300, 3};
    CHECK_THROWS_WITH(magicWandMask(view, ImagePoint{120, 5}, 5), Catch::Contains("outside the image"));
    CHECK_THROWS_WITH(magicWandMask(view, ImagePoint{5, 5}, 300), Catch::Contains("0 to 255"));
    CHECK_THROWS_WITH(grabCutMask(view, Box{90, 10, 20, 20}), Catch::Contains("not inside the image"));
    CHECK_THROWS_WITH(grabCutMask(view, Box{10, 10, 2, 20}), Catch::Contains("4 x 4"));
    CHECK_THROWS_AS(magicWandMask(PixelView{}, ImagePoint{1, 1}, 5), ValidationError);
}
