#include "core/errors.h"
#include "core/geometry/polygon.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace pixmark;

namespace {

Polygon squareAt(double x, double y, double side)
{
    return Polygon{{{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}}};
}

} // namespace

TEST_CASE("Polygons read and write their JSON form", "[geometry]")
{
    const Polygon p = parsePolygon(R"({"points": [[0, 0], [10.5, 0], [10.5, 4]]})");
    REQUIRE(p.points.size() == 3);
    CHECK(p.points[1] == Point{10.5, 0});
    const Polygon again = parsePolygon(toJson(p));
    CHECK(again.points == p.points);
}

TEST_CASE("Polygon area, bounds and simplicity", "[geometry]")
{
    CHECK(area(squareAt(2, 3, 10)) == Approx(100));
    Polygon clockwise = squareAt(0, 0, 4);
    std::reverse(clockwise.points.begin(), clockwise.points.end());
    CHECK(area(clockwise) == Approx(16));
    CHECK(area(Polygon{{{0, 0}, {4, 0}, {0, 3}}}) == Approx(6));
    CHECK(boundingBox(Polygon{{{1, 5}, {4, -2}, {0, 3}}}) == Box{0, -2, 4, 7});

    CHECK(isSimple(squareAt(0, 0, 10)));
    CHECK(isSimple(Polygon{{{0, 0}, {10, 0}, {10, 10}, {5, 3}, {0, 10}}})); // concave
    CHECK_FALSE(isSimple(Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}}));   // bow-tie
    CHECK_FALSE(isSimple(Polygon{{{0, 0}, {5, 0}, {10, 0}}}));              // flat
    CHECK_FALSE(isSimple(Polygon{{{0, 0}, {10, 0}, {5, 0}, {5, 5}}}));      // folds back on itself
    // Two squares touching at one corner (a figure eight through a shared vertex).
    CHECK_FALSE(isSimple(Polygon{{{0, 0}, {5, 0}, {5, 5}, {10, 5}, {10, 10}, {5, 10}, {5, 5}, {0, 5}}}));
    CHECK(isSimple(Polygon{{{0, 0}, {0, 0}, {10, 0}, {10, 10}, {0, 10}}})); // repeated point ignored

    // A many-sided star (non-convex) stays simple; swapping two vertices makes it cross.
    Polygon star;
    for (int i = 0; i < 2000; ++i) {
        const double angle = 2 * M_PI * i / 2000;
        const double radius = i % 2 ? 100 : 60;
        star.points.push_back({radius * std::cos(angle), radius * std::sin(angle)});
    }
    CHECK(isSimple(star));
    std::swap(star.points[10], star.points[500]);
    CHECK_FALSE(isSimple(star));
}

TEST_CASE("Polygon IoU matches the exact value", "[geometry]")
{
    const Polygon a = squareAt(0, 0, 10);
    CHECK(iou(a, a) == Approx(1.0));
    CHECK(iou(a, squareAt(5, 0, 10)) == Approx(50.0 / 150.0).margin(0.005));
    CHECK(iou(a, squareAt(5, 5, 10)) == Approx(25.0 / 175.0).margin(0.005));
    CHECK(iou(a, squareAt(20, 20, 10)) == 0.0);
    const Polygon triangle{{{0, 0}, {10, 0}, {0, 10}}}; // half of a
    CHECK(iou(a, triangle) == Approx(0.5).margin(0.005));
    // Huge coordinates cost no memory and keep the accuracy.
    CHECK(iou(squareAt(0, 0, 4e6), squareAt(1e6, 0, 4e6)) == Approx(12.0 / 20.0).margin(0.005));
    CHECK(iou(squareAt(1e7, 1e7, 0.5), squareAt(1e7 + 0.25, 1e7, 0.5)) == Approx(1.0 / 3.0).margin(0.01));
}

TEST_CASE("The majority region of polygons", "[geometry]")
{
    // Each pixel inside at least two of three squares: the first squareAt less a 10 x 10 corner.
    const auto merged = majorityPolygon({squareAt(0, 0, 100), squareAt(10, 0, 100), squareAt(0, 10, 100)});
    REQUIRE(merged);
    CHECK(area(*merged) == Approx(9900).epsilon(0.01));
    CHECK(boundingBox(*merged).x == Approx(0).margin(0.5));
    CHECK(boundingBox(*merged).w == Approx(100).margin(0.5));
    CHECK(isSimple(*merged));
    // Small shapes are traced on an enlarged canvas, so they stay accurate too.
    const auto small = majorityPolygon({squareAt(3, 3, 4), squareAt(3, 3, 4), squareAt(30, 30, 4)});
    REQUIRE(small);
    CHECK(area(*small) == Approx(16).epsilon(0.02));
    // Two polygons: inside at least one of them, their union.
    const auto pair = majorityPolygon({squareAt(0, 0, 10), squareAt(5, 0, 10)});
    REQUIRE(pair);
    CHECK(area(*pair) == Approx(150).epsilon(0.01));
    // Huge coordinates are traced on a canvas of at most 1024 pixels, at that accuracy.
    const auto huge = majorityPolygon({squareAt(0, 0, 4e6), squareAt(4e5, 0, 4e6), squareAt(0, 4e5, 4e6)});
    REQUIRE(huge);
    CHECK(area(*huge) == Approx(16e12 - 16e10).epsilon(0.01));
    CHECK_FALSE(majorityPolygon({}));
    CHECK_FALSE(majorityPolygon({squareAt(0, 0, 10), squareAt(20, 0, 10), squareAt(40, 0, 10)}));
}

TEST_CASE("Malformed polygons are refused with the reason", "[geometry][validation]")
{
    CHECK_THROWS_AS(parsePolygon("{"), ValidationError);
    CHECK_THROWS_AS(parsePolygon("42"), ValidationError);
    CHECK_THROWS_WITH(parsePolygon(R"({"pts": []})"), Catch::Contains("\"points\""));
    CHECK_THROWS_WITH(parsePolygon(R"({"points": [[0,0],[1,1]]})"), Catch::Contains("at least 3"));
    CHECK_THROWS_WITH(parsePolygon(R"({"points": [[0,0],[1,1],[2]]})"), Catch::Contains("point 3"));
    CHECK_THROWS_AS(parsePolygon(R"({"points": [[0,0],[1,1],["a",2]]})"), ValidationError);
    CHECK_THROWS_AS(parsePolygon(R"({"points": {"x": 1}})"), ValidationError);
}
