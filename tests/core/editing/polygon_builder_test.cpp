// The polygon tool's logic without any widget: vertices, closing three ways, Backspace,
// Esc, and crossing edges refused.
#include "core/editing/polygon_builder.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace pixmark;
using editing::ImagePoint;
using editing::PolygonBuilder;
using editing::PolygonStep;

namespace {
std::vector<Point> squareCorners()
{
    return {Point{10, 10}, Point{50, 10}, Point{50, 50}, Point{10, 50}};
}

void addSquare(PolygonBuilder& builder)
{
    for (const Point& p : squareCorners())
        builder.press(ImagePoint{p.x, p.y});
}
} // namespace

TEST_CASE("Pressing on the first vertex closes the polygon, vertices snapped to pixels", "[editing]")
{
    PolygonBuilder builder(100, 80);
    CHECK(builder.press(ImagePoint{10.4, 9.6}).step == PolygonStep::Started);
    CHECK(builder.press(ImagePoint{50, 10}).step == PolygonStep::Added);
    CHECK(builder.press(ImagePoint{50.2, 49.8}).step == PolygonStep::Added);
    CHECK(builder.press(ImagePoint{10, 50}).step == PolygonStep::Added);
    CHECK(builder.canClose());
    builder.setCloseTolerance(3);
    CHECK(builder.wouldClose(ImagePoint{11.5, 11}));
    const auto result = builder.press(ImagePoint{11.5, 11});
    REQUIRE(result.step == PolygonStep::Closed);
    REQUIRE(result.polygon);
    CHECK(result.polygon->points == squareCorners());
    CHECK_FALSE(builder.isActive());
}

TEST_CASE("Enter and a double-click on the last vertex close too", "[editing]")
{
    PolygonBuilder builder(100, 80);
    addSquare(builder);
    SECTION("Enter")
    {
        const auto result = builder.close();
        REQUIRE(result.polygon);
        CHECK(result.polygon->points == squareCorners());
    }
    SECTION("a second press on the last vertex")
    {
        const auto result = builder.press(ImagePoint{10.2, 50.3});
        REQUIRE(result.step == PolygonStep::Closed);
        CHECK(result.polygon->points == squareCorners());
    }
}

TEST_CASE("Closing needs three vertices", "[editing]")
{
    PolygonBuilder builder(100, 80);
    CHECK(builder.close().step == PolygonStep::Ignored);
    builder.press(ImagePoint{10, 10});
    builder.press(ImagePoint{20, 10});
    CHECK_FALSE(builder.canClose());
    CHECK(builder.close().step == PolygonStep::TooFew);
    CHECK(builder.isActive());
}

TEST_CASE("Backspace drops the last vertex and Esc drops everything", "[editing]")
{
    PolygonBuilder builder(100, 80);
    addSquare(builder);
    CHECK(builder.dropLast());
    CHECK(builder.vertices().size() == 3);
    CHECK(builder.vertices().back() == Point{50, 50});
    builder.cancel();
    CHECK_FALSE(builder.isActive());
    CHECK(builder.vertices().empty());
    CHECK_FALSE(builder.dropLast());
    CHECK(builder.close().step == PolygonStep::Ignored);
}

TEST_CASE("An edge crossing the outline is refused and the outline stays as it was", "[editing]")
{
    PolygonBuilder builder(100, 80);
    builder.press(ImagePoint{10, 10});
    builder.press(ImagePoint{50, 10});
    builder.press(ImagePoint{50, 50});
    // From (50, 50) to (30, 0) crosses the first edge.
    CHECK(builder.wouldCross(ImagePoint{30, 0}));
    CHECK(builder.press(ImagePoint{30, 0}).step == PolygonStep::Crossing);
    CHECK(builder.vertices().size() == 3);
    // Folding straight back along the last edge is refused as well.
    CHECK(builder.press(ImagePoint{50, 30}).step == PolygonStep::Crossing);
    // A spiral whose every edge is fine, but whose closing edge runs through a vertex.
    builder.cancel();
    for (const Point& p : {Point{0, 0}, Point{40, 0}, Point{40, 40}, Point{10, 40}, Point{10, 10}, Point{30, 10},
                           Point{30, 30}})
        REQUIRE(builder.press(ImagePoint{p.x, p.y}).step != PolygonStep::Crossing);
    CHECK_FALSE(builder.canClose());
    CHECK(builder.close().step == PolygonStep::Crossing);
    CHECK(builder.isActive());
}

TEST_CASE("Vertices stay inside the image", "[editing]")
{
    PolygonBuilder builder(100, 80);
    builder.press(ImagePoint{-5, -3});
    builder.press(ImagePoint{140, 2});
    builder.press(ImagePoint{60, 95});
    const auto result = builder.close();
    REQUIRE(result.polygon);
    CHECK(result.polygon->points == std::vector<Point>{Point{0, 0}, Point{100, 2}, Point{60, 80}});
}

TEST_CASE("A 500-vertex outline is drawn and closed", "[editing]")
{
    PolygonBuilder builder(1000, 1000);
    std::vector<Point> expected;
    for (int i = 0; i < 500; ++i) {
        const double angle = 2 * M_PI * i / 500;
        const ImagePoint p{500 + 400 * std::cos(angle), 500 + 400 * std::sin(angle)};
        const auto step = builder.press(p).step;
        REQUIRE((step == PolygonStep::Added || step == PolygonStep::Started));
        expected.push_back(Point{std::round(p.x), std::round(p.y)});
    }
    const auto result = builder.close();
    REQUIRE(result.polygon);
    CHECK(result.polygon->points == expected);
    CHECK(isSimple(*result.polygon));
}
