// Semantic masks without any widget: brush and eraser strokes paint exactly the pixels
// whose centers are in reach, fills, per-class run-length masks, and patches that undo
// and redo an edit exactly.
#include "core/editing/label_map.h"

#include "core/errors.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::editing;

namespace {
// Lattice points within radius of the origin: the pixel centers a click paints.
std::int64_t latticeDisc(int radius)
{
    std::int64_t total = 0;
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx)
            total += dx * dx + dy * dy <= radius * radius;
    return total;
}
} // namespace

TEST_CASE("A brush click paints a disc of pixel centers", "[editing]")
{
    // Radius 5: 81 lattice points (a known count: Gauss's circle problem, N(5) = 81).
    REQUIRE(latticeDisc(5) == 81);
    LabelMap map(200, 100);
    MaskEdit edit(map);
    const PixelRect rect = edit.stroke(ImagePoint{50.3, 40.9}, ImagePoint{50.3, 40.9}, 5, 7);
    CHECK(rect == PixelRect{45, 35, 11, 11});
    CHECK(map.count(7) == 81);
    CHECK(map.classAt(50, 40) == 7);
    CHECK(map.classAt(55, 40) == 7);
    CHECK(map.classAt(55, 41) == 0);
    const auto patch = edit.finish();
    REQUIRE(patch);
    CHECK(patch->rect == PixelRect{45, 35, 11, 11});
}

TEST_CASE("A stroke paints a capsule; the eraser takes pixels back", "[editing]")
{
    LabelMap map(200, 100);
    MaskEdit paint(map);
    paint.stroke(ImagePoint{20.5, 50.5}, ImagePoint{70.5, 50.5}, 6, 3);
    REQUIRE(paint.finish());
    // The disc, plus one column of 2r + 1 pixels for each of the 50 steps between the ends.
    CHECK(map.count(3) == latticeDisc(6) + 50 * 13);
    MaskEdit erase(map);
    erase.stroke(ImagePoint{45.5, 50.5}, ImagePoint{45.5, 50.5}, 4, 0);
    REQUIRE(erase.finish());
    CHECK(map.count(3) == latticeDisc(6) + 50 * 13 - latticeDisc(4));
    CHECK(map.labeledCount() == map.count(3));
}

TEST_CASE("A patch undoes and redoes exactly; an edit changing nothing gives none", "[editing]")
{
    LabelMap map(64, 48);
    MaskEdit first(map);
    first.stroke(ImagePoint{10, 10}, ImagePoint{30, 20}, 3, 1);
    REQUIRE(first.finish());
    const std::vector<std::uint8_t> before = map.pixels();
    MaskEdit second(map);
    second.stroke(ImagePoint{20, 10}, ImagePoint{40, 30}, 4, 2);
    const auto patch = second.finish();
    REQUIRE(patch);
    const std::vector<std::uint8_t> after = map.pixels();
    CHECK(before != after);
    map.apply(*patch, false);
    CHECK(map.pixels() == before);
    map.apply(*patch, true);
    CHECK(map.pixels() == after);
    // Less memory than the raw rectangle twice.
    CHECK(patch->bytes() < static_cast<std::size_t>(patch->rect.w * patch->rect.h) * 2);
    MaskEdit again(map);
    again.stroke(ImagePoint{20, 10}, ImagePoint{40, 30}, 4, 2);
    CHECK_FALSE(again.finish());
}

TEST_CASE("Cancel puts every pixel back", "[editing]")
{
    LabelMap map(64, 48);
    MaskEdit edit(map);
    edit.stroke(ImagePoint{10, 10}, ImagePoint{50, 40}, 5, 4);
    CHECK(map.count(4) > 0);
    edit.cancel();
    CHECK(map.labeledCount() == 0);
}

TEST_CASE("Flood fill stops at other classes; polygon fill covers pixel centers inside", "[editing]")
{
    LabelMap map(100, 100);
    MaskEdit frame(map);
    // A closed 1-pixel ring of class 1: the square outline x, y in [20, 60).
    frame.fillPolygon(Polygon{{Point{20, 20}, Point{60, 20}, Point{60, 60}, Point{20, 60}}}, 1);
    frame.fillPolygon(Polygon{{Point{21, 21}, Point{59, 21}, Point{59, 59}, Point{21, 59}}}, 0);
    REQUIRE(frame.finish());
    CHECK(map.count(1) == 40 * 40 - 38 * 38);
    MaskEdit fill(map);
    fill.floodFill(30, 30, 2);
    REQUIRE(fill.finish());
    CHECK(map.count(2) == 38 * 38);
    MaskEdit outside(map);
    outside.floodFill(0, 0, 3);
    REQUIRE(outside.finish());
    CHECK(map.count(3) == 100 * 100 - 40 * 40);
    // Filling a region with its own class changes nothing.
    MaskEdit same(map);
    same.floodFill(30, 30, 2);
    CHECK_FALSE(same.finish());
    CHECK(map.classes() == std::vector<ClassId>{1, 2, 3});
}

TEST_CASE("Per-class masks round-trip through run-length encoding", "[editing]")
{
    LabelMap map(40, 30);
    MaskEdit edit(map);
    edit.fillPolygon(Polygon{{Point{0, 0}, Point{10, 0}, Point{10, 10}, Point{0, 10}}}, 5);
    edit.fillPolygon(Polygon{{Point{20, 5}, Point{30, 5}, Point{30, 25}, Point{20, 25}}}, 9);
    REQUIRE(edit.finish());
    const MaskRle five = map.mask(5);
    CHECK(area(five) == 100);
    CHECK(area(map.mask(9)) == 200);
    LabelMap copy(40, 30);
    MaskEdit load(copy);
    load.fillMask(five, 5);
    load.fillMask(map.mask(9), 9);
    REQUIRE(load.finish());
    CHECK(copy.mask(5) == five);
    CHECK(copy.mask(9) == map.mask(9));
    // A polygon to a mask and back gives the same outline for a pixel-aligned square.
    const auto outline = polygonFromMask(five);
    REQUIRE(outline);
    CHECK(area(*outline) == Approx(100));
}

TEST_CASE("Bad sizes are refused with a clear error", "[editing]")
{
    CHECK_THROWS_AS(LabelMap(0, 10), ValidationError);
    CHECK_THROWS_WITH(LabelMap(10, -1), Catch::Contains("1 to"));
    LabelMap map(10, 10);
    MaskEdit edit(map);
    CHECK_THROWS_WITH(edit.fillMask(MaskRle{5, 5, {25}}, 1), Catch::Contains("5 x 5"));
}
